# Output forms and inputs: --format ndjson (one trial result a line, each with patient and as_of), the
# order of results, text output naming failing criteria with values, an NDJSON batch of patients giving a
# report per patient, and one patient as native JSON and as a FHIR Bundle giving the same report.
source "$(dirname "$0")/lib.sh"

# The same patient as native JSON and as a FHIR R4 Bundle: the same report, criterion by criterion.
run "native" 0 "$TM" match "$P/example.json" --as-of 2026-11-21 --format json
cp "$TMP/out" "$TMP/native.json"
run "fhir" 0 "$TM" match "$P/example.fhir.json" --as-of 2026-11-21 --format json
cp "$TMP/out" "$TMP/fhir.json"
is "native and FHIR give the same report" "$(J same "$TMP/native.json" "$TMP/fhir.json")" same
run "native, open world" 0 "$TM" match "$P/example.json" --as-of 2026-11-21 --open-world --format json
cp "$TMP/out" "$TMP/native_ow.json"
run "fhir, open world" 0 "$TM" match "$P/example.fhir.json" --as-of 2026-11-21 --open-world --format json
is "native and FHIR the same under --open-world" "$(J same "$TMP/native_ow.json" "$TMP/out")" same
run "native text" 0 "$TM" match "$P/example.json" --as-of 2026-11-21
cp "$TMP/out" "$TMP/native.txt"
run "fhir text" 0 "$TM" match "$P/example.fhir.json" --as-of 2026-11-21
# The record's label in a fact line (the coding as written in native JSON, the display text in FHIR) may
# differ; everything else must be the same.
unlabel() { grep -v '^Patient ' "$1" | sed "s/ ('[^']*')//g"; }
checks=$((checks + 1))
if ! diff <(unlabel "$TMP/native.txt") <(unlabel "$TMP/out") > "$TMP/diff"; then
  echo "FAIL native and FHIR text reports differ:"; head -20 "$TMP/diff"; failures=$((failures + 1))
fi

