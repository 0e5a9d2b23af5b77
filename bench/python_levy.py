#!/usr/bin/python3
"""The Python module's levy against the same batch called from C++, `kokuho microsim`, and
pandas (bench/python_run.sh; docs/benchmarks.md, "Python").

  PYTHONPATH=build/python /usr/bin/python3 bench/python_levy.py --kpop POP.kpop \
      --cxx build/bench/kokuho_python_levy_cxx --kokuho build/kokuho \
      [--pandas-dir DIR] [--year 2026] [--reps 3]

Times, on one population in memory (the .kpop read first, not in the figures):
  1. Python from numpy columns: kokuho.levy(columns) — the columns copied into the engine and
     checked, PrepareAll, LevyEach into numpy arrays (total and each 分);
  2. the same from C++ (kokuho_python_levy_cxx): PrepareAll + LevyEach into fresh vectors;
  3. Python on a prepared population: Prepared.levy() with the 分 and with totals alone,
     against LevyEach from C++;
  4. `kokuho microsim POP.kpop` end to end (read, prepare, levy, totals), and
     Population.read_columns + kokuho.levy end to end;
  5. pandas: bench/premium_pandas.py (the levy formulas vectorised in pandas over the
     prepared segments exported by kokuho_premium_bench --export, totals per household)
     when --pandas-dir is given.
Wall time and CPU time (user + system of every thread: time.process_time in Python,
getrusage in C++ and for the child processes); the machine is shared, so CPU time is the
figure to compare. Medians of --reps. Exits 1 when a checksum differs.
"""
import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time

import numpy as np

import kokuho


def timed(fn):
    w, c = time.perf_counter(), time.process_time()
    r = fn()
    return r, {"wall": time.perf_counter() - w, "cpu": time.process_time() - c}


def child(cmd):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    w = time.perf_counter()
    p = subprocess.run(cmd, capture_output=True, text=True)
    wall = time.perf_counter() - w
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if p.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed:\n{p.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return p, {"wall": wall, "cpu": cpu}


def median(runs, key):
    return statistics.median(r[key] for r in runs)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--kpop", required=True)
    ap.add_argument("--cxx", required=True)
    ap.add_argument("--kokuho", required=True)
    ap.add_argument("--rates", default=None)
    ap.add_argument("--year", type=int, default=2026)
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--pandas-dir")
    ap.add_argument("--pandas-runs", type=int, default=3)
    ap.add_argument("--json")
    a = ap.parse_args()
    rates = a.rates or os.path.join(kokuho._kokuho._examples_dir(), "levy", "rates-gunma-sample.csv")
    ok = True
    out = {"load": " ".join(open("/proc/loadavg").read().split()[:3])}

    # 2. C++ (first, so that Python's memory is not yet in use).
    p, _ = child([a.cxx, a.kpop, rates, str(a.year), str(a.reps)])
    cxx = json.loads(p.stdout)
    out["cxx"] = cxx
    n = cxx["households"]

    # 1. and 3. Python.
    cols, read = timed(lambda: kokuho.Population.read_columns(a.kpop, a.year))
    out["py_read_columns"] = read
    full = []
    for _ in range(a.reps):
        lev, t = timed(lambda: kokuho.levy(cols, rates, a.year))
        full.append(t)
        checksum = int(lev.total.sum())
        del lev
    out["py_prepare_and_levy"] = full
    if checksum != cxx["checksum"]:
        print(f"CHECKSUM MISMATCH: Python {checksum} != C++ {cxx['checksum']}")
        ok = False
    prepared, t_prep = timed(lambda: kokuho.prepare(cols, a.year))
    out["py_prepare"] = t_prep
    totals, parts = [], []
    for _ in range(a.reps):
        lev, t = timed(lambda: prepared.levy(rates, parts=False))
        totals.append(t)
        ok &= int(lev.total.sum()) == cxx["checksum"]
        del lev
        lev, t = timed(lambda: prepared.levy(rates))
        parts.append(t)
        ok &= int(lev.total.sum()) == cxx["checksum"]
        del lev
    out["py_levy_totals"], out["py_levy_parts"] = totals, parts
    del prepared, cols

    # 4. End to end.
    cli = []
    for _ in range(a.reps):
        p, t = child([a.kokuho, "microsim", a.kpop, "--year", str(a.year), "--rates", rates,
                      "--format", "json"])
        cli.append(t)
        ok &= json.loads(p.stdout)["total"]["total"] == cxx["checksum"]
    out["cli_microsim"] = cli
    e2e = []
    for _ in range(a.reps):
        lev, t = timed(lambda: kokuho.levy(kokuho.Population.read_columns(a.kpop, a.year), rates,
                                           a.year))
        e2e.append(t)
        del lev
    out["py_end_to_end"] = e2e

    # 5. pandas.
    if a.pandas_dir:
        p, _ = child([sys.executable, os.path.join(os.path.dirname(__file__), "premium_pandas.py"),
                      a.pandas_dir, "--runs", str(a.pandas_runs), "--json"])
        out["pandas"] = json.loads(p.stdout.strip().splitlines()[-1])
        ok &= out["pandas"]["ok"]

    def row(name, runs, ref=None, hh=n):
        w, c = median(runs, "wall"), median(runs, "cpu")
        ratio = "" if ref is None else f"{c / median(ref, 'cpu'):6.3f}"
        print(f"{name:<58} {hh:>10,} {w:9.3f} {c:9.3f} {hh / w / 1e6:8.2f}  {ratio}")

    print(f"{n:,} households ({cxx['members']:,} members), Σ total {cxx['checksum']:,} yen; "
          f"load average at the start {out['load']}; medians of {a.reps}")
    print(f"{'':<58} {'households':>10} {'wall s':>9} {'CPU s':>9} {'M hh/s':>8}  CPU ÷ C++")
    row("C++: PrepareAll + LevyEach (total and 分)", cxx["prepare_and_levy"], cxx["prepare_and_levy"])
    row("Python: kokuho.levy(numpy columns)", full, cxx["prepare_and_levy"])
    row("C++: LevyEach, totals", cxx["levy_totals"], cxx["levy_totals"])
    row("Python: Prepared.levy(parts=False)", totals, cxx["levy_totals"])
    row("C++: LevyEach, total and 分", cxx["levy_parts"], cxx["levy_parts"])
    row("Python: Prepared.levy()", parts, cxx["levy_parts"])
    row("CLI: kokuho microsim (read + prepare + levy + totals)", cli, cli)
    row("Python: Population.read_columns + kokuho.levy", e2e, cli)
    print(f"Population.read_columns: {read['wall']:.3f} s wall, {read['cpu']:.3f} s CPU; "
          f"kokuho.prepare: {t_prep['wall']:.3f} s wall, {t_prep['cpu']:.3f} s CPU")
    if "pandas" in out:
        pd_ = out["pandas"]
        rate_pd = pd_["households"] / (pd_["median_ms"] / 1e3)
        rate_py = n / median(totals, "wall")
        print(f"pandas (bench/premium_pandas.py, the levy over prepared segments, totals): "
              f"{pd_['households']:,} households in {pd_['median_ms'] / 1e3:.3f} s (median) = "
              f"{rate_pd / 1e6:.2f} M hh/s; Python Prepared.levy(parts=False) {rate_py / 1e6:.2f} M hh/s "
              f"= {rate_py / rate_pd:.1f}× pandas (wall; the pandas run is single-threaded)")
    print("checksums:", "ok" if ok else "MISMATCH")
    if a.json:
        with open(a.json, "w") as f:
            json.dump(out, f, indent=1)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
