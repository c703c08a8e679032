#!/usr/bin/env bash
# Wrong readings found by the session 17 audit (fresh seeded random samples of typed trees; /work/notes/audit17.md),
# through the binary: trial fixtures/trials/e2e/e2e_audit17.json on 2026-12-06.
# A made-up patient carrying every former record: untreated prostate cancer, physically active (no step
# counter), mild dementia, a spasticity (sitting well), CRP 3 mg/L, a perianal abscess healed in 2015, in prison in
# 1995-1997, on the pill in 2010-2012, night shifts until 2015, hemoglobin 6.5 g/dL (the trial allows a transfusion
# to reach 9), a vaginal delivery in 2000. Before the fixes each line decided against the patient, or for:
# "previous treatment of prostate cancer" read as the cancer, "... for step count or physical activity" as any
# activity, "... due to psychological disorders or dementia" as any dementia, the infection heading dropped (CRP <
# 1.5 mg/dL excluded), "current" not reaching the abscess, "a prisoner", "No hormonal contraception", "No night
# shift work" asked of any time, the target hemoglobin read as today's, "vaginal delivery" (the study's delivery)
# met by any delivery in the past, "spasticity and contracture to prevent sitting" read as any spasticity.
# A current patient: in prison now, a perianal abscess now, on the pill, on night shifts: still decided.
source "$(dirname "$0")/lib.sh"
TRIALS="$SRC/fixtures/trials/e2e/e2e_audit17.json"
ID=E2E-AUDIT17
FORMER="$TMP/former.json"
cat >"$FORMER" <<'JSON'
{"id": "P-E2E-AUDIT17-FORMER", "birth_date": "1960-05-02", "sex": "female",
 "observations": [{"code": "crp", "value": 3, "unit": "mg/L", "date": "2026-11-20"},
  {"code": "hemoglobin", "value": 6.5, "unit": "g/dL", "date": "2026-11-20"}],
 "conditions": [{"code": "prostate_cancer", "onset": "2026-06-01", "status": "active"},
  {"code": "physical_activity", "onset": "2000-01-01", "status": "active"},
  {"code": "dementia", "onset": "2025-01-01", "status": "active"},
  {"code": "spasticity", "onset": "2024-01-01", "status": "active"},
  {"code": "perianal_abscess", "onset": "2015-01-01", "abatement": "2015-03-01", "status": "resolved"},
  {"code": "incarceration", "onset": "1995-01-01", "abatement": "1997-01-01", "status": "resolved"},
  {"code": "night_shift_work", "onset": "2005-01-01", "abatement": "2015-01-01", "status": "resolved"}],
 "medications": [{"code": "oral_contraceptives", "start": "2010-01-01", "end": "2012-01-01", "status": "completed"}],
 "procedures": [{"code": "vaginal_delivery", "date": "2000-03-01"}]}
JSON
CURRENT="$TMP/current.json"
cat >"$CURRENT" <<'JSON'
{"id": "P-E2E-AUDIT17-CURRENT", "birth_date": "1980-05-02", "sex": "female",
 "observations": [{"code": "hemoglobin", "value": 12, "unit": "g/dL", "date": "2026-11-20"}],
 "conditions": [{"code": "perianal_abscess", "onset": "2026-11-01", "status": "active"},
  {"code": "incarceration", "onset": "2025-01-01", "status": "active"},
  {"code": "night_shift_work", "onset": "2020-01-01", "status": "active"}],
 "medications": [{"code": "oral_contraceptives", "start": "2024-01-01", "status": "active"}]}
JSON

match_report former "$FORMER" 2026-12-06
is "untreated prostate cancer: whether treated, a person reads" "$(J outcome "$R" $ID exclusion 1)" "unknown unknown"
is "physically active: whether by a step device, a person reads" "$(J outcome "$R" $ID exclusion 2)" "unknown unknown"
is "dementia: whether unable to follow procedures, a person confirms" "$(J outcome "$R" $ID exclusion 3)" "to_confirm unknown"
is "CRP 3 mg/L: the infection heading, a person reads" "$(J outcome "$R" $ID exclusion 4)" "unknown unknown"
is "perianal abscess healed in 2015: not current (the unread IBD-U item, a person reads)" "$(J outcome "$R" $ID exclusion 5)" "unknown unknown"
is "prison in 1995: whether a prisoner now, a person reads" "$(J outcome "$R" $ID exclusion 6)" "unknown unknown"
is "pill until 2012: whether on it now, a person reads" "$(J outcome "$R" $ID inclusion 7)" "unknown unknown"
is "night shifts until 2015: whether now, a person reads" "$(J outcome "$R" $ID inclusion 8)" "unknown unknown"
is "hemoglobin 6.5 with a transfusion allowed: a person reads" "$(J outcome "$R" $ID inclusion 9)" "unknown unknown"
is "a vaginal delivery in 2000: whether the study's delivery, a person reads" "$(J outcome "$R" $ID inclusion 10)" "unknown unknown"
is "spasticity: whether it prevents sitting, a person reads" "$(J outcome "$R" $ID exclusion 11)" "unknown unknown"

match_report current "$CURRENT" 2026-12-06
is "perianal abscess now: excluded" "$(J outcome "$R" $ID exclusion 5)" "fail true"
is "prisoner now: excluded" "$(J outcome "$R" $ID exclusion 6)" "fail true"
is "on the pill now: not met" "$(J outcome "$R" $ID inclusion 7)" "fail false"
is "night shifts now: not met" "$(J outcome "$R" $ID inclusion 8)" "fail false"
is "current: ineligible" "$(J verdict "$R" $ID)" ineligible

finish
