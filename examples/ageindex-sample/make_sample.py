#!/usr/bin/env python3
"""Regenerates the ageindex sample from data/public/gunma (see SOURCE.md).

人口 is the real 2020 census population (男女計) by band; 患者数 and 医療費 are SYNTHETIC:
band rate × a made-up municipality factor, floored. Run from the repository root:
    python3 examples/ageindex-sample/make_sample.py
"""
import csv
from collections import OrderedDict
from fractions import Fraction

BANDS = ["10代", "20代", "30代", "40代", "50代", "60代", "70代", "80代以上"]
# Synthetic "national" rates per person (not real statistics).
CASE_RATE = dict(zip(BANDS, ["0.002", "0.005", "0.01", "0.03", "0.07", "0.12", "0.17", "0.2"]))
COST_RATE = dict(zip(BANDS, ["80000", "100000", "140000", "190000", "280000", "420000", "600000", "850000"]))

src = "data/public/gunma/"
out = "examples/ageindex-sample/"
names = {r["団体コード"]: r["名称"] for r in csv.DictReader(open(src + "municipalities.csv", encoding="utf-8"))}
pop = OrderedDict()
for r in csv.DictReader(open(src + "population_by_age.csv", encoding="utf-8")):
    pop.setdefault(r["団体コード"], {b: 0 for b in BANDS})[r["年代"]] += int(r["人口"])


def factor(code, salt):
    # A made-up municipality effect in [0.85, 1.20], deterministic in the code.
    return Fraction(85 + (int(code[:5]) * salt) % 36, 100)


with open(out + "data_cases.csv", "w", encoding="utf-8", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["団体コード", "市町村名", "年齢階級", "人口", "患者数"])
    for code, bands in pop.items():
        for b in BANDS:
            n = bands[b]
            w.writerow([code, names[code], b, n, int(n * Fraction(CASE_RATE[b]) * factor(code, 7))])
with open(out + "data_costs.csv", "w", encoding="utf-8", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["団体コード", "市町村名", "年齢階級", "人口", "医療費"])
    for code, bands in pop.items():
        for b in BANDS:
            n = bands[b]
            w.writerow([code, names[code], b, n, int(n * Fraction(COST_RATE[b]) * factor(code, 11))])
total = {b: sum(bands[b] for bands in pop.values()) for b in BANDS}
with open(out + "standard_cases.csv", "w", encoding="utf-8", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["年齢階級", "基準率", "基準人口"])
    for b in BANDS:
        w.writerow([b, CASE_RATE[b], total[b]])
with open(out + "standard_costs.csv", "w", encoding="utf-8", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["年齢階級", "基準率", "基準人口"])
    for b in BANDS:
        w.writerow([b, COST_RATE[b], total[b]])
