#!/usr/bin/python3
"""Baseline: the household levy over a population in pandas/NumPy (int64, vectorised).

Reads the columns and compiled tables exported by `kokuho_premium_bench --export DIR`
(raw little-endian arrays described by DIR/manifest.json) into a DataFrame, and computes
every household's total levy with LevyHousehold's formulas (src/premium/levy_kernel.h),
vectorised over the households the way an analyst writes it: the per-(municipality, tier)
tables fancy-indexed by municipality × 4 + tier, integer arithmetic in int64 with // for
the floors (every value is non-negative, so floor = truncation):

  所得割 = (base_mm − former − birth) × rate // 12e6, 資産割 likewise (the 旧被扶養者 part
          only where the 分 exempts it);
  均等割 = (Σ_c final-stage table[c] × mm[c] − adult × mm_birth) // 12;
  平等割 = Σ_s final-stage table[s] × hm[s] // 12;
  amount = min(sum, cap × months // 12 or cap), 0 when the 分 is not levied or months = 0;
  truncated to the rounding unit per 分 (or on the total).

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

RATE_DEN = 12 * 1_000_000  # months × ppm


def load(d):
    """The manifest, the household columns as a DataFrame and the tables (not timed)."""
    with open(os.path.join(d, "manifest.json")) as f:
        man = json.load(f)
    df = pd.DataFrame({name: np.fromfile(os.path.join(d, c["file"]), dtype=c["dtype"])
                       for name, c in man["columns"].items()})
    tables = {name: np.fromfile(os.path.join(d, t["file"]), dtype=t["dtype"]).reshape(t["shape"])
              for name, t in man["tables"].items()}
    totals = np.fromfile(os.path.join(d, man["municipality_totals"]["file"]), dtype="<i8")
    return man, df, tables, totals


def household_totals(df, tab):
    """Every household's total levy (int64), vectorised."""
    col = lambda name: df[name].to_numpy(np.int64)
    muni = df["municipality"].to_numpy(np.intp)
    key = muni * 4 + df["tier"].to_numpy(np.intp)  # row of the (municipality, tier) tables
    # Rows of a (municipality × tier, …) table for every household, as int64. (np.take with
    # axis=0 is an order of magnitude faster than table[key] for 2-D tables in NumPy 1.24.)
    gather = lambda table: np.take(table, key, axis=0)
    unit = tab["rounding_unit"][muni]
    round_total = tab["round_total"][muni].astype(bool)
    prorated = tab["cap_prorated"][muni].astype(bool)
    # Final-stage amounts (after every reduction), as int64 (the tables are small).
    pc_final = tab["per_capita"][:, :, :, 5, :].astype(np.int64)  # [muni, part, tier, category]
    hh_final = tab["household"][:, :, :, 4, :].astype(np.int64)   # [muni, part, tier, status]

    mm = df[["mm0", "mm1", "mm2", "mm3"]].to_numpy(np.int64)
    hm = df[["hm0", "hm1", "hm2", "hm3", "hm4", "hm5"]].to_numpy(np.int64)
    members = {  # 医療・支援・子ども: every member
        "base": col("base_mm") - col("base_mm_birth"), "former": col("base_mm_former"),
        "asset": col("asset_mm"), "asset_former": col("asset_mm_former"),
        "mm_birth": col("mm_birth"), "months": hm.sum(axis=1)}
    kaigo = {  # 介護: members aged 40–64 (one category, one status; never 旧被扶養者)
        "base": col("base_mm_kaigo") - col("base_mm_kaigo_birth"), "former": 0,
        "asset": col("asset_mm_kaigo"), "asset_former": 0,
        "mm_birth": col("mm_kaigo_birth"), "months": col("hm_kaigo")}

    total = np.zeros(len(df), dtype=np.int64)
    for p in range(4):
        g = kaigo if p == 2 else members
        rate = tab["income_rate"][muni, p]
        asset_rate = tab["asset_rate"][muni, p]
        exempt = tab["former_exempt"][muni, p].astype(np.int64)  # 旧被扶養者 所得割・資産割
        if p == 2:
            pc = gather(pc_final[:, p, :, 0].reshape(-1))
            adult = pc
            per_capita = pc * col("mm_kaigo")
            household = gather(hh_final[:, p, :, 0].reshape(-1)) * g["months"]
        else:
            pc = gather(pc_final[:, p].reshape(-1, 4))
            adult = pc[:, 0]
            per_capita = np.einsum("ij,ij->i", pc, mm)  # row-wise Σ_c table × mm
            household = np.einsum("ij,ij->i", gather(hh_final[:, p].reshape(-1, 6)), hm)
        amount = ((g["base"] - exempt * g["former"]) * rate // RATE_DEN
                  + (g["asset"] - exempt * g["asset_former"]) * asset_rate // RATE_DEN
                  + (per_capita - adult * g["mm_birth"]) // 12 + household // 12)
        cap = tab["cap"][muni, p]
        cap = np.where(prorated, cap * g["months"] // 12, cap)
        amount = np.minimum(amount, cap)
        amount = np.where(tab["levied"][muni, p].astype(bool) & (g["months"] > 0), amount, 0)
        total += np.where(round_total, amount, amount // unit * unit)
    return np.where(round_total, total // unit * unit, total)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dir")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--json", action="store_true", help="print one JSON line")
    args = ap.parse_args()
    man, df, tab, kokuho_totals = load(args.dir)
    seconds, checksum, consistent = [], None, True
    for _ in range(max(1, args.runs)):
        t0 = time.perf_counter()
        s = int(household_totals(df, tab).sum())
        seconds.append(time.perf_counter() - t0)
        consistent &= checksum is None or s == checksum
        checksum = s
    # Per-municipality totals (not timed).
    per_muni = (df.assign(total=household_totals(df, tab)).groupby("municipality")["total"].sum()
                .reindex(range(man["municipalities"]), fill_value=0).to_numpy())
    muni_ok = bool(np.array_equal(per_muni, kokuho_totals))
    ok = consistent and checksum == man["checksum"] and muni_ok
    result = {"engine": "pandas %s / NumPy %s (int64, vectorised)" % (pd.__version__, np.__version__),
              "households": len(df), "runs": len(seconds),
              "median_ms": statistics.median(seconds) * 1e3, "best_ms": min(seconds) * 1e3,
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
