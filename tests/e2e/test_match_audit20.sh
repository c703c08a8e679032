#!/usr/bin/env bash
# Wrong readings found by the session 20 audit (a fresh seeded random sample of split-corpus trees;
# /work/notes/audit20.md), through the binary: trial fixtures/trials/e2e/e2e_audit20.json on 2026-12-06.
# A woman who took probiotics and vitamins in 2014-2015 and none since. Before the fixes both exclusions excluded
# her: "Use dietary supplements (..., probiotics ...)" and "Patients who use probiotics" read "use" as use at any
# time (and the status stopped at the unread "minerals, bioflavonoids"). Whether she uses any now, a person reads
# (the unread items). A woman on probiotics now is still excluded by both.
source "$(dirname "$0")/lib.sh"
TRIALS="$SRC/fixtures/trials/e2e/e2e_audit20.json"
ID=E2E-AUDIT20
FORMER="$TMP/former.json"
cat >"$FORMER" <<'JSON'
{"id": "P-E2E-AUDIT20-FORMER", "birth_date": "1980-05-02", "sex": "female",
 "medications": [{"code": "probiotics", "start": "2014-01-01", "end": "2015-01-01", "status": "completed"},
  {"code": "vitamin_supplements", "start": "2014-01-01", "end": "2015-01-01", "status": "completed"}]}
JSON
CURRENT="$TMP/current.json"
cat >"$CURRENT" <<'JSON'
{"id": "P-E2E-AUDIT20-CURRENT", "birth_date": "1980-05-02", "sex": "female",
 "medications": [{"code": "probiotics", "start": "2026-01-01", "status": "active"}]}
JSON

match_report former "$FORMER" 2026-12-06
is "supplements ended in 2015: whether used now, a person reads" "$(J outcome "$R" $ID exclusion 1)" "unknown unknown"
is "probiotics ended in 2015: not used now" "$(J outcome "$R" $ID exclusion 2)" "pass false"
is "former: not excluded by a use that ended (a person reviews)" "$(J verdict "$R" $ID)" needs_review

match_report current "$CURRENT" 2026-12-06
is "probiotics now: excluded (supplements)" "$(J outcome "$R" $ID exclusion 1)" "fail true"
is "probiotics now: excluded" "$(J outcome "$R" $ID exclusion 2)" "fail true"
is "current: ineligible" "$(J verdict "$R" $ID)" ineligible

finish
