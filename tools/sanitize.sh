#!/usr/bin/env bash
# The whole test suite under AddressSanitizer and UndefinedBehaviorSanitizer (issue 7).
#   tools/sanitize.sh [BUILD_DIR] [JOBS]
# Configures BUILD_DIR (default build-asan) as a Debug build with -DTRIALMATCH_SANITIZE=ON, builds every
# target and runs CTest; exits non-zero on any failure or sanitizer report. Prints the wall time.
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$src/build-asan}
jobs=${2:-2}
start=$(date +%s)

# halt_on_error: a report fails the test that caused it; detect_leaks: leaks count as failures too.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:halt_on_error=1:abort_on_error=1:detect_stack_use_after_return=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

cmake -S "$src" -B "$build" -DCMAKE_BUILD_TYPE=Debug -DTRIALMATCH_SANITIZE=ON -DTRIALMATCH_BUILD_TESTS=ON >/dev/null
configured=$(date +%s)
cmake --build "$build" -j"$jobs"
built=$(date +%s)
status=0
ctest --test-dir "$build" --output-on-failure -j"$jobs" || status=$?
end=$(date +%s)
echo "sanitize: configure $((configured - start)) s, build $((built - configured)) s, tests $((end - built)) s," \
  "total $((end - start)) s; status $status"
exit $status
