# Hostile and broken input through the binary (issue 7): unreadable input exits 2 with a message naming
# the input, the place and what was expected; odd patients are warned about and their criteria unknown;
# a bad record never takes the others with it. Big inputs are generated here, never committed.
source "$(dirname "$0")/lib.sh"

EX="$P/example.json"
AS_OF=(--as-of 2026-11-21)

# --- unreadable patient files: exit 2, the file and the place named on stderr, no crash (status < 128)
: > "$TMP/empty.json"
printf '\x00\x01\x02\xff binary' > "$TMP/binary.json"
head -c 300 "$EX" > "$TMP/truncated.json"
python3 -c "import sys; sys.stdout.write('[' * 200000 + ']' * 200000)" > "$TMP/deep.json"
printf '{"id": "P-N", "sex": "female", "birth_date": "1980-01-01", "note": 1e99999}' > "$TMP/overflow.json"
run "empty patient" 2 "$TM" match "$TMP/empty.json" "${AS_OF[@]}"
expect "empty patient named" "$TMP/err" "$TMP/empty.json (line 1): empty input: expected a patient JSON object"
run "binary patient" 2 "$TM" match "$TMP/binary.json" "${AS_OF[@]}"
expect "binary patient named" "$TMP/err" "$TMP/binary.json (line 1): binary content (a NUL byte at byte 0)"
run "truncated patient" 2 "$TM" match "$TMP/truncated.json" "${AS_OF[@]}"
expect "truncated patient named" "$TMP/err" "$TMP/truncated.json (line "
expect "truncated patient says what was expected" "$TMP/err" "): expected a patient JSON object or NDJSON lines of them"
run "200,000 nested arrays as a patient" 2 "$TM" match "$TMP/deep.json" "${AS_OF[@]}"
expect "deep patient named" "$TMP/err" \
  "$TMP/deep.json (line 1): arrays and objects nested deeper than 128 levels (at byte 128): expected a patient JSON object"
run "a number beyond double" 2 "$TM" match "$TMP/overflow.json" "${AS_OF[@]}"
expect "overflow named" "$TMP/err" "number overflow"
run "missing patient" 2 "$TM" match "$TMP/no-such-patient.json" "${AS_OF[@]}"
expect "missing patient named" "$TMP/err" "$TMP/no-such-patient.json"
run "a folder as the patient" 2 "$TM" match "$TMP" "${AS_OF[@]}"
expect "folder patient named" "$TMP/err" "is a folder: expected a patient file"

# --- usage errors
run "unknown subcommand" 2 "$TM" hostile
expect "unknown subcommand named" "$TMP/err" "unknown subcommand 'hostile': expected parse, trials, match"
run "impossible --as-of" 2 "$TM" match "$EX" --as-of 2026-13-45
expect "impossible --as-of named" "$TMP/err" "--as-of '2026-13-45': expected a calendar date YYYY-MM-DD"
run "--as-of 30 February" 2 "$TM" match "$EX" --as-of 2026-02-30
run "--as-of not a date" 2 "$TM" match "$EX" --as-of yesterday
run "trials path that does not exist" 2 "$TM" match "$EX" --trials "$TMP/no-such-trials" "${AS_OF[@]}"
expect "trials path named" "$TMP/err" "$TMP/no-such-trials"
expect "trials path expectation" "$TMP/err" "no such file or folder"

