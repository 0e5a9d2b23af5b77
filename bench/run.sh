#!/usr/bin/env bash
# The nation benchmark: kokuho against pandas and SQLite on the same synthetic nation
# (47 prefectures, 1,741 municipalities, four 分; bench/synthetic_nation.h).
#
#   bash bench/run.sh
#
# 1. configures and builds build-bench/ (Release, KOKUHO_BENCH=ON) when needed;
# 2. runs kokuho_bench (Google Benchmark, KOKUHO_BENCH_REPS repetitions, median);
# 3. exports the nation's inputs and kokuho's results as CSV;
# 4. runs bench/baseline_pandas.py and bench/baseline_sqlite.py (/usr/bin/python3, best of
#    KOKUHO_BENCH_RUNS runs each), which also check their B_i against kokuho's (±1 yen);
# 5. prints the table: engine, ms per nation, ratio to kokuho.
# Exits non-zero when a baseline's results do not match kokuho's.
#
# Environment: KOKUHO_BENCH_BUILD (default build-bench), KOKUHO_BENCH_OUT (default
# $KOKUHO_BENCH_BUILD/bench-data), KOKUHO_BENCH_REPS (3), KOKUHO_BENCH_RUNS (7).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${KOKUHO_BENCH_BUILD:-$ROOT/build-bench}
OUT=${KOKUHO_BENCH_OUT:-$BUILD/bench-data}
REPS=${KOKUHO_BENCH_REPS:-3}
RUNS=${KOKUHO_BENCH_RUNS:-7}
PY=/usr/bin/python3

bash "$ROOT/scripts/install-deps.sh" --bench

cache="$BUILD/CMakeCache.txt"
if [[ ! -f "$cache" ]] || ! grep -q '^KOKUHO_BENCH:BOOL=ON' "$cache" ||
   ! grep -q '^CMAKE_BUILD_TYPE:STRING=Release' "$cache"; then
  cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release -DKOKUHO_BENCH=ON >/dev/null
fi
cmake --build "$BUILD" --target kokuho_bench -j "$(nproc)" >/dev/null
mkdir -p "$OUT"

echo "== kokuho (Google Benchmark, $REPS repetitions)"
"$BUILD/bench/kokuho_bench" --benchmark_filter='^BM_Nation' \
  --benchmark_repetitions="$REPS" --benchmark_report_aggregates_only=true \
  --benchmark_out="$OUT/kokuho.json" --benchmark_out_format=json

echo "== export"
"$BUILD/bench/kokuho_bench" --export "$OUT"

status=0 table=0
echo "== pandas (best of $RUNS)"
"$PY" "$ROOT/bench/baseline_pandas.py" "$OUT" --runs "$RUNS" --json >"$OUT/pandas.json" || status=1
echo "== SQLite (best of $RUNS)"
"$PY" "$ROOT/bench/baseline_sqlite.py" "$OUT" --runs "$RUNS" --json >"$OUT/sqlite.json" || status=1

echo
"$PY" - "$OUT" <<'EOF' || table=$?
import json, os, sys, traceback


