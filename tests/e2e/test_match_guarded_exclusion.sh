# A guard inside an exclusion must not fire for a patient outside the guard. Seed NCT05860595 exclusion 13.2:
# "Total serum bilirubin value >2.5×ULN; if combined with Gilbert syndrome, total bilirubin >3×ULN and direct
# bilirubin value >2.5×ULN". A patient without Gilbert syndrome whose bilirubin is <= 2.5 × ULN (or unknown) is
# not excluded by it, however the line is read: the outcome is pass (or unknown), never fail. It fires above
# 2.5 × ULN without Gilbert syndrome, and with Gilbert syndrome only above the Gilbert thresholds.
# Then the same rule on a simple guarded exclusion of our own.
source "$(dirname "$0")/lib.sh"
is_not() {
  checks=$((checks + 1))
  if [ "$2" = "$3" ]; then
    echo "FAIL $1: got '$2'"
    failures=$((failures + 1))
  fi
}

# example.json: total bilirubin 27 umol/L, ULN 20.5 (so 2.5 x ULN = 51.25), no Gilbert syndrome recorded.
run "example" 0 "$TM" match "$P/example.json" --as-of 2026-11-21 --format json
is_not "example: bilirubin 27 <= 51.25 umol/L, no Gilbert: 13.2 does not fire" \
  "$(J outcome "$TMP/out" NCT05860595 exclusion 13.2)" "fail true"
is_not "example: not ineligible for NCT05860595" "$(J verdict "$TMP/out" NCT05860595)" ineligible
# Gilbert syndrome recorded absent (a known negative): still no reason to exclude.
J derive "$P/example.json" "$TMP/no_gilbert.json" 'cond={"code":"gilbert_syndrome","status":"absent","onset":"2026-10-15"}'
run "example, Gilbert absent" 0 "$TM" match "$TMP/no_gilbert.json" --as-of 2026-11-21 --format json
is_not "example, Gilbert absent: 13.2 does not fire" "$(J outcome "$TMP/out" NCT05860595 exclusion 13.2)" "fail true"
# No labs at all: the exclusion cannot be true on nothing.
run "thal no labs" 0 "$TM" match "$P/thal_missing_labs.json" --as-of 2026-11-21 --format json
is_not "no labs: 13.2 does not fire" "$(J outcome "$TMP/out" NCT05860595 exclusion 13.2)" "fail true"
is_not "no labs: not ineligible for NCT05860595" "$(J verdict "$TMP/out" NCT05860595)" ineligible

# And it does fire where it should. The bilirubin of example.json changed (ULN 20.5 umol/L from its range):
bili() { printf 'obs={"code":{"system":"http://loinc.org","code":"%s"},"value":%s,"unit":"umol/L","date":"2026-11-10","reference_range":{"low":%s,"high":%s}}' "$@"; }
GILBERT='cond={"code":"gilbert_syndrome","status":"active","onset":"2015-01-01"}'
# no Gilbert syndrome, 60 umol/L > 2.5 x 20.5 = 51.25: fires.
J derive "$P/example.json" "$TMP/b60.json" "$(bili 1975-2 60 3.4 20.5)"
run "bilirubin 60" 0 "$TM" match "$TMP/b60.json" --as-of 2026-11-21 --format json
is "bilirubin 60, no Gilbert: fires" "$(J outcome "$TMP/out" NCT05860595 exclusion 13.2)" "fail true"
# Gilbert syndrome, 55 umol/L (<= 3 x 20.5 = 61.5): the Gilbert thresholds apply, does not fire.
J derive "$P/example.json" "$TMP/g55.json" "$(bili 1975-2 55 3.4 20.5)" "$GILBERT" "$(bili 1968-7 15 0 5.1)"
run "Gilbert, bilirubin 55" 0 "$TM" match "$TMP/g55.json" --as-of 2026-11-21 --format json
is_not "Gilbert, bilirubin 55: does not fire" "$(J outcome "$TMP/out" NCT05860595 exclusion 13.2)" "fail true"
# Gilbert syndrome, 70 umol/L > 61.5 and direct 15 umol/L > 2.5 x 5.1 = 12.75: fires.
J derive "$P/example.json" "$TMP/g70.json" "$(bili 1975-2 70 3.4 20.5)" "$GILBERT" "$(bili 1968-7 15 0 5.1)"
run "Gilbert, bilirubin 70, direct 15" 0 "$TM" match "$TMP/g70.json" --as-of 2026-11-21 --format json
is "Gilbert, bilirubin 70, direct 15: fires" "$(J outcome "$TMP/out" NCT05860595 exclusion 13.2)" "fail true"

# The same on a simple line (fixtures/trials/e2e/e2e_guard_exclusion.json, E2E-GUARD-EXCL): exclusion 1
# "Creatinine > 1.5 mg/dL for subjects ≥ 18 years of age" excludes adults with creatinine above 1.5 mg/dL,
# and nobody under 18, whatever their creatinine (scores 90 keep exclusion 2 out of the way).
GE="$SRC/fixtures/trials/e2e/e2e_guard_exclusion.json"
# guarded NAME BIRTH CREATININE_MG_DL EXPECTED_OUTCOME_OF_EXCLUSION_1 [KARNOFSKY LANSKY] (scores default 90)
guarded() {
  J derive "$P/e2e_adult_base.json" "$TMP/$1.json" "id=P-E2E-$1" "birth=$2" \
    "obs={\"code\":{\"system\":\"http://loinc.org\",\"code\":\"2160-0\"},\"value\":$3,\"unit\":\"mg/dL\",\"date\":\"2026-11-10\"}" \
    "obs={\"code\":\"karnofsky\",\"value\":${5:-90},\"date\":\"2026-11-10\"}" "obs={\"code\":\"lansky\",\"value\":${6:-90},\"date\":\"2026-11-10\"}"
  run "$1: match" 0 "$TM" match "$TMP/$1.json" --trials "$GE" --as-of 2026-11-21 --format json
  is "$1: exclusion 1" "$(J outcome "$TMP/out" E2E-GUARD-EXCL exclusion 1)" "$4"
}
guarded adult_creat_2 1996-03-10 2.0 "fail true"
guarded adult_creat_1 1996-03-10 1.0 "pass false"
guarded child_creat_half 2016-04-11 0.5 "pass false"
guarded child_creat_2 2016-04-11 2.0 "pass false"
is "child_creat_2: not ineligible" "$(J verdict "$TMP/out" E2E-GUARD-EXCL)" eligible
# Exclusion 2, two complementary guards ("Karnofsky <70 for >=16 y; Lansky <70 for <16 y"): exactly the
# score that applies to the age decides. kl NAME BIRTH KARNOFSKY LANSKY EXPECTED_OUTCOME_OF_EXCLUSION_2:
kl() {
  guarded "$1" "$2" 1.0 "pass false" "$3" "$4"
  is "$1: exclusion 2" "$(J outcome "$TMP/out" E2E-GUARD-EXCL exclusion 2)" "$5"
}
kl adult_karnofsky_50 1996-03-10 50 90 "fail true"
kl adult_karnofsky_80_lansky_50 1996-03-10 80 50 "pass false"
kl child_lansky_50 2016-04-11 90 50 "fail true"
kl child_lansky_90_karnofsky_50 2016-04-11 50 90 "pass false"

finish
