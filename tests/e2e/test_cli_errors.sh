# Bad usage and unreadable input: exit 2 and a message naming the input, the place and what was expected.
source "$(dirname "$0")/lib.sh"

run "no subcommand" 2 "$TM"
run "unknown subcommand" 2 "$TM" frobnicate
expect "unknown subcommand names it" "$TMP/err" "frobnicate"
run "help" 0 "$TM" --help
expect "help lists match" "$TMP/out" "match"
run "match help" 0 "$TM" match --help

run "bad --as-of" 2 "$TM" match "$SRC/fixtures/patients/example.json" --as-of 2026-13-45
expect "bad --as-of is named" "$TMP/err" "--as-of '2026-13-45'"
run "missing patient file" 2 "$TM" match "$TMP/nope.json"
expect "missing patient file is named" "$TMP/err" "$TMP/nope.json"
run "missing trials path" 2 "$TM" trials "$TMP/no-such-folder"
expect "missing trials path is named" "$TMP/err" "$TMP/no-such-folder"
run "bad format" 2 "$TM" match "$SRC/fixtures/patients/example.json" --format pdf

# A bad trial file among good ones: the others still load, the status says something was refused.
mkdir -p "$TMP/lib"
cp "$SRC/fixtures/trials/seeds/"*.txt "$TMP/lib/"
: > "$TMP/lib/empty.json"
printf '[1, 2, 3]' > "$TMP/lib/numbers.json"
printf '\x00\x01\x02binary' > "$TMP/lib/blob.bin"
printf '{"protocolSection":{"identificationModule":{"nctId":"NCT09999999"},"eligibilityModule":{"eligibilityCriteria":42}}}' > "$TMP/lib/number-criteria.json"
run "bad trials among good" 2 "$TM" trials "$TMP/lib"
expect "good trials still listed" "$TMP/out" "NCT05860595"
expect "empty file named" "$TMP/err" "empty.json"
expect "array of numbers named" "$TMP/err" "numbers.json"
expect "binary named" "$TMP/err" "blob.bin"
expect "criteria number named" "$TMP/err" "number-criteria.json"
expect "criteria number pointer" "$TMP/err" "eligibilityCriteria"

# A bad patient record in an NDJSON batch is reported with its line, skipped and counted.
{ tr -d '\n' < "$SRC/fixtures/patients/example.json"; echo; echo '{not json'; echo '[1,2]'; } > "$TMP/batch.ndjson"
run "bad batch record" 2 "$TM" match "$TMP/batch.ndjson" --as-of 2026-11-21 --format ndjson
expect "bad line named" "$TMP/err" "line 2"
expect "skipped counted" "$TMP/err" "2 patient records skipped"
expect "good patient still matched" "$TMP/out" '"verdict"'

finish
