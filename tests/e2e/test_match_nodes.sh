# Every kind of node on the small trial fixtures/trials/e2e/e2e_nodes.json (E2E-NODES):
# the base patient passes all eight criteria; each variant changes one fact, so exactly one inclusion fails
# or one exclusion fires, and the report shows the patient's value, the (converted) threshold and the truth.
source "$(dirname "$0")/lib.sh"
# is NAME ACTUAL EXPECTED : exact comparison of a query's answer.
TRIALS="$SRC/fixtures/trials/e2e/e2e_nodes.json"
BASE="$SRC/fixtures/patients/e2e_adult_base.json"
LOINC=http://loinc.org
obs() { printf '{"code":{"system":"%s","code":"%s"},"value":%s,"unit":"%s","date":"2026-11-10"%s}' "$LOINC" "$1" "$2" "$3" "${4:-}"; }

# match_variant NAME OP... : derives the patient NAME from the base and writes its report to $TMP/NAME.json.
match_variant() {
  local name=$1
  shift
  J derive "$BASE" "$TMP/$name.patient.json" "id=P-E2E-$name" "$@" || { echo "FAIL derive $name"; failures=$((failures + 1)); }
  run "$name: match" 0 "$TM" match "$TMP/$name.patient.json" --trials "$TRIALS" --as-of 2026-11-21 --format json
  cp "$TMP/out" "$TMP/$name.json"
  is "$name: every failing criterion shows the patient's fact and conversion" "$(J explained "$TMP/$name.json")" ok
}

# The base passes everything; Hb 65 g/L passes "Hb <= 7 g/dL" only through the conversion (65 > 7 as bare numbers).
run "base: match" 0 "$TM" match "$BASE" --trials "$TRIALS" --as-of 2026-11-21 --format json
cp "$TMP/out" "$TMP/base.json"
is "base: eligible" "$(J verdict "$TMP/base.json" E2E-NODES)" eligible
is "base: nothing fails" "$(J failing "$TMP/base.json" E2E-NODES)" ""
is "base: nothing unknown" "$(J unknown "$TMP/base.json" E2E-NODES)" ""
J evidence "$TMP/base.json" E2E-NODES inclusion 4 hemoglobin > "$TMP/q"
expect "base: Hb 65 g/L converted to g/dL" "$TMP/q" "65 g/L | <= 7 g/dL"
expect "base: Hb conversion shown" "$TMP/q" "65 g/L = 6.5 g/dL"
expect "base: Hb criterion true" "$TMP/q" "| true"
J evidence "$TMP/base.json" E2E-NODES inclusion 2 alt > "$TMP/q"
expect "base: ULN from the patient's range" "$TMP/q" "ULN 40 U/L from the patient's reference range"
expect "base: ULN threshold computed" "$TMP/q" "threshold 120 U/L"

# Inclusion 1 failing alone: 17 years old (born 2009-06-01).
match_variant age17 birth=2009-06-01
is "age17: ineligible" "$(J verdict "$TMP/age17.json" E2E-NODES)" ineligible
is "age17: only inclusion 1 fails" "$(J failing "$TMP/age17.json" E2E-NODES)" "inclusion:1"
J evidence "$TMP/age17.json" E2E-NODES inclusion 1 age > "$TMP/q"
expect "age17: age value and threshold" "$TMP/q" "17 a | >= 18 a"

# The 18th birthday itself counts as 18 completed years; the day before it does not.
match_variant age18_today birth=2008-11-21
is "age18_today: inclusion 1 passes" "$(J outcome "$TMP/age18_today.json" E2E-NODES inclusion 1)" "pass true"
match_variant age18_tomorrow birth=2008-11-22
is "age18_tomorrow: inclusion 1 fails" "$(J outcome "$TMP/age18_tomorrow.json" E2E-NODES inclusion 1)" "fail false"

# Inclusion 2 failing alone: ALT 130 U/L against 3 x ULN 40 U/L from the patient's own range (120 U/L).
match_variant alt_range "obs=$(obs 1742-6 130 U/L ',"reference_range":{"low":7,"high":40}')"
is "alt_range: ineligible" "$(J verdict "$TMP/alt_range.json" E2E-NODES)" ineligible
is "alt_range: only inclusion 2 fails" "$(J failing "$TMP/alt_range.json" E2E-NODES)" "inclusion:2"
J evidence "$TMP/alt_range.json" E2E-NODES inclusion 2 alt > "$TMP/q"
expect "alt_range: value and ULN source" "$TMP/q" "130 U/L | <= 3 × ULN (ULN 40 U/L from the patient's reference range)"
expect "alt_range: threshold 120" "$TMP/q" "threshold 120 U/L"
expect "alt_range: false" "$TMP/q" "| false"

