# Lines left as text (fixtures/trials/e2e/e2e_text.json, E2E-TEXT): a judgement line is to_confirm and does
# not stop "eligible"; a line nobody can read is unknown, so the trial is needs_review, never eligible; a
# failing line still makes it ineligible.
source "$(dirname "$0")/lib.sh"
TRIAL="$SRC/fixtures/trials/e2e/e2e_text.json"
BASE="$SRC/fixtures/patients/e2e_adult_base.json"

run "adult" 0 "$TM" match "$BASE" --trials "$TRIAL" --as-of 2026-11-21 --format json
cp "$TMP/out" "$TMP/adult.json"
is "adult: needs_review" "$(J verdict "$TMP/adult.json" E2E-TEXT)" needs_review
is "adult: consent is to_confirm" "$(J outcome "$TMP/adult.json" E2E-TEXT inclusion 2 | cut -d' ' -f1)" to_confirm
is "adult: investigator's opinion is to_confirm" "$(J outcome "$TMP/adult.json" E2E-TEXT exclusion 1 | cut -d' ' -f1)" to_confirm
is "adult: the unreadable line is the only unknown" "$(J unknown "$TMP/adult.json" E2E-TEXT)" "exclusion:2"
is "adult: nothing fails" "$(J failing "$TMP/adult.json" E2E-TEXT)" ""
is "adult: the unknowns count" "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["results"][0]["unknowns"])' "$TMP/adult.json")" 1
run "adult: text" 0 "$TM" match "$BASE" --trials "$TRIAL" --as-of 2026-11-21
expect "adult: text verdict" "$TMP/out" "NEEDS REVIEW  E2E-TEXT"
expect "adult: text shows the unreadable line" "$TMP/out" "Zorbic fluctuations of the glimmer"

# Without the unreadable line: every criterion passes or is to_confirm, so eligible.
python3 - "$TRIAL" "$TMP/judgement_only.json" <<'PY'
import json, sys
t = json.load(open(sys.argv[1]))
t["id"] = "E2E-TEXT-JUDGEMENT"
t["criteria"] = [c for c in t["criteria"] if not c["text"].startswith("Zorbic")]
json.dump(t, open(sys.argv[2], "w"), ensure_ascii=False)
PY
run "judgement only" 0 "$TM" match "$BASE" --trials "$TMP/judgement_only.json" --as-of 2026-11-21 --format json
is "judgement only: eligible" "$(J verdict "$TMP/out" E2E-TEXT-JUDGEMENT)" eligible

# A failure outweighs the unknown: 17 years old is ineligible.
J derive "$BASE" "$TMP/teen.json" id=P-E2E-TEEN birth=2009-06-01
run "17 years" 0 "$TM" match "$TMP/teen.json" --trials "$TRIAL" --as-of 2026-11-21 --format json
is "17 years: ineligible" "$(J verdict "$TMP/out" E2E-TEXT)" ineligible
is "17 years: inclusion 1 fails" "$(J failing "$TMP/out" E2E-TEXT)" "inclusion:1"

finish
