#!/usr/bin/env bash
# Builds kokuho (installing what it needs) and runs every test with ctest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh --browser
ctest --test-dir build --output-on-failure -j "$(nproc)"
