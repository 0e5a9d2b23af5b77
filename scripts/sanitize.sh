#!/usr/bin/env bash
# The sanitizer and fuzzing checks (docs/fuzzing.md, fuzz/README.md), run by .ci/run after
# scripts/test.sh: a clang build with AddressSanitizer + UndefinedBehaviorSanitizer and the
# libFuzzer harnesses (build-sanitize/), the whole test suite under the sanitizers, then each
# harness on its regression inputs and for a bounded time.
#   --fuzz-seconds N   fuzzing time per harness (default 30; 0: regression inputs only)
#   --no-tests         skip the test suite (fuzz only)
#   --no-fuzz          skip the harnesses (test suite only)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=30
run_tests=1
run_fuzz=1
while (($#)); do
  case "$1" in
    --fuzz-seconds) seconds="$2"; shift ;;
    --no-tests) run_tests=0 ;;
    --no-fuzz) run_fuzz=0 ;;
    *) echo "usage: $0 [--fuzz-seconds N] [--no-tests] [--no-fuzz]" >&2; exit 2 ;;
  esac
  shift
done
bash scripts/install-deps.sh --fuzz

dir=build-sanitize
launcher=()
command -v ccache >/dev/null 2>&1 && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
start=$SECONDS
# -O1 -g without NDEBUG: asserts on, readable reports, a usable speed for fuzzing.
cmake -S . -B "$dir" -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g" -DKOKUHO_FUZZ=ON -DKOKUHO_WEB=ON "${launcher[@]}" \
  >/dev/null
cmake --build "$dir" -j "$(nproc)" --target kokuho kokuho_tests kokuho_case_tests kokuho_fuzzers
echo "sanitize: build $((SECONDS - start)) s" >&2

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:strict_string_checks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
symbolizer=$(command -v llvm-symbolizer || command -v llvm-symbolizer-14 || true)
[[ -n "$symbolizer" ]] && export ASAN_SYMBOLIZER_PATH="$symbolizer"

if ((run_tests)); then
  start=$SECONDS
  # The browser tests and tsc run in scripts/test.sh; here every C++ test and the demo.
  ctest --test-dir "$dir" --output-on-failure -j "$(nproc)" -LE browser -E '^web_typecheck$'

  echo "sanitize: test suite $((SECONDS - start)) s" >&2
fi

if ((run_fuzz)); then
  start=$SECONDS
  for target in $(ls "$dir"/fuzz/fuzz_* | xargs -n1 basename | sed 's/^fuzz_//'); do
    bash scripts/fuzz.sh "$target" "$seconds"
  done
  echo "sanitize: fuzzing $((SECONDS - start)) s" >&2
fi
