#!/usr/bin/python3
"""A nation-scale synthetic roadmap on Dask (docs/distributed.md): 47 prefectures, each a
copy of the sample prefecture (examples/gunma) under its own 団体コード, with a synthetic
population sized by the prefecture's share of Japan's population (about 17 M households in
all), and bench/scenario-10y.yaml's roadmap (令和9年度 … 令和19年度) run for every prefecture
with every household levied every year — one Dask task per prefecture.

  PYTHONPATH=build/python /usr/bin/python3 bench/nation_dask.py --out DIR \
      [--households 17000000] [--workers 2] [--check all|N] [--reuse-populations]

Phase 1 writes each prefecture's population (kokuho.synth → DIR/pop/PP.kpop; skipped with
--reuse-populations when the files exist), phase 2 runs the roadmaps from those files
(kokuho.dask.roadmaps), as a cluster would with the files on a shared file system. Prints,
per phase, the wall time and the CPU time of the workers (user + system, getrusage in each
worker process), the scheduler's round trip per task (500 empty tasks), the peak RSS of
each worker and of this process, and the nation's years. Then the one-machine run: the
same roadmaps with kokuho.scenario_run on this process (every prefecture with --check all,
the default; the N smallest with --check N), timed, and a checksum of every result table
(SHA-256 of each prefecture's years, municipalities and households tables as CSV, in
prefecture order) on both sides: equal means identical to the yen.
Synthetic figures (NOT OFFICIAL): the weights are rounded 2020 census populations (万人),
used only to size the synthetic populations.
"""
import argparse
import csv
import hashlib
import json
import os
import re
import resource
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# 都道府県コード, name, population (2020 census, 万人, rounded) — weights only.
PREFECTURES = [
    ("01", "北海道", 522), ("02", "青森県", 124), ("03", "岩手県", 121), ("04", "宮城県", 230),
    ("05", "秋田県", 96), ("06", "山形県", 107), ("07", "福島県", 183), ("08", "茨城県", 287),
    ("09", "栃木県", 193), ("10", "群馬県", 194), ("11", "埼玉県", 734), ("12", "千葉県", 628),
    ("13", "東京都", 1405), ("14", "神奈川県", 924), ("15", "新潟県", 220), ("16", "富山県", 103),
    ("17", "石川県", 113), ("18", "福井県", 77), ("19", "山梨県", 81), ("20", "長野県", 205),
    ("21", "岐阜県", 198), ("22", "静岡県", 363), ("23", "愛知県", 754), ("24", "三重県", 177),
    ("25", "滋賀県", 141), ("26", "京都府", 258), ("27", "大阪府", 884), ("28", "兵庫県", 547),
    ("29", "奈良県", 132), ("30", "和歌山県", 92), ("31", "鳥取県", 55), ("32", "島根県", 67),
    ("33", "岡山県", 189), ("34", "広島県", 280), ("35", "山口県", 134), ("36", "徳島県", 72),
    ("37", "香川県", 95), ("38", "愛媛県", 133), ("39", "高知県", 69), ("40", "福岡県", 514),
    ("41", "佐賀県", 81), ("42", "長崎県", 131), ("43", "熊本県", 174), ("44", "大分県", 112),
    ("45", "宮崎県", 107), ("46", "鹿児島県", 159), ("47", "沖縄県", 147),
]


def check_digit(five):
    """総務省 全国地方公共団体コードの検査数字 (as core/municipality_code.cc)."""
    s = sum((6 - k) * int(c) for k, c in enumerate(five))
    return (11 - s % 11) % 10


def recode(code, pp):
    five = pp + code[2:5]
    return five + str(check_digit(five))


def make_nation(out):
    """47 case folders with a scenario each; returns {pp: (scenario path, households weight)}."""
    src = ROOT / "examples" / "gunma"
    scenario_text = (ROOT / "bench" / "scenario-10y.yaml").read_text(encoding="utf-8")
    nation = {}
    for pp, name, weight in PREFECTURES:
        d = out / "cases" / pp
        d.mkdir(parents=True, exist_ok=True)
        y = (src / "prefecture.yaml").read_text(encoding="utf-8")
        y = y.replace("prefecture: 群馬県", f"prefecture: {name}")
        y = y.replace('prefecture_code: "10"', f'prefecture_code: "{pp}"')
        (d / "prefecture.yaml").write_text(y, encoding="utf-8")
        with (src / "municipalities.csv").open(encoding="utf-8-sig") as f:
            rows = list(csv.reader(f))
        for r in rows[1:]:
            r[0] = recode(r[0], pp)
        with (d / "municipalities.csv").open("w", encoding="utf-8", newline="") as f:
            csv.writer(f).writerows(rows)
        s = re.sub(r"^case: .*$", "case: .", scenario_text, flags=re.M)
        (d / "scenario.yaml").write_text(s, encoding="utf-8")
        nation[pp] = (d / "scenario.yaml", weight)
    return nation


