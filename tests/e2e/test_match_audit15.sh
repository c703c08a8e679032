# Wrong readings found by the session 15 audit (fresh seeded random samples of typed trees; /work/notes/audit15.md),
# through the binary: trial fixtures/trials/e2e/e2e_audit15.json on 2026-11-21.
# A former patient: exercises regularly; no biopsy (a resection is not recorded as the lexicon names it); insomnia
# with no medication; chronic kidney disease, hemodialysis ended in 2020 (a transplant), eGFR 60 today; a wrist
# fracture in 2015; ECMO in 2019 and a tracheostomy closed in 2019. Before the fixes each of these lines gave him a
# definite verdict the line does not give: excluded for being active ("Inability to take part in exercise/physical
# activity"), failed the biopsy-or-resection line for having no biopsy, excluded for any insomnia ("currently with
# medication"), excluded as "on hemodialysis", failed the joint-instability line for his wrist, excluded for an ECMO
# and a tracheostomy that ended, and excluded by "surgical intervention or intra-articular injection in the affected
# knee in the previous 6 months" for an appendectomy in September 2026.
# A current patient (on hemodialysis, on ECMO now, each recorded "in-progress") is still excluded; the same records
# with a start and neither a status nor an end do not say they go on (unknown).
source "$(dirname "$0")/lib.sh"
TRIALS="$SRC/fixtures/trials/e2e/e2e_audit15.json"
ID=E2E-AUDIT15
FORMER="$TMP/former.json"
cat >"$FORMER" <<'JSON'
{"id": "P-E2E-AUDIT15-FORMER", "birth_date": "1970-05-02", "sex": "male",
 "observations": [{"code": "egfr", "value": 60, "unit": "mL/min/{1.73_m2}", "date": "2026-11-10"}],
 "conditions": [{"code": "physical_activity", "onset": "2010-01-01", "status": "active"},
  {"code": "insomnia", "onset": "2022-01-01", "status": "active"},
  {"code": "chronic_kidney_disease", "onset": "2012-01-01", "status": "active"},
  {"code": "injury", "onset": "2015-03-01", "abatement": "2015-05-01", "status": "resolved"}],
 "procedures": [{"code": "hemodialysis", "start": "2016-01-01", "end": "2020-03-01"},
  {"code": "ecmo", "start": "2019-02-01", "end": "2019-02-10"},
  {"code": "tracheostomy", "start": "2019-02-05", "end": "2019-04-01"},
  {"code": "appendectomy", "date": "2026-09-01"}]}
JSON
CURRENT="$TMP/current.json"
cat >"$CURRENT" <<'JSON'
{"id": "P-E2E-AUDIT15-CURRENT", "birth_date": "1970-05-02", "sex": "male",
 "conditions": [{"code": "chronic_kidney_disease", "onset": "2012-01-01", "status": "active"}],
 "procedures": [{"code": "hemodialysis", "start": "2016-01-01", "status": "in-progress"},
  {"code": "ecmo", "start": "2026-11-19", "status": "in-progress"}]}
JSON
STARTED="$TMP/started.json"
sed -e 's/, "status": "in-progress"//g' -e 's/P-E2E-AUDIT15-CURRENT/P-E2E-AUDIT15-STARTED/' "$CURRENT" >"$STARTED"

match_report former "$FORMER" 2026-11-21
is "active patient: 'Inability to ... exercise/physical activity' is a person's to read" "$(J outcome "$R" $ID exclusion 1)" "to_confirm unknown"
is "no biopsy: a resection may meet 'biopsy, ..., or gross total resection'" "$(J outcome "$R" $ID inclusion 2)" "unknown unknown"
is "insomnia without medication: 'currently with medication' a person reads" "$(J outcome "$R" $ID exclusion 3)" "unknown unknown"
is "dialysis ended in 2020: not 'on hemodialysis'" "$(J outcome "$R" $ID exclusion 4)" "pass false"
is "a wrist fracture: 'not related to trauma' a person reads" "$(J outcome "$R" $ID inclusion 5)" "unknown unknown"
is "ECMO of 2019: whether on ECMO now, a person reads" "$(J outcome "$R" $ID exclusion 6)" "unknown unknown"
is "tracheostomy closed in 2019: a person reads" "$(J outcome "$R" $ID exclusion 7)" "unknown unknown"
is "appendectomy 3 months ago: not surgery of the affected knee, a person reads" "$(J outcome "$R" $ID exclusion 8)" "unknown unknown"

match_report current "$CURRENT" 2026-11-21
is "on hemodialysis now: excluded" "$(J outcome "$R" $ID exclusion 4)" "fail true"
is "on ECMO now: excluded" "$(J outcome "$R" $ID exclusion 6)" "fail true"
is "current: ineligible" "$(J verdict "$R" $ID)" ineligible

match_report started "$STARTED" 2026-11-21
is "hemodialysis with a start alone: whether it goes on, a person reads" "$(J outcome "$R" $ID exclusion 4)" "unknown unknown"
is "ECMO with a start alone: whether it goes on, a person reads" "$(J outcome "$R" $ID exclusion 6)" "unknown unknown"

finish
