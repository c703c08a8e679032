# Evaluations the session 14 sample found wrong, and the known gaps closed with them
# (tests/unit/test_eval_sample14.cpp), through the binary: trial fixtures/trials/e2e/e2e_eval_sample14.json
# against the native profile below on 2026-11-21.
source "$(dirname "$0")/lib.sh"
TRIALS="$SRC/fixtures/trials/e2e/e2e_eval_sample14.json"
PATIENT="$TMP/e2e_eval_sample14.json"
cat >"$PATIENT" <<'JSON'
{"id": "P-E2E-EVAL-SAMPLE14", "sex": "male", "birth_date": "1960-01-01",
 "conditions": [
   {"code": "beta_thalassemia", "text": "Transfusion-dependent beta thalassemia", "status": "active", "onset": "1962-01-10"},
   {"code": {"system": "http://hl7.org/fhir/sid/icd-10-cm", "code": "I25.2"}, "text": "Old myocardial infarction",
    "status": "active", "onset": "2026-11-10"}],
 "observations": [
   {"code": "hemoglobin", "value": 6.5, "unit": "g/dL", "date": "2026-11-10"},
   {"code": "inr", "value": 1.4, "unit": "1", "date": "2026-11-10"},
   {"code": "creatinine", "value": 2.1, "unit": "mg/dL", "date": "2026-11-10"}]}
JSON

run "match" 0 "$TM" match "$PATIENT" --trials "$TRIALS" --as-of 2026-11-21 --format json
cp "$TMP/out" "$TMP/report.json"
# Beta thalassaemia is a haemolytic anaemia. Was "not recorded": the exclusion passed.
is "anaemia: thalassaemia" "$(J outcome "$TMP/report.json" E2E-EVAL-SAMPLE14 exclusion 2)" "fail true"
J evidence "$TMP/report.json" E2E-EVAL-SAMPLE14 exclusion 2 anemia > "$TMP/q"
expect "anaemia: the record shown" "$TMP/q" "beta_thalassemia is a anemia"
# Old MI (I25.2) noted on 2026-11-10: it happened then or before, so not known to be within 6 months. Was true.
is "old MI: not dated by its noting" "$(J outcome "$TMP/report.json" E2E-EVAL-SAMPLE14 exclusion 3)" "unknown unknown"
J evidence "$TMP/report.json" E2E-EVAL-SAMPLE14 exclusion 3 myocardial_infarction > "$TMP/q"
expect "old MI: the past code said" "$TMP/q" "coded as a history of it"
# INR 1.4, no range: 1.5 x every laboratory's ULN (1.1-1.3) exceeds it. Was unknown (no span).
is "INR: decided by the span" "$(J outcome "$TMP/report.json" E2E-EVAL-SAMPLE14 exclusion 4)" "pass false"
# "smoked" is one of smoking's names: the note says the number is not read, not that smoking is unlisted.
J evidence "$TMP/report.json" E2E-EVAL-SAMPLE14 inclusion 1 smoked > "$TMP/q"
expect "smoked: listed" "$TMP/q" "is listed (smoking)"
expect_not "smoked: not called unlisted" "$TMP/q" "not a concept the lexicon lists"
# No kidney disease coded, but creatinine 2.1 mg/dL is outside its reference range: a person checks. Was "not
# recorded": the exclusion passed.
is "CKD: shown by creatinine, not coded" "$(J outcome "$TMP/report.json" E2E-EVAL-SAMPLE14 exclusion 5)" "unknown unknown"
J evidence "$TMP/report.json" E2E-EVAL-SAMPLE14 exclusion 5 creatinine > "$TMP/q"
expect "CKD: the creatinine shown" "$TMP/q" "outside its reference range"
is "ineligible on anaemia" "$(J verdict "$TMP/report.json" E2E-EVAL-SAMPLE14)" ineligible

finish
