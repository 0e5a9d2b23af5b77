#!/usr/bin/python3
"""Baseline: the synthetic nation's 納付金 and 標準保険料率 in SQLite (in-memory, SQL).

The same computation as bench/baseline_pandas.py (see there for the steps), written as
SQL over the exported CSV tables with GROUP BY and window functions (ROW_NUMBER for the
largest-remainder rule). REAL (float64) arithmetic; floor/ceil from SQLite's math
functions. Loading the CSV into the in-memory database is not timed; the queries that
build the result tables are (best of N runs, the result tables dropped between runs).
The results go through the same check against kokuho (B_i within 1 yen).

  /usr/bin/python3 bench/baseline_sqlite.py DIR [--runs 7] [--json]
"""
import argparse
import csv
import os
import sqlite3
import sys

import numpy as np
import pandas as pd

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from baseline_pandas import check, report, timed  # noqa: E402

SCHEMA = """
CREATE TABLE prefectures (pref INTEGER PRIMARY KEY, name TEXT, municipalities INTEGER,
  natural_growth REAL, allowance REAL, pool_budget REAL);
CREATE TABLE policies (pref INTEGER, part TEXT, part_order INTEGER, required_total REAL,
  alpha REAL, beta REAL, beta_prime REAL, e REAL, pref_collection_rate REAL,
  PRIMARY KEY (pref, part_order));
CREATE TABLE items (pref INTEGER, item INTEGER, name TEXT, part TEXT, sign INTEGER, stage TEXT,
  PRIMARY KEY (pref, item));
CREATE TABLE municipality_parts (pref INTEGER, seq INTEGER, code TEXT, part TEXT,
  part_order INTEGER, insured REAL, households REAL, income1 REAL, income2 REAL, income3 REAL,
  collection_rate REAL, own_ability REAL, own_equal REAL, own_collection REAL, epsilon REAL,
  relief_base REAL, PRIMARY KEY (pref, seq, part_order));
CREATE TABLE item_amounts (pref INTEGER, seq INTEGER, item INTEGER, amount REAL,
  PRIMARY KEY (pref, seq, item));
"""

RESULT_TABLES = ["it", "s1", "tot", "w", "g", "b0", "b", "mu", "nd", "rl", "sp", "res", "pstd"]

