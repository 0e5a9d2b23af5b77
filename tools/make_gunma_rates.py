#!/usr/bin/env python3
"""Builds examples/levy/rates-gunma-sample.csv, the sample rate table of `kokuho levy`.

NOT OFFICIAL, SYNTHETIC (非公式・架空): the 団体コード and names are the 35 municipalities of
examples/gunma/municipalities.csv; every rate, amount and setting is made up to look
plausible (see examples/levy/SOURCE.md). No municipality levies these rates.

Draws are SHA-256 hashes of a fixed seed, the 団体コード and a tag, so a re-run writes a
byte-identical file (UTF-8 without BOM, LF). Ranges (per 分: 所得割率 %, 均等割 円, 平等割 円):
  医療 6–8 / 20,000–35,000 / 15,000–30,000; 支援 2–3 / 7,000–12,000 / 5,000–9,000;
  介護 1.8–2.5 / 10,000–16,000 / 5,000–8,000; 子ども (FY2026 only) 0.25–0.30 / 1,000–1,900
  + 18歳以上 50–100 (平等割 only in some).
Most municipalities: 保険税, 3方式 (端数単位 blank = 100円). A few: 保険料 (1円 or 10円), 4方式
(資産割), 2方式 (no 平等割). Each year moves the rates a little.

Usage: python3 tools/make_gunma_rates.py  (from the repository root; deterministic)
"""
import csv
import hashlib
import io

SEED = "kokuho-gunma-rates-v1"
IN = "examples/gunma/municipalities.csv"
OUT = "examples/levy/rates-gunma-sample.csv"
SOURCE = "非公式・架空 (tools/make_gunma_rates.py)"
YEARS = [2024, 2025, 2026]
REIWA = {2024: "令和6年度", 2025: "令和7年度", 2026: "令和8年度"}

# (分, 所得割率 % range, 均等割 range, 平等割 range, 資産割率 % range under 4方式)
PARTS = [
    ("医療", (6.0, 8.0), (20000, 35000), (15000, 30000), (20, 30)),
    ("支援", (2.0, 3.0), (7000, 12000), (5000, 9000), (5, 10)),
    ("介護", (1.8, 2.5), (10000, 16000), (5000, 8000), (5, 10)),
]
KODOMO = ("子ども", (0.25, 0.30), (1000, 1900), (500, 800))

# Special cases, by 団体コード (all invented).
RYO = {"102024": 1, "102121": 10, "104647": 1}  # 保険料 and its 端数単位
FOUR = {"103667", "103837", "104264"}           # 4方式 (資産割)
TWO = {"102059", "105210"}                      # 2方式 (no 平等割)
LOWER_CAP = {"102083": 650000}                  # 医療分 賦課限度額 below the 政令 value (FY2026)
UNDER18_RELIEF = {"104256": "30%"}              # 独自減免 of the 18歳未満 医療 均等割 (FY2026)

HEADER = ["団体コード", "市町村名", "年度", "分", "所得割率", "資産割率", "均等割額", "平等割額",
          "18歳以上均等割額", "賦課限度額", "料税", "端数単位", "独自減免_18歳未満均等割", "出典"]


def draw(code, tag):
    """A number in [0, 1) from the seed, the code and a tag."""
    h = hashlib.sha256(f"{SEED}|{code}|{tag}".encode()).hexdigest()
    return int(h[:12], 16) / float(1 << 48)


def between(code, tag, lo, hi, step):
    """lo..hi on a grid of `step`."""
    n = int(round((hi - lo) / step))
    return lo + step * min(n, int(draw(code, tag) * (n + 1)))


def pct(x):
    return f"{x:.2f}%"


def rows_for(code, name):
    out = []
    for y, year in enumerate(YEARS):
        kind = "料" if code in RYO else "税"
        unit = str(RYO[code]) if code in RYO else ""
        parts = list(PARTS)
        if year >= 2026:
            parts.append((KODOMO[0], KODOMO[1], KODOMO[2], KODOMO[3], None))
        for part, inc, pc, hh, ar in parts:
            # A base level per municipality, then a small yearly step (−2 … +4 steps).
            drift = y * (between(code, f"{part}-drift", -2, 4, 1))
            if part == "子ども":
                rate = between(code, f"{part}-rate", inc[0], inc[1], 0.01)
                per_capita = between(code, f"{part}-pc", pc[0], pc[1], 10)
                adult = between(code, f"{part}-adult", 50, 100, 10)
                per_hh = (between(code, f"{part}-hh", hh[0], hh[1], 10)
                          if draw(code, "kodomo-hh") < 0.3 and code not in TWO else "")
                out.append([code, name, REIWA[year], part, pct(rate), "", per_capita, per_hh,
                            adult, "", kind, unit, "", SOURCE])
                continue
            rate = between(code, f"{part}-rate", inc[0], inc[1] - 0.10, 0.05) + 0.01 * drift
            rate = min(max(rate, inc[0]), inc[1])
            per_capita = between(code, f"{part}-pc", pc[0], pc[1] - 1000, 100) + 200 * drift
            per_capita = min(max(per_capita, pc[0]), pc[1])
            per_hh = between(code, f"{part}-hh", hh[0], hh[1] - 1000, 100) + 100 * drift
            per_hh = min(max(per_hh, hh[0]), hh[1])
            asset = pct(between(code, f"{part}-asset", ar[0], ar[1], 1)) if code in FOUR else ""
            if code in TWO:
                per_hh = ""
            cap = LOWER_CAP.get(code, "") if (part == "医療" and year == 2026) else ""
            relief = (UNDER18_RELIEF.get(code, "") if (part == "医療" and year == 2026) else "")
            out.append([code, name, REIWA[year], part, pct(rate), asset, per_capita, per_hh, "",
                        cap, kind, unit, relief, SOURCE])
    return out


def main():
    with open(IN, encoding="utf-8") as f:
        towns = [(r["団体コード"], r["市町村名"]) for r in csv.DictReader(f)]
    assert len(towns) == 35, len(towns)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(HEADER)
    for code, name in towns:
        w.writerows(rows_for(code, name))
    with open(OUT, "w", encoding="utf-8", newline="") as f:
        f.write(buf.getvalue())


if __name__ == "__main__":
    main()
