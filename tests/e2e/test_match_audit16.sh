#!/usr/bin/env bash
# Wrong readings found by the session 16 audit (fresh seeded random samples of typed trees; /work/notes/audit16.md),
# through the binary: trial fixtures/trials/e2e/e2e_audit16.json on 2026-12-06.
# A patient on oral prednisone for two weeks before the study (no inhaler), after a laparotomy for an ovarian cyst
# in 2018 (abdominal surgery, not gastrointestinal), whose orthodontic treatment ended in 2015. Before the fixes each of these
# lines excluded him: "Inhalation of ... glucocorticoids" read as any corticosteroid, "gastrointestinal surgery"
# read as any abdominal surgery, "the presence of an orthodontic appliance" read as any orthodontic treatment ever.
# A patient with braces now is still excluded by line 3 (line 2, a colectomy: whether it affects absorption, a person reads).
source "$(dirname "$0")/lib.sh"
TRIALS="$SRC/fixtures/trials/e2e/e2e_audit16.json"
ID=E2E-AUDIT16
FORMER="$TMP/former.json"
cat >"$FORMER" <<'JSON'
{"id": "P-E2E-AUDIT16-FORMER", "birth_date": "1980-05-02", "sex": "female",
 "medications": [{"code": "corticosteroids", "start": "2026-11-20", "status": "active"}],
 "procedures": [{"code": "abdominal_surgery", "date": "2018-03-01"},
  {"code": "orthodontic_treatment", "start": "2013-01-01", "end": "2015-01-01"}]}
JSON
CURRENT="$TMP/current.json"
cat >"$CURRENT" <<'JSON'
{"id": "P-E2E-AUDIT16-CURRENT", "birth_date": "1980-05-02", "sex": "female",
 "procedures": [{"code": "bowel_resection", "date": "2018-03-01"},
  {"code": "orthodontic_appliance", "start": "2026-01-01", "status": "in-progress"}]}
JSON

match_report former "$FORMER" 2026-12-06
is "oral steroid: whether inhaled, a person reads" "$(J outcome "$R" $ID exclusion 1)" "unknown unknown"
is "abdominal surgery: whether gastrointestinal, a person reads" "$(J outcome "$R" $ID exclusion 2)" "unknown unknown"
is "braces off in 2015: not present" "$(J outcome "$R" $ID exclusion 3)" "unknown unknown"

match_report current "$CURRENT" 2026-12-06
# (Session 17: "that might affect absorption" may be said of the surgery too, lower_result_clause.cpp: a person reads.)
is "bowel resection: whether it affects absorption, a person reads" "$(J outcome "$R" $ID exclusion 2)" "unknown unknown"
is "braces now: excluded" "$(J outcome "$R" $ID exclusion 3)" "fail true"
is "current: ineligible" "$(J verdict "$R" $ID)" ineligible

finish
