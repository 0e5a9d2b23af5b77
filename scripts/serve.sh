#!/usr/bin/env bash
# Builds kokuho (installing what it needs) and starts the local web app on the bundled sample
# prefecture, its synthetic rates and its roadmap scenario: open http://127.0.0.1:8080/
# (Ctrl+C to stop).
# Extra arguments go to `kokuho serve` (e.g. --port 8081). docs/web-app.md.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh >&2
exec ./build/kokuho serve examples/gunma --rates examples/levy/rates-gunma-sample.csv \
  --scenario examples/gunma-roadmap/scenario.yaml "$@"
