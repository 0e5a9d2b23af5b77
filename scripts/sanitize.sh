#!/usr/bin/env bash
# The sanitizer and fuzzing checks (docs/fuzzing.md, fuzz/README.md), run by .ci/run after
# scripts/test.sh: a clang build with AddressSanitizer + UndefinedBehaviorSanitizer and the
# libFuzzer harnesses (build-sanitize/), the whole test suite under the sanitizers, then each
# harness on its regression inputs and for a bounded time.
#   --fuzz-seconds N   fuzzing time per harness (default 30; 0: regression inputs only)
#   --no-tests         skip the test suite (fuzz only)
#   --no-fuzz          skip the harnesses (test suite only)
#   --budget N         finish within N seconds (CI's time limit): a phase that does not fit is
#                      stopped or skipped with a message saying so, and the fuzzing time per
#                      harness shrinks to what is left; failures still fail
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=30
run_tests=1
run_fuzz=1
budget=0
while (($#)); do
  case "$1" in
    --fuzz-seconds) seconds="$2"; shift ;;
    --no-tests) run_tests=0 ;;
    --no-fuzz) run_fuzz=0 ;;
    --budget) budget="$2"; shift ;;
    *) echo "usage: $0 [--fuzz-seconds N] [--no-tests] [--no-fuzz] [--budget N]" >&2; exit 2 ;;
  esac
  shift
done
if ((budget < 0)); then
  echo "sanitize: the budget is spent ($budget s): the sanitizer and fuzzing checks were not run" >&2
  exit 0
fi
deadline=$((SECONDS + budget))
# Seconds left before the deadline (a large number without --budget).
left() { if ((budget > 0)); then echo $((deadline - SECONDS)); else echo 1000000; fi; }
# Runs "$@" within the time left; a timeout is reported and ends the script with success (the
# phases after it did not fit in the budget), any other failure fails it.
within_budget() {
  local what="$1"; shift
  local rc=0
  if (($(left) <= 0)); then
    echo "sanitize: no time left in the budget of $budget s for $what: it and the checks after it were not run" >&2
    exit 0
  fi
  timeout --signal=TERM "$(left)" "$@" || rc=$?
  if ((rc == 124)); then
    echo "sanitize: $what did not finish within the budget of $budget s: stopped, and the checks after it were not run" >&2
    exit 0
  fi
  return "$rc"
}
bash scripts/install-deps.sh --fuzz

dir=build-sanitize
launcher=()
command -v ccache >/dev/null 2>&1 && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
start=$SECONDS
# -O1 -g without NDEBUG: asserts on, readable reports, a usable speed for fuzzing.
cmake -S . -B "$dir" -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g" -DKOKUHO_FUZZ=ON -DKOKUHO_WEB=ON "${launcher[@]}" \
  >/dev/null
within_budget "the sanitizer build" \
  cmake --build "$dir" -j "$(nproc)" --target kokuho kokuho_tests kokuho_case_tests kokuho_fuzzers
echo "sanitize: build $((SECONDS - start)) s" >&2

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:strict_string_checks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
symbolizer=$(command -v llvm-symbolizer || command -v llvm-symbolizer-14 || true)
[[ -n "$symbolizer" ]] && export ASAN_SYMBOLIZER_PATH="$symbolizer"

if ((run_tests)); then
  start=$SECONDS
  # The browser tests and tsc run in scripts/test.sh; here every C++ test and the demo.
  within_budget "the test suite under the sanitizers" \
    ctest --test-dir "$dir" --output-on-failure -j "$(nproc)" -LE browser -E '^web_typecheck$'

  echo "sanitize: test suite $((SECONDS - start)) s" >&2
fi

if ((run_fuzz)); then
  start=$SECONDS
  targets=$(ls "$dir"/fuzz/fuzz_* | xargs -n1 basename | sed 's/^fuzz_//')
  count=$(echo "$targets" | wc -w)
  # Within a budget: what is left, less a minute for the regression inputs, shared out.
  fit=$(( ($(left) - 60) / count ))
  if ((fit < seconds)); then
    ((fit < 0)) && fit=0
    echo "sanitize: $fit s of fuzzing per harness (of $seconds) to stay within the budget" >&2
    seconds=$fit
  fi
  for target in $targets; do
    bash scripts/fuzz.sh "$target" "$seconds"
  done
  echo "sanitize: fuzzing $((SECONDS - start)) s" >&2
fi
