#!/usr/bin/env bash
# Runs the libFuzzer targets of tests/fuzz (issue 7).
#   tools/fuzz.sh TARGET|all SECONDS [BUILD_DIR]
# TARGET: criterion, trials, patient, unit (or fuzz_<name>); all runs each in turn for SECONDS.
# Builds with clang (-fsanitize=fuzzer,address,undefined) in BUILD_DIR (default build-fuzz-clang) when needed,
# makes the seed corpora from fixtures/ at run time, keeps the growing corpus in BUILD_DIR/fuzz/corpus/TARGET
# and writes crashing inputs to BUILD_DIR/fuzz/findings/TARGET/. Prints executions and findings per target;
# exits 1 when any target found something.
set -euo pipefail
usage() { echo "usage: $0 criterion|trials|patient|unit|all SECONDS [BUILD_DIR]" >&2; exit 2; }
[ $# -ge 2 ] || usage
what=${1#fuzz_}
seconds=$2
[[ $seconds =~ ^[0-9]+$ ]] || usage
src=$(cd "$(dirname "$0")/.." && pwd)
build=${3:-$src/build-fuzz-clang}
targets=(criterion trials patient unit)
if [ "$what" = all ]; then
  selected=("${targets[@]}")
else
  [[ " ${targets[*]} " == *" $what "* ]] || usage
  selected=("$what")
fi

if [ ! -f "$build/CMakeCache.txt" ]; then
  cmake -S "$src" -B "$build" -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DTRIALMATCH_BUILD_FUZZERS=ON -DTRIALMATCH_BUILD_TESTS=OFF >/dev/null
fi
cmake --build "$build" -j2 --target "${selected[@]/#/fuzz_}" >/dev/null

# Seed corpora, one small file per input, made from the fixtures every run (nothing is committed).
seeds=$build/fuzz/seeds
rm -rf "$seeds"
mkdir -p "$seeds"/{criterion,trials,patient,unit}
n=0
# Criterion lines: the golden files' input lines (not the expected trees, not comments).
grep -hv -e '^#' -e '^  =>' -e '^$' "$src"/fixtures/criteria/*.golden | while IFS= read -r line; do
  n=$((n + 1))
  printf '%s' "$line" >"$seeds/criterion/$n"
done
for f in "$src"/fixtures/trials/*/*; do
  cp "$f" "$seeds/trials/$(basename "$(dirname "$f")")_$(basename "$f")"
done
for f in "$src"/fixtures/patients/*.json; do cp "$f" "$seeds/patient/"; done
# Unit spellings: the patients' units, the units of the golden trees, and spellings laboratories use.
{
  grep -ho '"unit": *"[^"]*"' "$src"/fixtures/patients/*.json | sed 's/.*: *"\(.*\)"/\1/'
  grep -h '^  => cmp ' "$src"/fixtures/criteria/*.golden | awk '{print $NF}'
  printf '%s\n' 'µmol/l' 'x10^9/L' 'mL/min/1.73m2' 'yrs' '10^3/µL' 'mg/dl' 'mmol/mol' 'cells/mm³' 'IU/mL' '°C'
} | sort -u | while IFS= read -r unit; do
  n=$((n + 1))
  printf '%s' "$unit" >"$seeds/unit/u$n"
done

status=0
for t in "${selected[@]}"; do
  corpus=$build/fuzz/corpus/$t
  findings=$build/fuzz/findings/$t
  log=$build/fuzz/$t.log
  mkdir -p "$corpus" "$findings"
  stamp=$build/fuzz/$t.started
  touch "$stamp"  # findings of earlier runs stay in $findings; this run's are the newer files
  echo "== fuzz_$t for ${seconds}s (corpus $corpus)"
  # -timeout: a single input taking over 10 s is a hang; -max_len: large enough for a trial page.
  set +e
  "$build/tests/fuzz/fuzz_$t" "$corpus" "$seeds/$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -max_len=65536 -print_final_stats=1 -artifact_prefix="$findings/" >"$log" 2>&1
  rc=$?
  set -e
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 || true)
  found=$(find "$findings" -type f -newer "$stamp" | wc -l)
  echo "fuzz_$t: exit $rc, ${execs:-?} executions, $cov, $(find "$corpus" -type f | wc -l) corpus inputs, $found new finding(s) in $findings"
  if [ "$rc" -ne 0 ] || [ "$found" -ne 0 ]; then
    status=1
    grep -m1 -A12 -e 'ERROR: ' -e 'runtime error' "$log" || tail -20 "$log"
  fi
done
exit $status
