#!/usr/bin/env bash
# Wrong readings found by the session 23 audit (a fresh seeded random sample of typed trees; /work/notes/audit23.md),
# through the binary: trial fixtures/trials/e2e/e2e_audit23.json on 2026-12-06.
# A made-up patient of 26 carrying former records: heavy and binge drinking that stopped in 2022, a nicotine
# dependence that ended in 2020, an erectile dysfunction resolved in 2023, a rheumatoid arthritis now, and a
# Modified Ashworth Scale of 2 with no site (rated at the elbow flexors, say). Before the fixes each line met: the
# former drinking, dependence and dysfunction as if now, the scale as the calf's spasticity; and the controls' age
# limit "Age ≥ 30 years (Healthy control group)" failed her whichever group she is in (the RA line was text).
# A current patient of 56: each state now: still met; the scale still decides nothing (which muscle, a person
# reads); the controls' lines are met / not excluding whichever group (56 years, no RA).
source "$(dirname "$0")/lib.sh"
TRIALS="$SRC/fixtures/trials/e2e/e2e_audit23.json"
ID=E2E-AUDIT23
FORMER="$TMP/former.json"
cat >"$FORMER" <<'JSON'
{"id": "P-E2E-AUDIT23-FORMER", "birth_date": "2000-05-02", "sex": "male",
 "observations": [{"code": "modified_ashworth_scale", "value": 2, "unit": "1", "date": "2026-11-20"}],
 "conditions": [{"code": "heavy_drinking", "onset": "2018-01-01", "abatement": "2022-01-01", "status": "resolved"},
  {"code": "binge_drinking", "onset": "2018-01-01", "abatement": "2022-01-01", "status": "resolved"},
  {"code": "nicotine_dependence", "onset": "2016-01-01", "abatement": "2020-01-01", "status": "resolved"},
  {"code": "erectile_dysfunction", "onset": "2021-01-01", "abatement": "2023-01-01", "status": "resolved"},
  {"code": "rheumatoid_arthritis", "onset": "2024-01-01", "status": "active"}]}
JSON
CURRENT="$TMP/current.json"
cat >"$CURRENT" <<'JSON'
{"id": "P-E2E-AUDIT23-CURRENT", "birth_date": "1970-05-02", "sex": "male",
 "observations": [{"code": "modified_ashworth_scale", "value": 2, "unit": "1", "date": "2026-11-20"}],
 "conditions": [{"code": "heavy_drinking", "onset": "2020-01-01", "status": "active"},
  {"code": "nicotine_dependence", "onset": "2000-01-01", "status": "active"},
  {"code": "erectile_dysfunction", "onset": "2024-01-01", "status": "active"}]}
JSON

match_report former "$FORMER" 2026-12-06
is "drinking that stopped in 2022: whether now, a person reads" "$(J outcome "$R" $ID inclusion 1)" "unknown unknown"
is "nicotine dependence ended in 2020: whether now, a person reads" "$(J outcome "$R" $ID inclusion 2)" "unknown unknown"
is "erectile dysfunction resolved in 2023: whether present, a person reads" "$(J outcome "$R" $ID inclusion 3)" "unknown unknown"
is "MAS 2 with no site: the gastrocsoleus's, a person reads" "$(J outcome "$R" $ID inclusion 4)" "unknown unknown"
is "26 years old: the controls' age limit, whether she is one a person reads" "$(J outcome "$R" $ID inclusion 5)" "unknown unknown"
is "rheumatoid arthritis: the controls' exclusion, whether she is one a person reads" "$(J outcome "$R" $ID exclusion 6)" "unknown unknown"

match_report current "$CURRENT" 2026-12-06
is "heavy drinking now: met" "$(J outcome "$R" $ID inclusion 1)" "pass true"
is "nicotine dependence now: met" "$(J outcome "$R" $ID inclusion 2)" "pass true"
is "erectile dysfunction now: met" "$(J outcome "$R" $ID inclusion 3)" "pass true"
is "MAS 2 with no site: still which muscle, a person reads" "$(J outcome "$R" $ID inclusion 4)" "unknown unknown"
is "56 years old: meets the controls' age limit whichever group" "$(J outcome "$R" $ID inclusion 5)" "pass true"
is "no rheumatoid arthritis: not excluded whichever group" "$(J outcome "$R" $ID exclusion 6)" "pass false"

finish
