#!/usr/bin/env python3
"""Writes examples/gunma-finance/deficits.csv: SYNTHETIC 法定外繰入 figures for the 35
municipalities of 群馬県 (codes and names from examples/gunma/municipalities.csv).

Every amount is made up (deterministic: SHA-256 of a fixed seed, the code and a tag), so a
re-run writes a byte-identical file. None of them is a real municipality's figure.
Run from the repository root: python3 tools/make_gunma_finance.py
"""
import hashlib
import os

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SEED = "kokuho-finance"
YEARS = ["R4", "R5", "R6"]
# Municipalities given a 赤字削減・解消計画 (synthetic): base year, years to target, and the
# planned yearly reduction as shares of the base-year deficit.
PLANS = {
    "102032": ("R4", 5, [0.2, 0.2, 0.2, 0.2, 0.2]),
    "102121": ("R4", 8, [0.1, 0.1, 0.1, 0.15, 0.15, 0.15, 0.15, 0.1]),  # target > 6 years
    "103837": ("R5", 4, [0.25, 0.25, 0.25, 0.25]),
    "104264": ("R5", 3, [0.4, 0.3, 0.3]),
}
SLOW = {"102121"}  # reduces 5 points a year less than planned (behind schedule)
NEW_DEFICIT_R6 = {"102083": 8_000_000, "104485": 0}  # 決算補填 in R6 only (+ 繰上充用)


def draw(*parts):
    text = "|".join([SEED, *map(str, parts)])
    return int(hashlib.sha256(text.encode()).hexdigest()[:12], 16)


def main():
    src = os.path.join(ROOT, "examples", "gunma", "municipalities.csv")
    with open(src, encoding="utf-8") as f:
        rows = [line.split(",")[:2] for line in f.read().splitlines()[1:]]
    out = ["団体コード,市町村名,年度,決算補填目的,保険者の政策,過年度の赤字,決算補填等以外,"
           "繰上充用新規増加分,計画基準年度,解消目標年度,削減予定額"]
    for code, name in rows:
        city = code[2] == "2"  # 1020xx-1021xx are cities (市)
        for y in YEARS:
            # 決算補填等以外 (保健事業, 地単波及 …): cities 5–44 百万円, towns/villages 1–8.
            scale = 1_000_000
            other = 0
            if draw(code, "other") % 3:
                other = ((draw(code, y, "other") % 40 + 5) if city else (draw(code, y, "o") % 8 + 1)) * scale
            settlement = policy = past = kuriage = 0
            base = target = reduction = ""
            if code in PLANS:
                by, n, shares = PLANS[code]
                b0 = int(by[1:])
                total = ((draw(code, "total") % 200 + 80) if city else (draw(code, "total") % 30 + 10)) * scale
                i = int(y[1:]) - b0
                if i < 0:
                    amount = total + total // 10
                else:
                    slip = 0.05 * i if code in SLOW else 0.0
                    amount = int(total * max(0.0, 1 - sum(shares[:i]) + slip))
                amount = amount // scale * scale
                past = amount // 10 // scale * scale if code in SLOW else 0
                policy = (amount - past) * 7 // 10 // scale * scale
                settlement = amount - past - policy
                base, target = f"R{b0}", f"R{b0 + n}"
                if i >= 1:
                    reduction = str(int(total * shares[i - 1]) // scale * scale)
            elif code in NEW_DEFICIT_R6 and y == "R6":
                settlement = 15_000_000 if city else 3_000_000
                kuriage = NEW_DEFICIT_R6[code]
            out.append(",".join([code, name, y, str(settlement), str(policy), str(past), str(other),
                                 str(kuriage), base, target, reduction]))
    dst = os.path.join(ROOT, "examples", "gunma-finance", "deficits.csv")
    with open(dst, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
