#!/usr/bin/env bash
# Two kokuho builds side by side on the commands that compute 納付金 (issue 14), with the pandas
# float64 sweep in the same run:
#
#   bash bench/exact_compare.sh BEFORE_KOKUHO AFTER_KOKUHO [RUNS]
#
# For each command, runs the two binaries alternately RUNS times (default 5), checks that their
# outputs are byte-identical, and prints the median and best wall time and the median CPU time
# (user + system, /usr/bin/time) of each:
#   kokuho nofukin examples/gunma --format csv,json --out DIR
#   kokuho scenario sweep bench/scenario-10y.yaml --year R10 --alpha 0:1:0.025
#       --collection 0.90:0.96:0.0025 --format csv --out DIR        (and --threads 1)
# then bench/scenario_pandas.py (the same 1,025 variants in float64, computation only, checked
# against the AFTER build's sweep). Prints the load average before and after.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BEFORE=$1 AFTER=$2 RUNS=${3:-5}
OUT=${KOKUHO_COMPARE_OUT:-$(mktemp -d)}
SCEN=$ROOT/bench/scenario-10y.yaml
SWEEP=(scenario sweep "$SCEN" --year R10 --alpha 0:1:0.025 --collection 0.90:0.96:0.0025)
echo "load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)"

# run NAME BIN ARGS...: one timed run; appends "wall_ms cpu_ms" to $OUT/NAME.t
run() {
  local name=$1 bin=$2
  shift 2
  local t0 t1
  t0=$(date +%s%N)
  /usr/bin/time -f '%U %S' -o "$OUT/$name.cpu1" "$bin" "$@" >"$OUT/$name.log" 2>&1
  t1=$(date +%s%N)
  echo "$(((t1 - t0) / 1000000)) $(awk '{ printf "%d", ($1 + $2) * 1000 }' "$OUT/$name.cpu1")" \
    >>"$OUT/$name.t"
}

compare() {
  local label=$1
  shift
  rm -f "$OUT/$label-before.t" "$OUT/$label-after.t"
  for ((k = 0; k < RUNS; k++)); do
    run "$label-before" "$BEFORE" "$@" --out "$OUT/$label-before"
    run "$label-after" "$AFTER" "$@" --out "$OUT/$label-after"
  done
  diff -r "$OUT/$label-before" "$OUT/$label-after" >/dev/null ||
    { echo "$label: outputs differ" >&2; exit 1; }
  for side in before after; do
    /usr/bin/python3 -c '
import statistics, sys
rows = [tuple(map(int, l.split())) for l in open(sys.argv[1]) if l.strip()]
wall, cpu = [r[0] for r in rows], [r[1] for r in rows]
print("%-34s median %7.1f ms  best %7.1f ms  CPU median %7.1f ms  (%d runs)" % (
    sys.argv[2], statistics.median(wall), min(wall), statistics.median(cpu), len(rows)))
' "$OUT/$label-$side.t" "$label ($side)"
  done
}

compare nofukin nofukin "$ROOT/examples/gunma" --format csv,json
compare sweep "${SWEEP[@]}" --format csv
compare sweep-t1 "${SWEEP[@]}" --format csv --threads 1
echo "outputs byte-identical between the builds"

"$AFTER" scenario run "$SCEN" --format json --out "$OUT/run-json" >/dev/null
"$AFTER" "${SWEEP[@]}" --format json --out "$OUT/sweep-json" >/dev/null
/usr/bin/python3 "$ROOT/bench/scenario_pandas.py" "$SCEN" --year R10 --alpha 0:1:0.025 \
  --collection 0.90:0.96:0.0025 --run-json "$OUT/run-json/scenario.json" \
  --sweep-json "$OUT/sweep-json/sweep.json" --runs 7 --json | tail -1 |
  /usr/bin/python3 -c 'import json, sys; r = json.load(sys.stdin); print("pandas float64 sweep (computation only): median %.1f ms, best %.1f ms, CPU median %.1f ms; check %s" % (r["median_ms"], r["best_ms"], r.get("cpu_median_ms", float("nan")), "ok" if r["ok"] else "MISMATCH"))'
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