# The same ALT without a reference range (session 14): laboratories' ULNs for ALT are 31-79 U/L, so "<= 3 x ULN"
# is 93-237 U/L and 130 meets it at some labs, not at others: unknown, the lab's ULN decides (the lexicon's
# default 56 U/L decided it before).
match_variant alt_default "obs=$(obs 1742-6 130 U/L)"
is "alt_default: needs review" "$(J verdict "$TMP/alt_default.json" E2E-NODES)" needs_review
is "alt_default: inclusion 2 unknown" "$(J outcome "$TMP/alt_default.json" E2E-NODES inclusion 2)" "unknown unknown"
J evidence "$TMP/alt_default.json" E2E-NODES inclusion 2 alt > "$TMP/q"
expect "alt_default: laboratories' ULNs" "$TMP/q" "laboratories' ULNs 31-79 U/L"
expect_not "alt_default: not the patient's range" "$TMP/q" "patient's reference range"
expect "alt_default: thresholds 93-237" "$TMP/q" "threshold 93-237 U/L"

# Inclusion 3 failing alone: creatinine 2.1 mg/dL = 185.6 umol/L > 176.8 (2.1 < 176.8 as bare numbers).
match_variant creat_high "obs=$(obs 2160-0 2.1 mg/dL)"
is "creat_high: ineligible" "$(J verdict "$TMP/creat_high.json" E2E-NODES)" ineligible
is "creat_high: only inclusion 3 fails" "$(J failing "$TMP/creat_high.json" E2E-NODES)" "inclusion:3"
J evidence "$TMP/creat_high.json" E2E-NODES inclusion 3 creatinine > "$TMP/q"
expect "creat_high: value and threshold" "$TMP/q" "2.1 mg/dL | <= 176.8 umol/L"
expect "creat_high: converted" "$TMP/q" "2.1 mg/dL = 185.6 umol/L"
# 1.9 mg/dL = 168.0 umol/L passes.
match_variant creat_ok "obs=$(obs 2160-0 1.9 mg/dL)"
is "creat_ok: inclusion 3 passes" "$(J outcome "$TMP/creat_ok.json" E2E-NODES inclusion 3)" "pass true"
is "creat_ok: eligible" "$(J verdict "$TMP/creat_ok.json" E2E-NODES)" eligible

# Inclusion 4 failing alone: Hb 75 g/L = 7.5 g/dL > 7 g/dL.
match_variant hb_high "obs=$(obs 718-7 75 g/L)"
is "hb_high: only inclusion 4 fails" "$(J failing "$TMP/hb_high.json" E2E-NODES)" "inclusion:4"
J evidence "$TMP/hb_high.json" E2E-NODES inclusion 4 hemoglobin > "$TMP/q"
expect "hb_high: converted" "$TMP/q" "75 g/L = 7.5 g/dL"
# Hb in g/dL already: 6.9 passes.
match_variant hb_gdl "obs=$(obs 718-7 6.9 g/dL)"
is "hb_gdl: inclusion 4 passes" "$(J outcome "$TMP/hb_gdl.json" E2E-NODES inclusion 4)" "pass true"

# The latest value on or before the reference date counts: a later Hb (after 2026-11-21) is not used, an
# earlier one is superseded.
match_variant hb_future "addobs=$(obs 718-7 75 g/L | sed 's/2026-11-10/2026-11-25/')"
is "hb_future: a value after the reference date is not used" "$(J outcome "$TMP/hb_future.json" E2E-NODES inclusion 4)" "pass true"
match_variant hb_older "addobs=$(obs 718-7 75 g/L | sed 's/2026-11-10/2026-10-01/')"
is "hb_older: the older value is superseded" "$(J outcome "$TMP/hb_older.json" E2E-NODES inclusion 4)" "pass true"
match_variant hb_newer "addobs=$(obs 718-7 75 g/L | sed 's/2026-11-10/2026-11-20/')"
is "hb_newer: the newest value decides" "$(J outcome "$TMP/hb_newer.json" E2E-NODES inclusion 4)" "fail false"

