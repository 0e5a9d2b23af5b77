#!/usr/bin/python3
"""A nation-scale synthetic roadmap on Dask (docs/distributed.md): 47 prefectures, each a
copy of the sample prefecture (examples/gunma) under its own 団体コード, with a synthetic
population sized by the prefecture's share of Japan's population (about 17 M households in
all), and bench/scenario-10y.yaml's roadmap (令和9年度 … 令和19年度) run for every prefecture
with every household levied every year — one Dask task per prefecture.

  PYTHONPATH=build/python /usr/bin/python3 bench/nation_dask.py --out DIR \
      [--households 17000000] [--workers 2] [--check 2]

Phase 1 writes each prefecture's population (kokuho.synth → DIR/pop/PP.kpop), phase 2 runs
the roadmaps from those files (kokuho.dask.roadmaps), as a cluster would with the files on a
shared file system. Prints the wall time of each phase, the nation's years, and checks that
`--check` prefectures give the same figures when run again on this process, to the yen.
Synthetic figures (NOT OFFICIAL): the weights are rounded 2020 census populations (万人),
used only to size the synthetic populations.
"""
import argparse
import csv
import json
import os
import re
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


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--households", type=int, default=17_000_000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--check", type=int, default=2)
    ap.add_argument("--json")
    a = ap.parse_args()
    import dask
    import distributed
    import kokuho
    import kokuho.dask as kd

    out = Path(a.out)
    nation = make_nation(out)
    total_weight = sum(w for _, w in nation.values())
    sizes = {pp: max(1000, round(a.households * w / total_weight)) for pp, (_, w) in nation.items()}
    (out / "pop").mkdir(exist_ok=True)
    pops = {pp: out / "pop" / f"{pp}.kpop" for pp in nation}
    result = {"households": sum(sizes.values()), "prefectures": len(nation), "workers": a.workers,
              "load_start": " ".join(open("/proc/loadavg").read().split()[:3])}

    with distributed.LocalCluster(n_workers=a.workers, threads_per_worker=1, processes=True,
                                  dashboard_address=None, host="127.0.0.1",
                                  memory_limit="10GiB") as cluster, distributed.Client(cluster) as client:
        t = time.perf_counter()
        # Largest first, so that the long tasks do not come last.
        order = sorted(nation, key=lambda pp: -sizes[pp])
        futures = [client.submit(synth_task, str(nation[pp][0].parent), sizes[pp], int(pp),
                                 str(pops[pp]), key=f"synth-{pp}", pure=False) for pp in order]
        synth = dict(zip(order, client.gather(futures)))
        result["synth_wall"] = time.perf_counter() - t
        result["members"] = sum(s["members"] for s in synth.values())
        print(f"phase 1: {result['households']:,} households ({result['members']:,} members) in "
              f"{len(nation)} prefectures synthesised and written in {result['synth_wall']:.1f} s",
              flush=True)
        t = time.perf_counter()
        scenarios = {pp: str(nation[pp][0]) for pp in order}
        runs = kd.roadmaps(scenarios, {pp: str(pops[pp]) for pp in order}, carry_forward=True)
        result["roadmap_wall"] = time.perf_counter() - t
        years = kd.nation_years(runs)
        print(f"phase 2: {len(runs)} roadmaps × {len(years)} years with every household levied "
              f"every year in {result['roadmap_wall']:.1f} s", flush=True)
    print(years.to_string())
    result["years"] = {int(k): {c: int(v) for c, v in row.items()} for k, row in years.iterrows()}
    result["household_levies"] = int(years["households"].sum())
    # The same prefectures on this process: identical to the yen.
    smallest = sorted(nation, key=lambda pp: sizes[pp])[: a.check]
    same = True
    for pp in smallest:
        local = kokuho.scenario_run(scenarios[pp], str(pops[pp]), carry_forward=True)
        same &= local.years.equals(runs[pp].years) and local.households.equals(runs[pp].households) \
            and local.municipalities.equals(runs[pp].municipalities)
    result["check"] = {"prefectures": smallest, "identical": bool(same)}
    print(f"checked {', '.join(smallest)} on one process: {'identical' if same else 'DIFFERENT'}")
    result["load_end"] = " ".join(open("/proc/loadavg").read().split()[:3])
    if a.json:
        Path(a.json).write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
