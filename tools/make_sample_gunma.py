#!/usr/bin/python3
"""Build the bundled sample case examples/gunma/ (群馬県, 令和9年度, 仮係数).

    /usr/bin/python3 tools/make_sample_gunma.py          # from anywhere

Reads the public seed extract in data/public/gunma/ (35 municipalities: 団体コード and
名称 from 総務省, 国保医療費地域差指数 FY2023 from MHLW 医療費の地域差分析, 2020 census
population by age) and writes

    examples/gunma/prefecture.yaml
    examples/gunma/municipalities.csv   (UTF-8 without BOM, comma-separated, LF)

in the format of docs/case-format.md.

非公式・架空の数値を含む / NOT OFFICIAL. Apart from the codes, names, ε and the
census populations (used only to size the insured counts), every figure is
SYNTHETIC: invented by the assumptions written next to each constant below, to look
like a real prefecture. examples/gunma/SOURCE.md documents every column.

Determinism: standard library only, no clock, no environment; the only "randomness" is
a SHA-256 hash of (SEED, 団体コード, tag), mapped to [0, 1). Only +, -, *, / and sqrt
are used on floats (all correctly rounded in IEEE 754), and every yen figure is rounded
with Decimal ROUND_HALF_UP, so a re-run reproduces byte-identical files.
"""

import csv
import hashlib
import math
import sys
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

# ---------------------------------------------------------------------------
# Knobs
# ---------------------------------------------------------------------------

SEED = "kokuho-gunma-sample-r9-v1"

# 前年度1人当たり額 = (this script's estimate of the current-year 1人当たり保険料,
# Σ_parts F_i / N_i) × PREVIOUS_YEAR_LEVEL_FACTOR × v_i, with v_i a deterministic
# per-municipality draw in [PREVIOUS_YEAR_VARIATION_LOW, PREVIOUS_YEAR_VARIATION_HIGH].
# Relief is triggered where current / previous − 1 > natural_growth + allowance
# (0.012 + 0.01), i.e. where PREVIOUS_YEAR_LEVEL_FACTOR × v_i < 1/1.022 ≈ 0.9785.
# Tune the factor after running the engine (smaller factor ⇒ more relief).
PREVIOUS_YEAR_LEVEL_FACTOR = 0.98
PREVIOUS_YEAR_VARIATION_LOW = 0.97
PREVIOUS_YEAR_VARIATION_HIGH = 1.02

# Total 被保険者数 of the target year (FY2027, 令和9年度). Source: 群馬県国保連合会
# 第5次中期経営計画 (background 002), §4-3-1: insured fall to about 96% a year, go below
# 400,000 in 令和6年度 and below 350,000 in 令和10年度 (4月1日 counts). Just under
# 400,000 in R6 × 0.96³ ≈ 352,000 for R9. (The brief's round "about 400,000" is the
# R5–R6 level; change this constant to 400000 to size the case to that instead.)
TARGET_TOTAL_INSURED = 352_000

# Cell written in 医療_資産割割合 for municipalities whose own basis is not 4方式
# (docs/case-format.md: that column is required for 4方式 only). Keep "" (empty cell):
# the loader (src/io/municipality_table.cc) rejects any non-empty 資産割割合, even "0%",
# on a row that is not 4方式.
ASSET_SHARE_CELL_FOR_NON_4HOSHIKI = ""

REPO = Path(__file__).resolve().parents[1]
SEED_DIR = REPO / "data" / "public" / "gunma"
OUT_DIR = REPO / "examples" / "gunma"
# The same year under the confirmed coefficients (確定係数): prefecture.yaml only, reading
# ../gunma/municipalities.csv (the municipalities' figures do not change between the two).
KAKUTEI_DIR = REPO / "examples" / "gunma-kakutei"

# Printed at the top of every page of the 説明資料 (kokuho handout).
NOTICE = "架空の数値を含むサンプルです (非公式)。群馬県・各市町村の公式の算定結果ではありません。"

# 確定係数 (SYNTHETIC): between the 仮係数 (autumn) and the 確定係数 (January) the state
# revises its per-capita estimates (前期高齢者交付金, 後期高齢者支援金, 介護納付金 and the
# like); the sample moves a few budget lines by these factors, each result rounded to
# 1,000円 like a budget line. Everything else stays as under the 仮係数.
KAKUTEI_FACTORS = {
    ("iryo", "前期高齢者交付金"): 1.003,
    ("iryo", "保険給付費等交付金(普通交付金)"): 0.999,
    ("shien", "後期高齢者支援金"): 0.994,
    ("kaigo", "介護納付金"): 1.004,
}

# ---------------------------------------------------------------------------
# Prefecture-level settings (prefecture.yaml)
# ---------------------------------------------------------------------------

