# `explain PATIENT TRIAL_ID`: every criterion of the trial (none absent, structured limits included), each
# with what decided it; the same verdict and outcomes as `match`; an unknown trial id exits 2 naming it.
source "$(dirname "$0")/lib.sh"
ROW='^  (pass|FAIL|unknown|to confirm) +(inclusion|exclusion) '

# Unknown trial ids: exit 2 and the id named, with the bundled library and with --trials.
run "unknown trial id" 2 "$TM" explain "$P/example.json" NCT00000000 --as-of 2026-11-21
expect "unknown trial id named" "$TMP/err" "NCT00000000"
run "unknown trial id, --trials" 2 "$TM" explain "$P/example.json" E2E-NO-SUCH-TRIAL --trials "$E2E" --as-of 2026-11-21
expect "unknown trial id named (--trials)" "$TMP/err" "E2E-NO-SUCH-TRIAL"
expect_not "nothing on stdout for an unknown id" "$TMP/out" "E2E-NODES"
run "missing patient" 2 "$TM" explain "$TMP/nope.json" NCT05860595 --as-of 2026-11-21
expect "missing patient named" "$TMP/err" "$TMP/nope.json"

# Every seed, for the example patient (native and FHIR): one row per criterion plus structured limits,
# and the JSON form equal to match's result for that trial.
run "trials --json" 0 "$TM" trials --json
cp "$TMP/out" "$TMP/trials.ndjson"
run "match example" 0 "$TM" match "$P/example.json" --as-of 2026-11-21 --format json
cp "$TMP/out" "$TMP/match.json"
for id in NCT05860595 NCT06633354 NCT07338357 NCT04010877 TM-587ADD54B34C; do
  want=$(python3 - "$TMP/trials.ndjson" "$id" <<'PY'
import json, sys
for line in open(sys.argv[1]):
    t = json.loads(line)
    if t["id"] == sys.argv[2]:
        print(len(t["criteria"]) + (t["min_age"] is not None) + (t["max_age"] is not None) + (t["sex"] != "all"))
PY
)
  for form in example.json example.fhir.json; do
    run "explain $form $id" 0 "$TM" explain "$P/$form" "$id" --as-of 2026-11-21
    is "explain $form $id: a row per criterion" "$(grep -cE "$ROW" "$TMP/out")" "$want"
    expect "explain $form $id: the trial named" "$TMP/out" "$id"
  done
  run "explain json $id" 0 "$TM" explain "$P/example.json" "$id" --as-of 2026-11-21 --format json
  cp "$TMP/out" "$TMP/explain.json"
  is "explain json $id: one result" "$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["results"]))' "$TMP/explain.json")" 1
  is "explain json $id: same verdict as match" "$(J verdict "$TMP/explain.json" "$id")" "$(J verdict "$TMP/match.json" "$id")"
  is "explain json $id: nothing absent" "$(J counts "$TMP/explain.json" <(grep "\"id\":\"$id\"" "$TMP/trials.ndjson"))" ok
  python3 - "$TMP/match.json" "$id" > "$TMP/one.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
r["results"] = [x for x in r["results"] if x["trial"] == sys.argv[2]]
json.dump(r, sys.stdout)
PY
  is "explain json $id: same criteria as match" "$(J same "$TMP/explain.json" "$TMP/one.json")" same
done

# A passing trial shows every criterion too (match's text hides them for an eligible trial).
run "explain eligible" 0 "$TM" explain "$P/e2e_adult_base.json" E2E-NODES --trials "$E2E" --as-of 2026-11-21
is "explain eligible: 8 rows" "$(grep -cE "$ROW" "$TMP/out")" 8
expect "explain eligible: verdict" "$TMP/out" "ELIGIBLE      E2E-NODES"
expect "explain eligible: Hb conversion shown" "$TMP/out" "hemoglobin: 65 g/L (2026-11-10); needs <= 7 g/dL; 65 g/L = 6.5 g/dL -> true"
expect "explain eligible: ULN source shown" "$TMP/out" "ULN 40 U/L from the patient's reference range"
expect "explain eligible: not recorded shown" "$TMP/out" "hiv_infection: not recorded"

# A failing criterion: the value, the threshold and the conversion.
run "explain creatinine" 0 "$TM" explain "$P/tall_creatinine_mgdl_high.json" NCT06633354 --as-of 2026-11-21
expect "explain creatinine: FAIL row" "$TMP/out" "FAIL        inclusion 5"
expect "explain creatinine: value, threshold, conversion" "$TMP/out" "creatinine: 2.1 mg/dL (2026-11-10); needs <= 176.8 umol/L; 2.1 mg/dL = 185.6 umol/L"
expect "explain creatinine: verdict" "$TMP/out" "INELIGIBLE    NCT06633354"

# Open world through explain: the exclusions resting on "not recorded" become unknown, naming the variable.
run "explain open world" 0 "$TM" explain "$P/e2e_adult_base.json" E2E-NODES --trials "$E2E" --as-of 2026-11-21 --open-world
expect "explain open world: needs review" "$TMP/out" "NEEDS REVIEW  E2E-NODES"
expect "explain open world: HIV unknown" "$TMP/out" "unknown     exclusion 4"
expect "explain open world: what would decide" "$TMP/out" "would be decided by: hiv_infection"
expect_not "explain open world: nothing fails" "$TMP/out" "FAIL "

finish
