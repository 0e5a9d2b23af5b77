#!/usr/bin/python3
"""Scaling of kokuho.dask from 1 to 2 workers on this machine, and the per-task overhead
(docs/distributed.md).

  PYTHONPATH=build/python /usr/bin/python3 bench/dask_scaling.py --out DIR \
      [--households 1000000] [--reps 2]

The nation of bench/nation_dask.py at a smaller size: 47 prefectures' populations written
once (.kpop), then, on a LocalCluster of 1 and of 2 worker processes (1 thread each):
  - the roadmaps (11 years, every household levied every year), one task per prefecture;
  - the levy of every household over the 47 files as a dask DataFrame (kd.levy, one
    partition per prefecture) with Σ computed on the workers;
  - 500 empty tasks submitted and gathered: the scheduler's round trip per task.
Wall time (the machine is shared: the load average is printed) and the results' equality
across worker counts.
"""
import argparse
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from nation_dask import PREFECTURES, recode, make_nation, synth_task  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def make_nation_rates(out):
    """The sample rates of 令和8年度 (examples/levy, NOT OFFICIAL) for every prefecture's
    recoded municipalities, as 令和9年度 rows: the levy of 2027 runs with --carry-forward."""
    import csv
    with (ROOT / "examples" / "levy" / "rates-gunma-sample.csv").open(encoding="utf-8-sig") as f:
        rows = list(csv.reader(f))
    path = out / "rates-nation.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(rows[0])
        for pp, _, _ in PREFECTURES:
            for r in rows[1:]:
                if r[2] == "令和8年度":
                    w.writerow([recode(r[0], pp), r[1], "令和9年度"] + r[3:])
    return str(path)


def noop(i):
    return i


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--households", type=int, default=1_000_000)
    ap.add_argument("--reps", type=int, default=2)
    ap.add_argument("--json")
    a = ap.parse_args()
    import distributed
    import kokuho.dask as kd

    out = Path(a.out)
    nation = make_nation(out)
    rates = make_nation_rates(out)
    total = sum(w for _, w in nation.values())
    sizes = {pp: max(1000, round(a.households * w / total)) for pp, (_, w) in nation.items()}
    (out / "pop").mkdir(exist_ok=True)
    pops = {pp: str(out / "pop" / f"{pp}.kpop") for pp in nation}
    for pp, (scenario, _) in nation.items():
        if not Path(pops[pp]).exists():
            synth_task(str(scenario.parent), sizes[pp], int(pp), pops[pp])
    order = sorted(nation, key=lambda pp: -sizes[pp])
    scenarios = {pp: str(nation[pp][0]) for pp in order}
    result = {"households": sum(sizes.values()), "runs": {}}
    reference = None
    for workers in (1, 2):
        with distributed.LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                      dashboard_address=None, host="127.0.0.1") as cluster, \
                distributed.Client(cluster) as client:
            client.gather([client.submit(noop, i, pure=False) for i in range(10)])  # warm up
            r = {"load": " ".join(open("/proc/loadavg").read().split()[:3])}
            roadmap, levy, overhead = [], [], []
            for _ in range(a.reps):
                t = time.perf_counter()
                runs = kd.roadmaps(scenarios, {pp: pops[pp] for pp in order}, carry_forward=True)
                roadmap.append(time.perf_counter() - t)
                t = time.perf_counter()
                lev = kd.levy(kd.read_population([pops[pp] for pp in order], 2027), rates, year=2027,
                              carry_forward=True)
                total_levy = int(lev.frame["total"].sum().compute())
                levy.append(time.perf_counter() - t)
                t = time.perf_counter()
                client.gather([client.submit(noop, i, pure=False) for i in range(500)])
                overhead.append((time.perf_counter() - t) / 500)
            years = kd.nation_years(runs)
            if reference is None:
                reference = (years, total_levy)
            r["identical_to_1_worker"] = bool(years.equals(reference[0]) and total_levy == reference[1])
            r["roadmap_s"] = statistics.median(roadmap)
            r["levy_s"] = statistics.median(levy)
            r["task_overhead_ms"] = statistics.median(overhead) * 1e3
            result["runs"][workers] = r
            print(f"{workers} worker(s): roadmaps {r['roadmap_s']:.2f} s, levy of "
                  f"{result['households']:,} households over 47 partitions {r['levy_s']:.2f} s, "
                  f"empty task {r['task_overhead_ms']:.2f} ms; load {r['load']}; identical: "
                  f"{r['identical_to_1_worker']}", flush=True)
    one, two = result["runs"][1], result["runs"][2]
    print(f"speed-up 1 → 2 workers: roadmaps {one['roadmap_s'] / two['roadmap_s']:.2f}×, levy "
          f"{one['levy_s'] / two['levy_s']:.2f}×")
    if a.json:
        Path(a.json).write_text(json.dumps(result, indent=1), encoding="utf-8")
    return 0 if two["identical_to_1_worker"] else 1


if __name__ == "__main__":
    sys.exit(main())