# Every native fixture written as a FHIR Bundle (lib_json.py fhir) gives the same report as the native file,
# and so do variants whose deciding fact is a unit (/uL), a CVX vaccine, an ATC drug, a SNOMED condition.
for f in "$P"/*.json; do
  name=$(basename "$f" .json)
  [ "$name" = example.fhir ] && continue
  J fhir "$f" "$TMP/$name.fhir.json"
  run "$name native" 0 "$TM" match "$f" --as-of 2026-11-21 --format json
  cp "$TMP/out" "$TMP/$name.native.report.json"
  run "$name as FHIR" 0 "$TM" match "$TMP/$name.fhir.json" --as-of 2026-11-21 --format json
  is "$name: native and FHIR the same" "$(J same "$TMP/$name.native.report.json" "$TMP/out")" same
done
NODES="$E2E/e2e_nodes.json"
BASE="$P/e2e_adult_base.json"
variants=(
  'plt_ul|obs={"code":{"system":"http://loinc.org","code":"777-3"},"value":85000,"unit":"/uL","date":"2026-11-10"}|exclusion:1'
  'creat|obs={"code":{"system":"http://loinc.org","code":"2160-0"},"value":2.1,"unit":"mg/dL","date":"2026-11-10"}|inclusion:3'
  'vax|imm={"code":{"system":"http://hl7.org/fhir/sid/cvx","code":"21"},"text":"Varicella","status":"completed","date":"2026-10-31"}|exclusion:2'
  'pred|med={"code":{"system":"http://www.whocc.no/atc","code":"H02AB07"},"text":"prednisone","status":"active","start":"2026-11-20"}|exclusion:3'
  'hiv|cond={"code":{"system":"http://snomed.info/sct","code":"86406008"},"text":"HIV infection","status":"active","onset":"2020-01-01"}|exclusion:4'
)
for v in "${variants[@]}"; do
  IFS='|' read -r name op failing <<< "$v"
  J derive "$BASE" "$TMP/v_$name.json" "id=P-E2E-V-$name" "$op"
  J fhir "$TMP/v_$name.json" "$TMP/v_$name.fhir.json"
  run "variant $name native" 0 "$TM" match "$TMP/v_$name.json" --trials "$NODES" --as-of 2026-11-21 --format json
  cp "$TMP/out" "$TMP/v_$name.report.json"
  is "variant $name native: fails $failing" "$(J failing "$TMP/v_$name.report.json" E2E-NODES)" "$failing"
  run "variant $name FHIR" 0 "$TM" match "$TMP/v_$name.fhir.json" --trials "$NODES" --as-of 2026-11-21 --format json
  is "variant $name: native and FHIR the same" "$(J same "$TMP/v_$name.report.json" "$TMP/out")" same
done

# NDJSON: one trial result a line, each with the patient and the reference date, in the contract's order.
run "ndjson" 0 "$TM" match "$P/example.json" --as-of 2026-11-21 --format ndjson
cp "$TMP/out" "$TMP/one.ndjson"
is "ndjson: a line per seed trial, each with patient and as_of" "$(J ndjson "$TMP/one.ndjson")" \
  "5 lines, patients: P-EX-THAL-014, as_of: 2026-11-21"
is "ndjson: ordered" "$(J order "$TMP/one.ndjson")" ok
is "ndjson: the same results as json" "$(J same "$TMP/native.json" "$TMP/one.ndjson")" same

# The order across all three verdicts: the adult base patient on the small trials and the seeds together
# (E2E-NODES eligible, E2E-GUARD needs_review with 1 unknown, E2E-LIMITS ineligible for sex, seeds between).
MIXED=("$E2E/e2e_nodes.json" "$E2E/e2e_guard.json" "$E2E/e2e_limits.json" "$SEEDS")
run "mixed verdicts" 0 "$TM" match "$P/e2e_adult_base.json" --trials "${MIXED[@]}" --as-of 2026-11-21 --format json
cp "$TMP/out" "$TMP/mixed.json"
is "mixed: ordered eligible, needs_review by unknowns, ineligible" "$(J order "$TMP/mixed.json")" ok
is "mixed: E2E-NODES eligible" "$(J verdict "$TMP/mixed.json" E2E-NODES)" eligible
is "mixed: E2E-GUARD needs_review" "$(J verdict "$TMP/mixed.json" E2E-GUARD)" needs_review
is "mixed: E2E-LIMITS ineligible" "$(J verdict "$TMP/mixed.json" E2E-LIMITS)" ineligible
is "mixed: the structured sex limit fails" "$(J failing "$TMP/mixed.json" E2E-LIMITS)" "inclusion:sex"
is "mixed: first result is the eligible one" \
  "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["results"][0]["trial"])' "$TMP/mixed.json")" E2E-NODES
run "trials --json (e2e + seeds)" 0 "$TM" trials "${MIXED[@]}" --json
cp "$TMP/out" "$TMP/trials.ndjson"
is "mixed: no criterion absent (structured limits counted)" "$(J counts "$TMP/mixed.json" "$TMP/trials.ndjson")" ok
run "mixed ndjson" 0 "$TM" match "$P/e2e_adult_base.json" --trials "${MIXED[@]}" --as-of 2026-11-21 --format ndjson
is "mixed ndjson: ordered" "$(J order "$TMP/out")" ok
is "mixed ndjson: same as json" "$(J same "$TMP/mixed.json" "$TMP/out")" same

# Structured limits: a 17-year-old woman fails min_age only; a 70-year-old woman max_age only.
J derive "$P/e2e_adult_base.json" "$TMP/woman17.json" id=P-E2E-W17 birth=2009-06-01
sed -i 's/"sex": "male"/"sex": "female"/' "$TMP/woman17.json"
run "woman 17" 0 "$TM" match "$TMP/woman17.json" --trials "$E2E/e2e_limits.json" --as-of 2026-11-21 --format json
is "woman 17: min_age fails alone" "$(J failing "$TMP/out" E2E-LIMITS)" "inclusion:min_age"
J evidence "$TMP/out" E2E-LIMITS inclusion min_age age > "$TMP/q"
expect "woman 17: age and limit" "$TMP/q" "17 a | >= 18 a"
J derive "$TMP/woman17.json" "$TMP/woman70.json" birth=1956-01-01
run "woman 70" 0 "$TM" match "$TMP/woman70.json" --trials "$E2E/e2e_limits.json" --as-of 2026-11-21 --format json
is "woman 70: max_age fails alone" "$(J failing "$TMP/out" E2E-LIMITS)" "inclusion:max_age"
J derive "$TMP/woman17.json" "$TMP/woman30.json" birth=1996-03-10
run "woman 30" 0 "$TM" match "$TMP/woman30.json" --trials "$E2E/e2e_limits.json" --as-of 2026-11-21 --format json
is "woman 30: eligible" "$(J verdict "$TMP/out" E2E-LIMITS)" eligible

# Text output names each failing criterion with the patient's value.
run "text, creatinine" 0 "$TM" match "$P/tall_creatinine_mgdl_high.json" --as-of 2026-11-21
expect "text: ineligible trial" "$TMP/out" "INELIGIBLE    NCT06633354"
expect "text: FAIL line names the criterion" "$TMP/out" "FAIL        inclusion 5"
expect "text: the value and the conversion" "$TMP/out" "creatinine: 2.1 mg/dL (2026-11-10); needs <= 176.8 umol/L; 2.1 mg/dL = 185.6 umol/L"
run "text, vaccine" 0 "$TM" match "$P/thal_live_vaccine_3wk.json" --as-of 2026-11-21
expect "text: FAIL line for the vaccine" "$TMP/out" "FAIL        exclusion 18"
expect "text: the vaccine and its date" "$TMP/out" "Varicella vaccine (live)"

# An NDJSON file of several patients (native lines and a FHIR Bundle line): a report per patient, each the
# same as the patient's own report.
J oneline "$P/example.fhir.json" "$P/aml_prednisone.json" "$P/tall_creatinine_mgdl_high.json" > "$TMP/batch.ndjson"
run "batch json" 0 "$TM" match "$TMP/batch.ndjson" --as-of 2026-11-21 --format json
mkdir -p "$TMP/split"
is "batch: a report per patient" "$(J split "$TMP/out" "$TMP/split")" "P-EX-THAL-014 P-AML-PREDNISONE P-TALL-CREAT-HIGH"
for pair in P-EX-THAL-014:example P-AML-PREDNISONE:aml_prednisone P-TALL-CREAT-HIGH:tall_creatinine_mgdl_high; do
  run "alone ${pair#*:}" 0 "$TM" match "$P/${pair#*:}.json" --as-of 2026-11-21 --format json
  is "batch: ${pair%%:*} as alone" "$(J same "$TMP/split/${pair%%:*}.json" "$TMP/out")" same
done
run "batch ndjson" 0 "$TM" match "$TMP/batch.ndjson" --as-of 2026-11-21 --format ndjson
cp "$TMP/out" "$TMP/batch.out.ndjson"
is "batch ndjson: 5 results per patient" "$(J ndjson "$TMP/batch.out.ndjson")" \
  "15 lines, patients: P-EX-THAL-014 P-AML-PREDNISONE P-TALL-CREAT-HIGH, as_of: 2026-11-21"
is "batch ndjson: ordered per patient" "$(J order "$TMP/batch.out.ndjson")" ok
run "batch text" 0 "$TM" match "$TMP/batch.ndjson" --as-of 2026-11-21
is "batch text: a heading per patient" "$(grep -c '^Patient ' "$TMP/out")" 3

finish
