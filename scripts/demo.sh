#!/usr/bin/env bash
# Builds kokuho (installing what it needs) and runs the demo on the bundled sample
# prefecture: prints the result tables and writes the reports to kokuho-demo/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh --target kokuho >&2
./build/kokuho demo --out kokuho-demo
