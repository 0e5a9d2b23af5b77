#!/usr/bin/python3
"""Baseline: the synthetic nation's 納付金 and 標準保険料率 in pandas (float64, vectorised).

Reads the CSV written by `kokuho_bench --export DIR` and computes what kokuho computes
(docs/nofukin-rules.md), per prefecture and 分 with groupby:

  shares sN, sH, sI (I = 3-year average) → w_i = {1+α(ε_i−1)}·{β·sI+e·sN+(1−e)·sH}/(1+β)
  → γ = 1/Σw half-up to 13 decimals → B_i = C·w_i·γ floored + largest remainder (ties by
  code) → 個別加減算 → 激変緩和 (1人当たり保険料 vs base × (1+自然増+x), ceil, pro rata by
  largest remainder when the pool is short, spread over the 分 by largest remainder)
  → P_i → S_i → F_i = S_i/r_i → D_i and the 市町村標準保険料率, the own-basis rates and
  the 都道府県標準保険料率 (rates rounded half-up: % to 2 decimals, yen to 1).

Only the computation is timed (not the CSV read or the check); best of N runs.
The results are checked against kokuho's (kokuho_results.csv): B_i must agree to within
1 yen per municipality and 分, so that both sides do the same work.

  /usr/bin/python3 bench/baseline_pandas.py DIR [--runs 7] [--json]
"""
import argparse
import json
import os
import statistics
import sys
import time

import numpy as np
import pandas as pd

PARTS = {"iryo": 0, "shien": 1, "kaigo": 2, "kodomo": 3}


def load_inputs(d):
    """Reads the exported inputs into typed DataFrames (not timed)."""
    read = lambda name: pd.read_csv(os.path.join(d, name), dtype={"pref": np.int64})
    mp = read("municipality_parts.csv")
    mp = mp.sort_values(["pref", "seq", "part_order"], ignore_index=True)
    pol = read("policies.csv")
    pref = read("prefectures.csv")
    items = read("items.csv")
    items["part_order"] = items["part"].map(PARTS).astype(np.int64)
    amounts = read("item_amounts.csv")
    for c in ["insured", "households", "income1", "income2", "income3", "relief_base"]:
        mp[c] = mp[c].astype(np.float64)
    return {"mp": mp, "pol": pol, "pref": pref, "items": items, "amounts": amounts}


def largest_remainder(exact, total, keys, tie):
    """Floors `exact` and places total − Σfloor yen (per group of `keys`) on the largest
    fractional parts, ties to the smaller `tie`; a negative residual is taken back from the
    smallest fractions (core/largest_remainder.cc)."""
    fl = np.floor(exact)
    t = pd.DataFrame({"fl": fl, "frac": exact - fl, "tie": tie})
    for k, v in keys.items():
        t[k] = v
    names = list(keys)
    g = t.groupby(names, sort=False)
    resid = total - g["fl"].transform("sum")
    size = g["fl"].transform("size")
    order = t.sort_values(names + ["frac", "tie"], ascending=[True] * len(names) + [False, True])
    rank = order.groupby(names, sort=False).cumcount().reindex(t.index)
    return fl + (rank < resid).astype(np.float64) - ((resid < 0) & (rank >= size + resid)).astype(np.float64)


def half_up(x, places=0):
    scale = 10.0 ** places
    return np.floor(x * scale + 0.5) / scale


