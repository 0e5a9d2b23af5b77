#!/usr/bin/env bash
# Redraws the pictures in docs/images/ (every page of the web app and the printed reports of
# the bundled sample) with tests/e2e/screenshots.mjs: builds kokuho with its web code (and
# installs Chromium, Japanese fonts, Chromium's Japanese locale and pngquant when missing),
# then takes each picture at a fixed viewport and scale from deterministic inputs.
#   bash scripts/screenshots.sh                          # all of them, into docs/images/
#   bash scripts/screenshots.sh --only web-app-household # some (names without .png, comma-separated)
#   bash scripts/screenshots.sh --out /tmp/pictures      # elsewhere
# Not a test (nothing in ctest needs a display); about a minute on a quiet machine.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh --browser --screenshots --target kokuho >&2
exec node tests/e2e/screenshots.mjs --kokuho build/kokuho --web web --examples examples \
  --out docs/images "$@"
