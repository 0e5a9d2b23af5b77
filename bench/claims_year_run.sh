#!/usr/bin/env bash
# The claims year benchmark (issue 17; docs/benchmarks.md "Claims II"): a synthetic prefecture
# year of レセ電 files (kokuho claims synth --months 12), then, timed end to end with
# /usr/bin/time -v (wall, user + system CPU, peak RSS):
#
#   kokuho claims ingest DIR --store STORE          (レセ電 → one .kclm per 請求年月)
#   kokuho claims check STORE --rules DIR --masters DIR --out OUT --format csv \
#       --lists-out LISTS                          (the bundled rules + the generator's, and
#                                                   every list, in one pass over the stores)
#
# SEPARATE=1 also times `claims check` and `claims lists` as two commands (the same files).
#
# and, in the same run on the same files, bench/claims_check_baseline.py with pandas and with
# SQLite (Debian's /usr/bin/python3): parse the records into DataFrames / tables, then the
# 縦覧 T01 月-limit rule, 重複受診 and 頻回受診 by group-by. The counts must agree (exit 1
# if not); kokuho's T01 count is taken over the findings of the rules with period 月 and a
# per-institution limit, the baselines' rule set.
#
#   bash bench/claims_year_run.sh                       # ≈ 14 M receipts (1.2 M a month × 12)
#   RECEIPTS=84000 bash bench/claims_year_run.sh        # ≈ 1 M receipts
#   BASELINES=sqlite bash bench/claims_year_run.sh     # skip pandas (hours at 14 M); BASELINES= for none
#
# Environment: RECEIPTS (per month, default 1200000), MONTHS (12), SEED (1), PLANT (0.0002:
# the rate of planted cases per kind, so that every rule and list has findings), WORK
# (default $BUILD/claims-year-bench; data, stores and outputs, tens of GB at 14 M),
# BASELINES (pandas,sqlite), KEEP=1 keeps the stores and outputs.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${KOKUHO_BENCH_BUILD:-$ROOT/build}
RECEIPTS=${RECEIPTS:-1200000}
MONTHS=${MONTHS:-12}
SEED=${SEED:-1}
PLANT=${PLANT:-0.0002}
WORK=${WORK:-$BUILD/claims-year-bench}
BASELINES=${BASELINES-pandas,sqlite}
DATA=$WORK/synth-$RECEIPTS-$MONTHS-$SEED-$PLANT
STORE=$WORK/store
PY=/usr/bin/python3
if [[ ! -x "$BUILD/kokuho" ]]; then
  bash "$ROOT/scripts/install-deps.sh" --bench
  cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$BUILD" --target kokuho -j "$(nproc)" >/dev/null
fi
K=$BUILD/kokuho
mkdir -p "$WORK"
echo "== $(date -u '+%F %T') UTC; load average $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) CPUs" \
  "(shared machine); $(free -g | awk '/^Mem/ {print $2}') GB RAM"

# measure LABEL CMD… → appends "LABEL wall cpu user sys rss_mb" to $WORK/times.txt
measure() {
  local label=$1; shift
  local log=$WORK/time-$label.txt
  if ! /usr/bin/time -v "$@" >"$WORK/out-$label.txt" 2>"$log"; then
    tail -20 "$log"; echo "$label failed" >&2; exit 1
  fi
  awk -v l="$label" -v load="$(cut -d' ' -f1 /proc/loadavg)" '
    /User time/ {u = $NF} /System time/ {s = $NF} /Maximum resident/ {m = $NF}
    /Elapsed \(wall clock\)/ { n = split($NF, p, ":"); w = 0; for (i = 1; i <= n; ++i) w = w * 60 + p[i] }
    END { printf "%-22s %8.1f %8.1f %8.1f %7.1f %8.0f %6s\n", l, w, u + s, u, s, m / 1024, load }' \
    "$log" | tee -a "$WORK/times.txt"
}
: >"$WORK/times.txt"
if [[ ! -f "$DATA/files.csv" ]]; then
  rm -rf "$DATA"
  echo "== generating $MONTHS months × about $RECEIPTS receipts (seed $SEED, plant $PLANT)"
  printf "%-22s %8s %8s %8s %7s %8s %6s\n" stage "wall s" "cpu s" "user" "sys" "RSS MB" load
  measure synth "$K" claims synth --out "$DATA" --receipts "$RECEIPTS" --months "$MONTHS" \
    --seed "$SEED" --plant "$PLANT"
  tail -1 "$WORK/out-synth.txt"
  : >"$WORK/times.txt"  # the generator is not part of the pipeline's time
