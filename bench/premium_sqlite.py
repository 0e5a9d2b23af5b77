#!/usr/bin/python3
"""Baseline: the household levy over a population in SQLite (in-memory, one SQL query).

Loads the columns exported by `kokuho_premium_bench --export DIR` into an in-memory table
`households` and the final-stage compiled tables into `schedule` (one row per municipality
× 分 × tier, INTEGER PRIMARY KEY), then computes Σ total with one query implementing
LevyHousehold's formulas (src/premium/levy_kernel.h) in SQLite's 64-bit integers, where /
truncates (every value is non-negative, so it is the floor):

  per 分: min(所得割 + 資産割 + 均等割 ÷ 12 + 平等割 ÷ 12, cap × months ÷ 12 or cap),
  0 when not levied or months = 0; truncated to the rounding unit per 分 or on the total.

Loading is not timed; the query is (median and best of N runs). The checksum must equal
kokuho's; a second query (untimed, once) checks the per-municipality totals.

SQLite is slow, so with --limit K it reads only the first K households and checks against
the manifest's subset_checksum (premium_run.sh does that for populations over 1 M).

  /usr/bin/python3 bench/premium_sqlite.py DIR [--runs 3] [--limit K] [--json]
"""
import argparse
import json
import os
import sqlite3
import statistics
import sys
import time

import numpy as np

RATE_DEN = 12 * 1_000_000

HOUSEHOLD_COLUMNS = [
    "municipality", "tier", "base_mm", "base_mm_former", "base_mm_birth", "asset_mm",
    "asset_mm_former", "mm0", "mm1", "mm2", "mm3", "mm_birth", "hm0", "hm1", "hm2", "hm3", "hm4",
    "hm5", "base_mm_kaigo", "base_mm_kaigo_birth", "asset_mm_kaigo", "mm_kaigo", "mm_kaigo_birth",
    "hm_kaigo"]

SCHEDULE_COLUMNS = ["key", "levied", "former_exempt", "rate", "asset_rate", "cap", "prorated", "unit",
                    "round_total", "pc0", "pc1", "pc2", "pc3", "hh0", "hh1", "hh2", "hh3", "hh4",
                    "hh5"]


def part_amount(p):
    """SQL for one 分's amount after the cap, before the rounding (schedule alias s{p})."""
    s = "s%d" % p
    if p == 2:  # 介護: members aged 40–64, one category and one status
        base = "h.base_mm_kaigo - h.base_mm_kaigo_birth"
        asset = "h.asset_mm_kaigo"
        per_capita = "{s}.pc0 * h.mm_kaigo - {s}.pc0 * h.mm_kaigo_birth"
        household = "{s}.hh0 * h.hm_kaigo"
        months = "h.hm_kaigo"
    else:
        base = "h.base_mm - h.base_mm_former * {s}.former_exempt - h.base_mm_birth"
        asset = "h.asset_mm - h.asset_mm_former * {s}.former_exempt"
        per_capita = ("{s}.pc0 * h.mm0 + {s}.pc1 * h.mm1 + {s}.pc2 * h.mm2 + {s}.pc3 * h.mm3"
                      " - {s}.pc0 * h.mm_birth")
        household = ("{s}.hh0 * h.hm0 + {s}.hh1 * h.hm1 + {s}.hh2 * h.hm2 + {s}.hh3 * h.hm3"
                     " + {s}.hh4 * h.hm4 + {s}.hh5 * h.hm5")
        months = "h.hm0 + h.hm1 + h.hm2 + h.hm3 + h.hm4 + h.hm5"
    sql = ("CASE WHEN {s}.levied AND ({months}) > 0 THEN min("
           "({base}) * {s}.rate / %d + ({asset}) * {s}.asset_rate / %d"
           " + ({per_capita}) / 12 + ({household}) / 12,"
           " CASE WHEN {s}.prorated THEN {s}.cap * ({months}) / 12 ELSE {s}.cap END)"
           " ELSE 0 END" % (RATE_DEN, RATE_DEN))
    return sql.format(s=s, months=months, base=base.format(s=s), asset=asset.format(s=s),
                      per_capita=per_capita.format(s=s), household=household.format(s=s))


