# The evaluator's known gaps closed in session 15 (tests/unit/test_eval_sample15.cpp), through the binary: trials
# fixtures/trials/e2e/e2e_eval_sample15*.json against the FHIR bundle below (an HIV clinic's export, which records
# the antiretrovirals it gives as survey Observations, not MedicationStatements) on 2026-11-21.
source "$(dirname "$0")/lib.sh"
TRIALS="$SRC/fixtures/trials/e2e/e2e_eval_sample15.json"
NOTES="$SRC/fixtures/trials/e2e/e2e_eval_sample15_notes.json"
PATIENT="$TMP/e2e_eval_sample15.json"
cat >"$PATIENT" <<'JSON'
{"resourceType": "Bundle", "type": "collection", "entry": [
 {"fullUrl": "urn:uuid:p", "resource": {"resourceType": "Patient", "id": "P-E2E-EVAL-SAMPLE15", "gender": "female",
  "birthDate": "1990-01-01"}},
 {"resource": {"resourceType": "Observation", "id": "art", "status": "final", "subject": {"reference": "urn:uuid:p"},
  "category": [{"coding": [{"code": "survey"}]}],
  "code": {"coding": [{"system": "http://loinc.org", "code": "1088AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
   "display": "CURRENT ANTIRETROVIRAL DRUGS USED FOR TREATMENT"}], "text": "CURRENT ANTIRETROVIRAL DRUGS USED FOR TREATMENT"},
  "effectiveDateTime": "2015-03-23T16:19:09+00:00",
  "valueCodeableConcept": {"coding": [{"system": "http://snomed.info/sct", "code": "630AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
   "display": "Lamivudine / zidovudine"}], "text": "Lamivudine / zidovudine"}}},
 {"resource": {"resourceType": "Observation", "id": "k", "status": "final", "subject": {"reference": "urn:uuid:p"},
  "code": {"coding": [{"system": "http://loinc.org", "code": "2823-3"}]}, "effectiveDateTime": "2026-11-10",
  "valueQuantity": {"value": 5.8, "unit": "mmol/L", "system": "http://unitsofmeasure.org", "code": "mmol/L"}}},
 {"resource": {"resourceType": "Observation", "id": "amy", "status": "final", "subject": {"reference": "urn:uuid:p"},
  "code": {"coding": [{"system": "http://loinc.org", "code": "1798-8"}]}, "effectiveDateTime": "2026-11-10",
  "valueQuantity": {"value": 160, "unit": "U/L", "system": "http://unitsofmeasure.org", "code": "U/L"}}}]}
JSON

run "match" 0 "$TM" match "$PATIENT" --trials "$TRIALS" "$NOTES" --as-of 2026-11-21 --format json
cp "$TMP/out" "$TMP/report.json"
# The antiretrovirals recorded as an Observation are a medication now. Was "not recorded": the inclusion failed.
is "ART from an observation" "$(J outcome "$TMP/report.json" E2E-EVAL-SAMPLE15 inclusion 1)" "pass true"
J evidence "$TMP/report.json" E2E-EVAL-SAMPLE15 inclusion 1 antiretroviral_therapy > "$TMP/q"
expect "ART: the observation shown" "$TMP/q" "current antiretroviral drugs used for treatment: Lamivudine / zidovudine"
# Potassium 5.8 mmol/L is high: it does not show hypokalaemia (a low potassium). Was unknown (either side asked).
is "hypokalaemia: a high potassium" "$(J outcome "$TMP/report.json" E2E-EVAL-SAMPLE15 exclusion 2)" "pass false"
# Both: eligible. Was ineligible (no antiretroviral therapy recorded).
is "eligible" "$(J verdict "$TMP/report.json" E2E-EVAL-SAMPLE15)" eligible
# "< 25 weeks pregnant": pregnancy is listed, its weeks are not read. Was "not a concept the lexicon lists".
J evidence "$TMP/report.json" E2E-EVAL-SAMPLE15-NOTES inclusion 1 "…_pregnant" > "$TMP/q"
expect "pregnant: listed" "$TMP/q" "is listed (pregnancy)"
expect_not "pregnant: not called unlisted" "$TMP/q" "not a concept the lexicon lists"
# Amylase 160 U/L, no range of the lab's: Mayo Clinic Laboratories' ULN 100 gives 150, others' 110 gives 165.
# Was true (the span began at 110).
is "amylase: the lab's ULN decides" "$(J outcome "$TMP/report.json" E2E-EVAL-SAMPLE15-NOTES inclusion 2)" "unknown unknown"
J missing "$TMP/report.json" E2E-EVAL-SAMPLE15-NOTES inclusion 2 > "$TMP/q"
expect "amylase: the ULN asked for" "$TMP/q" "ULN of amylase"

finish
