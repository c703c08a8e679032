# Missing data gives needs_review with the right `missing` list, and --open-world never excludes a patient
# for a condition, treatment or exposure the record says nothing about.
source "$(dirname "$0")/lib.sh"
NODES="$SRC/fixtures/trials/e2e/e2e_nodes.json"
BASE="$SRC/fixtures/patients/e2e_adult_base.json"

# No observations at all on E2E-NODES: every lab criterion unknown, each naming its variable; age is known.
J derive "$BASE" "$TMP/nolabs.json" id=P-E2E-NOLABS '-obs=http://loinc.org|1742-6' '-obs=http://loinc.org|2160-0' \
  '-obs=http://loinc.org|718-7' '-obs=http://loinc.org|777-3'
run "no labs" 0 "$TM" match "$TMP/nolabs.json" --trials "$NODES" --as-of 2026-11-21 --format json
cp "$TMP/out" "$TMP/nolabs.report.json"
is "no labs: needs_review" "$(J verdict "$TMP/nolabs.report.json" E2E-NODES)" needs_review
is "no labs: nothing fails" "$(J failing "$TMP/nolabs.report.json" E2E-NODES)" ""
is "no labs: the unknowns" "$(J unknown "$TMP/nolabs.report.json" E2E-NODES)" "inclusion:2 inclusion:3 inclusion:4 exclusion:1"
is "no labs: inclusion 1 (age) passes" "$(J outcome "$TMP/nolabs.report.json" E2E-NODES inclusion 1)" "pass true"
is "no labs: missing alt" "$(J missing "$TMP/nolabs.report.json" E2E-NODES inclusion 2)" alt
is "no labs: missing creatinine" "$(J missing "$TMP/nolabs.report.json" E2E-NODES inclusion 3)" creatinine
is "no labs: missing hemoglobin" "$(J missing "$TMP/nolabs.report.json" E2E-NODES inclusion 4)" hemoglobin
is "no labs: missing platelets" "$(J missing "$TMP/nolabs.report.json" E2E-NODES exclusion 1)" platelets
is "no labs: known criteria have no missing" "$(J missing "$TMP/nolabs.report.json" E2E-NODES inclusion 1)" ""
run "no labs: text" 0 "$TM" match "$TMP/nolabs.json" --trials "$NODES" --as-of 2026-11-21
expect "no labs: text verdict" "$TMP/out" "NEEDS REVIEW"
expect "no labs: text names what would decide" "$TMP/out" "would be decided by: hemoglobin"

# A missing lab never hides a failure elsewhere: no labs and 17 years old is ineligible.
J derive "$TMP/nolabs.json" "$TMP/nolabs17.json" birth=2009-06-01
run "no labs, 17" 0 "$TM" match "$TMP/nolabs17.json" --trials "$NODES" --as-of 2026-11-21 --format json
is "no labs, 17: ineligible" "$(J verdict "$TMP/out" E2E-NODES)" ineligible
is "no labs, 17: inclusion 1 fails" "$(J failing "$TMP/out" E2E-NODES)" "inclusion:1"

# The seed fixture thal_missing_labs (11-year-old, no observations) on seed NCT05860595: each lab line is
# unknown and names its variable; under 16 only the Lansky score is wanted.
run "thal no labs" 0 "$TM" match "$SRC/fixtures/patients/thal_missing_labs.json" --as-of 2026-11-21 --format json
cp "$TMP/out" "$TMP/thal.json"
is "thal no labs: Hb unknown" "$(J outcome "$TMP/thal.json" NCT05860595 inclusion 3)" "unknown unknown"
is "thal no labs: Hb missing" "$(J missing "$TMP/thal.json" NCT05860595 inclusion 3)" hemoglobin
is "thal no labs: performance unknown" "$(J outcome "$TMP/thal.json" NCT05860595 inclusion 4)" "unknown unknown"
is "thal no labs: only Lansky missing (age 11)" "$(J missing "$TMP/thal.json" NCT05860595 inclusion 4)" lansky
is "thal no labs: AST/ALT exclusion unknown" "$(J outcome "$TMP/thal.json" NCT05860595 exclusion 13.1)" "unknown unknown"
is "thal no labs: AST/ALT missing" "$(J missing "$TMP/thal.json" NCT05860595 exclusion 13.1)" "alt,ast"
is "thal no labs: age inclusion passes" "$(J outcome "$TMP/thal.json" NCT05860595 inclusion 1)" "pass true"
is "thal no labs: Hgb>=80 g/L of NCT04010877 unknown" "$(J missing "$TMP/thal.json" NCT04010877 inclusion 5)" hemoglobin

# Open world on E2E-NODES: the base patient records no HIV, no corticosteroid, no vaccine in the window.
# Closed world: those exclusions pass on "not recorded"; open world: unknown, never fail.
run "closed world" 0 "$TM" match "$BASE" --trials "$NODES" --as-of 2026-11-21 --format json
is "closed world: HIV exclusion passes" "$(J outcome "$TMP/out" E2E-NODES exclusion 4)" "pass false"
J evidence "$TMP/out" E2E-NODES exclusion 4 hiv_infection > "$TMP/q"
expect "closed world: the decision rests on not recorded" "$TMP/q" "not recorded"
run "open world" 0 "$TM" match "$BASE" --trials "$NODES" --as-of 2026-11-21 --open-world --format json
cp "$TMP/out" "$TMP/open.json"
is "open world: needs_review" "$(J verdict "$TMP/open.json" E2E-NODES)" needs_review
is "open world: nothing fails" "$(J failing "$TMP/open.json" E2E-NODES)" ""
is "open world: the unknowns" "$(J unknown "$TMP/open.json" E2E-NODES)" "exclusion:2 exclusion:3 exclusion:4"
is "open world: HIV missing" "$(J missing "$TMP/open.json" E2E-NODES exclusion 4)" hiv_infection
is "open world: corticosteroids missing" "$(J missing "$TMP/open.json" E2E-NODES exclusion 3)" systemic_corticosteroids
is "open world: measured criteria unchanged" "$(J outcome "$TMP/open.json" E2E-NODES inclusion 3)" "pass true"
# A recorded negative stays a known negative in the open world; a recorded positive still excludes.
J derive "$BASE" "$TMP/hivneg.json" 'cond={"code":"hiv_infection","status":"absent","onset":"2026-10-01"}'
run "open world, HIV negative" 0 "$TM" match "$TMP/hivneg.json" --trials "$NODES" --as-of 2026-11-21 --open-world --format json
is "open world, HIV negative: passes" "$(J outcome "$TMP/out" E2E-NODES exclusion 4)" "pass false"
J derive "$BASE" "$TMP/hivpos.json" 'cond={"code":"hiv_infection","status":"active","onset":"2020-01-01"}'
run "open world, HIV positive" 0 "$TM" match "$TMP/hivpos.json" --trials "$NODES" --as-of 2026-11-21 --open-world --format json
is "open world, HIV positive: fires" "$(J outcome "$TMP/out" E2E-NODES exclusion 4)" "fail true"
is "open world, HIV positive: ineligible" "$(J verdict "$TMP/out" E2E-NODES)" ineligible

# Every fixture patient against every seed under --open-world: no "not recorded" is taken as a fact, no
# exclusion fires on nothing recorded.
for patient in "$SRC"/fixtures/patients/*.json; do
  name=$(basename "$patient" .json)
  run "open world $name" 0 "$TM" match "$patient" --as-of 2026-11-21 --open-world --format json
  is "open world $name: nothing excluded for lack of a record" "$(J openworld "$TMP/out")" ok
done

finish
