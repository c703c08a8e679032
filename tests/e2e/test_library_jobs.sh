# A compiled library matches exactly like the trial sources; --jobs 2 writes the same bytes as --jobs 1.
source "$(dirname "$0")/lib.sh"

run "compile the bundled library" 0 "$TM" compile -o "$TMP/seeds.tml"
run "match from sources" 0 "$TM" match "$P/example.json" --as-of 2026-11-21 --format json
cp "$TMP/out" "$TMP/from_sources.json"
run "match from the library" 0 "$TM" match "$P/example.json" --as-of 2026-11-21 --format json --trials "$TMP/seeds.tml"
checks=$((checks + 1))
cmp -s "$TMP/out" "$TMP/from_sources.json" || { echo "FAIL library report differs from the sources' report"; failures=$((failures + 1)); }

# A batch of several patients, one per line.
for f in example aml_prednisone thal_platelets_per_ul tall_creatinine_mgdl_high aml_lansky_age15; do
  tr -d '\n' < "$P/$f.json"; echo
done > "$TMP/batch.ndjson"
run "batch, one job" 0 "$TM" match "$TMP/batch.ndjson" --as-of 2026-11-21 --format ndjson --jobs 1
cp "$TMP/out" "$TMP/one_job.ndjson"
run "batch, two jobs" 0 "$TM" match "$TMP/batch.ndjson" --as-of 2026-11-21 --format ndjson --jobs 2
checks=$((checks + 1))
cmp -s "$TMP/out" "$TMP/one_job.ndjson" || { echo "FAIL --jobs 2 output differs from --jobs 1"; failures=$((failures + 1)); }
expect "every patient reported" "$TMP/out" '"patient":"P-AML-PREDNISONE"'

# A damaged library is refused by name; nothing is matched against it silently.
head -c 100 "$TMP/seeds.tml" > "$TMP/broken.tml"
run "damaged library" 2 "$TM" match "$P/example.json" --as-of 2026-11-21 --trials "$TMP/broken.tml"
expect "damaged library named" "$TMP/err" "broken.tml"

finish
