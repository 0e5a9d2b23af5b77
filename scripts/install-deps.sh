#!/usr/bin/env bash
# Installs the Debian (bookworm) packages kokuho needs, only when one is missing.
# Used by the README commands and by .ci/run. Needs root (or sudo) for apt-get.
set -euo pipefail
packages=(
  g++ cmake make pkg-config
  libcli11-dev libfmt-dev libyaml-cpp-dev nlohmann-json3-dev
  libxlsxwriter-dev libzip-dev libpugixml-dev libgmp-dev libxxhash-dev
  libgtest-dev libgmock-dev libbenchmark-dev
)
if [[ "${1:-}" == "--bench" ]]; then packages+=(python3 python3-pandas sqlite3); fi
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
