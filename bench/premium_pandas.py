#!/usr/bin/python3
"""Baseline: the household levy over a population in pandas/NumPy (int64, vectorised).

Reads the columns and compiled tables exported by `kokuho_premium_bench --export DIR`
(raw little-endian arrays described by DIR/manifest.json): a household table (municipality,
tier) and a segment table (prepared.h: the months of a household's group — every member, or
the 介護 members — in which its members, bases and 平等割 status stay the same), and computes
every household's total levy with LevyHousehold's formulas (src/premium/levy_kernel.h),
vectorised over the segments the way an analyst writes it: the per-(municipality, tier)
tables fancy-indexed by municipality × 4 + tier, integer arithmetic in int64 with // for
the floors (every value is non-negative, so floor = truncation):

  the annual amount of a segment, per 分 of its group:
    所得割 = (base − former − birth) × rate // 1e6, 資産割 likewise (the 旧被扶養者 part
    only where the 分 exempts it); 均等割 = Σ_c final-stage table[c] × members[c] − adult ×
    birth; 平等割 = final-stage table[status];
  cap (prorated): Σ over each cap group of min(Σ annual × months, cap × Σ months);
  amount = that Σ // 12 (prorated) or min(Σ annual × months // 12, cap), 0 when the 分 is not
  levied or has no month; truncated to the 分's rounding unit (or the total to its unit).

Only the computation of the totals and their sum is timed (not the file reads, the
DataFrame construction or the checks); median and best of N runs. The checksum Σ total
must equal kokuho's (manifest.json), and the per-municipality totals (a groupby, untimed)
must equal kokuho's municipality_totals.bin.

  /usr/bin/python3 bench/premium_pandas.py DIR [--runs 5] [--json]
"""
import argparse
import json
import os
import statistics
import sys
import time

import numpy as np
import pandas as pd

RATE_DEN = 1_000_000  # ppm: the annual 所得割 = ⌊base × rate ÷ 10^6⌋


def load(d):
    """The manifest, the household and segment columns as DataFrames and the tables (not
    timed)."""
    with open(os.path.join(d, "manifest.json")) as f:
        man = json.load(f)
    frame = lambda group: pd.DataFrame(
        {name: np.fromfile(os.path.join(d, c["file"]), dtype=c["dtype"])
         for name, c in man[group].items()})
    tables = {name: np.fromfile(os.path.join(d, t["file"]), dtype=t["dtype"]).reshape(t["shape"])
              for name, t in man["tables"].items()}
    totals = np.fromfile(os.path.join(d, man["municipality_totals"]["file"]), dtype="<i8")
    return man, (frame("columns"), frame("segments")), tables, totals


