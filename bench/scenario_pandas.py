#!/usr/bin/python3
"""Baseline: a 納付金-level sweep of one scenario year in pandas/NumPy (float64, vectorised).

The same variants as `kokuho scenario sweep SCENARIO --year Y --alpha A --collection R`
(α of the 医療分 × one 標準的な収納率 for every municipality and 分), done the way an analyst
would in pandas:

  * untimed preparation: read the scenario file and its case (prefecture.yaml and the
    municipalities CSV) with PyYAML and pandas, and build year Y's inputs by growing the base
    case year by year with the rules of docs/scenario-format.md (budget lines, 個別加減算,
    被保険者数, 世帯数, the 3-year income window; half-up, exactly, in Python integers) and
    applying the plans' α, 収納率 changes and 激変緩和 policy. The 激変緩和 base and the
    comparison base of year Y — the year before's 1人当たり保険料 — are taken from kokuho's
    `scenario run --format json` (so only year Y is recomputed, not the chain before it);
  * timed: one DataFrame of variants × municipalities (a cross join), and per 分
      w_i = {1+α(ε_i−1)}·{β·sI_i + e·sN_i + (1−e)·sH_i}/(1+β),  γ = 1/Σw (half-up, 13 dp),
      B_i = C·w_i·γ (float, not rounded to the yen), P_i = B_i + 個別加算 − 個別減算,
    the 激変緩和 on the 1人当たり保険料 (limit = base·(1+自然増+x), need ⌈(metric−limit)·N·κ⌉,
    pro rata in float when the pools fall short, spread over the 分 by P), S_i, F_i = S_i/r_i,
    the 1人当たり保険料 ΣF/N and its change against the year before; per variant (groupby) the
    largest rise, the prefecture's mean change, the municipalities up 5% or more, Σ 激変緩和
    and Σ 納付金.

What it leaves out against kokuho: exact rationals (float64 here), the yen rounding of B_i
(floor + largest remainder) and of the relief's pro rata and spread (largest remainder), the
published 市町村標準保険料率, own-basis and 都道府県 rates, 個別加減算 pooling (準統一+; the year
must be at stage 現行) and the decrease floor (下げ幅抑制). Checks (untimed): the scenario's own
year-Y values against kokuho's per-municipality 納付金 (JSON), and every variant's Σ 納付金,
Σ 激変緩和 所要額 and largest rise against kokuho's sweep CSV, within stated tolerances.

  /usr/bin/python3 bench/scenario_pandas.py SCENARIO --year R10 --alpha 0:1:0.025 \
      --collection 0.90:0.96:0.0025 --run-json DIR/scenario.json --sweep-csv DIR/scenario_sweep.csv \
      [--runs 5] [--json]
"""
import argparse
import csv
import json
import math
import os
import re
import statistics
import sys
import time
from fractions import Fraction

import numpy as np
import pandas as pd
import yaml

PARTS = ("iryo", "shien", "kaigo", "kodomo")
PREFIX = {"iryo": "医療_", "shien": "支援_", "kaigo": "介護_", "kodomo": "子ども_"}
# Tolerances of the checks (float64 and unrounded B_i against exact rationals rounded to the yen).
TOL_MUNI_YEN = 8       # per municipality, Σ over the 4 分: B_i unrounded (< 1 yen each), relief
TOL_TOTAL_YEN = 40     # Σ 納付金 and Σ 激変緩和 of a variant (35 municipalities)
TOL_RISE_PT_EXACT = 1e-4  # largest rise and mean change, % points, against kokuho's JSON
TOL_RISE_PT_CSV = 0.005 + 1e-6  # the largest rise against kokuho's CSV (shown to 2 places)


def half_up(x):
    """An exact Fraction (or int) rounded half-up to an integer."""
    return math.floor(Fraction(x) + Fraction(1, 2))


def wareki_year(text):
    """令和10年度 / R10 / 2028 → 2028."""
    text = str(text)
    m = re.fullmatch(r"(?:令和|R)(\d+)(?:年度)?", text)
    if m:
        return 2018 + int(m.group(1))
    return int(text)


