#!/usr/bin/env bash
# Installs the Debian (bookworm) packages kokuho needs, only when one is missing.
# Used by the README commands and by .ci/run. Needs root (or sudo) for apt-get.
#   --bench    also what bench/ needs
#   --browser  also chromium and fonts-noto-cjk for the browser tests (scripts/test.sh)
#   --fuzz     also clang, libFuzzer and the sanitizer runtimes (scripts/sanitize.sh)
#   --screenshots  also what scripts/screenshots.sh needs (docs/images/)
set -euo pipefail
packages=(
  g++ cmake make pkg-config
  libcli11-dev libfmt-dev libyaml-cpp-dev nlohmann-json3-dev
  libxlsxwriter-dev libzip-dev libpugixml-dev libgmp-dev libxxhash-dev
  libgtest-dev libgmock-dev libbenchmark-dev libcpp-httplib-dev zlib1g-dev
  # The Python package (python/, docs/python.md) and its tests, for Debian's /usr/bin/python3:
  # pybind11, pytest, pandas, numpy, Dask and dask.distributed, matplotlib (the walkthrough's
  # plot), PyYAML (the tests read the sample household files).
  pybind11-dev python3-dev python3-pytest python3-pandas python3-numpy python3-dask
  python3-distributed python3-matplotlib python3-yaml
)
# Node.js and npm build the browser code (web/) at build time; any node/npm on PATH will do
# (bookworm's nodejs 18 + npm 9 otherwise).
command -v node >/dev/null 2>&1 || packages+=(nodejs)
command -v npm >/dev/null 2>&1 || packages+=(npm)
for arg in "$@"; do
  case "$arg" in
    --bench) packages+=(python3 python3-pandas python3-yaml sqlite3 wrk) ;;
    # The HTML report's browser tests (tests/e2e): headless Chromium and Japanese fonts.
    # poppler-utils (pdfinfo, pdftotext) reads back the PDF export in those tests.
    --browser) packages+=(chromium fonts-noto-cjk poppler-utils) ;;
    # The pictures of docs/images/ (scripts/screenshots.sh): the browser, Chromium's Japanese
    # locale (date boxes as 年/月/日) and pngquant (256-colour PNGs, a third of the size).
    --screenshots) packages+=(chromium fonts-noto-cjk chromium-l10n pngquant) ;;
    # The sanitizer build and the libFuzzer harnesses (scripts/sanitize.sh, fuzz/README.md).
    --fuzz) packages+=(clang libclang-rt-14-dev llvm) ;;
  esac
done
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "kokuho: installing ${missing[*]}" >&2
  SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