def compute(inp):
    mp, pol, pref, items, amounts = inp["mp"], inp["pol"], inp["pref"], inp["items"], inp["amounts"]

    # 個別加減算: net amount per municipality, 分 and stage (+ 加算, − 減算).
    ia = amounts.merge(items[["pref", "item", "part_order", "sign", "stage"]], on=["pref", "item"])
    ia["net"] = ia["amount"] * ia["sign"]
    net = ia.groupby(["pref", "seq", "part_order", "stage"])["net"].sum().unstack("stage", fill_value=0)
    df = mp.join(net, on=["pref", "seq", "part_order"])
    for stage in ("nofukin", "rate"):
        df[stage] = df[stage].fillna(0.0) if stage in df else 0.0
    df = df.merge(pol[["pref", "part_order", "required_total", "alpha", "beta", "beta_prime", "e",
                       "pref_collection_rate"]], on=["pref", "part_order"], how="left")

    keys = ["pref", "part_order"]
    g = df.groupby(keys, sort=False)
    income = (df["income1"] + df["income2"] + df["income3"]) / 3.0
    df["income"] = income
    tot_n = g["insured"].transform("sum")
    tot_h = g["households"].transform("sum")
    tot_i = g["income"].transform("sum")
    sn, sh, si = df["insured"] / tot_n, df["households"] / tot_h, income / tot_i
    beta, e = df["beta"], df["e"]
    eps = np.where(df["part_order"] == 0, df["epsilon"], 1.0)
    w = (1.0 + df["alpha"] * (eps - 1.0)) * (beta * si + e * sn + (1.0 - e) * sh) / (1.0 + beta)
    df["w"] = w
    gamma = half_up(1.0 / g["w"].transform("sum"), 13)
    # C = 保険料収納必要総額 + Σ個別減算 − Σ個別加算 (net < 0 is a 減算).
    c = df["required_total"] - g["nofukin"].transform("sum")
    base = largest_remainder(c * w * gamma, c, {k: df[k] for k in keys}, df["seq"])
    before = base + df["nofukin"]

    # 激変緩和 on the 1人当たり保険料 (all 分), per municipality.
    r = df["collection_rate"]
    pos = before.clip(lower=0.0)
    mk = ["pref", "seq"]
    t = pd.DataFrame({"pref": df["pref"], "seq": df["seq"], "levy": (before + df["rate"]) / r,
                      "p": pos, "pr": pos / r, "n0": df["insured"].where(df["part_order"] == 0),
                      "base": df["relief_base"]})
    m = t.groupby(mk, sort=False).agg(levy=("levy", "sum"), p=("p", "sum"), pr=("pr", "sum"),
                                      n0=("n0", "max"), base=("base", "first")).reset_index()
    m = m.merge(pref[["pref", "natural_growth", "allowance", "pool_budget"]], on="pref")
    metric = m["levy"] / m["n0"]
    kappa = (m["p"] / m["pr"]).where(m["pr"] != 0, 1.0)
    limit = m["base"] * (1.0 + m["natural_growth"] + m["allowance"])
    need = np.where(metric > limit, np.ceil((metric - limit) * m["n0"] * kappa), 0.0)
    m["need"] = need
    gp = m.groupby("pref", sort=False)
    total_need = gp["need"].transform("sum")
    short = m["pool_budget"] < total_need
    granted = np.where(short, m["pool_budget"], total_need)
    share = np.where(short, m["pool_budget"] * need / total_need.where(total_need != 0, 1.0), need)
    m["relief"] = largest_remainder(pd.Series(share), pd.Series(granted), {"pref": m["pref"]}, m["seq"])

    # Spread each municipality's relief over its 分 in proportion to max(P before relief, 0).
    df["pos"] = pos
    relief_m = df[mk].merge(m[mk + ["relief"]], on=mk, how="left")["relief"].to_numpy()
    gm = df.groupby(mk, sort=False)
    pos_sum = gm["pos"].transform("sum")
    count = gm["pos"].transform("size")
    exact = np.where(pos_sum != 0, relief_m * pos / pos_sum.where(pos_sum != 0, 1.0), relief_m / count)
    relief = largest_remainder(pd.Series(exact), pd.Series(relief_m),
                               {"pref": df["pref"], "seq": df["seq"]}, df["part_order"])
    nofukin = before - relief

    # 標準保険料率.
    s = nofukin + df["rate"]
    f = s / r
    bp = df["beta_prime"]
    d = bp * si + e * sn + (1.0 - e) * sh
    k = f / d
    a, eo = df["own_ability"], df["own_equal"]
    fo = s / df["own_collection"]
    out = pd.DataFrame({
        "pref": df["pref"], "seq": df["seq"], "part_order": df["part_order"],
        "base": base, "relief": relief, "nofukin": nofukin, "premium_need": s, "levy_total": f,
        "income_rate_percent": half_up(k * bp / tot_i * 100.0, 2),
        "per_capita": half_up(k * e / tot_n),
        "per_household": half_up(k * (1.0 - e) / tot_h),
        "own_income_rate_percent": half_up(fo * a / income * 100.0, 2),
        "own_per_capita": half_up(fo * (1.0 - a) * eo / df["insured"]),
        "own_per_household": half_up(fo * (1.0 - a) * (1.0 - eo) / df["households"]),
    })
    # 都道府県標準保険料率 (2方式, state β, the prefecture's 収納率).
    pt = pd.DataFrame({"pref": df["pref"], "part_order": df["part_order"], "s": s})
    pt = pt.groupby(keys, sort=False)["s"].sum().reset_index().merge(pol, on=keys)
    totals = df.groupby(keys, sort=False).agg(si=("income", "sum"), sn=("insured", "sum")).reset_index()
    pt = pt.merge(totals, on=keys)
    fp = pt["s"] / pt["pref_collection_rate"]
    pt["pref_income_rate_percent"] = half_up(fp * pt["beta"] / ((1.0 + pt["beta"]) * pt["si"]) * 100.0, 2)
    pt["pref_per_capita"] = half_up(fp / ((1.0 + pt["beta"]) * pt["sn"]))
    gam = pd.DataFrame({"pref": df["pref"], "part_order": df["part_order"], "gamma": gamma})
    pt = pt.merge(gam.drop_duplicates(keys), on=keys)
    return out, pt[["pref", "part_order", "gamma", "pref_income_rate_percent", "pref_per_capita"]]


