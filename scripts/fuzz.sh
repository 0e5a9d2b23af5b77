#!/usr/bin/env bash
# Runs one libFuzzer harness (fuzz/README.md) of the sanitizer build (build-sanitize/, made by
# scripts/sanitize.sh): first on every input of fuzz/regressions/TARGET/, then for SECONDS on a
# working corpus (build-sanitize/fuzz/live/TARGET, kept between runs) seeded from examples/
# and tests/data. Other arguments go to libFuzzer (e.g. -runs=10000000 instead of SECONDS).
# Findings are written to build-sanitize/fuzz/findings/TARGET/ and fail the script.
#   bash scripts/fuzz.sh csv 600
#   bash scripts/fuzz.sh case -runs=10000000
#
# --long: the long runs (docs/fuzzing.md, "Longer runs"). The harness of build-fuzz-long/
# (clang -O2, libFuzzer + UBSan, no ASan: several times faster per input; configured and built
# here when missing) fuzzes at nice 19 on build-fuzz-long/fuzz/live/TARGET; then the whole
# corpus it grew (and any finding) is replayed under the ASan+UBSan harness of build-sanitize/,
# so that a memory error on an input the long run found is still caught.
#   bash scripts/fuzz.sh --long csv -runs=10000000
# --replay: that replay alone (build-fuzz-long/fuzz/live/TARGET under build-sanitize/).
#   bash scripts/fuzz.sh --replay csv
set -euo pipefail
cd "$(dirname "$0")/.."
mode=short
case "${1:-}" in
  --long) mode=long; shift ;;
  --replay) mode=replay; shift ;;
esac
target="${1:?usage: $0 [--long | --replay] TARGET [SECONDS | libFuzzer options...]}"
shift
dir=build-sanitize
long=build-fuzz-long
niceness=10
if [[ $mode == long ]]; then
  dir=$long
  niceness=19
  if [[ ! -f "$dir/CMakeCache.txt" ]]; then
    launcher=()
    command -v ccache >/dev/null 2>&1 && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
    cmake -S . -B "$dir" -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo \
      -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -g" -DKOKUHO_FUZZ=ON -DKOKUHO_FUZZ_ASAN=OFF \
      -DKOKUHO_WEB=OFF "${launcher[@]}" >/dev/null
  fi
  nice -n 19 cmake --build "$dir" -j "$(nproc)" --target "fuzz_$target" >/dev/null
fi
bin="$dir/fuzz/fuzz_$target"
[[ -x "$bin" ]] || { echo "fuzz: $bin missing: run bash scripts/sanitize.sh first" >&2; exit 2; }

# The dictionary of the target's formats.
case "$target" in
  csv | rates | deficits | population | ageindex) dict=csv ;;
  yaml | household | scenario | fund) dict=yaml ;;
  case | kpi | incentive | prevention | chosei) dict=case ;;
  *) dict="$target" ;;
esac
options=(-timeout=10 -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1)
[[ -f "fuzz/dicts/$dict.dict" ]] && options+=("-dict=fuzz/dicts/$dict.dict")
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

# replay: every input of the long run's corpus and findings, once, under ASan+UBSan.
replay() {
  local san=build-sanitize/fuzz/fuzz_$target
  [[ -x "$san" ]] || { echo "fuzz: $san missing: run bash scripts/sanitize.sh to replay the corpus of $target" >&2; return 2; }
  local out=build-sanitize/fuzz/findings/$target
  mkdir -p "$out"
  local corpus="$long/fuzz/live/$target"
  local n
  n=$(find "$corpus" -type f | wc -l)
  # The corpus directory with -runs=0; the long run's findings (crash-…, timeout-…), if any,
  # as files (libFuzzer takes either directories or files in one call).
  if ! "$san" "${options[@]}" -runs=0 -artifact_prefix="$out/replay-" "$corpus" \
      >"$out/replay.log" 2>&1; then
    tail -60 "$out/replay.log" >&2
    echo "fuzz: $target: the ASan+UBSan replay of the long run's corpus fails (log: $out/replay.log)" >&2
    return 1
  fi
  local found=("$long"/fuzz/findings/"$target"/[a-z]*-*)
  if [[ -e "${found[0]}" ]]; then
    if ! "$san" "${options[@]}" -artifact_prefix="$out/replay-" "${found[@]}" \
        >"$out/replay-findings.log" 2>&1; then
      tail -60 "$out/replay-findings.log" >&2
      echo "fuzz: $target: a finding of the long run fails under ASan+UBSan too (log: $out/replay-findings.log)" >&2
      return 1
    fi
    n="$n + ${#found[@]} findings"
  fi
  echo "fuzz: $target: ASan+UBSan replay of $n inputs ($corpus): no finding" >&2
}
if [[ $mode == replay ]]; then
  replay
  exit
fi

findings="$dir/fuzz/findings/$target"
mkdir -p "$findings" "$dir/fuzz/live/$target"
regressions=(fuzz/regressions/"$target"/*)
if [[ -e "${regressions[0]}" ]]; then
  "$bin" "${options[@]}" -artifact_prefix="$findings/" "${regressions[@]}" >"$findings/regressions.log" 2>&1 ||
    { tail -50 "$findings/regressions.log" >&2; echo "fuzz: $target: a regression input fails" >&2; exit 1; }
fi
run=()
if [[ $# -eq 0 ]]; then
  run=(-max_total_time=60)
elif [[ "$1" =~ ^[0-9]+$ ]]; then
  (( $1 == 0 )) && { echo "fuzz: $target: ${#regressions[@]} regression inputs" >&2; exit 0; }
  run=(-max_total_time="$1")
  shift
fi
log="$findings/fuzz.log"
# The fuzzer's CPU time beside the wall time: on a shared machine at nice 19, executions per
# CPU second say what the harness costs, executions per wall second what the machine gave.
TIMEFORMAT='%U %S %R'
if ! { time nice -n "$niceness" "$bin" "${options[@]}" "${run[@]}" "$@" -artifact_prefix="$findings/" \
    "$dir/fuzz/live/$target" "$dir/fuzz/corpus/$target" >"$log" 2>&1; } 2>"$findings/time"; then
  tail -60 "$log" >&2
  echo "fuzz: $target: a finding (input in $findings/)" >&2
  [[ $mode == long ]] && replay || true
  exit 1
fi
execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo '?')
rate=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo '?')
cov=$(grep -o 'cov: [0-9]* ft: [0-9]*' "$log" | tail -1 || echo '?')
corpus=$(find "$dir/fuzz/live/$target" -type f | wc -l)
read -r user sys wall <"$findings/time"
cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.0f", u + s }')
per_cpu=$(awk -v e="$execs" -v c="$cpu" 'BEGIN { if (c > 0 && e ~ /^[0-9]+$/) printf "%.0f", e / c; else print "?" }')
echo "fuzz: $target: $execs executions ($rate/s over ${wall%.*} s; $per_cpu per CPU second over $cpu s), $cov, corpus $corpus, no finding" >&2
[[ $mode == long ]] && replay
exit 0