# Exclusion 1 firing alone: platelets 85,000 /uL = 85 x 10^9/L < 100 (85000 > 100 as bare numbers).
match_variant plt_ul "obs=$(obs 777-3 85000 /uL)"
is "plt_ul: ineligible" "$(J verdict "$TMP/plt_ul.json" E2E-NODES)" ineligible
is "plt_ul: only exclusion 1 fires" "$(J failing "$TMP/plt_ul.json" E2E-NODES)" "exclusion:1"
is "plt_ul: exclusion 1 true" "$(J outcome "$TMP/plt_ul.json" E2E-NODES exclusion 1)" "fail true"
J evidence "$TMP/plt_ul.json" E2E-NODES exclusion 1 platelets > "$TMP/q"
expect "plt_ul: value and threshold" "$TMP/q" "85000 /uL | < 100 10*9/L"
expect "plt_ul: converted" "$TMP/q" "85000 /uL = 85 10*9/L"
# 150,000 /uL = 150 x 10^9/L does not fire.
match_variant plt_ul_ok "obs=$(obs 777-3 150000 /uL)"
is "plt_ul_ok: exclusion 1 does not fire" "$(J outcome "$TMP/plt_ul_ok.json" E2E-NODES exclusion 1)" "pass false"
is "plt_ul_ok: eligible" "$(J verdict "$TMP/plt_ul_ok.json" E2E-NODES)" eligible

# Exclusion 2 firing alone: a live vaccine (varicella, CVX 21) 3 weeks before the reference date.
VARICELLA='"code":{"system":"http://hl7.org/fhir/sid/cvx","code":"21"},"text":"Varicella vaccine (live)","status":"completed"'
match_variant vax_3wk "imm={$VARICELLA,\"date\":\"2026-10-31\"}"
is "vax_3wk: ineligible" "$(J verdict "$TMP/vax_3wk.json" E2E-NODES)" ineligible
is "vax_3wk: only exclusion 2 fires" "$(J failing "$TMP/vax_3wk.json" E2E-NODES)" "exclusion:2"
J evidence "$TMP/vax_3wk.json" E2E-NODES exclusion 2 live_vaccine > "$TMP/q"
expect "vax_3wk: the dated vaccine is the evidence" "$TMP/q" "2026-10-31"
expect "vax_3wk: the window" "$TMP/q" "within 6 wk (2026-10-10..2026-11-21)"
# The window runs back from --as-of: the same record, judged on 2027-01-15 (11 weeks later), does not fire.
run "vax_3wk judged later" 0 "$TM" match "$TMP/vax_3wk.patient.json" --trials "$TRIALS" --as-of 2027-01-15 --format json
is "vax_3wk judged on 2027-01-15: does not fire" "$(J outcome "$TMP/out" E2E-NODES exclusion 2)" "pass false"
# ... and 10 weeks before: outside the window, does not fire.
match_variant vax_10wk "imm={$VARICELLA,\"date\":\"2026-09-12\"}"
is "vax_10wk: exclusion 2 does not fire" "$(J outcome "$TMP/vax_10wk.json" E2E-NODES exclusion 2)" "pass false"
is "vax_10wk: eligible" "$(J verdict "$TMP/vax_10wk.json" E2E-NODES)" eligible

# Exclusion 3 firing alone: prednisone (lexicon id, and ATC H02AB07) is a systemic corticosteroid.
match_variant pred_id 'med={"code":"prednisone","text":"prednisone 20 mg","status":"active","start":"2026-11-20"}'
is "pred_id: only exclusion 3 fires" "$(J failing "$TMP/pred_id.json" E2E-NODES)" "exclusion:3"
J evidence "$TMP/pred_id.json" E2E-NODES exclusion 3 systemic_corticosteroids > "$TMP/q"
expect "pred_id: prednisone named in the evidence" "$TMP/q" "prednisone"
match_variant pred_atc 'med={"code":{"system":"http://www.whocc.no/atc","code":"H02AB07"},"text":"prednisone 20 mg","status":"active","start":"2026-11-20"}'
is "pred_atc: only exclusion 3 fires" "$(J failing "$TMP/pred_atc.json" E2E-NODES)" "exclusion:3"
# Stopped 2026-11-01, three weeks before: outside 72 hours, does not fire.
match_variant pred_old 'med={"code":"prednisone","status":"completed","start":"2026-10-01","end":"2026-11-01"}'
is "pred_old: exclusion 3 does not fire" "$(J outcome "$TMP/pred_old.json" E2E-NODES exclusion 3)" "pass false"
# Stopped two days before (2026-11-19): inside 72 hours, fires; stopped 2026-11-17: outside, does not.
match_variant pred_2d 'med={"code":"prednisone","status":"completed","start":"2026-11-01","end":"2026-11-19"}'
is "pred_2d: exclusion 3 fires" "$(J outcome "$TMP/pred_2d.json" E2E-NODES exclusion 3)" "fail true"
match_variant pred_4d 'med={"code":"prednisone","status":"completed","start":"2026-11-01","end":"2026-11-17"}'
is "pred_4d: exclusion 3 does not fire" "$(J outcome "$TMP/pred_4d.json" E2E-NODES exclusion 3)" "pass false"
# Taken without a break since 2025 (active, no end): still taken within the 72 hours, fires.
match_variant pred_ongoing 'med={"code":"prednisone","status":"active","start":"2025-01-01"}'
is "pred_ongoing: exclusion 3 fires" "$(J outcome "$TMP/pred_ongoing.json" E2E-NODES exclusion 3)" "fail true"
# Other members of the class.
match_variant dexamethasone 'med={"code":"dexamethasone","status":"active","start":"2026-11-20"}'
is "dexamethasone: only exclusion 3 fires" "$(J failing "$TMP/dexamethasone.json" E2E-NODES)" "exclusion:3"
# A live vaccine named by free text alone ("varicella vaccine", no code) 3 weeks before: fires.
match_variant vax_text 'imm={"text":"varicella vaccine","status":"completed","date":"2026-10-31"}'
is "vax_text: only exclusion 2 fires" "$(J failing "$TMP/vax_text.json" E2E-NODES)" "exclusion:2"
# A drug of another class (an antibiotic) does not fire it.
match_variant amoxicillin 'med={"code":{"system":"http://www.whocc.no/atc","code":"J01CA04"},"text":"amoxicillin","status":"active","start":"2026-11-20"}'
is "amoxicillin: exclusion 3 does not fire" "$(J outcome "$TMP/amoxicillin.json" E2E-NODES exclusion 3)" "pass false"