def axis(spec):
    """FROM:TO:STEP (inclusive, exact) or a comma list, as floats."""
    if ":" not in spec:
        return [float(v) for v in spec.split(",")]
    lo, hi, step = (Fraction(v) for v in spec.split(":"))
    out, v = [], lo
    while v <= hi:
        out.append(float(v))
        v += step
    return out


def percent(value):
    s = str(value).strip()
    return Fraction(s[:-1]) / 100 if s.endswith("%") else Fraction(s)


def load_year(scenario_path, year, run_json):
    """Year `year`'s inputs (not timed): per-municipality columns and per-分 constants."""
    with open(scenario_path, encoding="utf-8") as f:
        sc = yaml.safe_load(f)
    case_dir = os.path.join(os.path.dirname(scenario_path), sc["case"])
    if os.path.isdir(case_dir):
        case_dir = os.path.join(case_dir, "prefecture.yaml")
    with open(case_dir, encoding="utf-8") as f:
        case = yaml.safe_load(f)
    muni = pd.read_csv(os.path.join(os.path.dirname(case_dir), case["municipalities"]),
                       dtype={"団体コード": str})
    growth = sc.get("growth", {}) or {}
    insured_f = Fraction(str(growth.get("insured", 1)))
    cost_f = (1 + Fraction(str(growth.get("cost_per_capita", 0)))) * insured_f
    income_f = (1 + Fraction(str(growth.get("income_per_capita", 0)))) * insured_f

    years = sc["years"]
    target = next(k for k, y in enumerate(years) if wareki_year(y["year"]) == year)
    if target == 0:
        raise SystemExit("scenario_pandas: sweep a later year than the first (the base comes from "
                         "the year before)")
    for y in years[: target + 1]:
        if y.get("stage", "現行") != "現行" or "beta_prime" in y or "equal_share_index" in y:
            raise SystemExit("scenario_pandas: every year up to the swept one must be at stage 現行 "
                             "without β′ / 均等割指数 changes")

    parts = [p for p in PARTS if p in case["parts"]]
    col = lambda p, name: (PREFIX[p] + name) if (PREFIX[p] + name) in muni.columns else name
    # Integer columns per 分, grown year by year (exactly, half-up).
    n = {p: [int(v) for v in muni[col(p, "被保険者数")]] for p in parts}
    h = {p: [int(v) for v in muni[col(p, "世帯数")]] for p in parts}
    inc = {p: [[int(muni.at[i, c]) for c in (col(p, "所得1"), col(p, "所得2"), col(p, "所得3"))
                if c in muni.columns and not pd.isna(muni.at[i, c])] for i in range(len(muni))]
           for p in parts}
    lines = {p: ([int(v) for v in case["parts"][p]["expenses"].values()],
                 [int(v) for v in case["parts"][p]["public_funds"].values()]) for p in parts}
    items = [dict(it, amounts=[int(v) for v in muni[it["column"]]])
             for it in case.get("individual_items", [])]
    rate = [percent(v) for v in muni["標準的な収納率"]]
    alpha = Fraction(str(case["parts"]["iryo"].get("alpha", 0)))
    relief = case.get("transition_relief")
    for k, y in enumerate(years[: target + 1]):
        if k > 0:
            grow = lambda v, f: half_up(v * f)
            for p in parts:
                n[p] = [grow(v, insured_f) for v in n[p]]
                h[p] = [grow(v, insured_f) for v in h[p]]
                for window in inc[p]:
                    window.append(grow(window[-1], income_f))
                    if len(window) > 3:
                        window.pop(0)
                lines[p] = tuple([grow(v, cost_f) for v in side] for side in lines[p])
            for it in items:
                it["amounts"] = [grow(v, cost_f) for v in it["amounts"]]
        if "alpha" in y:
            alpha = Fraction(str(y["alpha"]))
        cr = y.get("collection_rate") or {}
        if "uniform" in cr:
            rate = [Fraction(str(cr["uniform"]))] * len(rate)
        if "change" in cr:
            rate = [min(Fraction(1), r + Fraction(str(cr["change"]))) for r in rate]
        if "relief" in y:
            relief = None if y["relief"] == "なし" else y["relief"]
    if (not relief or relief.get("metric", "1人当たり保険料") != "1人当たり保険料"
            or "decrease_floor" in relief):
        raise SystemExit("scenario_pandas: the year needs a 1人当たり保険料 relief without "
                         "decrease_floor")

    # The year before's 1人当たり保険料 from kokuho (exact) and year Y's 納付金 for the check.
    with open(run_json, encoding="utf-8") as f:
        run = json.load(f)
    by_year = {y["fiscal_year"]: y for y in run["years"]}
    before = {m["code"]: Fraction(m["premium_per_capita"])
              for m in by_year[year - 1]["municipalities"]}
    kokuho_nofukin = {m["code"]: m["nofukin"] for m in by_year[year]["municipalities"]}

    codes = list(muni["団体コード"])
    df = pd.DataFrame({"code": codes, "name": muni["市町村名"],
                       "N": np.array(n["iryo"], dtype=np.float64),
                       "eps": muni["医療費指数"].astype(np.float64),
                       "own_rate": [float(r) for r in rate],
                       "base": [float(half_up(before[c])) if relief.get("base", "前年度") == "前年度"
                                else float(muni.at[i, "基準年度1人当たり額"]) for i, c in enumerate(codes)],
                       "before": [float(before[c]) for c in codes]})
    const = {}
    for p in parts:
        pol = case["parts"][p]
        beta = float(Fraction(str(pol["beta"])))
        e = (1.0 if case.get("allocation_method") == "2方式"
             else float(Fraction(str(pol.get("equal_share_index", 1)))))
        income = np.array([sum(w) / len(w) for w in inc[p]], dtype=np.float64)
        nn, hh = np.array(n[p], dtype=np.float64), np.array(h[p], dtype=np.float64)
        # {β·sI + e·sN + (1−e)·sH}/(1+β), independent of the variant.
        df["fac_" + p] = (beta * income / income.sum() + e * nn / nn.sum()
                          + (1 - e) * hh / hh.sum()) / (1 + beta)
        # Σ 個別加算 and Σ 個別減算 per municipality, by stage (納付金 / 標準保険料率).
        add = {(stage, sign): np.zeros(len(df), dtype=np.int64)
               for stage in ("納付金", "標準保険料率") for sign in (1, -1)}
        for it in items:
            if it["part"] == p:
                sign = 1 if it["sign"] == "加算" else -1
                add[(it["stage"], sign)] += np.array(it["amounts"], dtype=np.int64)
        df["nof_items_" + p] = (add[("納付金", 1)] - add[("納付金", -1)]).astype(np.float64)
        df["rate_items_" + p] = (add[("標準保険料率", 1)] - add[("標準保険料率", -1)]).astype(np.float64)
        required = sum(lines[p][0]) - sum(lines[p][1])
        # C = 保険料収納必要総額 + Σ個別減算 − Σ個別加算 (納付金-stage items).
        const[p] = float(required - int(add[("納付金", 1)].sum()) + int(add[("納付金", -1)].sum()))
    growth_limit = (1 + Fraction(str(relief.get("natural_growth", 0)))
                    + Fraction(str(relief.get("allowance", 0))))
    policy = {"alpha": float(alpha),
              "gamma_decimals": int(case.get("rounding", {}).get("gamma_decimals", 13)),
              "limit": float(growth_limit),
              "budget": float(sum(int(pl["budget_yen"]) for pl in relief.get("pools", []))),
              "C": const, "parts": parts}
    return df, policy, kokuho_nofukin


