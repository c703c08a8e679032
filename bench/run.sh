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
for fmt in text ndjson; do
  for j in 1 2; do
    printf '\n$ trialmatch match %s --trials %s --as-of 2026-11-21 --format %s --jobs %s > %s\n' \
      "$D/patients.ndjson" "$D/trials.tmlib" $fmt $j "$D/out.$fmt.$j"
    echo "(load: $(cut -d' ' -f1-3 /proc/loadavg))"
    /usr/bin/time -f "%e s wall, %U s user, %S s sys, %M KB max RSS" "$B/trialmatch" match "$D/patients.ndjson" \
      --trials "$D/trials.tmlib" --as-of 2026-11-21 --format $fmt --jobs $j > "$D/out.$fmt.$j"
    ls -l "$D/out.$fmt.$j" | awk '{print $5 " bytes of output"}'
  done
  cmp "$D/out.$fmt.1" "$D/out.$fmt.2" && echo "--jobs 1 and --jobs 2: the same bytes ($fmt)"
done