# α = 0.75: 財政制度等審議会 資料 (α by prefecture; background 004, docs/nofukin-rules.md [S]).
ALPHA_IRYO = "0.75"
# β 所得係数 per 分: SYNTHETIC 13-decimal values. Gunma's per-capita income is somewhat
# below the national level, so β < 1 (real values are state-supplied each year).
BETA = {
    "iryo": "0.8874213650917",
    "shien": "0.8891046273518",
    "kaigo": "0.8706528419362",
    "kodomo": "0.8886702215394",
}
EQUAL_SHARE_INDEX = "0.7"
# 都道府県標準保険料率 収納率: Gunma's actual 現年度 収納率 R元年度 93.06% (background 000).
PREFECTURE_COLLECTION_RATE = "0.9306"

# Per-capita unit amounts (yen per year) used to build the itemised budget from the
# modelled totals. All SYNTHETIC assumptions, stated in the comments; each amount is
# rounded to 1,000円 like a budget line.
#
# 医療分: 1人当たり医療費 (費用額) FY2027 ≈ 470,000円 (national 市町村国保 ≈ 410,000円 in
# FY2022, +2.5%/year) × 給付率 ≈ 0.82 ⇒ 保険給付費 ≈ 385,000円 per insured.
IRYO_BENEFIT_PER_CAPITA = 385_000
IRYO_ZENKI_NOFUKIN_PER_CAPITA = 300        # 前期高齢者納付金 + 関係事務費拠出金
IRYO_TOKUBETSU_KOGAKU_PER_CAPITA = 260     # 特別高額医療費共同事業 拠出金 (≈ 交付金)
IRYO_ZAIANTEI_REPAYMENT_YEN = 150_000_000  # 財政安定化基金償還金 (hypothetical 取崩し 償還)
IRYO_RYUKO_SHOKI_PER_CAPITA = 45           # 流行初期医療確保拠出金 (from R6)
IRYO_SEISAN_PER_CAPITA = 700               # 前年度以前の精算 (国庫負担金等 返還)
IRYO_ZENKI_KOFUKIN_RATIO = 0.43            # 前期高齢者交付金 ÷ 保険給付費 (older than national ≈ 0.39)
TEIRITSU_KOKKO = 0.32                      # 国庫負担金 (定率 32/100)
FUTSU_CHOSEI = 0.073                       # 普通調整交付金: 7% national average, a little more
                                           # for a prefecture with below-average income
TOKUBETSU_CHOSEI = 0.009                   # 特別調整交付金(都道府県分)
KEN_KURIIRE_1GO = 0.08                     # 都道府県繰入金(1号分) (2号分 is kept for 激変緩和 etc.)
KOGAKU_SHARE = 0.11                        # share of 保険給付費 in claims above 80万円
KOGAKU_FUTAN = 0.5                         # 国 1/4 + 県 1/4 of that base
IRYO_DORYOKU_PREF_PER_CAPITA = 1_900       # 保険者努力支援制度交付金(都道府県分)
IRYO_ZANTEI_PER_CAPITA = 250               # 暫定措置 (国の激変緩和分)
# 後期高齢者支援金分: 加入者1人当たり負担見込額 R9 ≈ 72,000円 (H31 概算 61,742円, spec [V: S36]).
SHIEN_SHIENKIN_PER_CAPITA = 72_000
SHIEN_JIMUHI_PER_CAPITA = 50               # 後期高齢者関係事務費拠出金
SHIEN_SEISAN_PER_CAPITA = 900              # 後期高齢者支援金 精算 (前々年度分)
SHIEN_ZENKI_KOFUKIN_RATIO = 0.25           # 前期高齢者交付金 (支援金分) ÷ 支援金
# 介護納付金分: 2号被保険者1人当たり負担 ≈ 6,400円/月 (national ≈ 6,300円/月 in R6).
KAIGO_NOFUKIN_PER_2GO = 76_800
KAIGO_SEISAN_PER_2GO = 400                 # 介護納付金 精算 (前々年度分)
# 子ども・子育て支援納付金分 (R8–; ramps up R8 → R10): ≈ 700円/月 per 加入者 in R9.
# Public funds assumed to mirror the 支援金分 (定率国庫負担, 調整交付金, 県繰入金): unconfirmed.
KODOMO_NOFUKIN_PER_CAPITA = 8_400

# ---------------------------------------------------------------------------
# Municipality model (municipalities.csv)
# ---------------------------------------------------------------------------

# 国保 participation by 2020-census age band (share of the band's residents in 国保),
# used only to size each municipality; the result is scaled to TARGET_TOTAL_INSURED.
# 10代 in the seed is ages 15–19 only; 80代以上 are in 後期高齢者医療.
# The rates are tuned so that 40–64歳 (2号) come out at ≈ 29–30% of the insured, and
# 70代 is set low because the large 2020 cohort of 70–74 (born 1946–50) is 後期 by 2027.
PARTICIPATION = {
    "10代": 0.13, "20代": 0.13, "30代": 0.11, "40代": 0.12, "50代": 0.15,
    "60代": 0.42,   # 60–64 ≈ 0.25, 65–69 ≈ 0.57 (retirees join 国保)
    "70代": 0.30,   # only 70–74 are in 国保, and they are the smaller post-war cohorts by 2027
    "80代以上": 0.0,
}
CHILDREN_PER_15_19 = 2.6     # 0–14 population ≈ 2.6 × 15–19 population (not in the seed)
CHILDREN_PARTICIPATION = 0.11
TOWN_WORKING_AGE_FACTOR = 1.30  # 町村: more self-employed / farmers under 60 in 国保
TOWN_SENIOR_FACTOR = 1.08
SHARE_60_64_IN_60S = 0.48
PARTICIPATION_60_64 = 0.25

