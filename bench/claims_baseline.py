#!/usr/bin/env python3
"""Baselines for the claims benchmark (bench/claims_run.sh): read レセ電 files the
straightforward way in Python and report bytes, rows and CPU seconds as JSON.

  claims_baseline.py csv    FILE...   # csv.reader over CP932 text
  claims_baseline.py pandas FILE...   # pandas.read_csv (C engine) of the lines + str.split

Both decode CP932, split every line into fields, count the records by type and sum the
HO 合計点数 (field 5) so that the work cannot be skipped; kokuho does that and much more
(typed fields, dates, day counts, GO checks, the store).
"""
import csv
import json
import os
import sys
import time


def run_csv(paths):
    rows = 0
    points = 0
    types = {}
    for p in paths:
        with open(p, encoding="cp932", newline="") as f:
            for row in csv.reader(f):
                if not row or row[0] == "\x1a":
                    continue
                rows += 1
                types[row[0]] = types.get(row[0], 0) + 1
                if row[0] == "HO":
                    points += int(row[5])
    return rows, points, types


def run_pandas(paths):
    # read_csv's C tokenizer fails on these ragged rows ("Buffer overflow caught", pandas
    # 1.5.3, depending on how many column names are given), so each line is read as one
    # string column and split with str.split(expand=True) — how a pandas user reads them.
    import pandas as pd

    rows = 0
    points = 0
    types = {}
    for p in paths:
        lines = pd.read_csv(p, header=None, names=["line"], sep="\x01", dtype=str,
                            encoding="cp932", keep_default_na=False, engine="c",
                            quoting=csv.QUOTE_NONE)
        df = lines["line"].str.split(",", expand=True)
        rows += len(df)
        for k, v in df[0].value_counts().items():
            types[k] = types.get(k, 0) + int(v)
        points += int(pd.to_numeric(df.loc[df[0] == "HO", 5]).sum())
    return rows, points, types


def main():
    mode, paths = sys.argv[1], sys.argv[2:]
    size = sum(os.path.getsize(p) for p in paths)
    wall0, cpu0 = time.perf_counter(), time.process_time()
    rows, points, types = (run_csv if mode == "csv" else run_pandas)(paths)
    wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
    print(json.dumps({"mode": mode, "bytes": size, "rows": rows, "ho_points": points,
                      "wall_s": round(wall, 3), "cpu_s": round(cpu, 3)}))


if __name__ == "__main__":
    main()
