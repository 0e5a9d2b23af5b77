#!/usr/bin/env bash
# Roadmap scenarios (issue 4): times the kokuho CLI on the 10-year scenario of the sample
# prefecture (bench/scenario-10y.yaml) with a synthetic population of 1,000,000 households,
# and a 1,025-variant sweep at the 納付金 level, against the same sweep in pandas
# (bench/scenario_pandas.py, /usr/bin/python3). docs/benchmarks.md, "Roadmap scenarios".
#
#   bash bench/scenario_run.sh
#
# Targets: the 10-year scenario with the households in under 10 s; the sweep in under 5 s.
# Wall clock of the whole command (start-up, reading, computing, writing CSV), median of N runs;
# peak RSS from /usr/bin/time -v. Both with the default threads (all cores) and --threads 1.
# Settings (environment): KOKUHO_BIN (a kokuho binary; default: build-bench/kokuho, built if
# missing), KOKUHO_BENCH_BUILD (build-bench), KOKUHO_SCENARIO_OUT (BUILD/scenario-data),
# KOKUHO_SCENARIO_HOUSEHOLDS (1000000), KOKUHO_SCENARIO_RUNS (5, kokuho),
# KOKUHO_SCENARIO_PANDAS_RUNS (7).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${KOKUHO_BENCH_BUILD:-$ROOT/build-bench}
OUT=${KOKUHO_SCENARIO_OUT:-$BUILD/scenario-data}
HOUSEHOLDS=${KOKUHO_SCENARIO_HOUSEHOLDS:-1000000}
RUNS=${KOKUHO_SCENARIO_RUNS:-5}
PANDAS_RUNS=${KOKUHO_SCENARIO_PANDAS_RUNS:-7}
SCENARIO=$ROOT/bench/scenario-10y.yaml
YEAR=R10
ALPHA=0:1:0.025
COLLECTION=0.90:0.96:0.0025
PY=/usr/bin/python3

bash "$ROOT/scripts/install-deps.sh" --bench

if [[ -n "${KOKUHO_BIN:-}" ]]; then
  BIN=$KOKUHO_BIN
  [[ -x "$BIN" ]] || { echo "KOKUHO_BIN=$BIN is not an executable" >&2; exit 1; }
else
  BIN=$BUILD/kokuho
  if [[ ! -x "$BIN" ]]; then
    cache="$BUILD/CMakeCache.txt"
    if [[ ! -f "$cache" ]] || ! grep -q '^CMAKE_BUILD_TYPE:STRING=Release' "$cache"; then
      cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release -DKOKUHO_BENCH=ON >/dev/null
    fi
    cmake --build "$BUILD" --target kokuho -j "$(nproc)" >/dev/null
  fi
fi

mkdir -p "$OUT"
POP=$OUT/population-$HOUSEHOLDS.kpop
echo "== load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)"
if [[ ! -f "$POP" ]]; then
  echo "== synth: $HOUSEHOLDS households (seed 1, FY2027)"
  "$BIN" synth --case "$ROOT/examples/gunma" --households "$HOUSEHOLDS" --seed 1 --year 2027 \
    --out "$POP"
fi

# time_runs NAME RUNS CMD…: runs CMD RUNS times; writes OUT/NAME.times (µs per run) and the peak
# RSS (KiB, the largest of the runs; 0 without /usr/bin/time) to OUT/NAME.rss and the CPU
# seconds of each run to OUT/NAME.cpu.
time_runs() {
  local name=$1 runs=$2
  shift 2
  : >"$OUT/$name.times"
  rm -f "$OUT/$name.time.txt" "$OUT/$name.cpu"
  local rss=0
  for ((k = 0; k < runs; k++)); do
    local t0 t1 r
    t0=$(date +%s%N)
    if [[ -x /usr/bin/time ]]; then
      /usr/bin/time -v -o "$OUT/$name.time.txt" "$@" >"$OUT/$name.log" 2>&1 ||
        { cat "$OUT/$name.log" >&2; exit 1; }
    else
      "$@" >"$OUT/$name.log" 2>&1 || { cat "$OUT/$name.log" >&2; exit 1; }
    fi
    t1=$(date +%s%N)
    echo $(((t1 - t0) / 1000)) >>"$OUT/$name.times"  # µs
    r=0
    if [[ -f "$OUT/$name.time.txt" ]]; then
      r=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$OUT/$name.time.txt")
      # CPU seconds (user + system): less sensitive than the wall clock to a shared machine.
      awk -F': ' '/User time|System time/ { s += $2 } END { print s }' "$OUT/$name.time.txt" \
        >>"$OUT/$name.cpu"
    fi
    if ((r > rss)); then rss=$r; fi
  done
  echo "$rss" >"$OUT/$name.rss"
  echo "   $name: $(tr '\n' ' ' <"$OUT/$name.times")µs"
}

echo "== kokuho scenario run, $HOUSEHOLDS households, 11 years ($RUNS runs each)"
time_runs run "$RUNS" "$BIN" scenario run "$SCENARIO" --population "$POP" --format csv \
  --out "$OUT/run"
time_runs run_t1 "$RUNS" "$BIN" scenario run "$SCENARIO" --population "$POP" --format csv \
  --out "$OUT/run-t1" --threads 1