# Exclusion 4 firing alone: HIV infection recorded active; recorded absent does not fire.
match_variant hiv 'cond={"code":"hiv_infection","status":"active","onset":"2020-01-01"}'
is "hiv: only exclusion 4 fires" "$(J failing "$TMP/hiv.json" E2E-NODES)" "exclusion:4"
match_variant hiv_neg 'cond={"code":"hiv_infection","status":"absent","onset":"2026-10-01"}'
is "hiv_neg: exclusion 4 does not fire" "$(J outcome "$TMP/hiv_neg.json" E2E-NODES exclusion 4)" "pass false"

# The same comparisons in the units and spellings labs write (each: LOINC value unit criterion outcome).
units=(
  "777-3 85 10*3/uL exclusion:1 fail"   "777-3 85000 /mm3 exclusion:1 fail"  "777-3 85 x10^9/L exclusion:1 fail"
  "777-3 85000 /µL exclusion:1 fail"    "777-3 120000 /uL exclusion:1 pass"  "2160-0 180 µmol/L inclusion:3 fail"
  "2160-0 170 umol/L inclusion:3 pass"  "2160-0 1.8 mg/dl inclusion:3 pass"  "2160-0 2.0 mg/dL inclusion:3 fail"
  "718-7 7.5 g/dl inclusion:4 fail"     "718-7 4.0 mmol/L inclusion:4 pass"  "718-7 4.5 mmol/L inclusion:4 fail"
)
for u in "${units[@]}"; do
  read -r loinc value unit criterion outcome <<< "$u"
  J derive "$BASE" "$TMP/unit.json" "obs=$(obs "$loinc" "$value" "$unit")"
  run "$value $unit: match" 0 "$TM" match "$TMP/unit.json" --trials "$TRIALS" --as-of 2026-11-21 --format json
  is "$value $unit: $criterion" "$(J outcome "$TMP/out" E2E-NODES "${criterion%%:*}" "${criterion#*:}" | cut -d' ' -f1)" "$outcome"
done

# Several failures at once: the report names every one, each with its value.
match_variant many birth=2009-06-01 "obs=$(obs 2160-0 2.1 mg/dL)" "obs=$(obs 777-3 85000 /uL)" \
  "imm={$VARICELLA,\"date\":\"2026-10-31\"}"
is "many: all four named" "$(J failing "$TMP/many.json" E2E-NODES)" "inclusion:1 inclusion:3 exclusion:1 exclusion:2"
run "many: text" 0 "$TM" match "$TMP/many.patient.json" --trials "$TRIALS" --as-of 2026-11-21
expect "many: text verdict" "$TMP/out" "INELIGIBLE"
expect "many: text names creatinine with its value" "$TMP/out" "creatinine: 2.1 mg/dL"
expect "many: text shows the creatinine conversion" "$TMP/out" "185.6 umol/L"
expect "many: text names platelets with its value" "$TMP/out" "platelets: 85000 /uL"
expect "many: text names the age" "$TMP/out" "age: 17 a"
expect "many: text names the criteria" "$TMP/out" "Creatinine ≤ 176.8 µmol/L"

finish
