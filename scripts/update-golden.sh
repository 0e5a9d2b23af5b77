#!/usr/bin/env bash
# Regenerates the golden outputs of the sample cases (tests/golden/<name>/, listed in
# tests/cases/golden/*.yaml) from the current build, then shows what changed. Review the diff:
# every changed figure must be an intended one. See docs/test-cases.md.
#   bash scripts/update-golden.sh            # all golden cases
#   bash scripts/update-golden.sh nofukin    # only the cases whose name contains "nofukin"
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ ! -d build ]]; then
  cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
fi
cmake --build build -j "$(nproc)" --target kokuho kokuho_case_tests >/dev/null
filter="golden/*${1:-}*"
KOKUHO_UPDATE_GOLDEN=1 build/tests/kokuho_case_tests --gtest_filter="$filter" --gtest_brief=1
# A second run compares: it fails if an output is not the same on re-run.
build/tests/kokuho_case_tests --gtest_filter="$filter" --gtest_brief=1
echo
if git diff --quiet -- tests/golden && [[ -z "$(git ls-files --others --exclude-standard tests/golden)" ]]; then
  echo "update-golden: no change in tests/golden"
else
  echo "update-golden: changes in tests/golden (review them, then commit):"
  git status --short -- tests/golden
  git --no-pager diff --stat -- tests/golden
  git --no-pager diff --no-color -- tests/golden | head -n 400
fi