def grid_of(alphas, rates):
    """The variants: every α × every 収納率 (NaN: each municipality's own rate)."""
    grid = pd.DataFrame({"alpha": np.repeat(alphas, len(rates)), "rate": np.tile(rates, len(alphas))})
    grid["variant"] = np.arange(len(grid))
    return grid


def sweep(muni, pol, grid):
    """Every variant of `grid`, vectorised over variants × municipalities. Returns the
    per-variant table and the long table (variant × municipality)."""
    d = grid.merge(muni, how="cross")
    d["rate"] = d["rate"].fillna(d["own_rate"])
    parts = pol["parts"]
    scale = 10.0 ** pol["gamma_decimals"]
    before_cols, levy_cols = [], []
    for p in parts:
        w = d["fac_" + p]
        if p == "iryo":
            w = w * (1 + d["alpha"] * (d["eps"] - 1))
        gamma = np.floor(scale / w.groupby(d["variant"]).transform("sum") + 0.5) / scale
        d["P0_" + p] = pol["C"][p] * w * gamma + d["nof_items_" + p]       # before relief
        d["F0_" + p] = (d["P0_" + p] + d["rate_items_" + p]) / d["rate"]
        before_cols.append("P0_" + p)
        levy_cols.append("F0_" + p)
    p0 = d[before_cols].clip(lower=0)
    p0_sum = p0.sum(axis=1)
    # 激変緩和 on the 1人当たり保険料: κ converts levy to 納付金 (Σ P / Σ P/r).
    metric = d[levy_cols].sum(axis=1) / d["N"]
    kappa = p0_sum / p0.div(d["rate"], axis=0).sum(axis=1)
    limit = d["base"] * pol["limit"]
    d["need"] = np.ceil(((metric - limit) * d["N"] * kappa).clip(lower=0))
    need_sum = d.groupby("variant")["need"].transform("sum")
    d["granted"] = np.where(need_sum > pol["budget"], d["need"] * pol["budget"] / need_sum, d["need"])
    levy = 0.0
    d["P"] = 0.0
    for p in parts:
        P = d["P0_" + p] - d["granted"] * p0["P0_" + p] / p0_sum
        d["P"] += P
        levy = levy + (P + d["rate_items_" + p]) / d["rate"]
    d["premium"] = levy / d["N"]
    d["change"] = (d["premium"] - d["before"]) / d["before"]
    d["levy_now"] = d["premium"] * d["N"]
    d["levy_before"] = d["before"] * d["N"]
    d["up5"] = d["change"] >= 0.05
    g = d.groupby("variant")
    out = grid.assign(max_increase=g["change"].max().to_numpy(),
                      max_code=d.loc[g["change"].idxmax(), "code"].to_numpy(),
                      mean_change=(g["levy_now"].sum() / g["levy_before"].sum() - 1).to_numpy(),
                      up5=g["up5"].sum().to_numpy(),
                      relief_needed=g["need"].sum().to_numpy(),
                      relief_granted=g["granted"].sum().to_numpy(),
                      nofukin_total=g["P"].sum().to_numpy())
    return out.sort_values("max_increase", kind="stable"), d


