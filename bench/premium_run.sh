#!/usr/bin/env bash
# The household levy benchmark: kokuho against a naive C loop, pandas and SQLite on the same
# synthetic populations (default 1 M and 10 M households in 1,741 municipalities).
#
#   bash bench/premium_run.sh
#   KOKUHO_PREMIUM_SIZES="1000000" KOKUHO_PREMIUM_REPS=11 bash bench/premium_run.sh
#
# 1. installs what it needs (scripts/install-deps.sh --bench), configures and builds
#    build-bench/ (Release, KOKUHO_BENCH=ON) when needed, and compiles bench/premium_naive.c
#    with plain -O2;
# 2. for each size: kokuho_premium_bench generates the population (premium::Synthesize),
#    writes it as .kpop and reads it back (timed), times PrepareAll, LevySum (1 and 2
#    threads), LevyAll (2 threads), the read bandwidth and the prototype kernels of
#    bench/premium_fast.h, and exports the prepared columns and compiled tables (raw
#    little-endian + manifest.json), timing the write and a read back; peak RSS by
#    /usr/bin/time -v when present (and VmHWM/VmRSS in any case);
# 3. runs premium_naive (C), premium_pandas.py and premium_sqlite.py (/usr/bin/python3) on
#    the export; SQLite only on the first KOKUHO_PREMIUM_SQLITE_MAX households (1 M) because
#    it is slow — the table says so;
# 4. prints the table: engine, households, ms, M households/s, ratio to kokuho (2 threads).
# Exits non-zero when any checksum (Σ total, and Σ per municipality) differs from kokuho's.
#
# Environment: KOKUHO_BENCH_BUILD (build-bench), KOKUHO_PREMIUM_OUT ($BUILD/premium-data),
# KOKUHO_PREMIUM_SIZES ("1000000 10000000"), KOKUHO_PREMIUM_MUNICIPALITIES (1741),
# KOKUHO_PREMIUM_REPS (7, kokuho), KOKUHO_PREMIUM_RUNS (5, naive C and pandas),
# KOKUHO_PREMIUM_SQLITE_RUNS (3), KOKUHO_PREMIUM_SQLITE_MAX (1000000),
# KOKUHO_PREMIUM_VARIANTS (1: also time the prototypes), CC (cc).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${KOKUHO_BENCH_BUILD:-$ROOT/build-bench}
OUT=${KOKUHO_PREMIUM_OUT:-$BUILD/premium-data}
SIZES=${KOKUHO_PREMIUM_SIZES:-"1000000 10000000"}
MUNICIPALITIES=${KOKUHO_PREMIUM_MUNICIPALITIES:-1741}
REPS=${KOKUHO_PREMIUM_REPS:-7}
RUNS=${KOKUHO_PREMIUM_RUNS:-5}
SQLITE_RUNS=${KOKUHO_PREMIUM_SQLITE_RUNS:-3}
SQLITE_MAX=${KOKUHO_PREMIUM_SQLITE_MAX:-1000000}
VARIANTS=${KOKUHO_PREMIUM_VARIANTS:-1}
CC=${CC:-cc}
PY=/usr/bin/python3

bash "$ROOT/scripts/install-deps.sh" --bench

cache="$BUILD/CMakeCache.txt"
if [[ ! -f "$cache" ]] || ! grep -q '^KOKUHO_BENCH:BOOL=ON' "$cache" ||
   ! grep -q '^CMAKE_BUILD_TYPE:STRING=Release' "$cache"; then
  cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release -DKOKUHO_BENCH=ON >/dev/null
fi
cmake --build "$BUILD" --target kokuho_premium_bench -j "$(nproc)" >/dev/null
"$CC" -O2 -o "$BUILD/bench/premium_naive" "$ROOT/bench/premium_naive.c"

