#!/usr/bin/env bash
# Wrong readings found by the session 21 audit (two fresh seeded random samples of typed trees; /work/notes/audit21.md),
# through the binary: trial fixtures/trials/e2e/e2e_audit21.json on 2026-12-06.
# A made-up patient carrying former records: an insulin pump stopped in 2015, a pneumothorax of 2010, a sepsis of
# 2012, a conjunctivitis of 2010, an unstable angina of 2005, an infarction of 2000 (NYHA class I now), a mild
# cognitive impairment that limits nothing said, a haemorrhagic stroke with an NIHSS of 5, a pain score of 7 (no
# site), no open-angle glaucoma recorded, a study drug in September-October 2026 and a beta blocker of her own.
# Before the fixes each line decided: the pump, pneumothorax, sepsis, conjunctivitis, angina ("Recent ... events:") and infarction ("... within one year") excluded her, the
# cognitive impairment excluded her whatever it limits, the NIHSS met "mild to moderate ischemic stroke", the
# general pain score met "NRS leg pain", "primary OAG and secondary PXG" failed a patient without POAG, and "another
# clinical study with a beta blocker" excluded her for a study of some drug and a beta blocker taken apart from it.
# A current patient: each state now, an infarction in June 2026, an NIHSS of 20: still decided.
source "$(dirname "$0")/lib.sh"
TRIALS="$SRC/fixtures/trials/e2e/e2e_audit21.json"
ID=E2E-AUDIT21
FORMER="$TMP/former.json"
cat >"$FORMER" <<'JSON'
{"id": "P-E2E-AUDIT21-FORMER", "birth_date": "1960-05-02", "sex": "female",
 "observations": [{"code": "nihss", "value": 5, "unit": "1", "date": "2026-11-20"},
  {"code": "pain_score", "value": 7, "unit": "1", "date": "2026-11-20"},
  {"code": "nyha_class", "value": 1, "unit": "1", "date": "2026-11-20"}],
 "conditions": [{"code": "pneumothorax", "onset": "2010-01-01", "abatement": "2010-02-01", "status": "resolved"},
  {"code": "sepsis", "onset": "2012-01-01", "abatement": "2012-02-01", "status": "resolved"},
  {"code": "conjunctivitis", "onset": "2010-01-01", "abatement": "2010-01-15", "status": "resolved"},
  {"code": "mild_cognitive_impairment", "onset": "2024-01-01", "status": "active"},
  {"code": "unstable_angina", "onset": "2005-01-01", "abatement": "2005-01-10", "status": "resolved"},
  {"code": "myocardial_infarction", "onset": "2000-01-01", "status": "resolved"},
  {"code": "hemorrhagic_stroke", "onset": "2026-11-15", "status": "active"}],
 "procedures": [{"code": "insulin_pump", "date": "2012-01-01", "end": "2015-01-01", "status": "completed"}],
 "medications": [{"code": "investigational_drug", "start": "2026-09-01", "end": "2026-10-15", "status": "completed"},
  {"code": "beta_blockers", "start": "2020-01-01", "end": "2026-10-20", "status": "completed"}]}
JSON
CURRENT="$TMP/current.json"
cat >"$CURRENT" <<'JSON'
{"id": "P-E2E-AUDIT21-CURRENT", "birth_date": "1960-05-02", "sex": "female",
 "observations": [{"code": "nihss", "value": 20, "unit": "1", "date": "2026-11-20"}],
 "conditions": [{"code": "pneumothorax", "onset": "2026-12-01", "status": "active"},
  {"code": "sepsis", "onset": "2026-12-01", "status": "active"},
  {"code": "conjunctivitis", "onset": "2026-12-01", "status": "active"},
  {"code": "myocardial_infarction", "onset": "2026-06-01", "status": "active"},
  {"code": "ischemic_stroke", "onset": "2026-11-15", "status": "active"}],
 "procedures": [{"code": "insulin_pump", "date": "2026-06-01", "status": "in-progress"}]}
JSON

match_report former "$FORMER" 2026-12-06
is "insulin pump stopped in 2015: whether now, a person reads" "$(J outcome "$R" $ID exclusion 1)" "unknown unknown"
is "pneumothorax of 2010: whether now, a person reads" "$(J outcome "$R" $ID exclusion 2)" "unknown unknown"
is "sepsis of 2012: whether now, a person reads" "$(J outcome "$R" $ID exclusion 3)" "unknown unknown"
is "conjunctivitis of 2010: whether now, a person reads" "$(J outcome "$R" $ID exclusion 4)" "unknown unknown"
is "mild cognitive impairment: whether it limits participation, a person reads" "$(J outcome "$R" $ID exclusion 5)" "unknown unknown"
is "unstable angina of 2005: whether recent, a person reads" "$(J outcome "$R" $ID exclusion 6)" "unknown unknown"
is "infarction of 2000, NYHA I: not within one year, not excluded" "$(J outcome "$R" $ID exclusion 7)" "pass false"
is "haemorrhagic stroke, NIHSS 5: an ischemic stroke a person reads" "$(J outcome "$R" $ID inclusion 8)" "unknown unknown"
is "pain score 7, no site: leg pain a person reads" "$(J outcome "$R" $ID inclusion 9)" "unknown unknown"
is "no POAG recorded: which glaucoma, a person reads" "$(J outcome "$R" $ID inclusion 10)" "unknown unknown"
is "a study in 2026 and her own beta blocker: whether the study's drug was one, a person reads" "$(J outcome "$R" $ID exclusion 11)" "unknown unknown"

match_report current "$CURRENT" 2026-12-06
is "insulin pump now: excluded" "$(J outcome "$R" $ID exclusion 1)" "fail true"
is "pneumothorax now: excluded" "$(J outcome "$R" $ID exclusion 2)" "fail true"
is "sepsis now: excluded" "$(J outcome "$R" $ID exclusion 3)" "fail true"
is "conjunctivitis now: excluded" "$(J outcome "$R" $ID exclusion 4)" "fail true"
is "infarction in June 2026: within one year, excluded" "$(J outcome "$R" $ID exclusion 7)" "fail true"
is "NIHSS 20: not mild to moderate, not met" "$(J outcome "$R" $ID inclusion 8)" "fail false"
is "no study in the 3 months: not excluded" "$(J outcome "$R" $ID exclusion 11)" "pass false"
is "current: ineligible" "$(J verdict "$R" $ID)" ineligible

finish