QUERIES = """
-- 個別加減算: net per municipality, 分 and stage.
CREATE TABLE it AS
SELECT a.pref, a.seq, CASE i.part WHEN 'iryo' THEN 0 WHEN 'shien' THEN 1 WHEN 'kaigo' THEN 2 ELSE 3 END AS part_order,
       SUM(CASE WHEN i.stage = 'nofukin' THEN i.sign * a.amount ELSE 0 END) AS net_n,
       SUM(CASE WHEN i.stage = 'rate' THEN i.sign * a.amount ELSE 0 END) AS net_r
FROM item_amounts a JOIN items i ON i.pref = a.pref AND i.item = a.item
GROUP BY a.pref, a.seq, part_order;

CREATE TABLE s1 AS
SELECT m.pref, m.seq, m.part_order, m.insured AS n, m.households AS h,
       (m.income1 + m.income2 + m.income3) / 3.0 AS inc, m.collection_rate AS r,
       m.own_ability, m.own_equal, m.own_collection,
       CASE WHEN m.part_order = 0 THEN m.epsilon ELSE 1.0 END AS eps, m.relief_base,
       COALESCE(it.net_n, 0) AS net_n, COALESCE(it.net_r, 0) AS net_r
FROM municipality_parts m LEFT JOIN it USING (pref, seq, part_order);

CREATE TABLE tot AS
SELECT pref, part_order, SUM(n) AS sn, SUM(h) AS sh, SUM(inc) AS si, SUM(net_n) AS net_n,
       COUNT(*) AS cnt
FROM s1 GROUP BY pref, part_order;

-- Shares and w_i; C = 保険料収納必要総額 − Σ net 納付金-stage items.
CREATE TABLE w AS
SELECT s1.*, t.sn, t.sh, t.si, t.cnt, s1.n / t.sn AS s_n, s1.h / t.sh AS s_h, s1.inc / t.si AS s_i,
       p.beta, p.beta_prime, p.e, p.required_total - t.net_n AS c,
       (1.0 + p.alpha * (s1.eps - 1.0))
         * (p.beta * s1.inc / t.si + p.e * s1.n / t.sn + (1.0 - p.e) * s1.h / t.sh) / (1.0 + p.beta) AS w
FROM s1 JOIN tot t USING (pref, part_order) JOIN policies p USING (pref, part_order);

-- γ = 1 / Σw, half-up to 13 decimals.
CREATE TABLE g AS
SELECT pref, part_order, floor(1.0 / SUM(w) * 1e13 + 0.5) / 1e13 AS gamma
FROM w GROUP BY pref, part_order;

CREATE TABLE b0 AS
SELECT w.*, g.gamma, w.c * w.w * g.gamma AS ex, floor(w.c * w.w * g.gamma) AS fl
FROM w JOIN g USING (pref, part_order);

-- B_i: floor + largest remainder (ties by code order).
CREATE TABLE b AS
SELECT x.*, x.fl + CASE WHEN x.rk < x.resid THEN 1
                        WHEN x.resid < 0 AND x.rk >= x.cnt + x.resid THEN -1 ELSE 0 END AS base,
       x.fl + CASE WHEN x.rk < x.resid THEN 1
                   WHEN x.resid < 0 AND x.rk >= x.cnt + x.resid THEN -1 ELSE 0 END + x.net_n AS before
FROM (SELECT b0.*, ROW_NUMBER() OVER (PARTITION BY pref, part_order ORDER BY ex - fl DESC, seq) - 1 AS rk,
             c - SUM(fl) OVER (PARTITION BY pref, part_order) AS resid
      FROM b0) x;

-- 激変緩和: 1人当たり保険料 over all 分, κ = ΣP⁺ / Σ(P⁺/r).
CREATE TABLE mu AS
SELECT pref, seq, SUM((before + net_r) / r) AS levy,
       MAX(CASE WHEN part_order = 0 THEN n END) AS n0,
       SUM(MAX(before, 0)) AS p, SUM(MAX(before, 0) / r) AS pr, MAX(relief_base) AS rb
FROM b GROUP BY pref, seq;

CREATE TABLE nd AS
SELECT mu.pref, mu.seq, q.pool_budget,
       CASE WHEN mu.levy / mu.n0 > mu.rb * (1.0 + q.natural_growth + q.allowance)
            THEN ceil((mu.levy / mu.n0 - mu.rb * (1.0 + q.natural_growth + q.allowance)) * mu.n0
                      * (CASE WHEN mu.pr = 0 THEN 1.0 ELSE mu.p / mu.pr END))
            ELSE 0 END AS need
FROM mu JOIN prefectures q USING (pref);

-- Granted relief: the need, or pro rata to the pool by largest remainder when short.
CREATE TABLE rl AS
SELECT y.pref, y.seq, y.fl + CASE WHEN y.rk < y.granted - y.flsum THEN 1 ELSE 0 END AS relief
FROM (SELECT x.*, floor(x.ex) AS fl,
             SUM(floor(x.ex)) OVER (PARTITION BY x.pref) AS flsum,
             ROW_NUMBER() OVER (PARTITION BY x.pref ORDER BY x.ex - floor(x.ex) DESC, x.seq) - 1 AS rk
      FROM (SELECT nd.*, SUM(need) OVER (PARTITION BY pref) AS total_need,
                   CASE WHEN pool_budget < SUM(need) OVER (PARTITION BY pref)
                        THEN pool_budget * need / SUM(need) OVER (PARTITION BY pref) ELSE need END AS ex,
                   MIN(pool_budget, SUM(need) OVER (PARTITION BY pref)) AS granted
            FROM nd) x) y;

-- Spread over the 分 in proportion to max(P before relief, 0), by largest remainder.
CREATE TABLE sp AS
SELECT y.pref, y.seq, y.part_order,
       y.fl + CASE WHEN y.rk < y.relief - y.flsum THEN 1 ELSE 0 END AS relief_part
FROM (SELECT x.*, SUM(x.fl) OVER (PARTITION BY x.pref, x.seq) AS flsum,
             ROW_NUMBER() OVER (PARTITION BY x.pref, x.seq ORDER BY x.ex - x.fl DESC, x.part_order) - 1 AS rk
      FROM (SELECT b.pref, b.seq, b.part_order, rl.relief,
                   CASE WHEN SUM(MAX(b.before, 0)) OVER (PARTITION BY b.pref, b.seq) = 0
                        THEN rl.relief / COUNT(*) OVER (PARTITION BY b.pref, b.seq)
                        ELSE rl.relief * MAX(b.before, 0) / SUM(MAX(b.before, 0)) OVER (PARTITION BY b.pref, b.seq)
                   END AS ex,
                   floor(CASE WHEN SUM(MAX(b.before, 0)) OVER (PARTITION BY b.pref, b.seq) = 0
                              THEN rl.relief / COUNT(*) OVER (PARTITION BY b.pref, b.seq)
                              ELSE rl.relief * MAX(b.before, 0) / SUM(MAX(b.before, 0)) OVER (PARTITION BY b.pref, b.seq)
                         END) AS fl
            FROM b JOIN rl USING (pref, seq)) x) y;

-- P_i, S_i, F_i and the 市町村標準保険料率 (K = F/D) and the own-basis rates.
CREATE TABLE res AS
SELECT z.pref, z.seq, z.part_order, z.base, z.relief, z.nofukin, z.premium_need, z.levy_total,
       floor(z.k * z.beta_prime / z.si * 100.0 * 100.0 + 0.5) / 100.0 AS income_rate_percent,
       floor(z.k * z.e / z.sn + 0.5) AS per_capita,
       floor(z.k * (1.0 - z.e) / z.sh + 0.5) AS per_household,
       floor(z.fo * z.own_ability / z.inc * 100.0 * 100.0 + 0.5) / 100.0 AS own_income_rate_percent,
       floor(z.fo * (1.0 - z.own_ability) * z.own_equal / z.n + 0.5) AS own_per_capita,
       floor(z.fo * (1.0 - z.own_ability) * (1.0 - z.own_equal) / z.h + 0.5) AS own_per_household
FROM (SELECT y.*, y.levy_total / (y.beta_prime * y.s_i + y.e * y.s_n + (1.0 - y.e) * y.s_h) AS k,
             y.premium_need / y.own_collection AS fo
      FROM (SELECT b.*, sp.relief_part AS relief, b.before - sp.relief_part AS nofukin,
                   b.before - sp.relief_part + b.net_r AS premium_need,
                   (b.before - sp.relief_part + b.net_r) / b.r AS levy_total
            FROM b JOIN sp USING (pref, seq, part_order)) y) z;

-- 都道府県標準保険料率 (2方式, state β, the prefecture's 収納率).
CREATE TABLE pstd AS
SELECT t.pref, t.part_order, g.gamma,
       floor(t.s / p.pref_collection_rate * p.beta / ((1.0 + p.beta) * t.si) * 100.0 * 100.0 + 0.5) / 100.0
         AS pref_income_rate_percent,
       floor(t.s / p.pref_collection_rate / ((1.0 + p.beta) * t.sn) + 0.5) AS pref_per_capita
FROM (SELECT res.pref, res.part_order, SUM(res.premium_need) AS s, tot.si, tot.sn
      FROM res JOIN tot USING (pref, part_order) GROUP BY res.pref, res.part_order) t
JOIN policies p USING (pref, part_order) JOIN g USING (pref, part_order);
"""


