# Lead-ins that govern their nested items. A negation ("No history of the following:" over "diabetes", "stroke"): in
# an inclusion none of them may hold; under exclusion criteria ("Patients must not have any of the following:") any
# of them excludes. Alternatives ("One of the following:" over two thresholds): one is enough. Read as headings, the
# inclusion's items were all required: every patient without diabetes was ineligible, and so was one who met one of
# the alternatives only. (fixtures/trials/e2e/e2e_lead_ins.json, a ClinicalTrials.gov study with nested bullets.)
source "$(dirname "$0")/lib.sh"
BASE="$SRC/fixtures/patients/e2e_adult_base.json"
TRIALS="$SRC/fixtures/trials/e2e/e2e_lead_ins.json"

# patient NAME [derive operations...] : the report is $TMP/NAME.json.
patient() { match_derived "$1" "$BASE" "$TRIALS" "${@:2}"; }

# The splitter writes each nested item under its lead-in.
run "split" 0 "$TM" trials --json "$TRIALS"
expect "split: item under its lead-in" "$TMP/out" '"number":"2.1","section":"inclusion","text":"No history of the following: diabetes"'

# HbA1c 7% with a fasting glucose of 100 mg/dL meets one of the alternatives.
GLYCAEMIA=('obs={"code":"hba1c","value":7,"unit":"%","date":"2026-11-10"}'
           'obs={"code":"fasting_glucose","value":100,"unit":"mg/dL","date":"2026-11-10"}')

# Without any of the conditions: every inclusion passes, nothing excludes.
patient healthy "${GLYCAEMIA[@]}"
is "healthy: one of the alternatives met" "$(J outcome "$TMP/healthy.json" E2E-LEAD-INS inclusion 4)" "pass true"
# No diabetes coded, but an HbA1c of 7% may show one (diabetes_mellitus is defined_by HbA1c; session 14): a
# person checks "no history of diabetes" (it passed before), so the verdict needs review, not eligible.
is "healthy: no diabetes coded, HbA1c 7%: a person checks" "$(J outcome "$TMP/healthy.json" E2E-LEAD-INS inclusion 2.1)" "unknown unknown"
is "healthy: no heart failure passes" "$(J outcome "$TMP/healthy.json" E2E-LEAD-INS inclusion 3.1)" "pass true"
is "healthy: needs review on the HbA1c only" "$(J unknown "$TMP/healthy.json" E2E-LEAD-INS)" "inclusion:2.1"

# With diabetes: the inclusion fails. With epilepsy: the exclusion's item excludes.
patient diabetic "${GLYCAEMIA[@]}" 'cond={"code":"diabetes_mellitus","status":"active","onset":"2015-01-01"}'
is "diabetic: 'No history of the following: diabetes' fails" "$(J outcome "$TMP/diabetic.json" E2E-LEAD-INS inclusion 2.1)" "fail false"
is "diabetic: ineligible" "$(J verdict "$TMP/diabetic.json" E2E-LEAD-INS)" ineligible
patient epileptic "${GLYCAEMIA[@]}" 'cond={"code":"epilepsy","status":"active","onset":"2015-01-01"}'
is "epileptic: excluded" "$(J outcome "$TMP/epileptic.json" E2E-LEAD-INS exclusion 1.2)" "fail true"
is "epileptic: ineligible" "$(J verdict "$TMP/epileptic.json" E2E-LEAD-INS)" ineligible

# Neither alternative met: the inclusion fails.
patient normoglycaemic 'obs={"code":"hba1c","value":5.2,"unit":"%","date":"2026-11-10"}' \
  'obs={"code":"fasting_glucose","value":90,"unit":"mg/dL","date":"2026-11-10"}'
is "normoglycaemic: neither alternative" "$(J outcome "$TMP/normoglycaemic.json" E2E-LEAD-INS inclusion 4)" "fail false"
is "normoglycaemic: no diabetes passes" "$(J outcome "$TMP/normoglycaemic.json" E2E-LEAD-INS inclusion 2.1)" "pass true"

finish
