#!/usr/bin/env bash
# Installs the Debian packages kokuho needs (when missing) and builds it in build/.
#   --target NAME   build only that CMake target (scripts/demo.sh builds only `kokuho`,
#                   not the tests, so a first run shows figures sooner)
#   other options   passed to scripts/install-deps.sh (--browser, --bench, --fuzz)
set -euo pipefail
cd "$(dirname "$0")/.."
deps=() targets=()
while (($#)); do
  case "$1" in
    --target) targets+=(--target "$2"); shift 2 ;;
    *) deps+=("$1"); shift ;;
  esac
done
bash scripts/install-deps.sh "${deps[@]}"
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j "$(nproc)" "${targets[@]}"