# 賦課限度額控除後 基準総所得金額 per insured (target-year level, yen). SYNTHETIC: higher in
# 高崎/太田/前橋 and the commuter towns around them, lower in the mountain villages; 嬬恋村 and
# 昭和村 get a farm-income bump (高原野菜).
INCOME_PER_CAPITA = {
    "102016": 800_000, "102024": 830_000, "102032": 640_000, "102041": 760_000,
    "102059": 810_000, "102067": 620_000, "102075": 700_000, "102083": 650_000,
    "102091": 660_000, "102105": 620_000, "102113": 640_000, "102121": 660_000,
    "103446": 700_000, "103454": 760_000, "103667": 550_000, "103675": 550_000,
    "103829": 560_000, "103837": 550_000, "103845": 620_000, "104213": 590_000,
    "104248": 600_000, "104256": 720_000, "104264": 620_000, "104281": 580_000,
    "104299": 570_000, "104434": 580_000, "104442": 610_000, "104485": 700_000,
    "104493": 570_000, "104647": 700_000, "105210": 650_000, "105228": 680_000,
    "105236": 690_000, "105244": 640_000, "105252": 670_000,
}
INCOME_YEAR_TREND = (-0.01, 0.0, 0.01)  # 所得1 (oldest) … 所得3, plus ±1% noise ⇒ within ±2%
KAIGO_INCOME_RATIO = (1.25, 1.35)       # 2号 members earn more than the 国保 average

# 収納率向上アドバイザー派遣 (background 000): 上野村, 草津町, 高山村 had low 収納率.
LOW_COLLECTION = {"103667", "104264", "104281"}
LOW_COLLECTION_PENALTY_BP = 200

# Own 算定基準 (医療分 only): these small 町村 are assumed to still levy 4方式.
OWN_4HOSHIKI = {"103667", "103675", "103829", "103837"}

HEADER = [
    "団体コード", "市町村名", "被保険者数", "世帯数", "所得1", "所得2", "所得3",
    "介護_被保険者数", "介護_世帯数", "介護_所得1", "介護_所得2", "介護_所得3",
    "子ども_被保険者数",
    "医療費指数", "標準的な収納率", "前年度1人当たり額",
    "医療_地単減額", "医療_努力支援", "医療_保健事業費", "医療_出産育児",
    "医療_保険者支援分", "医療_特定健診負担金", "支援_保険者支援分",
    "医療_賦課方式", "医療_応能割合", "医療_均等割割合", "医療_資産割割合", "固定資産税額",
]

# (name, column, part, sign, stage): the 個別加減算 declared in prefecture.yaml.
INDIVIDUAL_ITEMS = [
    ("地方単独事業による国庫負担金減額調整", "医療_地単減額", "iryo", "加算", "納付金"),
    ("保険者努力支援制度(市町村分)", "医療_努力支援", "iryo", "減算", "納付金"),
    ("保健事業費", "医療_保健事業費", "iryo", "加算", "標準保険料率"),
    ("出産育児一時金(保険料財源分)", "医療_出産育児", "iryo", "加算", "標準保険料率"),
    ("保険基盤安定(保険者支援分)", "医療_保険者支援分", "iryo", "減算", "標準保険料率"),
    ("特定健康診査等負担金", "医療_特定健診負担金", "iryo", "減算", "標準保険料率"),
    ("保険基盤安定(保険者支援分・後期高齢者支援金分)", "支援_保険者支援分", "shien", "減算",
     "標準保険料率"),
]

PARTS = ("iryo", "shien", "kaigo", "kodomo")


# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------

