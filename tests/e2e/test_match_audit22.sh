#!/usr/bin/env bash
# Wrong readings found by the session 22 audit (two fresh seeded random samples of split-corpus trees;
# /work/notes/audit22.md), through the binary: trial fixtures/trials/e2e/e2e_audit22.json on 2026-12-06.
# A man with a myocardial infarction in 2010, a sprain in 2015, a breast cancer treated in 2012, a depression, NYHA
# class I last month and a GCS of 9 yesterday (sedated; no brain injury). Before the fixes each exclusion excluded
# him: the window "within one year" stopped at "severe heart dysfunction (NYHA ≥ 3)" (the 2010 infarction asked of
# any time), the lead-in "Sustained severe Traumatic Brain Injury" was dropped before "(GCS<12)", "trauma or
# infection at femur" read any trauma, "malignancy or life-threatening illness with life expectancy of <5 years"
# any malignancy, and "a psychiatric condition or symptoms (i.e., ...) that would interfere with study
# participation" any psychiatric condition; "Patients with acute COPD exacerbation" (lexicon: an exacerbation is a
# state) his exacerbation that ended in 2020. Now the first is false and the others a person's to read.
# A man with an infarction six months ago and an exacerbation now is still excluded.
source "$(dirname "$0")/lib.sh"
TRIALS="$SRC/fixtures/trials/e2e/e2e_audit22.json"
ID=E2E-AUDIT22
PAST="$TMP/past.json"
cat >"$PAST" <<'JSON'
{"id": "P-E2E-AUDIT22-PAST", "birth_date": "1960-03-04", "sex": "male",
 "conditions": [{"code": "myocardial_infarction", "onset": "2010-02-01", "status": "resolved"},
  {"code": "sprain", "onset": "2015-05-01", "status": "resolved"},
  {"code": "breast_cancer", "onset": "2012-01-01", "status": "resolved"},
  {"code": "depression", "onset": "2019-01-01", "status": "active"},
  {"code": "copd", "onset": "2015-01-01", "status": "active"},
  {"code": "copd_exacerbation", "onset": "2020-01-01", "end": "2020-02-01", "status": "resolved"}],
 "observations": [{"code": "nyha_class", "value": 1, "date": "2026-11-01"},
  {"code": "glasgow_coma_scale", "value": 9, "date": "2026-12-05"}]}
JSON
RECENT="$TMP/recent.json"
cat >"$RECENT" <<'JSON'
{"id": "P-E2E-AUDIT22-RECENT", "birth_date": "1960-03-04", "sex": "male",
 "conditions": [{"code": "myocardial_infarction", "onset": "2026-06-01", "status": "resolved"},
  {"code": "copd", "onset": "2015-01-01", "status": "active"},
  {"code": "copd_exacerbation", "onset": "2026-12-01", "status": "active"}],
 "observations": [{"code": "nyha_class", "value": 1, "date": "2026-11-01"}]}
JSON

match_report past "$PAST" 2026-12-06
is "infarction in 2010, NYHA I: not within one year" "$(J outcome "$R" $ID exclusion 1)" "pass false"
is "GCS 9 with no brain injury: a person reads" "$(J outcome "$R" $ID exclusion 2)" "unknown unknown"
is "a sprain in 2015: trauma at the femur, a person reads" "$(J outcome "$R" $ID exclusion 3)" "unknown unknown"
is "a cancer treated in 2012: life expectancy, a person reads" "$(J outcome "$R" $ID exclusion 4)" "unknown unknown"
is "a depression: interfering or not, a person reads" "$(J outcome "$R" $ID exclusion 5)" "unknown unknown"
is "a COPD exacerbation that ended in 2020: not acute now" "$(J outcome "$R" $ID exclusion 6)" "unknown unknown"
is "past: not excluded by readings that did not say so (a person reviews)" "$(J verdict "$R" $ID)" needs_review

match_report recent "$RECENT" 2026-12-06
is "infarction six months ago: excluded" "$(J outcome "$R" $ID exclusion 1)" "fail true"
is "an exacerbation now: excluded" "$(J outcome "$R" $ID exclusion 6)" "fail true"
is "recent: ineligible" "$(J verdict "$R" $ID)" ineligible

finish
