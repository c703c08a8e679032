# Wrong readings found by the session 14 audit (a seeded random sample of typed trees; /work/notes/audit14.md),
# through the binary: trial fixtures/trials/e2e/e2e_audit14.json on 2026-11-21.
# A former patient: quit smoking in 2005, a biologic and an SNRI stopped in 2019, scaling and root planing in 2024 (a
# record named as the lexicon names it),
# hypoglycaemia in 2025 (glucose 5.0 mmol/L today). Before the fixes each of these lines gave her a definite verdict
# the line does not give: excluded as a smoker, as receiving biologics, as on ongoing SNRIs; failed "recurrent
# symptoms of hypoglycemia (glucose < 2.8 mmol/L)" on today's glucose; failed "no history of periodontal surgery"
# for her scaling; not excluded by "history of hypoglycemia (glucose < 70 mg/dL)" on today's glucose.
# She has no diabetes: "Subjects with diabetic must have HbA1C < 8.0" does not ask her (it failed her); an ICU stay in
# 2020 does not make her an "ICU patient" now (it passed her).
# A current patient (smokes, on a biologic) is still excluded.
source "$(dirname "$0")/lib.sh"
TRIALS="$SRC/fixtures/trials/e2e/e2e_audit14.json"
ID=E2E-AUDIT14
FORMER="$TMP/former.json"
cat >"$FORMER" <<'JSON'
{"id": "P-E2E-AUDIT14-FORMER", "birth_date": "1975-05-02", "sex": "female",
 "observations": [{"code": "glucose", "value": 5.0, "unit": "mmol/L", "date": "2026-11-10"}],
 "conditions": [{"code": "smoking", "onset": "1990-01-01", "abatement": "2005-06-01", "status": "resolved"},
  {"code": "hypoglycemia", "onset": "2025-03-01", "abatement": "2025-04-01", "status": "resolved"}],
 "medications": [{"code": "biologics", "start": "2018-01-01", "end": "2019-01-01", "status": "completed"},
  {"code": "snri", "start": "2017-01-01", "end": "2019-06-01", "status": "completed"}],
 "procedures": [{"code": "scaling and root planing", "date": "2024-02-01"},
  {"code": "icu_admission", "start": "2020-02-01", "end": "2020-02-09"}]}
JSON
CURRENT="$TMP/current.json"
cat >"$CURRENT" <<'JSON'
{"id": "P-E2E-AUDIT14-CURRENT", "birth_date": "1975-05-02", "sex": "male",
 "conditions": [{"code": "smoking", "onset": "1990-01-01", "status": "active"}],
 "medications": [{"code": "biologics", "start": "2025-01-01", "status": "active"}]}
JSON

match_report former "$FORMER" 2026-11-21
is "former smoker: 'Smoker' asks of now, a person reads" "$(J outcome "$R" $ID exclusion 1)" "unknown unknown"
is "biologic stopped in 2019: not receiving" "$(J outcome "$R" $ID exclusion 2)" "pass false"
is "SNRI stopped in 2019: not ongoing (other tricyclics: a person reads)" "$(J outcome "$R" $ID exclusion 3)" "unknown unknown"
is "episodes' glucose not today's: a person reads" "$(J outcome "$R" $ID inclusion 4)" "unknown unknown"
is "scaling is no periodontal surgery" "$(J outcome "$R" $ID inclusion 5)" "pass true"
is "history of hypoglycaemia not decided by today's glucose" "$(J outcome "$R" $ID exclusion 6)" "unknown unknown"
is "no diabetes: the HbA1c asked of diabetics only" "$(J outcome "$R" $ID inclusion 7)" "pass true"
is "ICU stay of 2020: whether an ICU patient now, a person reads" "$(J outcome "$R" $ID inclusion 8 | cut -d' ' -f1)" "unknown"

match_report current "$CURRENT" 2026-11-21
is "current smoker excluded" "$(J outcome "$R" $ID exclusion 1)" "fail true"
is "on a biologic: excluded" "$(J outcome "$R" $ID exclusion 2)" "fail true"
is "current: ineligible" "$(J verdict "$R" $ID)" ineligible

finish
