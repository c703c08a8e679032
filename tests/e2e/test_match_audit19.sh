#!/usr/bin/env bash
# Wrong readings found by the session 19 audit (a fresh seeded random sample of typed trees, and reach11's BMI line;
# /work/notes/audit19.md), through the binary: trial fixtures/trials/e2e/e2e_audit19.json on 2026-12-06.
# A made-up patient carrying former records: a BMI of 42 and no hypertension, hypoxia and a volume overload in
# 2015 (both over), braces in 1995, an (axillary) temperature of 35.5 °C with no site recorded. Before the fixes
# each line decided: "BMI ≥ 40 or ≥ 35 with type 2 diabetes and hypertension" asked hypertension of the BMI of 42
# (not met), hypoxia and orthodontic treatment asked of any time (excluded), "Volume overload" met by 2015's, the
# temperature limits of two sites read as one temperature (35.5 < 36: met).
# A current patient: BMI 30, 36.5 °C, hypoxia, volume overload and orthodontic treatment now: still decided.
source "$(dirname "$0")/lib.sh"
TRIALS="$SRC/fixtures/trials/e2e/e2e_audit19.json"
ID=E2E-AUDIT19
FORMER="$TMP/former.json"
cat >"$FORMER" <<'JSON'
{"id": "P-E2E-AUDIT19-FORMER", "birth_date": "1970-05-02", "sex": "female",
 "observations": [{"code": "bmi", "value": 42, "unit": "kg/m2", "date": "2026-11-20"},
  {"code": "temperature", "value": 35.5, "unit": "Cel", "date": "2026-12-05"}],
 "conditions": [{"code": "hypoxia", "onset": "2015-01-01", "abatement": "2015-02-01", "status": "resolved"},
  {"code": "fluid_overload", "onset": "2015-01-01", "abatement": "2015-02-01", "status": "resolved"}],
 "procedures": [{"code": "orthodontic_treatment", "date": "1995-01-01"}]}
JSON
CURRENT="$TMP/current.json"
cat >"$CURRENT" <<'JSON'
{"id": "P-E2E-AUDIT19-CURRENT", "birth_date": "1970-05-02", "sex": "female",
 "observations": [{"code": "bmi", "value": 30, "unit": "kg/m2", "date": "2026-11-20"},
  {"code": "temperature", "value": 36.5, "unit": "Cel", "date": "2026-12-05"}],
 "conditions": [{"code": "hypertension", "onset": "2020-01-01", "status": "active"},
  {"code": "hypoxia", "onset": "2026-12-01", "status": "active"},
  {"code": "fluid_overload", "onset": "2026-12-01", "status": "active"}],
 "procedures": [{"code": "orthodontic_treatment", "date": "2026-06-01", "status": "in-progress"}]}
JSON

match_report former "$FORMER" 2026-12-06
is "BMI 42, no hypertension: met (the qualifier is the lower threshold's)" "$(J outcome "$R" $ID inclusion 1)" "pass true"
is "hypoxia in 2015: whether now, a person reads" "$(J outcome "$R" $ID exclusion 2)" "unknown unknown"
is "volume overload in 2015: whether now, a person reads" "$(J outcome "$R" $ID inclusion 3)" "unknown unknown"
is "braces in 1995: whether under treatment now, a person reads" "$(J outcome "$R" $ID exclusion 4)" "unknown unknown"
is "35.5 °C, no site recorded: limits by site, a person reads" "$(J outcome "$R" $ID inclusion 5)" "unknown unknown"

match_report current "$CURRENT" 2026-12-06
is "BMI 30: below both thresholds, not met" "$(J outcome "$R" $ID inclusion 1)" "fail false"
is "hypoxia now: excluded" "$(J outcome "$R" $ID exclusion 2)" "fail true"
is "volume overload now: met" "$(J outcome "$R" $ID inclusion 3)" "pass true"
is "orthodontic treatment under way: excluded" "$(J outcome "$R" $ID exclusion 4)" "fail true"
is "36.5 °C: within the limits of both sites, not met" "$(J outcome "$R" $ID inclusion 5)" "fail false"
is "current: ineligible" "$(J verdict "$R" $ID)" ineligible

finish
