# Shared helpers for the end-to-end tests: each test script is run as `bash SCRIPT BINARY SOURCE_DIR`.
# (This file has no test of its own: CTest runs only the scripts that define tests.)
set -uo pipefail
TM=${1:?binary}
SRC=${2:?source dir}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
failures=0
checks=0

# run NAME EXPECTED_STATUS CMD... : runs CMD, keeps stdout in $TMP/out and stderr in $TMP/err.
run() {
  local name=$1 expected=$2
  shift 2
  "$@" >"$TMP/out" 2>"$TMP/err"
  local status=$?
  checks=$((checks + 1))
  if [ "$status" -ne "$expected" ]; then
    echo "FAIL $name: exit status $status, expected $expected"
    echo "  command: $*"
    sed 's/^/  stderr: /' "$TMP/err" | head -20
    failures=$((failures + 1))
  fi
}

# expect NAME FILE PATTERN : FILE ($TMP/out or $TMP/err) contains the fixed string PATTERN.
expect() {
  checks=$((checks + 1))
  if ! grep -qF -- "$3" "$2"; then
    echo "FAIL $1: expected to find: $3"
    sed 's/^/  got: /' "$2" | head -40
    failures=$((failures + 1))
  fi
}

# expect_not NAME FILE PATTERN
expect_not() {
  checks=$((checks + 1))
  if grep -qF -- "$3" "$2"; then
    echo "FAIL $1: did not expect: $3"
    grep -F -- "$3" "$2" | head -5 | sed 's/^/  got: /'
    failures=$((failures + 1))
  fi
}

# Shared fixture paths and the JSON helper.
P="$SRC/fixtures/patients"
E2E="$SRC/fixtures/trials/e2e"
SEEDS="$SRC/fixtures/trials/seeds"
J() { python3 "$SRC/tests/e2e/lib_json.py" "$@"; }

# is NAME ACTUAL EXPECTED : the two strings are equal.
is() {
  checks=$((checks + 1))
  if [ "$2" != "$3" ]; then
    echo "FAIL $1: got '$2', expected '$3'"
    failures=$((failures + 1))
  fi
}

# match_derived NAME BASE_PATIENT TRIALS [derive operations...] : derives the patient P-E2E-NAME from BASE_PATIENT
# (lib_json.py derive) and matches it against TRIALS (a file or folder, or several joined by ':') as of 2026-11-21;
# the JSON report is $TMP/NAME.json.
match_derived() {
  local name=$1 base=$2 trials=$3
  shift 3
  J derive "$base" "$TMP/$name.patient.json" "id=P-E2E-$name" "$@"
  local -a paths
  IFS=: read -r -a paths <<<"$trials"
  run "$name: match" 0 "$TM" match "$TMP/$name.patient.json" --trials "${paths[@]}" --as-of 2026-11-21 --format json
  cp "$TMP/out" "$TMP/$name.json"
}

# match_report NAME PATIENT AS_OF : matches PATIENT against $TRIALS as of AS_OF (a JSON report, checked to exit 0)
# and sets R to the report, kept as $TMP/NAME_report.json.
match_report() {
  run "$1: match" 0 "$TM" match "$2" --trials "$TRIALS" --as-of "$3" --format json
  cp "$TMP/out" "$TMP/$1_report.json"
  R="$TMP/$1_report.json"
}

finish() {
  echo "$((checks - failures)) passed, $failures failed"
  [ "$failures" -eq 0 ]
}
