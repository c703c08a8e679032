#!/usr/bin/env bash
# Wrong readings found by the session 18 audit (fresh seeded random samples of split-corpus trees;
# /work/notes/audit18.md), through the binary: trial fixtures/trials/e2e/e2e_audit18.json on 2026-12-06.
# A man on the ventilator since 2026-12-01 (five days, not "less than 24 hours"), whose dialysis ended in 2018,
# with stable chronic pain, diabetic kidney disease and no dialysis, and metastatic prostate cancer of Gleason score
# 7. Before the fixes he met inclusion 1-3 ("ventilated less than 24 hours prior" read as any ventilation in the
# last 24 hours; the comma qualifiers of the nephropathy read as alternatives; the heading "localized low-risk or
# intermediate-risk prostate cancer" dropped) and exclusions 1-2 excluded him ("Dialysis patient" read as dialysis
# ever; "(i.e., chronic pain)" read as chronic pain alone). A man ventilated since today and on hemodialysis now
# still meets inclusion 1 and is still excluded by "Dialysis patient".
source "$(dirname "$0")/lib.sh"
TRIALS="$SRC/fixtures/trials/e2e/e2e_audit18.json"
ID=E2E-AUDIT18
FORMER="$TMP/former.json"
cat >"$FORMER" <<'JSON'
{"id": "P-E2E-AUDIT18-FORMER", "birth_date": "1950-05-02", "sex": "male",
 "conditions": [{"code": "chronic_pain", "onset": "2019-01-01", "status": "active"},
  {"code": "diabetic_kidney_disease", "onset": "2020-01-01", "status": "active"},
  {"code": "prostate_cancer", "onset": "2026-06-01", "status": "active"},
  {"code": "metastatic_disease", "onset": "2026-06-01", "status": "active"}],
 "observations": [{"code": "gleason_score", "value": 7, "date": "2026-06-01"}],
 "procedures": [{"code": "mechanical_ventilation", "start": "2026-12-01", "status": "in-progress"},
  {"code": "dialysis", "start": "2015-01-01", "end": "2018-01-01"}]}
JSON
CURRENT="$TMP/current.json"
cat >"$CURRENT" <<'JSON'
{"id": "P-E2E-AUDIT18-CURRENT", "birth_date": "1950-05-02", "sex": "male",
 "procedures": [{"code": "mechanical_ventilation", "start": "2026-12-06", "status": "in-progress"},
  {"code": "hemodialysis", "start": "2020-01-01", "status": "in-progress"}]}
JSON

match_report former "$FORMER" 2026-12-06
is "ventilated for five days: not less than 24 hours" "$(J outcome "$R" $ID inclusion 1)" "fail false"
is "nephropathy without dialysis: a person reads" "$(J outcome "$R" $ID inclusion 2)" "unknown unknown"
is "Gleason 7, metastatic: whether localized low/intermediate risk, a person reads" "$(J outcome "$R" $ID inclusion 3)" "unknown unknown"
is "dialysis ended in 2018: not a dialysis patient now" "$(J outcome "$R" $ID exclusion 1)" "unknown unknown"
is "stable chronic pain: whether exacerbated, a person reads" "$(J outcome "$R" $ID exclusion 2)" "unknown unknown"

match_report current "$CURRENT" 2026-12-06
is "ventilated since today: less than 24 hours" "$(J outcome "$R" $ID inclusion 1)" "pass true"
is "on hemodialysis now: a dialysis patient" "$(J outcome "$R" $ID exclusion 1)" "fail true"
is "current: ineligible" "$(J verdict "$R" $ID)" ineligible

finish