def u(code, tag):
    """Deterministic uniform draw in [0, 1) for (municipality, purpose)."""
    digest = hashlib.sha256(f"{SEED}|{code}|{tag}".encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") / 2.0**64


def yen(x):
    """Round half-up to whole yen."""
    return int(Decimal(repr(x)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def thousand(x):
    """Round half-up to 1,000円 (budget lines)."""
    return yen(x / 1000.0) * 1000


def pct_bp(bp):
    """Basis points (integer) → '93.06%'."""
    return f"{bp // 100}.{bp % 100:02d}%"


def largest_remainder(raw, total):
    """Integers proportional to raw that sum to total (ties: lower index)."""
    s = sum(raw)
    exact = [r * total / s for r in raw]
    floors = [int(math.floor(x)) for x in exact]
    rest = total - sum(floors)
    order = sorted(range(len(raw)), key=lambda i: (-(exact[i] - floors[i]), i))
    for i in order[:rest]:
        floors[i] += 1
    return floors


def read_csv(name):
    with open(SEED_DIR / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def check_digit_ok(code6):
    d = [int(c) for c in code6]
    return (11 - (6 * d[0] + 5 * d[1] + 4 * d[2] + 3 * d[3] + 2 * d[4]) % 11) % 10 == d[5]


# ---------------------------------------------------------------------------
# Model
# ---------------------------------------------------------------------------

def build_municipalities():
    seed_munis = read_csv("municipalities.csv")
    pop = {}
    for r in read_csv("population_by_age.csv"):
        band = pop.setdefault(r["団体コード"], {})
        band[r["年代"]] = band.get(r["年代"], 0) + int(r["人口"])
    health = {(r["団体コード"], r["年度"]): r for r in read_csv("health_indicators.csv")}

    rows = []
    raw_n, raw_2go, raw_u18 = [], [], []
    for m in seed_munis:
        code, kubun = m["団体コード"], m["区分"]
        p = pop[code]
        town = kubun in ("町", "村")
        wf = TOWN_WORKING_AGE_FACTOR if town else 1.0
        sf = TOWN_SENIOR_FACTOR if town else 1.0
        n = CHILDREN_PER_15_19 * p["10代"] * CHILDREN_PARTICIPATION * wf
        for band in ("10代", "20代", "30代", "40代", "50代"):
            n += p[band] * PARTICIPATION[band] * wf
        n += (p["60代"] * PARTICIPATION["60代"] + p["70代"] * PARTICIPATION["70代"]) * sf
        n2 = (p["40代"] * PARTICIPATION["40代"] + p["50代"] * PARTICIPATION["50代"]) * wf \
            + p["60代"] * SHARE_60_64_IN_60S * PARTICIPATION_60_64 * wf
        # Under-18 members (for 子ども_被保険者数 = 18歳以上): children 0–14 plus 15–17
        # (3/5 of the 15–19 band).
        u18 = (CHILDREN_PER_15_19 * CHILDREN_PARTICIPATION + 0.6 * PARTICIPATION["10代"]) \
            * p["10代"] * wf
        raw_n.append(n)
        raw_2go.append(n2)
        raw_u18.append(u18)
        rows.append({"code": code, "name": m["名称"], "kubun": kubun, "pop": p,
                     "eps": health[(code, "2023")]["国保医療費地域差指数"],
                     "kenshin": float(health[(code, "2023")]["特定健診受診率"]),
                     "shido": float(health[(code, "2023")]["特定保健指導実施率"])})

    # Same scale for N and 2号 so that the 2号 share comes out of the age structure.
    scale = TARGET_TOTAL_INSURED / sum(raw_n)
    ns = largest_remainder(raw_n, TARGET_TOTAL_INSURED)
    for r, n, n2, u18 in zip(rows, ns, raw_2go, raw_u18):
        code = r["code"]
        r["N"] = n
        r["N2"] = yen(n2 * scale)
        r["N18"] = n - yen(u18 * scale)
        # 世帯数: 1.45–1.70 insured per household; larger households in 町村 and with more
        # children / young adults.
        young = (r["pop"]["10代"] + r["pop"]["20代"] + r["pop"]["30代"]) / sum(r["pop"].values())
        ratio = 1.55 + (0.06 if r["kubun"] == "町" else 0.10 if r["kubun"] == "村" else 0.0) \
            + 0.8 * (young - 0.30) + 0.06 * (u(code, "hh") - 0.5)
        ratio = min(1.69, max(1.46, ratio))  # margin for rounding H
        r["H"] = yen(n / ratio)
        r["H2"] = yen(r["N2"] / (1.25 + 0.10 * u(code, "hh2")))

        # 所得 (3 years, restated to the target-year 被保険者数: I = N × per-capita income).
        pc = INCOME_PER_CAPITA[code]
        r["pc_income"] = pc
        r["I"] = [yen(n * pc * (1 + t + 0.01 * (2 * u(code, f"inc{k}") - 1)))
                  for k, t in enumerate(INCOME_YEAR_TREND)]
        lo, hi = KAIGO_INCOME_RATIO
        pc2 = pc * (lo + (hi - lo) * u(code, "inc2ratio"))
        r["I2"] = [yen(r["N2"] * pc2 * (1 + t + 0.01 * (2 * u(code, f"inc2_{k}") - 1)))
                   for k, t in enumerate(INCOME_YEAR_TREND)]

        # 標準的な収納率 by size band of 被保険者数.
        if n >= 30_000:
            bp = 9200 + int(100 * u(code, "r"))
        elif n >= 10_000:
            bp = 9380 + int(140 * u(code, "r"))
        elif n >= 3_000:
            bp = 9500 + int(150 * u(code, "r"))
        else:
            bp = 9620 + int(180 * u(code, "r"))
        if code in LOW_COLLECTION:
            bp -= LOW_COLLECTION_PENALTY_BP
        r["r_bp"] = bp

    avg_pc = sum(r["I"][2] for r in rows) / sum(r["N"] for r in rows)
    # 地方単独事業 減額調整: nonzero for the 10 municipalities with the lowest draw.
    tandoku = set(sorted((r["code"] for r in rows), key=lambda c: u(c, "tandoku"))[:10])
    k_lo = min(r["kenshin"] for r in rows)
    k_hi = max(r["kenshin"] for r in rows)

    def doryoku_factor(r):
        return 0.75 + 0.5 * (r["kenshin"] - k_lo) / (k_hi - k_lo)

    # normalised so that the prefecture average is exactly 1,500円 per insured
    doryoku_mean = sum(doryoku_factor(r) * r["N"] for r in rows) / sum(r["N"] for r in rows)
    for r in rows:
        code, n = r["code"], r["N"]
        items = {}
        items["医療_地単減額"] = thousand(n * (250 + 450 * u(code, "tandoku_amt"))) \
            if code in tandoku else 0
        # 保険者努力支援制度(市町村分) ≈ 1,500円 × N, more where 特定健診受診率 (real, FY2023) is high.
        items["医療_努力支援"] = yen(n * 1500 * doryoku_factor(r) / doryoku_mean)
        # 保健事業費 ≈ 4,000円 × N, with a fixed-cost premium for small insurers (cap 8,000円).
        hoken_pc = min(8000.0, 3500.0 + 12000.0 / math.sqrt(n / 100.0))
        items["医療_保健事業費"] = thousand(n * hoken_pc * (0.9 + 0.2 * u(code, "hoken")))
        # 出産育児一時金 50万円 × 出産件数; 1/3 premium-funded (2/3 一般会計繰入).
        young = (r["pop"]["20代"] + r["pop"]["30代"]) / sum(r["pop"].values())
        births = yen(n * 0.0028 * young / 0.20)
        items["医療_出産育児"] = yen(births * 500_000 / 3)
        # 保険基盤安定(保険者支援分): more where incomes are low (more 軽減 households).
        low = n * avg_pc / (r["I"][2] / n)  # ∝ N / relative income
        items["医療_保険者支援分"] = thousand(6000 * low * (0.95 + 0.1 * u(code, "shien_bun")))
        items["支援_保険者支援分"] = thousand(2000 * low * (0.95 + 0.1 * u(code, "shien_bun")))
        # 特定健康診査等負担金 (国 1/3 + 県 1/3): 対象 ≈ 78% of N (ages 40–74), real FY2023
        # 受診率 and 保健指導実施率, 基準単価 7,000円 (健診) and 20,000円 (指導; 11% of 受診者).
        jushin = n * 0.78 * r["kenshin"] / 100.0
        shido = jushin * 0.11 * r["shido"] / 100.0
        items["医療_特定健診負担金"] = thousand((jushin * 7000 + shido * 20000) * 2 / 3)
        r["items"] = items

        # Own 算定基準 (医療分).
        if code in OWN_4HOSHIKI:
            r["own"] = ("4方式", "55%", "70%", "15%")
        else:
            r["own"] = ("3方式", f"{50 + int(6 * u(code, 'onou'))}%",
                        f"{60 + 5 * int(3 * u(code, 'kinto'))}%",
                        ASSET_SHARE_CELL_FOR_NON_4HOSHIKI)
        # 固定資産税額 of 国保 households (資産割 base): 30,000–50,000円 per household.
        per_h = (32_000 if r["kubun"] == "市" else 42_000) * (0.85 + 0.3 * u(code, "asset"))
        r["asset"] = thousand(r["H"] * per_h)
    return rows


def build_budget(total_n, total_n2):
    """Itemised expenses and public funds per 分 (yen, rounded to 1,000円)."""
    b = {}
    g = IRYO_BENEFIT_PER_CAPITA * total_n
    zenki_nofu = IRYO_ZENKI_NOFUKIN_PER_CAPITA * total_n
    zenki_kofu = IRYO_ZENKI_KOFUKIN_RATIO * g
    base = g + zenki_nofu - zenki_kofu          # 定率国庫負担 etc. base
    b["iryo"] = (
        [("保険給付費等交付金(普通交付金)", thousand(g)),
         ("前期高齢者納付金等", thousand(zenki_nofu)),
         ("特別高額医療費共同事業拠出金", thousand(IRYO_TOKUBETSU_KOGAKU_PER_CAPITA * total_n)),
         ("財政安定化基金償還金", IRYO_ZAIANTEI_REPAYMENT_YEN),
         ("流行初期医療確保拠出金", thousand(IRYO_RYUKO_SHOKI_PER_CAPITA * total_n)),
         ("前年度以前の精算(国庫負担金等返還金)", thousand(IRYO_SEISAN_PER_CAPITA * total_n))],
        [("国庫負担金(療養給付費等負担金)", thousand(TEIRITSU_KOKKO * base)),
         ("普通調整交付金", thousand(FUTSU_CHOSEI * base)),
         ("特別調整交付金(都道府県分)", thousand(TOKUBETSU_CHOSEI * base)),
         ("都道府県繰入金(1号分)", thousand(KEN_KURIIRE_1GO * base)),
         ("高額医療費負担金(国・県)", thousand(KOGAKU_FUTAN * KOGAKU_SHARE * g)),
         ("特別高額医療費共同事業交付金", thousand(IRYO_TOKUBETSU_KOGAKU_PER_CAPITA * total_n)),
         ("前期高齢者交付金", thousand(zenki_kofu)),
         ("保険者努力支援制度交付金(都道府県分)", thousand(IRYO_DORYOKU_PREF_PER_CAPITA * total_n)),
         ("暫定措置(国の激変緩和分)", thousand(IRYO_ZANTEI_PER_CAPITA * total_n))])
    s = SHIEN_SHIENKIN_PER_CAPITA * total_n
    s_kofu = SHIEN_ZENKI_KOFUKIN_RATIO * s
    s_base = s + SHIEN_JIMUHI_PER_CAPITA * total_n - s_kofu
    b["shien"] = (
        [("後期高齢者支援金", thousand(s)),
         ("後期高齢者関係事務費拠出金", thousand(SHIEN_JIMUHI_PER_CAPITA * total_n)),
         ("後期高齢者支援金精算金(前々年度分)", thousand(SHIEN_SEISAN_PER_CAPITA * total_n))],
        [("国庫負担金(後期高齢者支援金分)", thousand(TEIRITSU_KOKKO * s_base)),
         ("普通調整交付金", thousand(FUTSU_CHOSEI * s_base)),
         ("都道府県繰入金(1号分)", thousand(KEN_KURIIRE_1GO * s_base)),
         ("前期高齢者交付金(後期高齢者支援金分)", thousand(s_kofu))])
    k = KAIGO_NOFUKIN_PER_2GO * total_n2
    b["kaigo"] = (
        [("介護納付金", thousand(k)),
         ("介護納付金精算金(前々年度分)", thousand(KAIGO_SEISAN_PER_2GO * total_n2))],
        [("国庫負担金(介護納付金分)", thousand(TEIRITSU_KOKKO * k)),
         ("普通調整交付金", thousand(FUTSU_CHOSEI * k)),
         ("特別調整交付金(都道府県分)", thousand(0.005 * k)),
         ("都道府県繰入金(1号分)", thousand(KEN_KURIIRE_1GO * k))])
    c = KODOMO_NOFUKIN_PER_CAPITA * total_n
    b["kodomo"] = (
        [("子ども・子育て支援納付金", thousand(c))],
        [("国庫負担金(子ども・子育て支援納付金分)", thousand(TEIRITSU_KOKKO * c)),
         ("普通調整交付金", thousand(FUTSU_CHOSEI * c)),
         ("都道府県繰入金(1号分)", thousand(KEN_KURIIRE_1GO * c))])
    return b


def need(budget, part):
    exp, pub = budget[part]
    return sum(a for _, a in exp) - sum(a for _, a in pub)


def estimate_current_per_capita(rows, budget):
    """Float emulation of the engine (docs/nofukin-rules.md) without relief: Σ_parts F_i / N_i.

    Only used to size 前年度1人当たり額; the engine's exact figures will differ slightly.
    """
    e = float(EQUAL_SHARE_INDEX)
    f_total = [0.0] * len(rows)
    for part in PARTS:
        kaigo = part == "kaigo"
        n = [r["N2"] if kaigo else r["N18"] if part == "kodomo" else r["N"] for r in rows]
        h = [r["H2"] if kaigo else r["H"] for r in rows]
        inc = [sum(r["I2"] if kaigo else r["I"]) / 3.0 for r in rows]
        sn, sh, si = sum(n), sum(h), sum(inc)
        beta = float(BETA[part])
        alpha = float(ALPHA_IRYO) if part == "iryo" else 0.0
        w = [(1 + alpha * (float(r["eps"]) - 1)) * (beta * inc[i] / si + e * n[i] / sn
                                                     + (1 - e) * h[i] / sh) / (1 + beta)
             for i, r in enumerate(rows)]
        add_n = [0.0] * len(rows)
        add_s = [0.0] * len(rows)
        for _, col, p, sign, stage in INDIVIDUAL_ITEMS:
            if p != part:
                continue
            sg = 1 if sign == "加算" else -1
            for i, r in enumerate(rows):
                (add_n if stage == "納付金" else add_s)[i] += sg * r["items"][col]
        c = need(budget, part) - sum(add_n)
        sw = sum(w)
        for i, r in enumerate(rows):
            p_i = c * w[i] / sw + add_n[i]
            s_i = p_i + add_s[i]
            f_total[i] += s_i / (r["r_bp"] / 10000.0)
    return [f / r["N"] for f, r in zip(f_total, rows)]


# ---------------------------------------------------------------------------
# Output
# ---------------------------------------------------------------------------

def kakutei_budget(budget):
    """The budget under the 確定係数: KAKUTEI_FACTORS applied, rounded to 1,000円."""
    out = {}
    for part in PARTS:
        exp, pub = budget[part]
        move = lambda items: [(n, yen(a * KAKUTEI_FACTORS[(part, n)] / 1000) * 1000)
                              if (part, n) in KAKUTEI_FACTORS else (n, a) for n, a in items]
        out[part] = (move(exp), move(pub))
    for key in KAKUTEI_FACTORS:
        exp, pub = budget[key[0]]
        assert key[1] in [n for n, _ in exp + pub], key
    return out


def write_yaml(budget, out_dir=None, coefficients="仮係数", municipalities="municipalities.csv"):
    out_dir = out_dir or OUT_DIR
    L = []
    L.append("# 群馬県 令和9年度 納付金・標準保険料率 sample case (kokuho).")
    L.append("# 非公式・架空の数値を含む / NOT OFFICIAL: generated by tools/make_sample_gunma.py;")
    L.append("# every amount and coefficient here is synthetic except α and the 収納率 0.9306 (see SOURCE.md).")
    if coefficients != "仮係数":
        L.append("# The same case as ../gunma under the 確定係数: a few budget lines moved by")
        L.append("# KAKUTEI_FACTORS in the script; the municipalities' table is ../gunma's.")
    L.append("prefecture: 群馬県")
    L.append('prefecture_code: "10"')
    L.append("fiscal_year: 令和9年度")
    L.append(f"coefficients: {coefficients}")
    L.append(f"notice: {NOTICE}")
    L.append(f"municipalities: {municipalities}")
    L.append("")
    L.append("allocation_method: 3方式")
    L.append("")
    L.append("high_cost_sharing:")
    L.append("  mode: none")
    L.append("  threshold_yen: 800000")
    L.append("")
    L.append("rounding:")
    L.append("  share_decimals: exact")
    L.append("  gamma_decimals: 13")
    L.append("  nofukin: largest_remainder")
    L.append("  income_rate_decimals: 2")
    L.append("  income_rate_rounding: 四捨五入")
    L.append("  per_capita_unit: 1")
    L.append("  per_capita_rounding: 四捨五入")
    L.append("")
    L.append("parts:")
    comments = {
        "iryo": "医療分 (基礎分)",
        "shien": "後期高齢者支援金分",
        "kaigo": "介護納付金分 (populations: 40–64歳の2号被保険者)",
        "kodomo": "子ども・子育て支援納付金分 (R8–)",
    }
    for part in PARTS:
        exp, pub = budget[part]
        L.append(f"  {part}:  # {comments[part]}; 保険料収納必要総額 {need(budget, part)}")
        L.append("    expenses:")
        for name, amount in exp:
            L.append(f"      {name}: {amount}")
        L.append("    public_funds:")
        for name, amount in pub:
            L.append(f"      {name}: {amount}")
        if part == "iryo":
            L.append(f"    alpha: {ALPHA_IRYO}  # 財政制度等審議会 資料 (α by prefecture)")
        L.append(f"    beta: {BETA[part]}  # synthetic")
        L.append(f"    beta_prime: {BETA[part]}")
        L.append(f"    equal_share_index: {EQUAL_SHARE_INDEX}")
        L.append("    standard_levy_method: 3方式")
        L.append(f"    prefecture_collection_rate: {PREFECTURE_COLLECTION_RATE}")
    L.append("")
    L.append("individual_items:")
    for name, col, part, sign, stage in INDIVIDUAL_ITEMS:
        L.append(f"  - name: {name}")
        L.append(f"    column: {col}")
        L.append(f"    part: {part}")
        L.append(f"    sign: {sign}")
        L.append(f"    stage: {stage}")
    L.append("")
    L.append("transition_relief:")
    L.append("  enabled: true")
    L.append("  metric: 1人当たり保険料")
    L.append("  base: 前年度")
    L.append("  natural_growth: 0.012")
    L.append("  allowance: 0.01")
    L.append("  pools:")
    L.append("    - name: 県繰入金(2号分)")
    L.append("      budget_yen: 400000000")
    L.append("      account: prefecture_transfer")
    L.append("    - name: 特例基金")
    L.append("      budget_yen: 100000000")
    L.append("      account: special_fund")
    text = "\n".join(L) + "\n"
    (out_dir / "prefecture.yaml").write_bytes(text.encode("utf-8"))


def csv_rows(rows):
    out = [HEADER]
    for r in rows:
        it = r["items"]
        vals = [r["code"], r["name"], r["N"], r["H"], *r["I"],
                r["N2"], r["H2"], *r["I2"], r["N18"], r["eps"], pct_bp(r["r_bp"]), r["prev"],
                it["医療_地単減額"], it["医療_努力支援"], it["医療_保健事業費"], it["医療_出産育児"],
                it["医療_保険者支援分"], it["医療_特定健診負担金"], it["支援_保険者支援分"],
                *r["own"], r["asset"]]
        out.append([str(v) for v in vals])
    return out


def write_csv(table):
    lines = []
    for row in table:
        assert len(row) == len(HEADER)
        for cell in row:
            assert "," not in cell and '"' not in cell and "\n" not in cell, cell
        lines.append(",".join(row))
    (OUT_DIR / "municipalities.csv").write_bytes(("\n".join(lines) + "\n").encode("utf-8"))


# ---------------------------------------------------------------------------
# Validation
# ---------------------------------------------------------------------------

def validate(rows, budget, table):
    seed_codes = [m["団体コード"] for m in read_csv("municipalities.csv")]
    assert len(rows) == 35, len(rows)
    assert [r["code"] for r in rows] == seed_codes
    assert len(table) == 36 and all(len(t) == len(HEADER) for t in table)
    for r in rows:
        assert check_digit_ok(r["code"]) and r["code"].startswith("10"), r["code"]
        assert r["N"] > 0 and r["H"] > 0 and r["N2"] > 0 and r["H2"] > 0, r["code"]
        assert r["H"] <= r["N"] and r["H2"] <= r["N2"] and 0.8 * r["N"] < r["N18"] < r["N"]
        assert 1.45 <= r["N"] / r["H"] <= 1.70, (r["code"], r["N"] / r["H"])
        assert 0.20 <= r["N2"] / r["N"] <= 0.40, (r["code"], r["N2"] / r["N"])
        assert all(i > 0 for i in r["I"] + r["I2"]), r["code"]
        assert 0.90 <= r["r_bp"] / 10000 <= 1.0, r["code"]
        assert float(r["eps"]) > 0
        assert all(v >= 0 for v in r["items"].values()), r["code"]
        assert r["prev"] > 0 and r["asset"] >= 0
        for cell in table[rows.index(r) + 1]:
            if cell == "":
                assert ASSET_SHARE_CELL_FOR_NON_4HOSHIKI == "" and r["own"][0] != "4方式"
    assert sum(1 for r in rows if r["items"]["医療_地単減額"] > 0) == 10
    total = sum(r["N"] for r in rows)
    assert total == TARGET_TOTAL_INSURED
    for part in PARTS:
        exp, pub = budget[part]
        assert all(isinstance(a, int) and a > 0 for _, a in exp + pub), part
        assert need(budget, part) > 0, part
        names = [n for n, _ in exp + pub]
        assert len(names) == len(set(names)), part
    # The C of the 医療分 must stay positive after the 納付金-stage items.
    nofukin_items = sum((1 if s == "加算" else -1) * r["items"][c]
                        for _, c, p, s, st in INDIVIDUAL_ITEMS if p == "iryo" and st == "納付金"
                        for r in rows)
    assert need(budget, "iryo") - nofukin_items > 0


def main():
    rows = build_municipalities()
    total_n = sum(r["N"] for r in rows)
    total_n2 = sum(r["N2"] for r in rows)
    budget = build_budget(total_n, total_n2)
    current = estimate_current_per_capita(rows, budget)
    lo, hi = PREVIOUS_YEAR_VARIATION_LOW, PREVIOUS_YEAR_VARIATION_HIGH
    for r, cur in zip(rows, current):
        r["cur"] = cur
        r["prev"] = yen(cur * PREVIOUS_YEAR_LEVEL_FACTOR * (lo + (hi - lo) * u(r["code"], "prev")))
    table = csv_rows(rows)
    validate(rows, budget, table)
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    write_yaml(budget)
    write_csv(table)
    KAKUTEI_DIR.mkdir(parents=True, exist_ok=True)
    write_yaml(kakutei_budget(budget), KAKUTEI_DIR, "確定係数", "../gunma/municipalities.csv")

    # Summary (stdout only).
    total_h = sum(r["H"] for r in rows)
    total_h2 = sum(r["H2"] for r in rows)
    print(f"wrote {OUT_DIR / 'prefecture.yaml'}, {OUT_DIR / 'municipalities.csv'} and "
          f"{KAKUTEI_DIR / 'prefecture.yaml'}")
    total_n18 = sum(r["N18"] for r in rows)
    print(f"被保険者数 {total_n}  世帯数 {total_h}  介護2号 {total_n2}  介護世帯 {total_h2}  "
          f"18歳以上 {total_n18}")
    for part in PARTS:
        pop = total_n2 if part == "kaigo" else total_n
        print(f"{part:7s} 保険料収納必要総額 {need(budget, part):>15,d}  "
              f"per {'2号' if part == 'kaigo' else 'insured'} {need(budget, part) / pop:,.0f}")
    # Relief estimate (float emulation, before relief), for tuning PREVIOUS_YEAR_LEVEL_FACTOR.
    g = 1.012 + 0.01
    print(f"estimated 1人当たり保険料 (Σ F_i / N_i) range {min(current):,.0f}–{max(current):,.0f}, "
          f"mean {sum(r['cur'] * r['N'] for r in rows) / total_n:,.0f}")
    for factor in sorted({0.97, 0.98, 0.99, 1.0, PREVIOUS_YEAR_LEVEL_FACTOR}):
        prev = [r["prev"] * factor / PREVIOUS_YEAR_LEVEL_FACTOR for r in rows]
        hit = [(r, p) for r, p in zip(rows, prev) if r["cur"] / p > g]
        demand = sum((r["cur"] - p * g) * r["N"] for r, p in hit)
        print(f"  PREVIOUS_YEAR_LEVEL_FACTOR {factor}: relief for {len(hit)} municipalities, "
              f"about {demand:,.0f}円 of F (est.)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
