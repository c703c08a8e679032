# Registry layouts whose lead-ins change what their items mean (audit 13, fixtures/trials/e2e/e2e_layouts13.json):
# an unmarked "No history of the following:" paragraph over bullets (dropped as a heading, "diabetes" was required:
# every patient without diabetes was ineligible); "Any of the following within 6 months prior to screening:" (dropped,
# a myocardial infarction years ago excluded); "Must have one or both of the following:" (read apart, both were
# required); "Prior malignancy, except:" over "basal cell carcinoma" (read as a heading, the exception excluded).
source "$(dirname "$0")/lib.sh"
BASE="$SRC/fixtures/patients/e2e_adult_base.json"
TRIALS="$SRC/fixtures/trials/e2e/e2e_layouts13.json"
ID=E2E-LAYOUTS13

# patient NAME [derive operations...] : the report is $TMP/NAME.json.
patient() { match_derived "$1" "$BASE" "$TRIALS" "${@:2}"; }

run "split" 0 "$TM" trials --json "$TRIALS"
expect "split: the unmarked lead-in with each item" "$TMP/out" '"number":"3","section":"inclusion","text":"No history of the following: diabetes"'
expect "split: the window with each item" "$TMP/out" '"number":"2","section":"exclusion","text":"Any of the following within 6 months prior to screening: myocardial infarction"'
expect "split: one or both as one inclusion" "$TMP/out" '"number":"2","section":"inclusion","text":"Must have one or both of the following: hypertension; obesity"'

HTN='cond={"code":"hypertension","status":"active","onset":"2015-01-01"}'

# Hypertension only: one of the two is enough; no diabetes passes "No history of the following: diabetes".
patient htn "$HTN"
is "htn: one or both met by one" "$(J outcome "$TMP/htn.json" $ID inclusion 2)" "pass true"
is "htn: no diabetes passes" "$(J outcome "$TMP/htn.json" $ID inclusion 3)" "pass true"

# With diabetes: the inclusion fails, the trial is ineligible.
patient diabetic "$HTN" 'cond={"code":"diabetes_mellitus","status":"active","onset":"2015-01-01"}'
is "diabetic: 'No history of the following: diabetes' fails" "$(J outcome "$TMP/diabetic.json" $ID inclusion 3)" "fail false"
is "diabetic: ineligible" "$(J verdict "$TMP/diabetic.json" $ID)" ineligible

# A myocardial infarction ten years ago is outside the window; one last month excludes.
patient old_mi "$HTN" 'cond={"code":"myocardial_infarction","status":"resolved","onset":"2016-05-01"}'
is "old_mi: outside the window" "$(J outcome "$TMP/old_mi.json" $ID exclusion 2)" "pass false"
patient recent_mi "$HTN" 'cond={"code":"myocardial_infarction","status":"active","onset":"2026-10-20"}'
is "recent_mi: excluded" "$(J outcome "$TMP/recent_mi.json" $ID exclusion 2)" "fail true"
is "recent_mi: ineligible" "$(J verdict "$TMP/recent_mi.json" $ID)" ineligible

# A basal cell carcinoma is the exception: not excluded by it (a person reads the line).
patient bcc "$HTN" 'cond={"code":"basal_cell_carcinoma","status":"active","onset":"2020-01-01"}'
is "bcc: the exception does not exclude" "$(J outcome "$TMP/bcc.json" $ID exclusion 1.1 | cut -d' ' -f2)" "unknown"

finish
