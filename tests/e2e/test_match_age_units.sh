# A recorded age (no birth date) in any of the units the contract's reader accepts (a, mo, wk, d) decides
# "Age ≥ 18 years" (E2E-NODES inclusion 1) as the same age in years would.
source "$(dirname "$0")/lib.sh"
TRIALS="$SRC/fixtures/trials/e2e/e2e_nodes.json"
# age VALUE UNIT EXPECTED_OUTCOME
age() {
  python3 - "$SRC/fixtures/patients/e2e_adult_base.json" "$TMP/age.json" "$1" "$2" <<'PY'
import json, sys
p = json.load(open(sys.argv[1]))
del p["birth_date"]
p["age"] = {"value": float(sys.argv[3]), "unit": sys.argv[4]}
json.dump(p, open(sys.argv[2], "w"))
PY
  run "age $1 $2: match" 0 "$TM" match "$TMP/age.json" --trials "$TRIALS" --as-of 2026-11-21 --format json
  is "age $1 $2: inclusion 1" "$(J outcome "$TMP/out" E2E-NODES inclusion 1)" "$3"
  run "age $1 $2: text" 0 "$TM" match "$TMP/age.json" --trials "$TRIALS" --as-of 2026-11-21
  expect_not "age $1 $2: no warning" "$TMP/out" "warning:"
}
age 30 a "pass true"
age 17 a "fail false"
age 360 mo "pass true"
age 216 mo "pass true"
age 200 mo "fail false"
age 200 d "fail false"
age 160 wk "fail false"
age 1000 wk "pass true"

finish