def read_sweep_json(path):
    """kokuho scenario sweep … --format json: one dict per variant (exact values as floats)."""
    with open(path, encoding="utf-8") as f:
        variants = json.load(f)["variants"]
    return [{"alpha": v["alpha"], "rate": v["collection_rate"],
             "max_increase_pct": float(100 * Fraction(v["max_increase"])),
             "mean_change_pct": float(100 * Fraction(v["mean_change"])), "max_code": v["max_code"],
             "up5": v["municipalities_up_5"], "relief_needed": v["relief_needed"],
             "nofukin_total": v["nofukin_total"]} for v in variants]


def read_sweep_csv(path):
    """kokuho scenario sweep … --format csv: the same, the changes to 2 places."""
    with open(path, encoding="utf-8-sig") as f:
        rows = list(csv.reader(f))
    ix = {name: k for k, name in enumerate(rows[0])}
    return [{"alpha": r[ix["α"]], "rate": r[ix["標準的な収納率"]],
             "max_increase_pct": float(r[ix["最大上昇率 (%)"]]), "mean_change_pct": None,
             "max_code": r[ix["最大の市町村"]].split()[0], "up5": int(r[ix["5%以上上昇の市町村数"]]),
             "relief_needed": int(r[ix["激変緩和 所要額 (円)"]]),
             "nofukin_total": int(r[ix["納付金計 (円)"]])} for r in rows[1:]]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("scenario")
    ap.add_argument("--year", required=True)
    ap.add_argument("--alpha", required=True)
    ap.add_argument("--collection", required=True)
    ap.add_argument("--run-json", required=True, help="kokuho scenario run … --format json: scenario.json")
    ap.add_argument("--sweep-json", help="kokuho scenario sweep … --format json (check, exact)")
    ap.add_argument("--sweep-csv", help="kokuho scenario sweep … --format csv (check, 2 places)")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--json", action="store_true", help="print one JSON line")
    args = ap.parse_args()
    year = wareki_year(args.year)
    muni, pol, kokuho_nofukin = load_year(args.scenario, year, args.run_json)
    alphas, rates = axis(args.alpha), axis(args.collection)

    seconds, cpu = [], []
    for _ in range(max(1, args.runs)):
        t0, c0 = time.perf_counter(), time.process_time()
        table, _ = sweep(muni, pol, grid_of(alphas, rates))
        seconds.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)

    # Check 1 (untimed): the scenario's own year-Y values (α, each municipality's 収納率) —
    # one variant with per-municipality rates — against kokuho's 納付金 per municipality.
    _, d = sweep(muni, pol, grid_of([pol["alpha"]], [np.nan]))
    diff = np.array([d.at[i, "P"] - kokuho_nofukin[c] for i, c in enumerate(d["code"])])
    own_ok = bool(np.abs(diff).max() <= TOL_MUNI_YEN)
    result = {"engine": "pandas %s / NumPy %s (float64, vectorised)" % (pd.__version__, np.__version__),
              "variants": len(table), "municipalities": len(muni), "parts": len(pol["parts"]),
              "runs": len(seconds), "median_ms": statistics.median(seconds) * 1e3,
              "best_ms": min(seconds) * 1e3, "cpu_median_ms": statistics.median(cpu) * 1e3,
              "own_year_max_abs_diff_yen": float(np.abs(diff).max()),
              "own_year_sum_diff_yen": float(diff.sum()), "own_year_ok": own_ok}
    ok = own_ok
    # Check 2 (untimed): every variant against kokuho's sweep (JSON: exact values; CSV: the
    # largest rise shown to 2 places).
    kokuho_rows = (read_sweep_json(args.sweep_json) if args.sweep_json
                   else read_sweep_csv(args.sweep_csv) if args.sweep_csv else None)
    if kokuho_rows is not None:
        tol_rise = TOL_RISE_PT_EXACT if args.sweep_json else TOL_RISE_PT_CSV
        key = lambda a, r: (round(float(a), 6), round(float(r), 6))
        ours = {key(a, r): t for a, r, t in zip(table["alpha"], table["rate"], table.itertuples())}
        worst = {"nofukin_yen": 0.0, "relief_needed_yen": 0.0, "max_increase_pt": 0.0,
                 "mean_change_pt": 0.0}
        same_code = same_up5 = matched = 0
        for k in kokuho_rows:
            t = ours.get(key(k["alpha"], k["rate"]))
            if t is None:
                continue
            matched += 1
            worst["nofukin_yen"] = max(worst["nofukin_yen"], abs(t.nofukin_total - k["nofukin_total"]))
            worst["relief_needed_yen"] = max(worst["relief_needed_yen"],
                                             abs(t.relief_needed - k["relief_needed"]))
            worst["max_increase_pt"] = max(worst["max_increase_pt"],
                                           abs(100 * t.max_increase - k["max_increase_pct"]))
            if k.get("mean_change_pct") is not None:
                worst["mean_change_pt"] = max(worst["mean_change_pt"],
                                              abs(100 * t.mean_change - k["mean_change_pct"]))
            same_code += k["max_code"] == t.max_code
            same_up5 += k["up5"] == t.up5
        sweep_ok = (matched == len(table) == len(kokuho_rows)
                    and worst["nofukin_yen"] <= TOL_TOTAL_YEN
                    and worst["relief_needed_yen"] <= TOL_TOTAL_YEN
                    and worst["max_increase_pt"] <= tol_rise and worst["mean_change_pt"] <= tol_rise)
        result.update({"sweep_source": "json" if args.sweep_json else "csv",
                       "sweep_matched": matched, "sweep_worst": worst,
                       "sweep_same_max_municipality": same_code, "sweep_same_up5": same_up5,
                       "sweep_ok": sweep_ok})
        ok &= sweep_ok
    result["ok"] = bool(ok)
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
    else:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
