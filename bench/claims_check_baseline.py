#!/usr/bin/env python3
"""Baselines for the claims year benchmark (bench/claims_year_run.sh): the same レセ電 files
that `kokuho claims ingest/check/lists` read, parsed into pandas DataFrames or SQLite tables,
and three comparable results computed with a group-by (docs/benchmarks.md, "Claims II").

  claims_check_baseline.py pandas RULES_YAML… -- FILE…
  claims_check_baseline.py sqlite DB RULES_YAML… -- FILE…

Both read every file (CP932), keep per receipt (RE + HO) the file's institution (IR/YK
医療機関コード), 点数表, レセプト種別, 診療年月 and the person key, and keep every SY (傷病名)
and SI (診療行為) line of its receipt; then compute:

  t01_month   縦覧 T01 restricted to the rules with period 月 and a per-institution limit
              (the rules in force in each 診療年月 from the given rule files): the groups
              (person, institution, 診療年月, code) whose Σ 回数 exceeds the limit.
  dup_visits  重複受診: person-months where one 傷病名コード (not 0/999) is on 入院外 医科
              receipts of ≥ 4 institutions, in runs of ≥ 3 consecutive qualifying months.
  freq_visits 頻回受診: person-months where Σ HO 実日数 at one institution (入院外 医科) is
              ≥ 15, in runs of ≥ 3 consecutive qualifying months.

The person key is kokuho's (claims/check_view.h): 保険者番号 | 記号 | 番号 | 生年月日 | 男女, with
全角 ASCII made half-width and spaces dropped (the synthetic files have no SN 枝番 and every
receipt has an HO). Prints one JSON line: counts, wall and CPU seconds, peak RSS.
"""
import json
import os
import resource
import sys
import time

import yaml

# 全角 ASCII (U+FF01–U+FF5E) → half-width; ASCII and ideographic spaces dropped.
NORM = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}
NORM[0x20] = None
NORM[0x3000] = None
CPU0 = time.process_time()

DUP_INSTITUTIONS, DUP_MONTHS = 4, 3  # data/claims/guidance.yaml duplicate_visits
FREQ_DAYS, FREQ_MONTHS = 15, 3  # data/claims/guidance.yaml frequent_visits


def month_rules(rule_files, months):
    """{診療年月: {code: limit}} of the frequency rules with period 月, per institution."""
    series = []  # (from yyyymm, rules) of each file's entries
    for path in rule_files:
        with open(path, encoding="utf-8") as f:
            doc = yaml.safe_load(f)
        entries = []
        for v in (doc.get("frequency") or {}).get("values", []):
            y, m = str(v["from"]).split("-")
            entries.append((int(y) * 100 + int(m), v.get("rules", [])))
        series.append(sorted(entries, key=lambda e: e[0]))
    out = {}
    for month in months:
        rules = {}
        for entries in series:  # later files add or replace rows (code, period)
            in_force = [r for start, r in entries if start <= month]
            for r in in_force[-1] if in_force else []:
                if str(r.get("period")) == "月" and not r.get("across_institutions", False):
                    rules[str(r["code"])] = int(r["limit"])
        out[month] = rules
    return out


