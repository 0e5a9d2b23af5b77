#!/usr/bin/python3
"""Baseline: the household levy over a population in SQLite (in-memory, one SQL query).

Loads the columns exported by `kokuho_premium_bench --export DIR` into in-memory tables
`households` (municipality, tier) and `segments` (src/premium/prepared.h: the months of a
household's group — every member, or the 介護 members — in which its members, bases and 平等割
status stay the same), and the final-stage compiled tables into `schedule` (one row per
municipality × 分 × tier, INTEGER PRIMARY KEY), then computes Σ total with one query
implementing LevyHousehold's formulas (src/premium/levy_kernel.h) in SQLite's 64-bit
integers, where / truncates (every value is non-negative, so it is the floor):

  per segment and 分 of its group: the annual amount 所得割 + 資産割 + 均等割 + 平等割;
  per 分: Σ over its cap groups of min(Σ annual × months, cap × Σ months) ÷ 12 (prorated), or
  min(Σ annual × months ÷ 12, cap); 0 when not levied; truncated to the 分's rounding unit or
  the total to its unit.

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

RATE_DEN = 1_000_000  # ppm: the annual 所得割 = ⌊base × rate ÷ 10^6⌋

SEGMENT_COLUMNS = [
    "seg_household", "seg_group", "seg_cap_group", "seg_base", "seg_base_former",
    "seg_base_birth", "seg_asset", "seg_asset_former", "seg_m0", "seg_m1", "seg_m2", "seg_m3",
    "seg_birth", "seg_status", "seg_months"]

SCHEDULE_COLUMNS = ["key", "levied", "former_exempt", "rate", "asset_rate", "cap", "prorated", "unit",
                    "total_unit", "round_total", "pc0", "pc1", "pc2", "pc3", "hh0", "hh1", "hh2",
                    "hh3", "hh4", "hh5"]


def levy_query(group_by_municipality):
    """One query: Σ total (or Σ total per municipality)."""
    household = " ".join("WHEN %d THEN s.hh%d" % (k, k) for k in range(6))
    seg = ("SELECT g.seg_household AS household, h.municipality AS municipality, p.p AS part,"
           " g.seg_cap_group AS cap_group, g.seg_months AS months, s.cap AS cap,"
           " s.prorated AS prorated, s.levied AS levied, s.unit AS unit,"
           " s.total_unit AS total_unit, s.round_total AS round_total,"
           " (g.seg_base - g.seg_base_former * s.former_exempt - g.seg_base_birth) * s.rate / %d"
           " + (g.seg_asset - g.seg_asset_former * s.former_exempt) * s.asset_rate / %d"
           " + s.pc0 * g.seg_m0 + s.pc1 * g.seg_m1 + s.pc2 * g.seg_m2 + s.pc3 * g.seg_m3"
           " - s.pc0 * g.seg_birth + CASE g.seg_status %s END AS annual"
           " FROM segments g JOIN households h ON h.id = g.seg_household"
           " JOIN parts p ON (p.p = 2) = (g.seg_group = 1)"
           " JOIN schedule s ON s.key = (h.municipality * 4 + p.p) * 4 + h.tier"
           % (RATE_DEN, RATE_DEN, household))
    groups = ("SELECT household, municipality, part, prorated, levied, cap, unit, total_unit,"
              " round_total, SUM(annual * months) AS twelfths,"
              " min(SUM(annual * months), SUM(cap * months)) AS capped, SUM(months) AS months"
              " FROM seg GROUP BY household, part, cap_group")
    parts = ("SELECT household, municipality, unit, total_unit, round_total,"
             " CASE WHEN NOT levied OR SUM(months) = 0 THEN 0"
             " WHEN prorated THEN SUM(capped) / 12"
             " ELSE min(SUM(twelfths) / 12, cap) END AS amount"
             " FROM grp GROUP BY household, part")
    totals = ("SELECT household, municipality,"
              " CASE WHEN MAX(round_total) THEN SUM(amount) / MAX(total_unit) * MAX(total_unit)"
              " ELSE SUM(amount / unit * unit) END AS total FROM part GROUP BY household")
    head = "WITH seg AS (%s), grp AS (%s), part AS (%s), hh AS (%s) " % (seg, groups, parts, totals)
    if group_by_municipality:
        return head + "SELECT municipality, SUM(total) FROM hh GROUP BY municipality ORDER BY municipality"
    return head + "SELECT SUM(total) FROM hh"


def load(db, d, limit):
    """The manifest and the tables (not timed)."""
    with open(os.path.join(d, "manifest.json")) as f:
        man = json.load(f)
    n = man["households"] if limit is None else min(limit, man["households"])
    cols = {name: np.fromfile(os.path.join(d, c["file"]), dtype=c["dtype"], count=n)
            for name, c in man["columns"].items()}
    db.execute("CREATE TABLE households (id INTEGER PRIMARY KEY, municipality INTEGER, tier INTEGER)")
    db.executemany("INSERT INTO households VALUES (?, ?, ?)",
                   zip(range(n), cols["municipality"].tolist(), cols["tier"].tolist()))
    seg = {name: np.fromfile(os.path.join(d, c["file"]), dtype=c["dtype"])
           for name, c in man["segments"].items()}
    keep = seg["seg_household"] < n
    db.execute("CREATE TABLE segments (%s)" % ", ".join("%s INTEGER" % c for c in SEGMENT_COLUMNS))
    db.executemany("INSERT INTO segments VALUES (%s)" % ", ".join("?" * len(SEGMENT_COLUMNS)),
                   zip(*(seg[c][keep].tolist() for c in SEGMENT_COLUMNS)))
    db.execute("CREATE TABLE parts (p INTEGER PRIMARY KEY)")
    db.executemany("INSERT INTO parts VALUES (?)", [(p,) for p in range(4)])
    t = {name: np.fromfile(os.path.join(d, s["file"]), dtype=s["dtype"]).reshape(s["shape"])
         for name, s in man["tables"].items()}
    db.execute("CREATE TABLE schedule (key INTEGER PRIMARY KEY, %s)"
               % ", ".join("%s INTEGER" % c for c in SCHEDULE_COLUMNS[1:]))
    rows = []
    for m in range(man["municipalities"]):
        for p in range(4):
            for tier in range(4):
                rows.append([(m * 4 + p) * 4 + tier, t["levied"][m, p], t["former_exempt"][m, p],
                             t["income_rate"][m, p], t["asset_rate"][m, p], t["cap"][m, p],
                             t["cap_prorated"][m], t["rounding_unit"][m, p], t["total_unit"][m],
                             t["round_total"][m],
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
