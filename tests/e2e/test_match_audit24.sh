#!/usr/bin/env bash
# Wrong readings found by the session 24 audit (a fresh seeded random sample of split-corpus trees;
# /work/notes/audit24.md), through the binary: trial fixtures/trials/e2e/e2e_audit24.json on 2026-12-06.
# A man with schizophrenia and a PANSS total of 75, homeless in 2015 (housed since) and with suicidal ideation in
# 2010 (resolved). Before the fixes "PANSS total score of 60" read as a total of exactly 60 failed him, and
# "homelessness or no fixed address" and "Suicide risk ..." (asked of any time) excluded him. Now the first is a
# person's to read (a cut-off whose side is not written) and the two exclusions ask of now (lexicon states): an
# ended record leaves them to a person. A man homeless now, with suicidal ideation now, is still excluded.
source "$(dirname "$0")/lib.sh"
TRIALS="$SRC/fixtures/trials/e2e/e2e_audit24.json"
ID=E2E-AUDIT24
PAST="$TMP/past.json"
cat >"$PAST" <<'JSON'
{"id": "P-E2E-AUDIT24-PAST", "birth_date": "1980-03-04", "sex": "male",
 "conditions": [{"code": "schizophrenia", "onset": "2005-01-01", "status": "active"},
  {"code": "homelessness", "onset": "2014-01-01", "end": "2015-06-01", "status": "resolved"},
  {"code": "suicidal_ideation", "onset": "2010-01-01", "end": "2010-03-01", "status": "resolved"}],
 "observations": [{"code": "panss", "value": 75, "date": "2026-11-20"}]}
JSON
NOW="$TMP/now.json"
cat >"$NOW" <<'JSON'
{"id": "P-E2E-AUDIT24-NOW", "birth_date": "1980-03-04", "sex": "male",
 "conditions": [{"code": "schizophrenia", "onset": "2005-01-01", "status": "active"},
  {"code": "homelessness", "onset": "2026-01-01", "status": "active"},
  {"code": "suicidal_ideation", "onset": "2026-11-01", "status": "active"}],
 "observations": [{"code": "panss", "value": 75, "date": "2026-11-20"}]}
JSON

match_report past "$PAST" 2026-12-06
is "PANSS 75 against 'a total score of 60': a person reads" "$(J outcome "$R" $ID inclusion 2)" "unknown unknown"
is "homeless in 2015, housed now: a person reads" "$(J outcome "$R" $ID exclusion 1)" "unknown unknown"
is "suicidal ideation in 2010, resolved: a person reads" "$(J outcome "$R" $ID exclusion 2)" "unknown unknown"
is "past: not decided by readings that did not say so (a person reviews)" "$(J verdict "$R" $ID)" needs_review

match_report now "$NOW" 2026-12-06
is "homeless now: excluded" "$(J outcome "$R" $ID exclusion 1)" "fail true"
is "suicidal ideation now: excluded" "$(J outcome "$R" $ID exclusion 2)" "fail true"
is "now: ineligible" "$(J verdict "$R" $ID)" ineligible

finish
