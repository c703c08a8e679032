# Evaluation edges of the session 14 audit (tests/unit/test_eval_audit14.cpp), through the binary: trial
# fixtures/trials/e2e/e2e_eval_audit14.json against the FHIR bundle below on 2026-11-21. The patient is written
# here: a pregnancy status Observation has no native form for test_match_formats.sh's round trip.
source "$(dirname "$0")/lib.sh"
TRIALS="$SRC/fixtures/trials/e2e/e2e_eval_audit14.json"
PATIENT="$TMP/e2e_eval_audit14.json"
cat >"$PATIENT" <<'JSON'
{"resourceType": "Bundle", "type": "collection", "entry": [
 {"fullUrl": "urn:uuid:p", "resource": {"resourceType": "Patient", "id": "P-E2E-EVAL-AUDIT14", "gender": "female",
   "birthDate": "1990-05-14"}},
 {"resource": {"resourceType": "Observation", "id": "alt", "status": "final", "subject": {"reference": "urn:uuid:p"},
   "code": {"coding": [{"system": "http://loinc.org", "code": "1742-6"}]},
   "valueQuantity": {"value": 120, "system": "http://unitsofmeasure.org", "code": "U/L"},
   "effectiveDateTime": "2026-11-10"}},
 {"resource": {"resourceType": "Observation", "id": "bili", "status": "final", "subject": {"reference": "urn:uuid:p"},
   "code": {"coding": [{"system": "http://loinc.org", "code": "1975-2"}]},
   "valueQuantity": {"value": 0.2, "comparator": "<", "system": "http://unitsofmeasure.org", "code": "mg/dL"},
   "effectiveDateTime": "2026-11-10"}},
 {"resource": {"resourceType": "Observation", "id": "preg", "status": "final", "subject": {"reference": "urn:uuid:p"},
   "code": {"coding": [{"system": "http://loinc.org", "code": "82810-3"}]},
   "valueCodeableConcept": {"coding": [{"system": "http://snomed.info/sct", "code": "77386006"}]},
   "effectiveDateTime": "2026-11-15"}},
 {"resource": {"resourceType": "Condition", "id": "mi", "subject": {"reference": "urn:uuid:p"},
   "clinicalStatus": {"coding": [{"code": "active"}]},
   "code": {"coding": [{"system": "http://snomed.info/sct", "code": "22298006"}]},
   "onsetDateTime": "2020-03-01"}}
]}
JSON

run "match" 0 "$TM" match "$PATIENT" --trials "$TRIALS" --as-of 2026-11-21 --format json
cp "$TMP/out" "$TMP/report.json"
# ALT 120 U/L with no range: 2.5 x the ULNs of laboratories (31-79 U/L) is 77.5-197.5: the lab's ULN decides.
is "ALT without the lab's range" "$(J outcome "$TMP/report.json" E2E-EVAL-AUDIT14 inclusion 1)" "unknown unknown"
is "ALT: the ULN is missing" "$(J missing "$TMP/report.json" E2E-EVAL-AUDIT14 inclusion 1)" "ULN of alt"
J evidence "$TMP/report.json" E2E-EVAL-AUDIT14 inclusion 1 alt > "$TMP/q"
expect "ALT: the span shown" "$TMP/q" "laboratories' ULNs 31-79 U/L"
expect "ALT: the thresholds shown" "$TMP/q" "threshold 77.5-197.5 U/L"
# Bilirubin '< 0.2 mg/dL' (under the detection limit) meets '< 1.5 mg/dL' whatever its value.
is "censored bilirubin" "$(J outcome "$TMP/report.json" E2E-EVAL-AUDIT14 inclusion 2)" "pass true"
# Pregnant on 2026-11-15 by a US Core pregnancy status: the exclusion fires.
is "pregnancy status observation" "$(J outcome "$TMP/report.json" E2E-EVAL-AUDIT14 exclusion 3)" "fail true"
# An MI of 2020 still recorded as active is not "within 6 months".
is "acute MI of 2020" "$(J outcome "$TMP/report.json" E2E-EVAL-AUDIT14 exclusion 4)" "pass false"
is "ineligible on the pregnancy" "$(J verdict "$TMP/report.json" E2E-EVAL-AUDIT14)" ineligible

finish
