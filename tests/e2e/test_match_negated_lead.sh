# A lead-in whose negation governs its nested items ("No history of the following:" over "diabetes", "stroke"): in an
# inclusion none of them may hold; under exclusion criteria ("Patients must not have any of the following:") any of
# them excludes. Read as a heading, the inclusion's items were required: every patient without diabetes was
# ineligible. (fixtures/trials/e2e/e2e_negated_lead.json, a ClinicalTrials.gov study with nested bullets.)
source "$(dirname "$0")/lib.sh"
BASE="$SRC/fixtures/patients/e2e_adult_base.json"
TRIALS="$SRC/fixtures/trials/e2e/e2e_negated_lead.json"

# patient NAME [derive operations...] : the report is $TMP/NAME.json.
patient() {
  local name=$1
  shift
  J derive "$BASE" "$TMP/$name.patient.json" "id=P-E2E-$name" "$@"
  run "$name: match" 0 "$TM" match "$TMP/$name.patient.json" --trials "$TRIALS" --as-of 2026-11-21 --format json
  cp "$TMP/out" "$TMP/$name.json"
}

# The splitter writes each nested item under its lead-in.
run "split" 0 "$TM" trials --json "$TRIALS"
expect "split: item under its lead-in" "$TMP/out" '"number":"2.1","section":"inclusion","text":"No history of the following: diabetes"'

# Without any of the conditions: every inclusion passes, nothing excludes.
patient healthy
is "healthy: no diabetes passes" "$(J outcome "$TMP/healthy.json" E2E-NEGATED-LEAD inclusion 2.1)" "pass true"
is "healthy: no heart failure passes" "$(J outcome "$TMP/healthy.json" E2E-NEGATED-LEAD inclusion 3.1)" "pass true"
is "healthy: eligible" "$(J verdict "$TMP/healthy.json" E2E-NEGATED-LEAD)" eligible

# With diabetes: the inclusion fails. With epilepsy: the exclusion's item excludes.
patient diabetic 'cond={"code":"diabetes_mellitus","status":"active","onset":"2015-01-01"}'
is "diabetic: 'No history of the following: diabetes' fails" "$(J outcome "$TMP/diabetic.json" E2E-NEGATED-LEAD inclusion 2.1)" "fail false"
is "diabetic: ineligible" "$(J verdict "$TMP/diabetic.json" E2E-NEGATED-LEAD)" ineligible
patient epileptic 'cond={"code":"epilepsy","status":"active","onset":"2015-01-01"}'
is "epileptic: excluded" "$(J outcome "$TMP/epileptic.json" E2E-NEGATED-LEAD exclusion 1.2)" "fail true"
is "epileptic: ineligible" "$(J verdict "$TMP/epileptic.json" E2E-NEGATED-LEAD)" ineligible

finish