def load(d):
    db = sqlite3.connect(":memory:")
    db.executescript(SCHEMA)
    for table in ["prefectures", "policies", "items", "municipality_parts", "item_amounts"]:
        with open(os.path.join(d, table + ".csv"), newline="", encoding="utf-8") as f:
            rows = list(csv.reader(f))
        header, body = rows[0], rows[1:]
        body = [[None if v == "" else v for v in row] for row in body]
        db.executemany(f"INSERT INTO {table} ({','.join(header)}) VALUES ({','.join('?' * len(header))})",
                       body)
    db.commit()
    db.execute("ANALYZE")
    return db


def drop_results(db):
    for t in RESULT_TABLES:
        db.execute(f"DROP TABLE IF EXISTS {t}")
    db.commit()


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dir")
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    db = load(args.dir)
    _, wall, cpu = timed(lambda: db.executescript(QUERIES), args.runs, setup=lambda: drop_results(db))
    out = pd.read_sql_query("SELECT * FROM res", db)
    parts = pd.read_sql_query("SELECT * FROM pstd", db)
    for frame in (out, parts):
        frame["pref"] = frame["pref"].astype(np.int64)
    ok, lines = check("sqlite", out, parts, args.dir)
    report(f"SQLite {sqlite3.sqlite_version}", wall, cpu, ok, lines, args.json)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