# --- unreadable trial files among good ones: each named, the good ones still matched
mkdir -p "$TMP/lib"
cp "$SEEDS"/*.txt "$TMP/lib/"
cp "$TMP/deep.json" "$TMP/lib/deep.json"
head -c 200 "$E2E/e2e_text.json" > "$TMP/lib/truncated.json"
printf '\xff\xfe\x00binary' > "$TMP/lib/binary.json"
: > "$TMP/lib/empty.txt"
truncate -s 1100M "$TMP/lib/huge.json"  # sparse: refused by its size before it is read
python3 - "$TMP/lib/many.json" <<'EOF'
import json, sys
criteria = "Inclusion Criteria:\n" + "".join(f"* Platelets >= {i}\n" for i in range(1, 2002))
study = {"protocolSection": {"identificationModule": {"nctId": "NCT09999991", "briefTitle": "Many"},
                             "eligibilityModule": {"eligibilityCriteria": criteria, "sex": "ALL"}}}
json.dump(study, open(sys.argv[1], "w"))
EOF
run "bad trials among good" 2 "$TM" match "$EX" --trials "$TMP/lib" "${AS_OF[@]}" --format ndjson
expect "deep trial file named" "$TMP/err" "$TMP/lib/deep.json (byte 128): arrays and objects nested deeper than 128 levels"
expect "truncated trial file named" "$TMP/err" "$TMP/lib/truncated.json (byte "
expect "binary trial file named" "$TMP/err" "$TMP/lib/binary.json"
expect "empty trial file named" "$TMP/err" "$TMP/lib/empty.txt"
expect "huge trial file refused by size" "$TMP/err" "bytes is larger than the limit of 1073741824 bytes; not read"
expect "trial with too many criteria refused" "$TMP/err" \
  "trial NCT09999991 has 2001 criteria, more than the limit of 2000; not loaded"
is "the five good trials still matched" "$(grep -c '"verdict"' "$TMP/out")" 5

# --- odd but readable patients: a warning naming patient, field and problem; the criterion unknown
python3 - "$TMP/odd.json" <<'EOF'
import json, sys
p = {"id": "P-ODD", "sex": "female", "birth_date": "2999-01-01",
     "observations": [
         {"code": "hemoglobin", "value": "9.5", "unit": "g/dL", "date": "2026-11-01"},
         {"code": "platelets", "value": 1e308, "unit": "10*9/L", "date": "2026-11-01"},
         {"code": "alt", "value": -4, "unit": "U/L", "date": "2026-11-01"},
         {"code": "creatinine", "value": 1.0, "unit": "smoots", "date": "2026-11-01"},
         {"code": "ecog", "value": 1},
         {"code": "anc", "value": 1.5, "unit": "10*9/L", "date": "2026-11-01"},
         {"code": "anc", "value": 800, "unit": "/uL", "date": "2026-11-01"}],
     "conditions": [{"code": "acute_myeloid_leukemia", "status": "active", "text": "AML BADBYTE"}]}
data = json.dumps(p).encode().replace(b"BADBYTE", b"\xe9\xff")
open(sys.argv[1], "wb").write(data)
EOF
cat > "$TMP/odd_trial.json" <<'EOF'
{"protocolSection": {"identificationModule": {"nctId": "NCT09999993", "briefTitle": "Odd values"},
 "eligibilityModule": {"sex": "ALL", "eligibilityCriteria":
 "Inclusion Criteria:\n* Age >= 18 years\n* Hemoglobin >= 9 g/dL\n* Platelets >= 100 x 10^9/L\n* ALT <= 3 x ULN\n* Serum creatinine <= 1.5 mg/dL\n* ANC >= 1.0 x 10^9/L\n"}}}
EOF
run "odd patient" 0 "$TM" match "$TMP/odd.json" --trials "$TMP/odd_trial.json" "${AS_OF[@]}" --format json
W() { expect "$1" "$TMP/out" "patient P-ODD: $2"; }
W "future birth date" "/birth_date: 2999-01-01 is in the future; left out"
W "value as a string" '/observations/0/value: expected a number, got string \"9.5\"; the value is not used'
W "1e308" "/observations/1/value: value 1e+308 is not a plausible measurement; the value is not used"
W "negative value" "/observations/2/value: negative value -4 for alt; the value is not used"
W "unknown unit" "/observations/3/unit: unit 'smoots' is not known; the value is not used"
W "no date" "/observations/4: no date; used only where no dated value exists"
W "two units one day" "/observations/6: two values of anc on 2026-11-01 in different units disagree"
W "invalid UTF-8" "/conditions/0/text: invalid UTF-8 in the text; the bad bytes are shown as U+FFFD"
# No criterion rests on a value that cannot be trusted: each is unknown, never a pass or a fail.
for n in 1 2 3 4 5 6; do
  is "odd patient: inclusion $n unknown" "$(J outcome "$TMP/out" NCT09999993 inclusion $n)" "unknown unknown"
done
is "odd patient: needs review" "$(J verdict "$TMP/out" NCT09999993)" needs_review

# --- NDJSON batch: bad records reported with line and reason, skipped, counted; the others matched
{
  tr -d '\n' < "$EX"; echo
  echo '{"id": "broken", '
  python3 -c "import sys; sys.stdout.write('[' * 200000 + ']' * 200000 + '\n')"
  echo '{"id": "B", "observations": [{"code": "hemoglobin", "value": {"unit": "g/dL"}}]}'
  echo '"just a string"'
  echo '[]'
  tr -d '\n' < "$EX"; echo
  echo '{"id": "huge", "observations": [{"code": "alt", "value": 1e99999, "unit": "U/L", "date": "2026-01-01"}]}'
  printf '{"id": "U8", "sex": "male", "birth_date": "2000-01-01", "name": "\xff\xfe"}\n'
} > "$TMP/batch.ndjson"
run "batch with bad records" 2 "$TM" match "$TMP/batch.ndjson" "${AS_OF[@]}" --format ndjson
expect "line 2 named" "$TMP/err" "$TMP/batch.ndjson (line 2): not valid JSON"
expect "line 3 named (too deep)" "$TMP/err" "$TMP/batch.ndjson (line 3): JSON nested deeper than 128 levels"
expect "line 5 named" "$TMP/err" "$TMP/batch.ndjson (line 5): not a patient at '/': expected a patient JSON object, got string"
expect "line 6 named" "$TMP/err" "$TMP/batch.ndjson (line 6): not a patient at '/': expected a patient JSON object, got array"
expect "line 8 named (a number out of range)" "$TMP/err" "$TMP/batch.ndjson (line 8): not readable JSON"
expect_not "line 4 is a patient" "$TMP/err" "(line 4)"
expect_not "line 9 (bad UTF-8, repaired) is a patient" "$TMP/err" "(line 9)"
expect "skipped counted" "$TMP/err" "5 patient records skipped"
is "the patient with bad UTF-8 matched" "$(grep -c '"patient":"U8"' "$TMP/out")" 5
is "good patients matched" "$(grep -c '"patient":"P-EX-THAL-014"' "$TMP/out")" 10
is "the odd patient matched" "$(grep -c '"patient":"B"' "$TMP/out")" 5

# --- hostile criterion text: parsed or refused in time, no crash
t0=$(date +%s)
for n in 100000 200000; do
  python3 -c "import sys; sys.stdout.write('(' * $n + 'ALT > 3 x ULN' + ')' * $n + '\n')" > "$TMP/parens.txt"
  run "$n nested parentheses" 0 "$TM" parse --json < "$TMP/parens.txt"
  expect "$n parentheses refused by length" "$TMP/out" "longer than the limit of 65536"
done
python3 -c "import sys; sys.stdout.write('Age ' + '>' * 200000 + ' 18 years\n')" > "$TMP/cmps.txt"
run "200,000 comparators" 0 "$TM" parse --json < "$TMP/cmps.txt"
python3 -c "import sys; sys.stdout.write('Platelets >= 100 and ' * 250000 + 'ALT > 3 x ULN\n')" > "$TMP/five_mb.txt"
run "a 5 MB line" 0 "$TM" parse --json < "$TMP/five_mb.txt"
expect "5 MB line kept as text" "$TMP/out" '"not_understood"'
# The same 5 MB line inside a trial: the trial loads, the line stays text, the rest is read.
python3 - "$TMP/five_mb.txt" "$TMP/big_trial.json" <<'EOF'
import json, sys
line = open(sys.argv[1]).read().strip()
study = {"protocolSection": {"identificationModule": {"nctId": "NCT09999992", "briefTitle": "Big"},
         "eligibilityModule": {"eligibilityCriteria": "Inclusion Criteria:\n* " + line + "\n* Age >= 18 years\n"}}}
json.dump(study, open(sys.argv[2], "w"))
EOF
run "a 5 MB criterion in a trial" 0 "$TM" trials "$TMP/big_trial.json"
expect "the big trial is listed" "$TMP/out" "NCT09999992"
elapsed=$(( $(date +%s) - t0 ))
checks=$((checks + 1))
# Only a hang fails here (sanitised builds on a shared machine are slow); the unit tests
# (test_grammar_hostile.cpp, test_trials_hostile.cpp) hold optimised builds to a second or two.
if [ "$elapsed" -gt 600 ]; then echo "FAIL hostile criterion text took ${elapsed}s"; failures=$((failures + 1)); fi

finish
