# Evaluation edges of the session 12 audit (tests/unit/test_eval_audit12.cpp), through the binary: trial
# fixtures/trials/e2e/e2e_audit12.json against the patient below on 2026-11-21. The patient is written here,
# not in fixtures/patients/: its status words (refuted, a medication with none) have no one-to-one FHIR form
# for test_match_formats.sh's native-to-FHIR round trip.
source "$(dirname "$0")/lib.sh"
TRIALS="$SRC/fixtures/trials/e2e/e2e_audit12.json"
PATIENT="$TMP/e2e_audit12.json"
cat >"$PATIENT" <<'JSON'
{"id": "P-E2E-AUDIT12", "birth_date": "1980-03-02", "sex": "female",
 "observations": [{"code": "karnofsky", "value": 60, "date": "2026-11-10"},
  {"code": "total_bilirubin", "value": 1.8, "unit": "mg/dL", "date": "2026-11-10",
   "reference_range": {"low": 0.3, "high": 1.2, "unit": "mg/dL"}}],
 "conditions": [{"code": "pregnancy", "onset": "2015-01-01", "abatement": "2015-09-01", "status": "resolved"},
  {"code": "hiv_infection", "status": "refuted"}],
 "medications": [{"code": "chemotherapy", "start": "2026-10-24", "end": "2026-10-24", "status": "completed"},
  {"code": "prednisone", "start": "2015-01-01"}]}
JSON

run "match" 0 "$TM" match "$PATIENT" --trials "$TRIALS" --as-of 2026-11-21 --format json
cp "$TMP/out" "$TMP/report.json"
# A score's threshold shows no unit "1".
J evidence "$TMP/report.json" E2E-AUDIT12 inclusion 1 karnofsky > "$TMP/q"
expect "Karnofsky threshold without unit 1" "$TMP/q" "| >= 70 |"
is "Karnofsky 60 fails" "$(J outcome "$TMP/report.json" E2E-AUDIT12 inclusion 1)" "fail false"
# 1.8 against 1.5 × ULN 1.2 (1.7999999999999998 in binary) is a tie: met.
is "bilirubin at 1.5 × ULN passes" "$(J outcome "$TMP/report.json" E2E-AUDIT12 inclusion 2)" "pass true"
# Chemotherapy exactly 4 weeks before: "at least 4 weeks since" may be met; unknown, not failed.
is "chemotherapy on the window's first day" "$(J outcome "$TMP/report.json" E2E-AUDIT12 inclusion 3)" "unknown unknown"
# Prednisone started in 2015 with no status and no end: it may or may not still be taken.
is "prednisone with no status" "$(J outcome "$TMP/report.json" E2E-AUDIT12 exclusion 4)" "unknown unknown"
# A pregnancy that ended in 2015 does not make her pregnant now.
is "pregnancy of 2015" "$(J outcome "$TMP/report.json" E2E-AUDIT12 exclusion 5)" "unknown unknown"
# HIV infection recorded as refuted is a known negative.
is "refuted HIV" "$(J outcome "$TMP/report.json" E2E-AUDIT12 exclusion 6)" "pass false"
is "ineligible on Karnofsky alone" "$(J verdict "$TMP/report.json" E2E-AUDIT12)" ineligible

# The text report says "needs >= 70" for the score.
run "explain text" 0 "$TM" explain "$PATIENT" E2E-AUDIT12 --trials "$TRIALS" --as-of 2026-11-21
expect "text: needs >= 70 without unit" "$TMP/out" "needs >= 70"
if grep -qF "needs >= 70 1" "$TMP/out"; then echo "FAIL text: unit 1 shown"; failures=$((failures + 1)); fi

finish
