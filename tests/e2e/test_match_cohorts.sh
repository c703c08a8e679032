# Lead-ins naming groups of people: a trial that names two groups ("Donors:", "Recipients:") asks each group's lines
# of that group only (a recipient of 65 is not held to the donors' age limit of 60); a trial that names one group
# ("Adults:") restates whom it takes, and its lines keep deciding. (fixtures/trials/e2e/e2e_cohorts.json,
# e2e_one_group.json; grammar::PeopleHeadings, matcher::parse_criteria.)
source "$(dirname "$0")/lib.sh"
BASE="$SRC/fixtures/patients/e2e_adult_base.json"
TRIALS="$SRC/fixtures/trials/e2e/e2e_cohorts.json:$SRC/fixtures/trials/e2e/e2e_one_group.json"

# patient NAME BIRTH [derive operations...] : matches the patient against both trials; the report is $TMP/NAME.json.
patient() { match_derived "$1" "$BASE" "$TRIALS" "birth=$2" "${@:3}"; }

# 65 years old: past the donors' 60, within the recipients' 70. Which group the patient is in is a person's call.
patient age65 1961-01-01
is "age 65: donors' age limit unknown" "$(J outcome "$TMP/age65.json" E2E-COHORTS inclusion 1)" "unknown unknown"
# (The recipients' limit holds whichever group the patient is in: if(unknown, true) is true.)
is "age 65: recipients' age limit met" "$(J outcome "$TMP/age65.json" E2E-COHORTS inclusion 2)" "pass true"
is "age 65: two cohorts, needs review" "$(J verdict "$TMP/age65.json" E2E-COHORTS)" needs_review
# One group named ("Adults:", "Adult patients:" are one): its age limit decides.
is "age 65: one group, age fails" "$(J outcome "$TMP/age65.json" E2E-ONE-GROUP inclusion 1)" "fail false"
is "age 65: one group, ineligible" "$(J verdict "$TMP/age65.json" E2E-ONE-GROUP)" ineligible

# 30 years old with diabetes: the donors' exclusion does not exclude a recipient.
patient diabetic30 1996-03-10 'cond={"code":"diabetes_mellitus","status":"active","onset":"2015-01-01"}'
is "diabetic 30: donors' exclusion unknown" "$(J outcome "$TMP/diabetic30.json" E2E-COHORTS exclusion 1)" "unknown unknown"
is "diabetic 30: two cohorts, needs review" "$(J verdict "$TMP/diabetic30.json" E2E-COHORTS)" needs_review
is "diabetic 30: one group, excluded" "$(J verdict "$TMP/diabetic30.json" E2E-ONE-GROUP)" ineligible

# 30 years old without diabetes: within both groups' limits, so eligible whichever group the patient is in.
patient healthy30 1996-03-10
is "healthy 30: one group, eligible" "$(J verdict "$TMP/healthy30.json" E2E-ONE-GROUP)" eligible
is "healthy 30: two cohorts, eligible" "$(J verdict "$TMP/healthy30.json" E2E-COHORTS)" eligible

finish
