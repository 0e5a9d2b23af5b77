#!/usr/bin/env bash
# The Python module's speed (docs/benchmarks.md, "Python"): kokuho.levy on numpy columns of
# N households (default 10,000,000) against the same batch from C++, `kokuho microsim` and
# pandas, in one run.
#
#   bash bench/python_run.sh
#   KOKUHO_PY_HOUSEHOLDS=1000000 bash bench/python_run.sh
#   bash bench/python_run.sh --no-end-to-end     # options after the script go to python_levy.py
#
# Builds $KOKUHO_BENCH_BUILD (default build-bench: Release, KOKUHO_BENCH=ON, the Python module)
# when needed; writes the synthetic population (kokuho synth, seed 1, the sample prefecture)
# and the pandas export (kokuho_premium_bench --export, the same number of households) under
# $KOKUHO_PY_OUT; then runs bench/python_levy.py with /usr/bin/python3.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${KOKUHO_BENCH_BUILD:-$ROOT/build-bench}
N=${KOKUHO_PY_HOUSEHOLDS:-10000000}
OUT=${KOKUHO_PY_OUT:-$BUILD/python-bench}
REPS=${KOKUHO_PY_REPS:-3}
PY=/usr/bin/python3

bash "$ROOT/scripts/install-deps.sh" --bench
cache="$BUILD/CMakeCache.txt"
if [[ ! -f "$cache" ]] || ! grep -q '^KOKUHO_BENCH:BOOL=ON' "$cache"; then
  cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release -DKOKUHO_BENCH=ON >/dev/null
fi
cmake --build "$BUILD" -j "$(nproc)" --target kokuho kokuho_python kokuho_python_levy_cxx \
  kokuho_premium_bench >/dev/null
mkdir -p "$OUT"
pop="$OUT/pop-$N.kpop"
[[ -f "$pop" ]] || "$BUILD/kokuho" synth --case "$ROOT/examples/gunma" --households "$N" \
  --seed 1 --year 2026 --out "$pop"
export_dir="$OUT/pandas-$N"
if [[ ! -f "$export_dir/manifest.json" ]]; then
  mkdir -p "$export_dir"
  "$BUILD/bench/kokuho_premium_bench" --households "$N" --reps 1 --export "$export_dir" \
    --json "$export_dir/kokuho.json" >/dev/null
fi
PYTHONPATH="$BUILD/python" "$PY" "$ROOT/bench/python_levy.py" --kpop "$pop" \
  --cxx "$BUILD/bench/kokuho_python_levy_cxx" --kokuho "$BUILD/kokuho" --reps "$REPS" \
  --pandas-dir "$export_dir" --json "$OUT/result-$N.json" "$@"
