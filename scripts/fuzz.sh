#!/usr/bin/env bash
# libFuzzer targets (tests/fuzz/): configure and build them with clang-14 in build-fuzz
# (AISOV_FUZZ=ON; every library built with -fsanitize=fuzzer-no-link,address,undefined), replay
# every input that once crashed a target (tests/fuzz/regressions/<target>/), then fuzz each
# target for AISOV_FUZZ_SECONDS seconds from its seed corpus (tests/fuzz/corpus/<target>/).
# Exits 1 on any crash, leak, timeout or failed replay; prints executions per target.
#   ./scripts/fuzz.sh                          (every target, 10 s each)
#   AISOV_FUZZ_SECONDS=180 ./scripts/fuzz.sh fuzz_csv fuzz_dataset
# Environment: AISOV_FUZZ_SECONDS (default 10), AISOV_FUZZ_BUILD_DIR (default build-fuzz),
# AISOV_FUZZ_JOBS (build parallelism, default nproc). New corpus entries go to
# $BUILD/corpus/<target>/ (not the committed seeds); crashing inputs to $BUILD/artifacts/<target>/
# and the libFuzzer log to $BUILD/fuzz-logs/<target>.log.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${AISOV_FUZZ_BUILD_DIR:-build-fuzz}
SECONDS_EACH=${AISOV_FUZZ_SECONDS:-10}
ALL=(fuzz_csv fuzz_dataset fuzz_scenario_toml fuzz_scenario_json fuzz_optimise_spec fuzz_import
     fuzz_server fuzz_shard)
if [ $# -gt 0 ]; then TARGETS=("$@"); else TARGETS=("${ALL[@]}"); fi
for t in "${TARGETS[@]}"; do
  [[ " ${ALL[*]} " == *" $t "* ]] || { echo "fuzz.sh: unknown target '$t' (${ALL[*]})" >&2; exit 2; }
done

command -v clang++-14 >/dev/null || { echo "fuzz.sh: needs clang-14 and libclang-rt-14-dev (apt-get install clang-14 libclang-rt-14-dev)" >&2; exit 2; }
CC=clang-14 CXX=clang++-14 cmake -S . -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DAISOV_FUZZ=ON -DAISOV_BUILD_TESTS=OFF -DAISOV_BUILD_BENCH=OFF > /dev/null
cmake --build "$BUILD" -j "${AISOV_FUZZ_JOBS:-$(nproc)}" --target "${TARGETS[@]}"

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
FLAGS=(-max_len=65536 -timeout=10 -rss_limit_mb=2048)
failed=()
mkdir -p "$BUILD/fuzz-logs"

echo "== replaying tests/fuzz/regressions"
for t in "${TARGETS[@]}"; do
  dir=tests/fuzz/regressions/$t
  [ -d "$dir" ] || continue
  mapfile -t inputs < <(find "$dir" -type f ! -name '*.md' | sort)
  [ ${#inputs[@]} -gt 0 ] || continue
  if "$BUILD/fuzz/$t" "${FLAGS[@]}" "${inputs[@]}" > "$BUILD/fuzz-logs/$t.replay.log" 2>&1; then
    echo "$t: ${#inputs[@]} regression inputs pass"
  else
    echo "$t: REGRESSION (log: $BUILD/fuzz-logs/$t.replay.log)"
    tail -n 40 "$BUILD/fuzz-logs/$t.replay.log"
    failed+=("$t (regression)")
  fi
done

echo "== fuzzing, ${SECONDS_EACH}s per target"
printf '%-20s %12s %8s %s\n' target executions seconds result
for t in "${TARGETS[@]}"; do
  work=$BUILD/corpus/$t
  art=$BUILD/artifacts/$t
  mkdir -p "$work" "$art"
  log=$BUILD/fuzz-logs/$t.log
  rc=0
  "$BUILD/fuzz/$t" "${FLAGS[@]}" -max_total_time="$SECONDS_EACH" -print_final_stats=1 \
    -artifact_prefix="$art/" "$work" "tests/fuzz/corpus/$t" > "$log" 2>&1 || rc=$?
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  secs=$(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$log" | tail -n 1)
  if [ "$rc" -eq 0 ]; then
    printf '%-20s %12s %8s %s\n' "$t" "${execs:-?}" "${secs:-?}" ok
  else
    printf '%-20s %12s %8s %s\n' "$t" "${execs:-?}" "${secs:-?}" "FAILED (rc $rc; log: $log)"
    grep -E 'ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|runtime error|SUMMARY|Test unit written' "$log" | head -n 10 || true
    failed+=("$t")
  fi
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz.sh: FAILED: ${failed[*]}" >&2
  exit 1
fi
echo "fuzz.sh: all targets clean"
