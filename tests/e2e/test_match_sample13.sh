# Evaluations the session 13 sample found wrong (tests/unit/test_eval_sample13.cpp), through the binary: trial
# fixtures/trials/e2e/e2e_eval_sample13.json against the FHIR bundle below on 2026-11-21, written as the HIV
# clinic exports of /work/shared/corpus/fhir-r4 are: HIV recorded only by its tests, codes the lexicon cannot know.
source "$(dirname "$0")/lib.sh"
TRIALS="$SRC/fixtures/trials/e2e/e2e_eval_sample13.json"
PATIENT="$TMP/e2e_eval_sample13.json"
cat >"$PATIENT" <<'JSON'
{"resourceType": "Bundle", "type": "collection", "entry": [
 {"fullUrl": "urn:uuid:p", "resource": {"resourceType": "Patient", "id": "P-E2E-EVAL-SAMPLE13", "gender": "female",
   "birthDate": "1993-05-02"}},
 {"resource": {"resourceType": "Observation", "id": "rapid", "status": "final", "subject": {"reference": "urn:uuid:p"},
   "code": {"coding": [{"system": "http://loinc.org", "code": "1040AAAA", "display": "HIV RAPID TEST, QUALITATIVE"}],
            "text": "HIV RAPID TEST, QUALITATIVE"},
   "valueCodeableConcept": {"coding": [{"system": "http://snomed.info/sct", "code": "703AAAA", "display": "Positive"}],
                            "text": "Positive"},
   "effectiveDateTime": "2017-02-17T16:52:12+00:00"}},
 {"resource": {"resourceType": "Observation", "id": "order", "status": "final", "subject": {"reference": "urn:uuid:p"},
   "code": {"coding": [{"system": "http://loinc.org", "code": "1271AAAA", "display": "TESTS ORDERED"}], "text": "TESTS ORDERED"},
   "valueCodeableConcept": {"text": "HIV viral load"}, "effectiveDateTime": "2017-02-17T16:52:12+00:00"}}
]}
JSON

run "match" 0 "$TM" match "$PATIENT" --trials "$TRIALS" --as-of 2026-11-21 --format json
cp "$TMP/out" "$TMP/report.json"
# A positive HIV rapid test: HIV infection is recorded. Was "not recorded": inclusion true, exclusion false.
is "negative for HIV: no" "$(J outcome "$TMP/report.json" E2E-EVAL-SAMPLE13 inclusion 1)" "fail false"
is "HIV infection exclusion fires" "$(J outcome "$TMP/report.json" E2E-EVAL-SAMPLE13 exclusion 3)" "fail true"
J evidence "$TMP/report.json" E2E-EVAL-SAMPLE13 exclusion 3 hiv_infection > "$TMP/q"
expect "HIV: the test shown" "$TMP/q" "HIV test: positive"
# The duration of a listed condition is not read: unknown, and said so without calling it unlisted.
is "T2D duration unknown" "$(J outcome "$TMP/report.json" E2E-EVAL-SAMPLE13 inclusion 2)" "unknown unknown"
J evidence "$TMP/report.json" E2E-EVAL-SAMPLE13 inclusion 2 type_2_diabetes > "$TMP/q"
expect "T2D: listed" "$TMP/q" "is listed (type_2_diabetes)"
expect_not "T2D: not called unlisted" "$TMP/q" "not a concept the lexicon lists"
is "ineligible on HIV" "$(J verdict "$TMP/report.json" E2E-EVAL-SAMPLE13)" ineligible

finish