def load_kokuho(d):
    k = pd.read_csv(os.path.join(d, "kokuho_results.csv"), dtype={"pref": np.int64})
    k["part_order"] = k["part"].map(PARTS)
    kp = pd.read_csv(os.path.join(d, "kokuho_parts.csv"), dtype={"pref": np.int64})
    kp["part_order"] = kp["part"].map(PARTS)
    return k, kp


def check(name, out, parts, d):
    """Compares with kokuho. Returns (ok, report lines). B_i must be within 1 yen."""
    k, kp = load_kokuho(d)
    keys = ["pref", "seq", "part_order"]
    j = out.merge(k, on=keys, suffixes=("", "_k"), how="outer", indicator=True)
    lines = []
    if (j["_merge"] != "both").any() or len(j) != len(k):
        return False, [f"{name}: rows do not line up with kokuho_results.csv"]
    ok = True
    for col, tol in [("base", 1), ("relief", None), ("nofukin", None), ("premium_need", None),
                     ("levy_total", None), ("income_rate_percent", None), ("per_capita", None),
                     ("per_household", None), ("own_income_rate_percent", None),
                     ("own_per_capita", None), ("own_per_household", None)]:
        diff = (j[col].astype(np.float64) - j[col + "_k"].astype(np.float64)).abs()
        unit = 0.01 if col.endswith("percent") else 1.0
        off = int((diff > (unit * 0.5 if col != "levy_total" else 0.01)).sum())
        mx = float(diff.max())
        status = ""
        if tol is not None and mx > tol + 1e-9:
            ok = False
            status = "  MISMATCH"
        lines.append(f"{name}: {col:24s} max |diff| {mx:.6g}, rows differing {off} of {len(j)}{status}")
    jp = parts.merge(kp, on=["pref", "part_order"], suffixes=("", "_k"))
    gd = float((jp["gamma"] - jp["gamma_k"]).abs().max())
    lines.append(f"{name}: {'gamma (13 dp)':24s} max |diff| {gd:.3g}")
    for col in ("pref_income_rate_percent", "pref_per_capita"):
        lines.append(f"{name}: {col:24s} max |diff| {float((jp[col] - jp[col + '_k']).abs().max()):.6g}")
    return ok, lines


def timed(fn, runs, setup=None):
    """Runs fn `runs` times; returns its last result and the wall and CPU times in ms
    (`setup`, run before each, is not timed)."""
    wall, cpu, result = [], [], None
    for _ in range(runs):
        if setup:
            setup()
        t0, c0 = time.perf_counter(), time.process_time()
        result = fn()
        wall.append((time.perf_counter() - t0) * 1e3)
        cpu.append((time.process_time() - c0) * 1e3)
    return result, wall, cpu


def report(engine, wall, cpu, ok, lines, as_json):
    for line in lines:
        print(line, file=sys.stderr)
    sys.stderr.flush()
    summary = {"engine": engine, "runs": len(wall), "best_ms": min(wall),
               "median_ms": statistics.median(wall), "cpu_best_ms": min(cpu),
               "cpu_median_ms": statistics.median(cpu), "check_ok": ok}
    if as_json:
        print(json.dumps(summary))
    else:
        print(f"{engine}: best {min(wall):.1f} ms, median {statistics.median(wall):.1f} ms "
              f"(cpu best {min(cpu):.1f} ms) over {len(wall)} runs; check {'ok' if ok else 'FAILED'}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dir")
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    inp = load_inputs(args.dir)
    (out, parts), wall, cpu = timed(lambda: compute(inp), args.runs)
    ok, lines = check("pandas", out, parts, args.dir)
    report(f"pandas {pd.__version__}", wall, cpu, ok, lines, args.json)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
