#!/usr/bin/env bash
# Runs one libFuzzer harness (fuzz/README.md) of the sanitizer build (build-sanitize/, made by
# scripts/sanitize.sh): first on every input of fuzz/regressions/TARGET/, then for SECONDS on a
# working corpus (build-sanitize/fuzz/live/TARGET, kept between runs) seeded from examples/
# and tests/data. Other arguments go to libFuzzer (e.g. -runs=10000000 instead of SECONDS).
# Findings are written to build-sanitize/fuzz/findings/TARGET/ and fail the script.
#   bash scripts/fuzz.sh csv 600
#   bash scripts/fuzz.sh case -runs=10000000
set -euo pipefail
cd "$(dirname "$0")/.."
target="${1:?usage: $0 TARGET [SECONDS | libFuzzer options...]}"
shift
dir=build-sanitize
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
if ! nice -n 10 "$bin" "${options[@]}" "${run[@]}" "$@" -artifact_prefix="$findings/" \
    "$dir/fuzz/live/$target" "$dir/fuzz/corpus/$target" >"$log" 2>&1; then
  tail -60 "$log" >&2
  echo "fuzz: $target: a finding (input in $findings/)" >&2
  exit 1
fi
execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo '?')
rate=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo '?')
cov=$(grep -o 'cov: [0-9]* ft: [0-9]*' "$log" | tail -1 || echo '?')
echo "fuzz: $target: $execs executions ($rate/s), $cov, no finding" >&2