echo "== kokuho scenario sweep --year $YEAR --alpha $ALPHA --collection $COLLECTION ($RUNS runs each)"
time_runs sweep "$RUNS" "$BIN" scenario sweep "$SCENARIO" --year "$YEAR" --alpha "$ALPHA" \
  --collection "$COLLECTION" --format csv --out "$OUT/sweep"
time_runs sweep_t1 "$RUNS" "$BIN" scenario sweep "$SCENARIO" --year "$YEAR" --alpha "$ALPHA" \
  --collection "$COLLECTION" --format csv --out "$OUT/sweep-t1" --threads 1
cmp -s "$OUT/sweep/scenario_sweep.csv" "$OUT/sweep-t1/scenario_sweep.csv" ||
  { echo "the sweep differs between the default threads and --threads 1" >&2; exit 1; }

echo "== pandas sweep ($PANDAS_RUNS runs; checked against kokuho)"
# Not timed: the exact per-year figures the baseline starts from and is checked against, and
# the sweep's exact values (JSON; the timed runs write CSV, which rounds the changes).
"$BIN" scenario run "$SCENARIO" --format json --out "$OUT/run-json" >/dev/null
"$BIN" scenario sweep "$SCENARIO" --year "$YEAR" --alpha "$ALPHA" --collection "$COLLECTION" \
  --format json --out "$OUT/sweep-json" >/dev/null
status=0
"$PY" "$ROOT/bench/scenario_pandas.py" "$SCENARIO" --year "$YEAR" --alpha "$ALPHA" \
  --collection "$COLLECTION" --run-json "$OUT/run-json/scenario.json" \
  --sweep-json "$OUT/sweep-json/sweep.json" --runs "$PANDAS_RUNS" --json \
  >"$OUT/pandas.json" || status=1

echo
"$PY" - "$OUT" "$HOUSEHOLDS" <<'EOF' || status=1
import json, os, statistics, sys

out, households = sys.argv[1], int(sys.argv[2])
def stats(name):
    us = [int(l) for l in open(os.path.join(out, name + ".times")) if l.strip()]
    rss = int(open(os.path.join(out, name + ".rss")).read())
    cpu_path = os.path.join(out, name + ".cpu")
    cpu = ([float(l) for l in open(cpu_path) if l.strip()] if os.path.exists(cpu_path) else [])
    return (statistics.median(us) / 1e3, min(us) / 1e3, len(us), rss / 1024,
            statistics.median(cpu) * 1e3 if cpu else float("nan"))

print("machine: %d CPU(s), %s; load average now %s" % (
    os.cpu_count(),
    next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?"),
    " ".join(open("/proc/loadavg").read().split()[:3])))
p = json.loads(open(os.path.join(out, "pandas.json")).read().strip().splitlines()[-1])
sweep_ms = stats("sweep")[0]
rows = [("kokuho scenario run, %d households, 11 years" % households, "run", 10000),
        ("  same, --threads 1", "run_t1", 10000),
        ("kokuho scenario sweep, %d variants" % p["variants"], "sweep", 5000),
        ("  same, --threads 1", "sweep_t1", 5000)]
print("%-48s %10s %10s %10s %5s %9s %9s %8s" % ("engine", "median ms", "best ms", "CPU ms",
                                               "runs", "peak MiB", "target", "ratio"))
for label, name, target in rows:
    med, best, n, rss, cpu = stats(name)
    print("%-48s %10.1f %10.1f %10.1f %5d %9.0f %6.0f ms %7s  %s" % (
        label, med, best, cpu, n, rss, target,
        "%.1fx" % (med / p["median_ms"]) if name.startswith("sweep") else "",
        "met" if med < target else "NOT met"))
print("%-48s %10.1f %10.1f %10.1f %5d %9s %9s %7.1fx  %s" % (
    "pandas sweep, %d variants (computation only)" % p["variants"], p["median_ms"], p["best_ms"],
    p["cpu_median_ms"], p["runs"], "-", "-", 1.0, "check " + ("ok" if p["ok"] else "FAILED")))
print("(ratio = the kokuho sweep's median ÷ pandas's; kokuho's figures are whole commands: start-up,"
      " YAML/CSV/.kpop reading, the years before, CSV writing; pandas's the computation only."
      " CPU ms: user + system, median)")
w = p.get("sweep_worst", {})
print("check: the year's own values vs kokuho's 納付金 per municipality: max |Δ| %.2f yen, Σ Δ %.2f "
      "yen; sweep (%s): %d/%d variants matched, worst |Δ Σ納付金| %.0f yen, |Δ Σ激変緩和所要額| %.0f "
      "yen, |Δ 最大上昇率| %.2g pt, |Δ 県平均の変化| %.2g pt; same municipality %d, same count "
      "≥5%% %d" % (p["own_year_max_abs_diff_yen"], p["own_year_sum_diff_yen"],
                   p.get("sweep_source", "-"), p.get("sweep_matched", 0), p["variants"],
                   w.get("nofukin_yen", -1), w.get("relief_needed_yen", -1),
                   w.get("max_increase_pt", -1), w.get("mean_change_pt", -1),
                   p.get("sweep_same_max_municipality", 0), p.get("sweep_same_up5", 0)))
sys.exit(0 if p["ok"] else 1)
EOF

if [[ $status -ne 0 ]]; then
  echo "the pandas baseline failed or differs from kokuho beyond its tolerances (see $OUT/pandas.json)" >&2
  exit 1
fi