def household_totals(frames, tab):
    """Every household's total levy (int64), vectorised over the segments."""
    df, seg = frames
    n = len(df)
    col = lambda name: seg[name].to_numpy(np.int64)
    hh = seg["seg_household"].to_numpy(np.intp)
    muni_h = df["municipality"].to_numpy(np.intp)
    muni = muni_h[hh]
    key = muni * 4 + df["tier"].to_numpy(np.intp)[hh]  # row of the (municipality, tier) tables
    gather = lambda table: np.take(table, key, axis=0)
    months = col("seg_months")
    members = seg[["seg_m0", "seg_m1", "seg_m2", "seg_m3"]].to_numpy(np.int64)
    kaigo_rows = seg["seg_group"].to_numpy() == 1
    cap_group = seg["seg_cap_group"].to_numpy(np.intp)
    # Final-stage amounts (after every reduction), as int64 (the tables are small).
    pc_final = tab["per_capita"][:, :, :, 5, :].astype(np.int64)  # [muni, part, tier, category]
    hh_final = tab["household"][:, :, :, 4, :].astype(np.int64)   # [muni, part, tier, status]
    prorated = tab["cap_prorated"][muni_h].astype(bool)
    round_total = tab["round_total"][muni_h].astype(bool)

    total = np.zeros(n, dtype=np.int64)
    for p in range(4):
        rows = kaigo_rows if p == 2 else ~kaigo_rows
        exempt = tab["former_exempt"][muni, p].astype(np.int64)  # 旧被扶養者 所得割・資産割
        pc = gather(pc_final[:, p].reshape(-1, 4))
        per_capita = np.einsum("ij,ij->i", pc, members) - pc[:, 0] * col("seg_birth")
        household = gather(hh_final[:, p].reshape(-1, 6))[np.arange(len(seg)),
                                                          seg["seg_status"].to_numpy(np.intp)]
        annual = ((col("seg_base") - exempt * col("seg_base_former") - col("seg_base_birth"))
                  * tab["income_rate"][muni, p] // RATE_DEN
                  + (col("seg_asset") - exempt * col("seg_asset_former"))
                  * tab["asset_rate"][muni, p] // RATE_DEN + per_capita + household)
        cap = tab["cap"][muni, p]
        part = pd.DataFrame({"hh": hh[rows], "group": cap_group[rows],
                             "twelfths": (annual * months)[rows], "cap": (cap * months)[rows],
                             "months": months[rows]})
        groups = part.groupby("group", sort=False).agg(hh=("hh", "first"), twelfths=("twelfths", "sum"),
                                                       cap=("cap", "sum"))
        capped = (np.minimum(groups["twelfths"], groups["cap"]).groupby(groups["hh"]).sum()
                  .reindex(range(n), fill_value=0).to_numpy(np.int64))
        by_hh = part.groupby("hh")[["twelfths", "months"]].sum().reindex(range(n), fill_value=0)
        subtotal = by_hh["twelfths"].to_numpy(np.int64) // 12
        amount = np.where(prorated, capped // 12,
                          np.minimum(subtotal, tab["cap"][muni_h, p]))
        levied = tab["levied"][muni_h, p].astype(bool) & (by_hh["months"].to_numpy() > 0)
        amount = np.where(levied, amount, 0)
        unit = tab["rounding_unit"][muni_h, p]
        total += np.where(round_total, amount, amount // unit * unit)
    unit = tab["total_unit"][muni_h]
    return np.where(round_total, total // unit * unit, total)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dir")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--json", action="store_true", help="print one JSON line")
    args = ap.parse_args()
    man, frames, tab, kokuho_totals = load(args.dir)
    df = frames[0]
    seconds, cpu, checksum, consistent = [], [], None, True
    for _ in range(max(1, args.runs)):
        t0, c0 = time.perf_counter(), time.process_time()
        s = int(household_totals(frames, tab).sum())
        seconds.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
        consistent &= checksum is None or s == checksum
        checksum = s
    # Per-municipality totals (not timed).
    per_muni = (df.assign(total=household_totals(frames, tab)).groupby("municipality")["total"].sum()
                .reindex(range(man["municipalities"]), fill_value=0).to_numpy())
    muni_ok = bool(np.array_equal(per_muni, kokuho_totals))
    ok = consistent and checksum == man["checksum"] and muni_ok
    result = {"engine": "pandas %s / NumPy %s (int64, vectorised)" % (pd.__version__, np.__version__),
              "households": len(df), "runs": len(seconds),
              "median_ms": statistics.median(seconds) * 1e3, "best_ms": min(seconds) * 1e3,
              "median_cpu_ms": statistics.median(cpu) * 1e3,
              "checksum": checksum, "expected": man["checksum"], "municipalities_ok": muni_ok,
              "ok": ok}
    if args.json:
        print(json.dumps(result))
    else:
        print("pandas: %d households, median %.1f ms (best %.1f) = %.2f M households/s; checksum %d %s"
              % (len(df), result["median_ms"], result["best_ms"],
                 len(df) / statistics.median(seconds) / 1e6, checksum, "ok" if ok else "MISMATCH"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
