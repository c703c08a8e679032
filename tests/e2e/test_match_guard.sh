# The Karnofsky/Lansky guard on both sides of 16 completed years: on the small trial E2E-GUARD
# (fixtures/trials/e2e/e2e_guard.json, "Karnofsky >= 70 for >= 16 y; Lansky >= 70 for < 16 y") and on
# seed NCT07338357 inclusion 6 ("Karnofsky (age >= 16) >= 70 or Lansky (age < 16) >= 50 ... survival > 3 months").
source "$(dirname "$0")/lib.sh"
TRIALS="$SRC/fixtures/trials/e2e/e2e_guard.json"
BASE="$SRC/fixtures/patients/e2e_guard_day_before_16.json"

# guard NAME BIRTH LANSKY KARNOFSKY EXPECTED_OUTCOME
guard() {
  J derive "$BASE" "$TMP/$1.patient.json" "id=P-E2E-$1" "birth=$2" \
    "obs={\"code\":\"lansky\",\"value\":$3,\"date\":\"2026-11-10\"}" \
    "obs={\"code\":\"karnofsky\",\"value\":$4,\"date\":\"2026-11-10\"}"
  run "$1: match" 0 "$TM" match "$TMP/$1.patient.json" --trials "$TRIALS" --as-of 2026-11-21 --format json
  cp "$TMP/out" "$TMP/$1.json"
  is "$1: inclusion 1" "$(J outcome "$TMP/$1.json" E2E-GUARD inclusion 1)" "$5"
}

# 15 years, the day before the 16th birthday: Lansky decides.
guard day_before_16_lansky_ok 2010-11-22 80 50 "pass true"
J evidence "$TMP/day_before_16_lansky_ok.json" E2E-GUARD inclusion 1 age > "$TMP/q"
expect "day before 16: age 15" "$TMP/q" "15 a | < 16 a"
guard day_before_16_lansky_low 2010-11-22 60 90 "fail false"
J evidence "$TMP/day_before_16_lansky_low.json" E2E-GUARD inclusion 1 lansky > "$TMP/q"
expect "day before 16: Lansky 60 shown failing" "$TMP/q" "60 1 | >= 70 |"
# 16 years on the birthday itself: Karnofsky decides.
guard on_16th_birthday_karnofsky_ok 2010-11-21 50 80 "pass true"
guard on_16th_birthday_karnofsky_low 2010-11-21 90 60 "fail false"
J evidence "$TMP/on_16th_birthday_karnofsky_low.json" E2E-GUARD inclusion 1 karnofsky > "$TMP/q"
expect "16th birthday: Karnofsky 60 shown failing" "$TMP/q" "60 1 | >= 70 |"
expect "16th birthday: Karnofsky false" "$TMP/q" "| false"
# Adult and young child, each with only the score that applies: no missing data.
guard adult_karnofsky 1980-01-01 10 90 "pass true"
guard child_lansky 2020-01-01 90 10 "pass true"
is "child_lansky: eligible" "$(J verdict "$TMP/child_lansky.json" E2E-GUARD)" eligible

# Only the score that does not apply recorded: unknown, and the missing one is the one that applies.
J derive "$BASE" "$TMP/teen_only_karnofsky.json" id=P-E2E-TEEN-K '-obs=lansky'
run "teen only Karnofsky" 0 "$TM" match "$TMP/teen_only_karnofsky.json" --trials "$TRIALS" --as-of 2026-11-21 --format json
is "teen only Karnofsky: unknown" "$(J outcome "$TMP/out" E2E-GUARD inclusion 1)" "unknown unknown"
is "teen only Karnofsky: missing lansky" "$(J missing "$TMP/out" E2E-GUARD inclusion 1)" "lansky"
is "teen only Karnofsky: needs_review" "$(J verdict "$TMP/out" E2E-GUARD)" needs_review

# The seed: NCT07338357 inclusion 6, with the fixtures aml_lansky_age15 / aml_karnofsky_age16
# (both Lansky 60, Karnofsky 60, life expectancy 6 months).
run "seed 15y" 0 "$TM" match "$SRC/fixtures/patients/aml_lansky_age15.json" --as-of 2026-11-21 --format json
is "seed 15y: Lansky 60 >= 50 passes" "$(J outcome "$TMP/out" NCT07338357 inclusion 6)" "pass true"
run "seed 16y" 0 "$TM" match "$SRC/fixtures/patients/aml_karnofsky_age16.json" --as-of 2026-11-21 --format json
is "seed 16y: Karnofsky 60 < 70 fails" "$(J outcome "$TMP/out" NCT07338357 inclusion 6)" "fail false"
is "seed 16y: ineligible" "$(J verdict "$TMP/out" NCT07338357)" ineligible
J evidence "$TMP/out" NCT07338357 inclusion 6 karnofsky > "$TMP/q"
expect "seed 16y: Karnofsky value and threshold" "$TMP/q" "60 1 | >= 70 |"

finish