def runs_filter(person_months, need):
    """Rows (person, month) that lie in a run of ≥ need consecutive months of their person."""
    keep = []
    by_person = {}
    for p, m in person_months:
        by_person.setdefault(p, set()).add(m)
    for p, ms in by_person.items():
        ms = sorted(ms)
        i = 0
        while i < len(ms):
            j = i + 1
            while j < len(ms) and (ms[j] // 100 * 12 + ms[j] % 100) - (
                    ms[j - 1] // 100 * 12 + ms[j - 1] % 100) == 1:
                j += 1
            if j - i >= need:
                keep.extend((p, m) for m in ms[i:j])
            i = j
    return keep


def table_of(header):
    return {"IR": "medical", "YK": "pharmacy", "UK": "dental"}.get(header, "unknown")


# ---------------------------------------------------------------------------------------
def run_pandas(rule_files, paths):
    import csv

    import pandas as pd

    receipts, diseases, items = [], [], []
    rid0 = 0
    for p in paths:
        # One string column per line (the C tokenizer cannot take these ragged rows with
        # names; bench/claims_baseline.py), then split only the leading fields needed.
        lines = pd.read_csv(p, header=None, names=["line"], sep="\x01", dtype=str,
                            encoding="cp932", keep_default_na=False, engine="c",
                            quoting=csv.QUOTE_NONE)["line"]
        typ = lines.str[:2]
        rid = (typ == "RE").cumsum() + rid0
        head = lines[typ.isin(["IR", "YK", "UK"])]
        header = head.iloc[0][:2]
        if header == "UK":  # 歯科: UK then an IR with the institution
            head = lines[typ == "IR"]
        inst = head.iloc[0].split(",")[4]  # IR / YK 医療機関コード (薬局コード)
        re = lines[typ == "RE"].str.split(",", n=7, expand=True)
        ho = lines[typ == "HO"].str.split(",", n=6, expand=True)
        r = pd.DataFrame({"rid": rid[re.index].values, "type": re[2].values,
                          "month": re[3].values, "sex": re[5].values, "birth": re[6].values})
        h = pd.DataFrame({"rid": rid[ho.index].values, "insurer": ho[1].values,
                          "symbol": ho[2].values, "number": ho[3].values, "days": ho[4].values})
        r = r.merge(h, on="rid", how="left")
        r["inst"] = inst
        r["table"] = table_of(header)
        receipts.append(r)
        sy = lines[typ == "SY"]
        if len(sy):
            sy = sy.str.split(",", n=2, expand=True)
            diseases.append(pd.DataFrame({"rid": rid[sy.index].values, "code": sy[1].values}))
        si = lines[typ == "SI"]
        if len(si):
            si = si.str.split(",", n=7, expand=True)
            items.append(pd.DataFrame({"rid": rid[si.index].values, "code": si[3].values,
                                       "count": si[6].values}))
        rid0 = int(rid.iloc[-1]) if len(rid) else rid0
    rc = pd.concat(receipts, ignore_index=True)
    sy = pd.concat(diseases, ignore_index=True)
    si = pd.concat(items, ignore_index=True)
    read_cpu = time.process_time() - CPU0

    # Types and the person key (vectorised).
    rc["month"] = pd.to_numeric(rc["month"])
    rc["type"] = pd.to_numeric(rc["type"])
    rc["days"] = pd.to_numeric(rc["days"].replace("", "0")).fillna(0).astype("int64")
    key = (rc["insurer"].fillna("").str.translate(NORM) + "|" +
           rc["symbol"].fillna("").str.translate(NORM) + "|" +
           rc["number"].fillna("").str.translate(NORM) + "|" + rc["birth"] + "|" + rc["sex"])
    rc["person"] = pd.factorize(key)[0]
    rc = rc[["rid", "inst", "table", "type", "month", "person", "days"]].set_index("rid")
    medical = rc["table"] == "medical"
    outpatient = medical & (rc["type"] % 10 % 2 == 0)

    # T01 (月, per institution).
    rules = month_rules(rule_files, sorted(rc["month"].unique()))
    limits = pd.DataFrame([(m, c, l) for m, rs in rules.items() for c, l in rs.items()],
                          columns=["month", "code", "limit"])
    si = si.join(rc[["person", "inst", "month", "table"]], on="rid")
    si = si[si["table"] != "pharmacy"]
    si = si.merge(limits, on=["month", "code"], how="inner")
    si["count"] = pd.to_numeric(si["count"].replace("", "1")).clip(lower=1)
    g = si.groupby(["person", "inst", "month", "code"]).agg(n=("count", "sum"), limit=("limit", "first"))
    t01 = int((g["n"] > g["limit"]).sum())

    # 重複受診.
    sy = sy.join(rc[outpatient][["person", "inst", "month"]], on="rid", how="inner")
    sy["code"] = pd.to_numeric(sy["code"])
    sy = sy[(sy["code"] != 0) & (sy["code"] != 999)]
    n_inst = sy.groupby(["person", "month", "code"])["inst"].nunique()
    per_month = n_inst.groupby(level=["person", "month"]).max()
    dup = per_month[per_month >= DUP_INSTITUTIONS].index.tolist()
    dup_rows = runs_filter(dup, DUP_MONTHS)

    # 頻回受診.
    days = rc[outpatient].groupby(["person", "month", "inst"])["days"].sum()
    best = days.groupby(level=["person", "month"]).max()
    freq = best[best >= FREQ_DAYS].index.tolist()
    freq_rows = runs_filter(freq, FREQ_MONTHS)
    return {"receipts": len(rc), "sy": len(sy), "si_rows_read": int(sum(len(x) for x in items)),
            "t01_month": t01, "dup_visits": len(dup_rows), "freq_visits": len(freq_rows),
            "read_cpu_s": round(read_cpu, 2)}


# ---------------------------------------------------------------------------------------
def run_sqlite(db, rule_files, paths):
    import sqlite3

    if os.path.exists(db):
        os.remove(db)
    con = sqlite3.connect(db)
    con.executescript("""
      PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA temp_store = MEMORY;
      CREATE TABLE receipt (rid INTEGER PRIMARY KEY, inst TEXT, tbl TEXT, type INTEGER,
                            month INTEGER, person TEXT, days INTEGER);
      CREATE TABLE sy (rid INTEGER, code INTEGER);
      CREATE TABLE si (rid INTEGER, code TEXT, count INTEGER);
      CREATE TABLE month_rule (month INTEGER, code TEXT, lim INTEGER);
    """)
    rid = 0
    for p in paths:
        rc, sy, si = [], [], []
        inst, table, pending = "", "unknown", None
        with open(p, encoding="cp932", newline="") as f:
            for line in f:
                t = line[:2]
                if t == "SI":
                    x = line.split(",", 7)
                    si.append((rid, x[3], int(x[6]) if x[6] else 1))
                elif t == "SY":
                    sy.append((rid, int(line.split(",", 2)[1])))
                elif t == "RE":
                    rid += 1
                    x = line.split(",", 7)
                    pending = [rid, inst, table, int(x[2]), int(x[3]), x[6] + "|" + x[5]]
                elif t == "HO":
                    x = line.split(",", 6)
                    key = "|".join(v.translate(NORM) for v in x[1:4]) + "|" + pending[5]
                    rc.append((*pending[:5], key, int(x[4]) if x[4] else 0))
                elif t in ("IR", "YK", "UK"):
                    x = line.split(",", 6)
                    if t == "UK":
                        table = "dental"
                    else:
                        inst = x[4]  # IR / YK 医療機関コード (薬局コード)
                        if table != "dental":
                            table = table_of(t)
        con.executemany("INSERT INTO receipt VALUES (?,?,?,?,?,?,?)", rc)
        con.executemany("INSERT INTO sy VALUES (?,?)", sy)
        con.executemany("INSERT INTO si VALUES (?,?,?)", si)
    con.commit()
    read_cpu = time.process_time() - CPU0
    months = [m for (m,) in con.execute("SELECT DISTINCT month FROM receipt")]
    con.executemany("INSERT INTO month_rule VALUES (?,?,?)",
                    [(m, c, l) for m, rs in month_rules(rule_files, months).items()
                     for c, l in rs.items()])
    (t01,) = con.execute("""
      SELECT count(*) FROM (
        SELECT sum(max(si.count, 1)) AS n, min(mr.lim) AS lim
        FROM si JOIN receipt r ON r.rid = si.rid
                JOIN month_rule mr ON mr.month = r.month AND mr.code = si.code
        WHERE r.tbl <> 'pharmacy'
        GROUP BY r.person, r.inst, r.month, si.code) WHERE n > lim""").fetchone()
    dup = con.execute("""
      SELECT person, month FROM (
        SELECT r.person, r.month, sy.code, count(DISTINCT r.inst) AS n
        FROM sy JOIN receipt r ON r.rid = sy.rid
        WHERE r.tbl = 'medical' AND r.type % 2 = 0 AND sy.code NOT IN (0, 999)
        GROUP BY r.person, r.month, sy.code)
      GROUP BY person, month HAVING max(n) >= ?""", (DUP_INSTITUTIONS,)).fetchall()
    freq = con.execute("""
      SELECT person, month FROM (
        SELECT person, month, inst, sum(days) AS d FROM receipt
        WHERE tbl = 'medical' AND type % 2 = 0 GROUP BY person, month, inst)
      GROUP BY person, month HAVING max(d) >= ?""", (FREQ_DAYS,)).fetchall()
    (n_receipts,) = con.execute("SELECT count(*) FROM receipt").fetchone()
    (n_si,) = con.execute("SELECT count(*) FROM si").fetchone()
    con.close()
    return {"receipts": n_receipts, "si_rows_read": n_si, "t01_month": t01,
            "dup_visits": len(runs_filter(dup, DUP_MONTHS)),
            "freq_visits": len(runs_filter(freq, FREQ_MONTHS)), "read_cpu_s": round(read_cpu, 2),
            "db_bytes": os.path.getsize(db)}


def main():
    mode = sys.argv[1]
    args = sys.argv[2:]
    db = None
    if mode == "sqlite":
        db, args = args[0], args[1:]
    sep = args.index("--")
    rule_files, paths = args[:sep], args[sep + 1:]
    wall0 = time.perf_counter()
    out = run_pandas(rule_files, paths) if mode == "pandas" else run_sqlite(db, rule_files, paths)
    out.update({"mode": mode, "files": len(paths),
                "bytes": sum(os.path.getsize(p) for p in paths),
                "wall_s": round(time.perf_counter() - wall0, 2),
                "cpu_s": round(time.process_time() - CPU0, 2),
                "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024})
    print(json.dumps(out))


if __name__ == "__main__":
    main()