def synth_task(case, households, seed, path):
    import kokuho
    t = time.perf_counter()
    df = kokuho.synth(case, households, seed=seed, year=2027)
    kokuho.Population.write(path, df, year=2027)
    return {"households": households, "members": len(df), "seconds": time.perf_counter() - t}


def noop(i):
    return i


def usage():
    """This process's CPU seconds (user + system) and peak RSS (MiB)."""
    r = resource.getrusage(resource.RUSAGE_SELF)
    return {"cpu": r.ru_utime + r.ru_stime, "sys": r.ru_stime, "peak_rss_mib": r.ru_maxrss / 1024}


def workers_cpu(client):
    """(user + system, system) CPU seconds of every worker process so far."""
    u = client.run(usage).values()
    return sum(x["cpu"] for x in u), sum(x["sys"] for x in u)


def checksum(runs, keys):
    """SHA-256 over every result table of the runs `keys`, in that order (CSV text)."""
    h = hashlib.sha256()
    for k in keys:
        r = runs[k]
        for table in (r.years, r.municipalities, r.households):
            h.update(table.to_csv().encode("utf-8"))
    return h.hexdigest()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--households", type=int, default=17_000_000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--check", default="all", help="'all', or the number of smallest prefectures")
    ap.add_argument("--reuse-populations", action="store_true")
    ap.add_argument("--glibc-malloc", action="store_true",
                    help="start the workers without Dask's MALLOC_TRIM_THRESHOLD_=65536 "
                         "(glibc's defaults, as on the one-process run)")
    ap.add_argument("--json")
    a = ap.parse_args()
    import dask
    import distributed
    import kokuho
    import kokuho.dask as kd

    load = lambda: " ".join(open("/proc/loadavg").read().split()[:3])
    out = Path(a.out)
    nation = make_nation(out)
    total_weight = sum(w for _, w in nation.values())
    sizes = {pp: max(1000, round(a.households * w / total_weight)) for pp, (_, w) in nation.items()}
    (out / "pop").mkdir(exist_ok=True)
    pops = {pp: out / "pop" / f"{pp}.kpop" for pp in nation}
    result = {"households": sum(sizes.values()), "prefectures": len(nation), "workers": a.workers,
              "load_start": load()}
    print(f"{result['households']:,} households in {len(nation)} prefectures "
          f"(東京都 {sizes['13']:,}, 鳥取県 {sizes['31']:,}), {a.workers} worker processes; "
          f"load average {result['load_start']}", flush=True)
    # Largest first, so that the long tasks do not come last.
    order = sorted(nation, key=lambda pp: -sizes[pp])
    scenarios = {pp: str(nation[pp][0]) for pp in order}

    if a.glibc_malloc:
        environ = dict(dask.config.get("distributed.nanny.pre-spawn-environ"))
        environ.pop("MALLOC_TRIM_THRESHOLD_", None)
        dask.config.set({"distributed.nanny.pre-spawn-environ": environ})
    result["glibc_malloc"] = a.glibc_malloc
    t_cluster = time.perf_counter()
    with distributed.LocalCluster(n_workers=a.workers, threads_per_worker=1, processes=True,
                                  dashboard_address=None, host="127.0.0.1",
                                  memory_limit="10GiB") as cluster, distributed.Client(cluster) as client:
        client.gather([client.submit(noop, i, pure=False) for i in range(10)])  # warm up
        result["cluster_start_s"] = time.perf_counter() - t_cluster
        reuse = a.reuse_populations and all(p.exists() for p in pops.values())
        c0, t = workers_cpu(client), time.perf_counter()
        if not reuse:
            futures = [client.submit(synth_task, str(nation[pp][0].parent), sizes[pp], int(pp),
                                     str(pops[pp]), key=f"synth-{pp}", pure=False) for pp in order]
            synth = dict(zip(order, client.gather(futures)))
            result["members"] = sum(s["members"] for s in synth.values())
        result["synth_wall"] = time.perf_counter() - t
        result["synth_workers_cpu"] = workers_cpu(client)[0] - c0[0]
        if reuse:
            print("phase 1: skipped (--reuse-populations: the .kpop files exist)", flush=True)
        else:
            print(f"phase 1: {result['households']:,} households ({result['members']:,} members) "
                  f"synthesised and written in {result['synth_wall']:.1f} s wall, "
                  f"{result['synth_workers_cpu']:.1f} s CPU on the workers; load {load()}",
                  flush=True)
        c0, t = workers_cpu(client), time.perf_counter()
        runs = kd.roadmaps(scenarios, {pp: str(pops[pp]) for pp in order}, carry_forward=True)
        result["roadmap_wall"] = time.perf_counter() - t
        c1 = workers_cpu(client)
        result["roadmap_workers_cpu"], result["roadmap_workers_sys"] = c1[0] - c0[0], c1[1] - c0[1]
        years = kd.nation_years(runs)
        print(f"phase 2: {len(runs)} roadmaps × {len(years)} years with every household levied "
              f"every year in {result['roadmap_wall']:.1f} s wall, "
              f"{result['roadmap_workers_cpu']:.1f} s CPU on the workers (of which system "
              f"{result['roadmap_workers_sys']:.1f} s); load {load()}",
              flush=True)
        # Dask's own CPU on idle workers (event loop, heartbeats, its sampling profiler): part
        # of the workers' CPU above, in proportion to the wall time.
        c0 = workers_cpu(client)
        time.sleep(10)
        result["idle_workers_cpu_per_s"] = (workers_cpu(client)[0] - c0[0]) / 10
        t = time.perf_counter()
        client.gather([client.submit(noop, i, pure=False) for i in range(500)])
        result["task_overhead_ms"] = (time.perf_counter() - t) / 500 * 1e3
        result["workers_peak_rss_mib"] = sorted(u["peak_rss_mib"] for u in client.run(usage).values())
    print(f"idle workers: {result['idle_workers_cpu_per_s']:.3f} CPU-s per second (all {a.workers}); "
          f"per task: {result['task_overhead_ms']:.2f} ms (500 empty tasks, submit to gather); "
          f"peak RSS of the workers {', '.join(f'{m:,.0f}' for m in result['workers_peak_rss_mib'])} "
          f"MiB; cluster start {result['cluster_start_s']:.1f} s", flush=True)
    print(years.to_string())
    result["years"] = {int(k): {c: int(v) for c, v in row.items()} for k, row in years.iterrows()}
    result["household_levies"] = int(years["households"].sum())
    # The same roadmaps on this process (one machine, no Dask): identical to the yen.
    checked = order if a.check == "all" else sorted(nation, key=lambda pp: sizes[pp])[: int(a.check)]
    c0, t = usage(), time.perf_counter()
    local = {pp: kokuho.scenario_run(scenarios[pp], str(pops[pp]), carry_forward=True)
             for pp in checked}
    result["one_process_wall"] = time.perf_counter() - t
    result["one_process_cpu"] = usage()["cpu"] - c0["cpu"]
    result["one_process_sys"] = usage()["sys"] - c0["sys"]
    dask_sum, local_sum = checksum(runs, checked), checksum(local, checked)
    same = dask_sum == local_sum and all(
        local[pp].years.equals(runs[pp].years) and local[pp].households.equals(runs[pp].households)
        and local[pp].municipalities.equals(runs[pp].municipalities) for pp in checked)
    result["check"] = {"prefectures": checked, "identical": bool(same), "sha256_dask": dask_sum,
                       "sha256_one_process": local_sum}
    result["client_peak_rss_mib"] = usage()["peak_rss_mib"]
    print(f"one machine (kokuho.scenario_run on this process, all cores), "
          f"{len(checked)} prefecture(s): {result['one_process_wall']:.1f} s wall, "
          f"{result['one_process_cpu']:.1f} s CPU (system {result['one_process_sys']:.1f} s); SHA-256 of the result tables: Dask {dask_sum[:16]}…, "
          f"one process {local_sum[:16]}…: {'identical' if same else 'DIFFERENT'}; "
          f"peak RSS of this process {result['client_peak_rss_mib']:,.0f} MiB")
    result["load_end"] = load()
    print(f"load average at the end {result['load_end']}")
    if a.json:
        Path(a.json).write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
