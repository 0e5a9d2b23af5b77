#!/usr/bin/python3
"""The Python module's levy against the same batch called from C++, `kokuho microsim`, and
pandas (bench/python_run.sh; docs/benchmarks.md, "Python").

  PYTHONPATH=build/python /usr/bin/python3 bench/python_levy.py --kpop POP.kpop \
      --cxx build/bench/kokuho_python_levy_cxx --kokuho build/kokuho \
      [--pandas-dir DIR] [--year 2026] [--reps 3]

Times, on one population in memory (the .kpop read first, not in the figures):
  1. Python from numpy columns: kokuho.levy(columns) — the columns read in place (they have
     the engine's types), each household checked beside its preparation (PrepareAll),
     LevyEach into numpy arrays (total and each 分);
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
figure to compare. The sides alternate, one repetition of each in turn (C++, Python, CLI,
Python end to end, pandas), --reps times; medians. Prints the load average at each
repetition and the peak RSS. Exits 1 when a checksum differs.
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
    ap.add_argument("--pandas-reps", type=int, default=None,
                    help="pandas in the first N repetitions only (default: every one)")
    ap.add_argument("--no-end-to-end", action="store_true",
                    help="skip 4. (kokuho microsim and Population.read_columns + kokuho.levy)")
    ap.add_argument("--json")
    a = ap.parse_args()
    rates = a.rates or os.path.join(kokuho._kokuho._examples_dir(), "levy", "rates-gunma-sample.csv")
    ok = True
    load = lambda: " ".join(open("/proc/loadavg").read().split()[:3])
    out = {"load": load(), "load_each_rep": []}
    cols, read = timed(lambda: kokuho.Population.read_columns(a.kpop, a.year))
    out["py_read_columns"] = read
    cxx_runs = []
    full, totals, parts, cli, e2e, pandas_runs = [], [], [], [], [], []
    prepared = None
    # The sides alternate, one repetition of each in turn (the machine is shared: a burst
    # of load falls on every side alike).
    for rep in range(a.reps):
        out["load_each_rep"].append(load())
        # C++ (its own process: the .kpop read first, not timed).
        p, _ = child([a.cxx, a.kpop, rates, str(a.year), "1"])
        cxx = json.loads(p.stdout)
        cxx_runs.append(cxx)
        n = cxx["households"]
        # Python from numpy columns: the columns read in place, checked beside the
        # preparation, PrepareAll, LevyEach into numpy arrays.
        lev, t = timed(lambda: kokuho.levy(cols, rates, a.year))
        full.append(t)
        checksum = int(lev.total.sum())
        del lev
        if checksum != cxx["checksum"]:
            print(f"CHECKSUM MISMATCH: Python {checksum} != C++ {cxx['checksum']}")
            ok = False
        if prepared is None:
            prepared, t_prep = timed(lambda: kokuho.prepare(cols, a.year))
            out["py_prepare"] = t_prep
        lev, t = timed(lambda: prepared.levy(rates, parts=False))
        totals.append(t)
        ok &= int(lev.total.sum()) == cxx["checksum"]
        del lev
        lev, t = timed(lambda: prepared.levy(rates))
        parts.append(t)
        ok &= int(lev.total.sum()) == cxx["checksum"]
        del lev
        # End to end from the file.
        if not a.no_end_to_end:
            p, t = child([a.kokuho, "microsim", a.kpop, "--year", str(a.year), "--rates", rates,
                          "--format", "json"])
            cli.append(t)
            ok &= json.loads(p.stdout)["total"]["total"] == cxx["checksum"]
            lev, t = timed(lambda: kokuho.levy(kokuho.Population.read_columns(a.kpop, a.year),
                                               rates, a.year))
            e2e.append(t)
            del lev
        # pandas (its own process: the export read first, not timed).
        if a.pandas_dir and (a.pandas_reps is None or rep < a.pandas_reps):
            p, _ = child([sys.executable, os.path.join(os.path.dirname(__file__), "premium_pandas.py"),
                          a.pandas_dir, "--runs", "1", "--json"])
            r = json.loads(p.stdout.strip().splitlines()[-1])
            pandas_runs.append(r)
            ok &= r["ok"]
        # Each repetition's figures as they come (a long run on a busy machine can be cut short).
        print(f"repetition {rep + 1}: load {out['load_each_rep'][-1]}; CPU s: C++ "
              f"{cxx['prepare_and_levy'][0]['cpu']:.3f}, Python {full[-1]['cpu']:.3f}; "
              f"Prepared.levy totals {totals[-1]['cpu']:.3f} (C++ {cxx['levy_totals'][0]['cpu']:.3f}), "
              f"with 分 {parts[-1]['cpu']:.3f} (C++ {cxx['levy_parts'][0]['cpu']:.3f})"
              + (f"; pandas {pandas_runs[-1]['median_cpu_ms'] / 1e3:.3f} CPU s, "
                 f"{pandas_runs[-1]['median_ms'] / 1e3:.3f} wall s" if len(pandas_runs) == rep + 1 else ""),
              flush=True)
        if a.json:
            with open(a.json + ".partial", "w") as f:
                json.dump({"cxx": cxx_runs, "full": full, "totals": totals, "parts": parts,
                           "pandas": pandas_runs, "load_each_rep": out["load_each_rep"]}, f)
    del prepared, cols
    out["load_end"] = load()
    out["py_peak_rss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    out["children_peak_rss_mib"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    cxx = {"households": cxx_runs[0]["households"], "members": cxx_runs[0]["members"],
           "checksum": cxx_runs[0]["checksum"]}
    for k in ("prepare_and_levy", "levy_totals", "levy_parts"):
        cxx[k] = [r[k][0] for r in cxx_runs]
    ok &= all(r["checksum"] == cxx["checksum"] for r in cxx_runs)
    out["cxx"] = cxx
    out["py_prepare_and_levy"] = full
    out["py_levy_totals"], out["py_levy_parts"] = totals, parts
    out["cli_microsim"], out["py_end_to_end"] = cli, e2e
    if pandas_runs:
        out["pandas"] = pandas_runs
    n = cxx["households"]
    t_prep = out["py_prepare"]

    def row(name, runs, ref=None, hh=n):
        w, c = median(runs, "wall"), median(runs, "cpu")
        ratio = "" if ref is None else f"{c / median(ref, 'cpu'):6.3f}"
        print(f"{name:<58} {hh:>10,} {w:9.3f} {c:9.3f} {hh / w / 1e6:8.2f}  {ratio}")

    print(f"{n:,} households ({cxx['members']:,} members), Σ total {cxx['checksum']:,} yen; "
          f"medians of {a.reps}, the sides alternating; load average at each repetition: "
          f"{' | '.join(out['load_each_rep'])}; at the end {out['load_end']}")
    print(f"{'':<58} {'households':>10} {'wall s':>9} {'CPU s':>9} {'M hh/s':>8}  CPU ÷ C++")
    row("C++: PrepareAll + LevyEach (total and 分)", cxx["prepare_and_levy"], cxx["prepare_and_levy"])
    row("Python: kokuho.levy(numpy columns)", full, cxx["prepare_and_levy"])
    row("C++: LevyEach, totals", cxx["levy_totals"], cxx["levy_totals"])
    row("Python: Prepared.levy(parts=False)", totals, cxx["levy_totals"])
    row("C++: LevyEach, total and 分", cxx["levy_parts"], cxx["levy_parts"])
    row("Python: Prepared.levy()", parts, cxx["levy_parts"])
    if cli:
        row("CLI: kokuho microsim (read + prepare + levy + totals)", cli, cli)
        row("Python: Population.read_columns + kokuho.levy", e2e, cli)
    print(f"Population.read_columns: {read['wall']:.3f} s wall, {read['cpu']:.3f} s CPU; "
          f"kokuho.prepare: {t_prep['wall']:.3f} s wall, {t_prep['cpu']:.3f} s CPU")
    if "pandas" in out:
        pr = out["pandas"]
        pw = statistics.median(r["median_ms"] for r in pr) / 1e3
        pc = statistics.median(r["median_cpu_ms"] for r in pr) / 1e3
        hh = pr[0]["households"]
        print(f"pandas (bench/premium_pandas.py, the levy over prepared segments, totals): "
              f"{hh:,} households in {pw:.3f} s wall, {pc:.3f} s CPU (medians) = "
              f"{hh / pw / 1e6:.2f} M hh/s")
        for name, runs in (("Prepared.levy(parts=False)", totals),
                           ("kokuho.levy(numpy columns), with the preparation", full)):
            w, c = median(runs, "wall"), median(runs, "cpu")
            print(f"  Python {name}: {(n / w) / (hh / pw):.1f}× pandas' households per "
                  f"second (wall), {(n / c) / (hh / pc):.1f}× per CPU-second")
    print(f"peak RSS: this Python process {out['py_peak_rss_mib']:,.0f} MiB, the largest child "
          f"{out['children_peak_rss_mib']:,.0f} MiB")
    print("checksums:", "ok" if ok else "MISMATCH")
    if a.json:
        with open(a.json, "w") as f:
            json.dump(out, f, indent=1)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