def main():
    out = sys.argv[1]
    bench = json.load(open(os.path.join(out, "kokuho.json")))
    # With one repetition Google Benchmark reports no aggregates: use the single run.
    runs = [b for b in bench["benchmarks"] if b.get("run_type") == "iteration"]
    median = {b["run_name"]: b for b in runs}
    median.update({b["run_name"]: b for b in bench["benchmarks"] if b.get("aggregate_name") == "median"})
    ctx = bench["context"]

    def ms(b, key):
        scale = {"ns": 1e-6, "us": 1e-3, "ms": 1.0, "s": 1e3}[b["time_unit"]]
        return b[key] * scale

    best = {b["run_name"]: b for b in runs}
    best.update({b["run_name"]: b for b in bench["benchmarks"] if b.get("aggregate_name") == "min"})

    def row(name, run, note, cpu=True):
        return (name, ms(median[run], "real_time"), ms(best[run], "real_time"),
                ms(median[run], "cpu_time") if cpu else None, note)

    reps = median["BM_Nation/trace:0"].get("repetitions", 1)
    rows = [row("kokuho (trace off)", "BM_Nation/trace:0", "%d reps" % reps)]
    kw, kc = rows[0][1], rows[0][3]
    if "BM_Nation/trace:1" in median:
        rows.append(row("kokuho (trace on)", "BM_Nation/trace:1", "information"))
    if "BM_NationDetail" in median:
        rows.append(row("kokuho (detail on)", "BM_NationDetail", "exact intermediates (Python)"))
    for name in median:
        if name.startswith("BM_NationParallel"):
            threads = name.split("threads:")[1].split("/")[0]
            rows.append(row("kokuho (ComputeAll, %s threads)" % threads, name, "all cores; wall only", cpu=False))
            par = rows[-1][1]
    ok = True
    par = None
    for name in median:
        if name.startswith("BM_NationParallel"):
            par = ms(median[name], "real_time")
    for f in ("pandas.json", "sqlite.json"):
        path = os.path.join(out, f)
        if not os.path.exists(path) or os.path.getsize(path) == 0:
            ok = False
            continue
        r = json.loads(open(path).read().strip().splitlines()[-1])
        ok &= r["check_ok"]
        rows.append((r["engine"], r["median_ms"], r["best_ms"], r["cpu_median_ms"],
                     "%d runs; B_i check %s" % (r["runs"], "ok" if r["check_ok"] else "MISMATCH")))

    print("machine: %d CPU(s), %s MHz; load average %s" % (
        ctx.get("num_cpus", 0), ctx.get("mhz_per_cpu", "?"),
        ", ".join("%.2f" % x for x in ctx.get("load_avg", []))))
    print("%-22s %10s %10s %10s %8s %9s  %s" % ("engine", "median ms", "best ms", "cpu ms", "ratio",
                                                "cpu ratio", "note"))
    for name, wall, low, cpu, note in rows:
        print("%-22s %10.1f %10.1f %10s %7.2fx %9s  %s" % (
            name, wall, low, "%.1f" % cpu if cpu is not None else "-", wall / kw,
            "%.2fx" % (cpu / kc) if cpu is not None else "-", note))
    print("(time per nation; ratio = engine median / kokuho trace-off median, > 1 means kokuho is faster)")
    # The requirement counts the wall time of the nation (47 independent prefectures), so
    # the figure that decides it is ComputeAll on all cores; one thread is shown beside it.
    total = par if par is not None else kw
    verdict = "meets" if total < 100 else "DOES NOT MEET"
    print("requirement: nation in < 100 ms with the trace off: kokuho %.1f ms wall on all cores "
          "(one thread: %.1f ms) %s it" % (total, kw, verdict))
    # Issue 14: < 5 ms on one thread and >= 10x pandas float64 in the same run (CPU time, so
    # that a shared machine does not decide it).
    pandas_cpu = next((r[3] for r in rows if r[0].startswith("pandas")), None)
    if pandas_cpu:
        print("issue 14: nation < 5 ms on one thread: %.1f ms CPU (%s); vs pandas float64: %.1fx "
              "CPU (%s; goal >= 10x)" % (kc, "met" if kc < 5 else "NOT met", pandas_cpu / kc,
                                          "met" if pandas_cpu / kc >= 10 else "NOT met"))
    return 0 if ok else 1

try:
    sys.exit(main())
except Exception:
    traceback.print_exc()
    sys.exit(3)
EOF
if [[ $status -ne 0 || $table -eq 1 ]]; then
  echo "baseline results do not match kokuho's (see $OUT/*.json and the check lines above)" >&2
  exit 1
elif [[ $table -ne 0 ]]; then
  echo "could not build the table from $OUT" >&2
  exit "$table"
fi