status=0
for n in $SIZES; do
  dir="$OUT/$n"
  mkdir -p "$dir"
  rm -f "$dir"/*.json "$dir"/time.txt
  args=(--households "$n" --municipalities "$MUNICIPALITIES" --reps "$REPS" --subset "$SQLITE_MAX"
        --export "$dir" --json "$dir/kokuho.json" --kpop "$dir/population.kpop")
  [[ "$VARIANTS" == 1 ]] && args+=(--variants)
  echo "== $n households: kokuho (median of $REPS), load average $(cut -d' ' -f1-3 /proc/loadavg)"
  if [[ -x /usr/bin/time ]]; then
    /usr/bin/time -v -o "$dir/time.txt" "$BUILD/bench/kokuho_premium_bench" "${args[@]}" || status=1
  else
    "$BUILD/bench/kokuho_premium_bench" "${args[@]}" || status=1
  fi
  echo "== naive C (-O2, $RUNS runs)"
  "$BUILD/bench/premium_naive" "$dir" "$RUNS" >"$dir/naive.json" || status=1
  echo "== pandas ($RUNS runs)"
  "$PY" "$ROOT/bench/premium_pandas.py" "$dir" --runs "$RUNS" --json >"$dir/pandas.json" || status=1
  limit=$((n < SQLITE_MAX ? n : SQLITE_MAX))
  echo "== SQLite ($SQLITE_RUNS runs, $limit households)"
  "$PY" "$ROOT/bench/premium_sqlite.py" "$dir" --runs "$SQLITE_RUNS" --limit "$limit" --json \
    >"$dir/sqlite.json" || status=1
done

echo
"$PY" - "$OUT" "$SIZES" <<'EOF' || status=1
import json, os, re, sys

out, sizes = sys.argv[1], sys.argv[2].split()
ok = True
print("machine: %d CPU(s), %s; load average now %s" % (
    os.cpu_count(),
    next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?"),
    " ".join(open("/proc/loadavg").read().split()[:3])))
for n in sizes:
    d = os.path.join(out, n)
    k = json.load(open(os.path.join(d, "kokuho.json")))
    ok &= k["ok"]
    ref_ms = k["levy_sum_compact"]["2"]["median_ms"]
    households = k["households"]
    ref_rate = households / ref_ms / 1e3  # M households/s
    rows = [("kokuho LevySum (compact), 2 threads", households, k["levy_sum_compact"]["2"], "reference"),
            ("kokuho LevySum (compact), 1 thread", households, k["levy_sum_compact"]["1"], ""),
            ("kokuho LevySum (prepared), 2 threads", households, k["levy_sum"]["2"], ""),
            ("kokuho LevySum (prepared), 1 thread", households, k["levy_sum"]["1"], ""),
            ("kokuho LevyAll (municipality totals), 2 thr", households, k["levy_all_2"], "")]
    for name, t in k.get("variants", {}).items():
        label, threads = name.rsplit(" / ", 1)
        rows.append(("proto: %s, %s thr" % (label, threads), households, t, "bench only"))
    for f in ("naive.json", "pandas.json", "sqlite.json"):
        path = os.path.join(d, f)
        try:
            r = json.loads(open(path).read().strip().splitlines()[-1])
        except (OSError, ValueError, IndexError):
            ok = False
            rows.append((f.split(".")[0] + ": NO RESULT", households, None, "failed"))
            continue
        ok &= r["ok"]
        note = "checksum %s" % ("ok" if r["ok"] else "MISMATCH %s != %s" % (r["checksum"], r["expected"]))
        if r["households"] != households:
            note += "; first %d households only" % r["households"]
        rows.append((r["engine"], r["households"], {"median_ms": r["median_ms"], "best_ms": r["best_ms"]}, note))
    print()
    print("%d households, %d municipalities; checksum Σ total = %d yen" % (
        households, k["municipalities"], k["checksum"]))
    print("%-56s %10s %10s %10s %8s %8s  %s" % ("engine", "households", "median ms", "best ms",
                                               "M hh/s", "ratio", "note"))
    for name, hh, t, note in rows:
        if t is None:
            print("%-56s %10d %10s %10s %8s %8s  %s" % (name, hh, "-", "-", "-", "-", note))
            continue
        rate = hh / t["median_ms"] / 1e3
        print("%-56s %10d %10.2f %10.2f %8.2f %7.2fx  %s" % (
            name[:56], hh, t["median_ms"], t["best_ms"], rate, ref_rate / rate, note))
    print("(ratio = kokuho LevySum 2-thread households/s ÷ the engine's; > 1: kokuho is faster)")
    bw = k["bandwidth_gbs"]
    print("PrepareAll (2 threads, not in the levy figures): %s" % (
        "%.3f s = %.2f M households/s" % (k["prepare_s"], households / k["prepare_s"] / 1e6)
        if "prepare_s" in k else "-"))
    print("read bandwidth: %.2f GB/s (1 thread), %.2f GB/s (2 threads) → %.0f M households/s at "
          "sizeof(PreparedHousehold) = %d B; kokuho LevySum (2 threads) is at %.1f%% of it" % (
              bw["1"], bw["2"], bw["2"] * 1e3 / k["sizeof_prepared"], k["sizeof_prepared"],
              100 * ref_rate / (bw["2"] * 1e3 / k["sizeof_prepared"])))
    e = k["export"]
    print("prepared columns: %.0f MB written in %.3f s (%.2f GB/s); read in %.3f s (%.2f GB/s, page "
          "cache), into PreparedHousehold in %.3f s (%.2f GB/s)" % (
              e["bytes"] / 1e6, e["write_s"], e["bytes"] / e["write_s"] / 1e9, e["raw_read_s"],
              e["bytes"] / e["raw_read_s"] / 1e9, e["read_s"], e["bytes"] / e["read_s"] / 1e9))
    if "kpop" in k:
        kp = k["kpop"]
        print(".kpop population file: %.0f MB written in %.3f s (%.2f GB/s); ReadKpop %.3f s "
              "(%.2f GB/s, page cache) against %.3f s (%.2f GB/s) to read the bytes alone into "
              "fresh memory" % (kp["bytes"] / 1e6, kp["write_s"], kp["bytes"] / kp["write_s"] / 1e9,
                                kp["read_s"], kp["bytes"] / kp["read_s"] / 1e9, kp["raw_read_s"],
                                kp["bytes"] / kp["raw_read_s"] / 1e9))
    print("resident during the levy (prepared households + schedules): %.0f MiB = %.0f B per "
          "household → %.2f GB for 17 M households" % (
              k["levy_rss_kib"] / 1024, k["levy_rss_kib"] * 1024 / households,
              k["levy_rss_kib"] * 1024 / households * 17e6 / 1e9))
    if "hwm_prepared_kib" in k:
        print("peak RSS after PrepareAll (the population and its preparation in memory): %.0f MiB "
              "= %.0f B per household → %.2f GB for 17 M households" % (
                  k["hwm_prepared_kib"] / 1024, k["hwm_prepared_kib"] * 1024 / households,
                  k["hwm_prepared_kib"] * 1024 / households * 17e6 / 1e9))
    rss = "VmHWM %.0f MiB" % (k["peak_rss_kib"] / 1024)
    tpath = os.path.join(d, "time.txt")
    if os.path.exists(tpath):
        m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", open(tpath).read())
        if m:
            rss += "; /usr/bin/time -v: %.0f MiB" % (int(m.group(1)) / 1024)
    print("peak RSS of the whole kokuho run (generation and the .kpop read back included): %s" % rss)
    print("target ≥ 100 M households/s on 2 cores: %.1f M/s — %s; 17 M households would take "
          "%.3f s (target < 0.2 s)" % (ref_rate, "met" if ref_rate >= 100 else "NOT met",
                                       17e6 / (ref_rate * 1e6)))
sys.exit(0 if ok else 1)
EOF

if [[ $status -ne 0 ]]; then
  echo "a checksum differs from kokuho's, or an engine failed (see $OUT/*/*.json)" >&2
  exit 1
fi
