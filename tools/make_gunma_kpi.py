#!/usr/bin/env python3
"""Builds examples/gunma-kpi/kpi.csv, the sample data of `kokuho kpi`.

Real figures, copied as text (unchanged) from data/public/gunma/health_indicators.csv
(FY2022 and FY2023; sources in data/public/gunma/SOURCE.md):
  特定健診受診率 → specific_health_checkup_rate (値, in %)
  特定保健指導実施率 → specific_health_guidance_rate (値, in %)
  国保医療費地域差指数 → regional_difference_index (値)
These are rates only: the counts behind them are not in the seed, so the rows carry
no 分子/分母 and `kokuho kpi` says the prefecture figure cannot be computed.

SYNTHETIC figures (not real, labelled 出典 = "架空"): 収納率 (現年度分, 滞納繰越分) from
made-up 調定額, 居所不明者分 (除外額) and 収納額. They are scaled from each municipality's
2020 census population (ages 15+, data/public/gunma/population_by_age.csv) and drawn
with a fixed seed so that the prefecture's 現年度分 rate lands near Gunma's real
level (about 93%: 92.98% in H30 and 93.06% in R1, background document 000). The
被保険者数 of the 現年度分 rows (for the 規模別 table) is the same synthetic fifth of the
population.

Usage: python3 tools/make_gunma_kpi.py  (from the repository root; deterministic)
"""
import csv
import random
from collections import defaultdict

SEED_DIR = "data/public/gunma"
OUT = "examples/gunma-kpi/kpi.csv"
REAL = "実データ: 厚生労働省 (data/public/gunma/SOURCE.md)"
FAKE = "架空 (tools/make_gunma_kpi.py)"


def main():
    names = {}
    with open(f"{SEED_DIR}/municipalities.csv", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            names[r["団体コード"]] = r["名称"]
    pop = defaultdict(int)
    with open(f"{SEED_DIR}/population_by_age.csv", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            pop[r["団体コード"]] += int(r["人口"])
    rows = []
    with open(f"{SEED_DIR}/health_indicators.csv", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            code, year = r["団体コード"], r["年度"]
            for col, key in (("特定健診受診率", "specific_health_checkup_rate"),
                             ("特定保健指導実施率", "specific_health_guidance_rate"),
                             ("国保医療費地域差指数", "regional_difference_index")):
                rows.append([code, names[code], year, key, "", "", "", r[col], REAL, ""])
    rng = random.Random(20261123)
    for code in sorted(names):
        # 国保 covers roughly a fifth of residents; about 90,000 yen levied per insured.
        insured = pop[code] // 5
        rate_2022 = 0.905 + 0.04 * rng.random() + (0.02 if insured < 3000 else 0.0)
        for year, drift in ((2022, 0.0), (2023, 0.004 * (rng.random() - 0.3))):
            charged = insured * 90_000 // 1000 * 1000
            charged = charged * (100 + (year - 2022)) // 100 // 1000 * 1000
            excluded = charged * rng.randint(0, 4) // 1000 // 1000 * 1000  # 居所不明者分 0–0.4%
            rate = min(rate_2022 + drift, 0.995)
            collected = int((charged - excluded) * rate) // 1000 * 1000
            rows.append([code, names[code], year, "collection_rate_current", collected, charged,
                         excluded or "", "", FAKE, insured])
            arrears = charged * 15 // 100 // 1000 * 1000
            collected_arrears = int(arrears * (0.20 + 0.15 * rng.random())) // 1000 * 1000
            rows.append([code, names[code], year, "collection_rate_arrears", collected_arrears,
                         arrears, "", "", FAKE, ""])
    rows.sort(key=lambda r: (r[3], r[0], int(r[2])))
    with open(OUT, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["団体コード", "名称", "年度", "指標", "分子", "分母", "除外額", "値", "出典",
                    "被保険者数"])
        w.writerows(rows)


if __name__ == "__main__":
    main()
