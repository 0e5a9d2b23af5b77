#!/usr/bin/env bash
# The claims benchmark: kokuho reads, validates and stores a synthetic prefecture-month of
# レセ電 files (kokuho claims synth), and a Python csv reader and pandas read the same files
# in the same run (bench/claims_baseline.py).
#
#   bash bench/claims_run.sh
#
# 1. builds kokuho (Release) in $KOKUHO_BENCH_BUILD (default build) when needed;
# 2. generates $RECEIPTS receipts (default 1,200,000, seed 1) into $DATA unless present;
# 3. times `kokuho claims read` (parse + validate) and `kokuho claims ingest` (parse +
#    validate + write the .kclm store) on all of it: wall, user and system CPU, peak RSS;
# 4. on $SUBSET of the files (every k-th, so all kinds; default 300), times kokuho ingest and
#    read, the csv baseline and the pandas baseline, and prints MB per CPU-second and the
#    ratios (baseline CPU ÷ kokuho CPU).
# CPU seconds (user + sys) are the per-core figure: the machine may be shared.
# The year of checks and lists (issue 17) is bench/claims_year_run.sh.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${KOKUHO_BENCH_BUILD:-$ROOT/build}
RECEIPTS=${RECEIPTS:-1200000}
DATA=${DATA:-$BUILD/claims-bench/synth-$RECEIPTS}
STORE=$BUILD/claims-bench/store
SUBSET=${SUBSET:-300}
PY=/usr/bin/python3
bash "$ROOT/scripts/install-deps.sh" --bench
if [[ ! -x "$BUILD/kokuho" ]]; then
  cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$BUILD" --target kokuho -j "$(nproc)" >/dev/null
fi
K=$BUILD/kokuho
if [[ ! -f "$DATA/files.csv" ]]; then
  rm -rf "$DATA"
  /usr/bin/time -f "synth: %e s wall" "$K" claims synth --out "$DATA" --receipts "$RECEIPTS" --seed 1
fi
bytes=$(cat "$DATA"/*.UKE | wc -c)
measure() {  # label command… → "label wall user sys rss_kb"
  local label=$1; shift
  /usr/bin/time -f "$label %e %U %S %M" "$@" >/dev/null 2>"$BUILD/claims-bench/time.txt" || true
  tail -1 "$BUILD/claims-bench/time.txt"
}
echo "== all of it: $bytes bytes in $(ls "$DATA"/*.UKE | wc -l) files"
rm -rf "$STORE"
read_line=$(measure read "$K" claims read "$DATA")
ingest_line=$(measure ingest "$K" claims ingest "$DATA" --store "$STORE")
for l in "$read_line" "$ingest_line"; do
  set -- $l
  awk -v l="$1" -v w="$2" -v u="$3" -v s="$4" -v m="$5" -v b="$bytes" 'BEGIN {
    printf "kokuho claims %-6s  wall %6.2f s  cpu %5.2f s (user %5.2f + sys %5.2f)  %6.0f MB/cpu-s  peak RSS %d MB\n",
      l, w, u + s, u, s, b / 1e6 / (u + s), m / 1024 }'
done
ls -l "$STORE"

echo "== $SUBSET files spread over all kinds (every k-th): the same files for all three"
total=$(ls "$DATA"/*.UKE | wc -l)
step=$(( (total + SUBSET - 1) / SUBSET ))
mapfile -t files < <(ls "$DATA"/*.UKE | awk -v k="$step" 'NR % k == 1')
sub_bytes=$(cat "${files[@]}" | wc -c)
set -- $(measure read "$K" claims read "${files[@]}")
r_cpu=$(awk -v u="$3" -v s="$4" 'BEGIN { print u + s }')
r_wall=$2
rm -rf "$STORE"
set -- $(measure ingest "$K" claims ingest "${files[@]}" --store "$STORE")
k_cpu=$(awk -v u="$3" -v s="$4" 'BEGIN { print u + s }')
k_wall=$2
csv_json=$($PY "$ROOT/bench/claims_baseline.py" csv "${files[@]}")
pd_json=$($PY "$ROOT/bench/claims_baseline.py" pandas "${files[@]}")
$PY - "$sub_bytes" "$k_cpu" "$k_wall" "$csv_json" "$pd_json" "$r_cpu" "$r_wall" <<'PYEOF'
import json, sys
b, k_cpu, k_wall = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3])
c, p = json.loads(sys.argv[4]), json.loads(sys.argv[5])
r_cpu, r_wall = float(sys.argv[6]), float(sys.argv[7])
assert c["rows"] == p["rows"] and c["ho_points"] == p["ho_points"], (c, p)
print(f"{b/1e6:.1f} MB, {c['rows']:,} records, HO points {c['ho_points']:,} (csv = pandas)")
print(f"{'engine':28} {'cpu s':>7} {'MB/cpu-s':>9} {'wall s':>7} {'÷ ingest':>9} {'÷ read':>7}")
for name, cpu, wall in [("kokuho claims ingest", k_cpu, k_wall),
                        ("kokuho claims read", r_cpu, r_wall),
                        ("python csv.reader", c["cpu_s"], c["wall_s"]),
                        ("pandas read_csv (C)", p["cpu_s"], p["wall_s"])]:
    print(f"{name:28} {cpu:7.2f} {b/1e6/cpu:9.0f} {wall:7.2f} {cpu/k_cpu:8.1f}x {cpu/r_cpu:6.1f}x")
PYEOF