def levy_query(group_by_municipality):
    """One query: Σ total (or Σ total per municipality)."""
    amounts = ",\n    ".join("%s AS a%d" % (part_amount(p), p) for p in range(4))
    joins = "\n  ".join("JOIN schedule s%d ON s%d.key = (h.municipality * 4 + %d) * 4 + h.tier"
                        % (p, p, p) for p in range(4))
    total = ("CASE WHEN round_total THEN (a0 + a1 + a2 + a3) / unit * unit"
             " ELSE a0 / unit * unit + a1 / unit * unit + a2 / unit * unit + a3 / unit * unit END")
    inner = ("SELECT h.municipality AS municipality, s0.unit AS unit, s0.round_total AS round_total,\n"
             "    %s\n  FROM households h\n  %s" % (amounts, joins))
    if group_by_municipality:
        return ("SELECT municipality, SUM(%s) FROM (%s) GROUP BY municipality ORDER BY municipality"
                % (total, inner))
    return "SELECT SUM(%s) FROM (%s)" % (total, inner)


def load(db, d, limit):
    """The manifest and the tables (not timed)."""
    with open(os.path.join(d, "manifest.json")) as f:
        man = json.load(f)
    n = man["households"] if limit is None else min(limit, man["households"])
    cols = {name: np.fromfile(os.path.join(d, c["file"]), dtype=c["dtype"], count=n)
            for name, c in man["columns"].items()}
    db.execute("CREATE TABLE households (%s)"
               % ", ".join("%s INTEGER" % c for c in HOUSEHOLD_COLUMNS))
    db.executemany("INSERT INTO households VALUES (%s)" % ", ".join("?" * len(HOUSEHOLD_COLUMNS)),
                   zip(*(cols[c].tolist() for c in HOUSEHOLD_COLUMNS)))
    t = {name: np.fromfile(os.path.join(d, s["file"]), dtype=s["dtype"]).reshape(s["shape"])
         for name, s in man["tables"].items()}
    db.execute("CREATE TABLE schedule (key INTEGER PRIMARY KEY, %s)"
               % ", ".join("%s INTEGER" % c for c in SCHEDULE_COLUMNS[1:]))
    rows = []
    for m in range(man["municipalities"]):
        for p in range(4):
            for tier in range(4):
                rows.append([(m * 4 + p) * 4 + tier, t["levied"][m, p], t["former_exempt"][m, p],
                             t["income_rate"][m, p],
                             t["asset_rate"][m, p], t["cap"][m, p], t["cap_prorated"][m],
                             t["rounding_unit"][m], t["round_total"][m],
                             *t["per_capita"][m, p, tier, 5, :], *t["household"][m, p, tier, 4, :]])
    db.executemany("INSERT INTO schedule VALUES (%s)" % ", ".join("?" * len(SCHEDULE_COLUMNS)),
                   [[int(x) for x in r] for r in rows])
    db.commit()
    return man, n


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dir")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--limit", type=int, default=None, help="only the first K households")
    ap.add_argument("--json", action="store_true", help="print one JSON line")
    args = ap.parse_args()
    db = sqlite3.connect(":memory:")
    t0 = time.perf_counter()
    man, n = load(db, args.dir, args.limit)
    load_s = time.perf_counter() - t0
    if n == man["households"]:
        expected = man["checksum"]
    elif n == man["subset_households"]:
        expected = man["subset_checksum"]
    else:
        sys.exit("premium_sqlite: --limit must be the population (%d) or the manifest's subset (%d)"
                 % (man["households"], man["subset_households"]))
    query = levy_query(False)
    seconds, checksum, consistent = [], None, True
    for _ in range(max(1, args.runs)):
        t0 = time.perf_counter()
        s = db.execute(query).fetchone()[0]
        seconds.append(time.perf_counter() - t0)
        consistent &= checksum is None or s == checksum
        checksum = s
    muni_ok = None
    if n == man["households"]:  # per-municipality totals (not timed)
        totals = np.fromfile(os.path.join(args.dir, man["municipality_totals"]["file"]), dtype="<i8")
        got = np.zeros(man["municipalities"], dtype=np.int64)
        for m, total in db.execute(levy_query(True)):
            got[m] = total
        muni_ok = bool(np.array_equal(got, totals))
    ok = consistent and checksum == expected and muni_ok is not False
    result = {"engine": "SQLite %s (in-memory, one query)" % sqlite3.sqlite_version,
              "households": n, "population": man["households"], "runs": len(seconds),
              "median_ms": statistics.median(seconds) * 1e3, "best_ms": min(seconds) * 1e3,
              "load_s": load_s, "checksum": checksum, "expected": expected,
              "municipalities_ok": muni_ok, "ok": ok}
    if args.json:
        print(json.dumps(result))
    else:
        print("SQLite: %d households, median %.1f ms (best %.1f) = %.3f M households/s; checksum %d %s"
              % (n, result["median_ms"], result["best_ms"], n / statistics.median(seconds) / 1e6,
                 checksum, "ok" if ok else "MISMATCH"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