fi
mapfile -t files < <(ls "$DATA"/*.UKE)
bytes=$(du -cb "${files[@]}" | tail -1 | cut -f1)
lines=$(awk -F, 'NR > 1 {s += $4} END {print s}' "$DATA/files.csv")
echo "== $DATA: ${#files[@]} files, $bytes bytes, $lines lines; df: $(df -h "$WORK" | awk 'NR == 2 {print $4}') free"
printf "%-22s %8s %8s %8s %7s %8s %6s\n" stage "wall s" "cpu s" "user" "sys" "RSS MB" load
rm -rf "$STORE" "$WORK/check" "$WORK/lists" "$WORK/check-alone" "$WORK/lists-alone"
measure "kokuho ingest" "$K" claims ingest "$DATA" --store "$STORE"
measure "kokuho check+lists" "$K" claims check "$STORE" --rules "$DATA" --masters "$DATA" \
  --out "$WORK/check" --lists-out "$WORK/lists" --format csv
grep -h "^点検\|^リスト" "$WORK/time-kokuho check+lists.txt" || true
if [[ -n "${SEPARATE:-}" ]]; then
  measure "kokuho check" "$K" claims check "$STORE" --rules "$DATA" --masters "$DATA" \
    --out "$WORK/check-alone" --format csv
  measure "kokuho lists" "$K" claims lists "$STORE" --masters "$DATA" --out "$WORK/lists-alone" \
    --format csv
  diff -r "$WORK/check" "$WORK/check-alone" >/dev/null && diff -r "$WORK/lists" "$WORK/lists-alone" \
    >/dev/null && echo "== separate commands: the same files" || { echo "separate runs differ" >&2; exit 1; }
  rm -rf "$WORK/check-alone" "$WORK/lists-alone"
fi
store_bytes=$(du -cb "$STORE"/*.kclm | tail -1 | cut -f1)
rules=("$ROOT/data/claims/check_rules.yaml" "$DATA/check_rules_synth.yaml")
for b in ${BASELINES//,/ }; do
  case $b in
    pandas) measure "pandas (parse+check)" "$PY" "$ROOT/bench/claims_check_baseline.py" pandas \
              "${rules[@]}" -- "${files[@]}" ;;
    sqlite) measure "sqlite (parse+check)" "$PY" "$ROOT/bench/claims_check_baseline.py" sqlite \
              "$WORK/baseline.db" "${rules[@]}" -- "${files[@]}"
            rm -f "$WORK/baseline.db" ;;
    *) echo "unknown baseline $b" >&2; exit 2 ;;
  esac
done
echo "== end $(date -u '+%T') UTC; load average $(cut -d' ' -f1-3 /proc/loadavg)"
PYTHONPATH=$ROOT/bench $PY - "$WORK" "$bytes" "$store_bytes" "$BASELINES" "${rules[@]}" <<'PYEOF'
import csv, json, os, sys
import claims_check_baseline as b
work, nbytes, store_bytes, baselines = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
rule_files = sys.argv[5:]
times = {}
for line in open(os.path.join(work, "times.txt"), encoding="utf-8"):
    p = line.rsplit(None, 6)
    times[p[0].strip()] = (float(p[1]), float(p[2]), float(p[5]))
with open(os.path.join(work, "check", "claims_findings.csv"), encoding="utf-8-sig") as f:
    rows = list(csv.DictReader(f))
months = sorted({int(r["診療年月"].replace("-", "")) for r in rows})
mr = b.month_rules(rule_files, months)
t01 = sum(1 for r in rows if r["規則"] == "T01" and r["コード"].lstrip("0") in
          {c.lstrip("0") for c in mr[int(r["診療年月"].replace("-", ""))]})
with open(os.path.join(work, "lists", "claims_lists_summary.csv"), encoding="utf-8-sig") as f:
    summary = {r["リスト"]: r["件数 (人・月)"] for r in csv.DictReader(f)}
k = {"t01_month": t01, "dup_visits": int(summary["重複受診"]), "freq_visits": int(summary["頻回受診"])}
by_rule = {}
for r in rows:
    by_rule[r["規則"]] = by_rule.get(r["規則"], 0) + 1
print(f"kokuho findings by rule: {by_rule} (total {len(rows):,})")
print(f"input {nbytes/1e9:.2f} GB, store {store_bytes/1e9:.2f} GB")
pipeline = sum(times[s][0] for s in ("kokuho ingest", "kokuho check+lists"))
cpu = sum(times[s][1] for s in ("kokuho ingest", "kokuho check+lists"))
w, c = times["kokuho check+lists"][:2]
n_receipts = sum(int(r["receipts"]) for r in csv.DictReader(
    open(os.path.join(os.path.dirname(rule_files[1]), "files.csv"), encoding="utf-8-sig")))
target = (f"target 120 s at ≈ 14 M receipts: {'met' if w <= 120 else 'NOT met'}, {w - 120:+.1f} s"
          if n_receipts >= 13_000_000 else "the 120 s target is for ≈ 14 M receipts")
print(f"kokuho check + lists (one pass) over {n_receipts:,} receipts: {w:.1f} s wall, "
      f"{c:.1f} s CPU ({target})")
print(f"kokuho ingest + check + lists: {pipeline:.1f} s wall, {cpu:.1f} s CPU")
ok = True
print(f"{'result':12} {'kokuho':>10}" + "".join(f" {x:>10}" for x in baselines.split(",") if x))
outs = {}
for x in filter(None, baselines.split(",")):
    label = f"{x} (parse+check)"
    log = os.path.join(work, f"out-{label}.txt")
    outs[x] = json.loads(open(log, encoding="utf-8").read().strip().splitlines()[-1])
for key in ("t01_month", "dup_visits", "freq_visits"):
    vals = [outs[x][key] for x in outs]
    ok &= all(v == k[key] for v in vals)
    print(f"{key:12} {k[key]:>10,}" + "".join(f" {v:>10,}" for v in vals))
for x, o in outs.items():
    w, c, _ = times[f"{x} (parse+check)"]
    print(f"{x}: {w:.1f} s wall = {w / pipeline:.1f}× kokuho's pipeline, {c:.1f} s CPU = "
          f"{c / cpu:.1f}× (its parse alone {o['read_cpu_s']} CPU-s)")
print("checksums:", "ok" if ok else "DIFFER")
sys.exit(0 if ok else 1)
PYEOF
if [[ -z "${KEEP:-}" ]]; then rm -rf "$STORE" "$WORK/check" "$WORK/lists"; fi
