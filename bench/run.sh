#!/usr/bin/env bash
# Runs every benchmark and prints a block for bench/RESULTS.md. Usage: bench/run.sh BUILD_DIR LCT_TRIALS_JSONL [WORK_DIR]
set -euo pipefail
B=${1:?build dir with trialmatch and trialmatch_bench}; LCT=${2:?path of the LCT trials.jsonl}; D=${3:-/tmp/tm-bench}
mkdir -p "$D"
say() { printf '\n$ %s\n' "$*"; echo "(load: $(cut -d' ' -f1-3 /proc/loadavg))"; "$@"; }
echo "machine: $(nproc) cores, $(uname -r), $(date -u +%FT%TZ)"
say "$B/trialmatch_bench" parse "$LCT" --mb 100 --jobs 1
say "$B/trialmatch_bench" parse "$LCT" --mb 100 --jobs 2
say "$B/trialmatch_bench" eval --trials 1000 --patients 200 --repeat 3
say "$B/trialmatch_bench" ingest --patients 10000 --repeat 3
say "$B/trialmatch_bench" library --trials 100000 --jobs 2 --repeat 3 --dir "$D"
say "$B/trialmatch_bench" library --trials 20000 --jobs 2 --repeat 3 --dir "$D" --lct "$LCT"
say "$B/trialmatch_bench" generate --trials 100 --patients 30000 --out "$D"
say "$B/trialmatch" compile "$D/trials.ndjson" -o "$D/trials.tmlib"
# The outputs are counted, not kept: 30,000 patients x 100 trials make ~1.3 GB of text and ~15 GB of NDJSON a run
# (four such files filled the disk once). Sameness across --jobs is checked on the first 3,000 patients by checksum.
head -n 3000 "$D/patients.ndjson" > "$D/patients.3000.ndjson"
for fmt in text ndjson; do
  for j in 1 2; do
    printf '\n$ trialmatch match %s --trials %s --as-of 2026-11-21 --format %s --jobs %s | wc -c\n' \
      "$D/patients.ndjson" "$D/trials.tmlib" $fmt $j
    echo "(load: $(cut -d' ' -f1-3 /proc/loadavg))"
    bytes=$(/usr/bin/time -f "%e s wall, %U s user, %S s sys, %M KB max RSS" -o "$D/time.txt" "$B/trialmatch" match \
      "$D/patients.ndjson" --trials "$D/trials.tmlib" --as-of 2026-11-21 --format $fmt --jobs $j | wc -c)
    cat "$D/time.txt"; echo "$bytes bytes of output"
    "$B/trialmatch" match "$D/patients.3000.ndjson" --trials "$D/trials.tmlib" --as-of 2026-11-21 --format $fmt \
      --jobs $j | sha256sum | cut -d' ' -f1 > "$D/sum.$fmt.$j"
  done
  cmp -s "$D/sum.$fmt.1" "$D/sum.$fmt.2" && echo "--jobs 1 and --jobs 2: the same bytes ($fmt, first 3,000 patients)" ||
    { echo "--jobs 1 and --jobs 2 differ ($fmt)"; exit 1; }
done
