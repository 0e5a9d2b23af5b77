// 保険者努力支援制度: worked examples for every rule kind, totals and 得点率, the grant
// allocation (Σ = budget to the yen, also on random inputs), the 事業費連動 cap loop, and
// the Nagano R3 table's percentages recomputed from its points.
#include "incentive/scoring.h"

#include <gtest/gtest.h>

#include <random>

#include "incentive/rules.h"
#include "report/incentive_tables.h"

namespace kokuho::incentive {
namespace {

Provenance P() { return {false, "test", {}}; }

IncentiveRules TwoClasses() {
  IncentiveRules r;
  r.size_classes = {{"small", "1万人未満", 0, 10000}, {"large", "1万人以上", 10000, std::nullopt}};
  return r;
}

Entity Mun(std::string code, std::int64_t insured, std::map<std::string, Rational> values) {
  Entity e;
  e.code = std::move(code);
  e.insured = insured;
  e.values = std::move(values);
  return e;
}

// Five small municipalities with 健診 rates 50, 48, 48, 40, 30 (%) and one large one
// with 10%, for the rank rules.
std::vector<Entity> RankedRates() {
  return {
      Mun("a", 100, {{"健診", Rational(50, 100)}}), Mun("b", 200, {{"健診", Rational(48, 100)}}),
      Mun("c", 300, {{"健診", Rational(48, 100)}}), Mun("d", 400, {{"健診", Rational(40, 100)}}),
      Mun("e", 500, {{"健診", Rational(30, 100)}}), Mun("f", 50000, {{"健診", Rational(10, 100)}})};
}

TEST(IncentiveScoring, ThresholdFirstStepMetWins) {
  // 特定保健指導実施率: ≥60% → 70, ≥45% → 45, ≥30% → 20, else 0.
  IncentiveRules r = TwoClasses();
  Item item;
  item.column = "指導";
  item.kind = RuleKind::kThreshold;
  item.percent = true;
  item.tables = {
      {"",
       {{Rational(60, 100), 70, P()}, {Rational(45, 100), 45, P()}, {Rational(30, 100), 20, P()}}}};
  auto pts = [&](Rational v) { return ScoreItem(r, item, Mun("x", 5000, {{"指導", v}}), {}); };
  EXPECT_EQ(pts(Rational(60, 100)), Rational(70));      // exactly on the bound: met
  EXPECT_EQ(pts(Rational(5999, 10000)), Rational(45));  // 59.99% < 60%, ≥ 45%
  EXPECT_EQ(pts(Rational(30, 100)), Rational(20));
  EXPECT_EQ(pts(Rational(2999, 10000)), Rational(0));
  EXPECT_EQ(item.MaxPoints(), Rational(70));
}

TEST(IncentiveScoring, ThresholdPerSizeClassAndLowerIsBetter) {
  // 収納率 by size class (R4 固有① values, spec §3.2): 1万人以上 ≥95.21% → 50, ≥94.17% → 35;
  // 1万人未満 ≥96.40% → 50, ≥95.49% → 35. 95.5% scores 50 in the large class but 35 in
  // the small one.
  IncentiveRules r = TwoClasses();
  Item item;
  item.column = "収納率";
  item.kind = RuleKind::kThreshold;
  item.tables = {
      {"large", {{Rational::Parse("0.9521"), 50, P()}, {Rational::Parse("0.9417"), 35, P()}}},
      {"small", {{Rational::Parse("0.9640"), 50, P()}, {Rational::Parse("0.9549"), 35, P()}}}};
  const Rational v = Rational::Parse("0.955");
  EXPECT_EQ(ScoreItem(r, item, Mun("a", 20000, {{"収納率", v}}), {}), Rational(50));
  EXPECT_EQ(ScoreItem(r, item, Mun("b", 9999, {{"収納率", v}}), {}), Rational(35));
  EXPECT_EQ(ScoreItem(r, item, Mun("c", 10000, {{"収納率", v}}), {}),
            Rational(50));  // 1万 is large

  // Lower is better (地域差指数): ≤0.95 → 40, ≤1.00 → 20; negative steps allowed: a
  // separate item "> 1.05" is modelled as a flag, see NegativeFlag.
  Item lower;
  lower.column = "指数";
  lower.kind = RuleKind::kThreshold;
  lower.lower_is_better = true;
  lower.tables = {{"", {{Rational::Parse("0.95"), 40, P()}, {Rational::Parse("1.00"), 20, P()}}}};
  EXPECT_EQ(ScoreItem(r, lower, Mun("a", 1, {{"指数", Rational::Parse("0.9514")}}), {}),
            Rational(20));
  EXPECT_EQ(ScoreItem(r, lower, Mun("a", 1, {{"指数", Rational::Parse("0.95")}}), {}),
            Rational(40));
  EXPECT_EQ(ScoreItem(r, lower, Mun("a", 1, {{"指数", Rational::Parse("1.0014")}}), {}),
            Rational(0));
}

TEST(IncentiveScoring, PercentileWithinSizeClassWithTies) {
  // Bands: top 30% → 50, top 50% → 35. Small class (N < 1万), 5 municipalities with rates
  // 50, 48, 48, 40, 30 (%); ranks (ties share the better rank) 1, 2, 2, 4, 5.
  // 30% of 5 = 1.5 → rank 1 only; 50% of 5 = 2.5 → ranks 2, 2. So 50, 35, 35, 0, 0.
  // A large municipality with 10% is alone in its class: rank 1 ≤ 0.3 × 1? no; ≤ 0.5? no → 0.
  IncentiveRules r = TwoClasses();
  Item item;
  item.column = "健診";
  item.kind = RuleKind::kPercentile;
  item.bands = {{Rational(3, 10), 50, P()}, {Rational(1, 2), 35, P()}};
  const std::vector<Entity> es = RankedRates();
  std::vector<const Entity*> peers;
  for (const auto& e : es) peers.push_back(&e);
  std::vector<Rational> got;
  for (const auto& e : es) got.push_back(ScoreItem(r, item, e, peers));
  EXPECT_EQ(got, (std::vector<Rational>{50, 35, 35, 0, 0, 0}));

  // Lower is better reverses the ranking: 30% is now rank 1 → 50.
  item.lower_is_better = true;
  EXPECT_EQ(ScoreItem(r, item, es[4], peers), Rational(50));
}

TEST(IncentiveScoring, RankBandsWithinSizeClass) {
  // 順位 bands: 1–2位 → 40, 3–4位 → 35 (the shape of R8 指標②(ⅱ) 1–5位 / 6–10位, on a
  // small class). Small class rates 50, 48, 48, 40, 30 (%): ranks 1, 2, 2, 4, 5
  // → 40, 40, 40, 35, 0. The large municipality is rank 1 of its own class → 40.
  IncentiveRules r = TwoClasses();
  Item item;
  item.column = "健診";
  item.kind = RuleKind::kRank;
  item.ranks = {{2, 40, P()}, {4, 35, P()}};
  const std::vector<Entity> es = RankedRates();
  std::vector<const Entity*> peers;
  for (const auto& e : es) peers.push_back(&e);
  std::vector<Rational> got;
  for (const auto& e : es) got.push_back(ScoreItem(r, item, e, peers));
  EXPECT_EQ(got, (std::vector<Rational>{40, 40, 40, 35, 0, 40}));
  EXPECT_EQ(item.MaxPoints(), Rational(40));
  // Lower is better: 30% is rank 1, 40% rank 2, 48% rank 3 (twice), 50% rank 5.
  item.lower_is_better = true;
  got.clear();
  for (const auto& e : es) got.push_back(ScoreItem(r, item, e, peers));
  EXPECT_EQ(got, (std::vector<Rational>{0, 35, 35, 40, 40, 40}));
}

TEST(IncentiveScoring, ShareOfMunicipalitiesForThePrefecture) {
  // 管内市町村の割合: ≥70% → 20, ≥40% → 10 (the shape of the R7 事業費連動 tiers, 19110/107).
  // 5 municipalities, 3 with the flag: 60% → 10. With a fourth: 80% → 20. One: 20% → 0.
  IncentiveRules r = TwoClasses();
  Item item;
  item.column = "実施";
  item.kind = RuleKind::kShare;
  item.percent = true;
  item.tables = {{"", {{Rational(70, 100), 20, P()}, {Rational(40, 100), 10, P()}}}};
  std::vector<Entity> es;
  for (int k = 0; k < 5; ++k) es.push_back(Mun("m" + std::to_string(k), 100, {{"実施", k < 3}}));
  Entity pref = Mun("100005", 500, {});
  pref.level = Level::kPrefectural;
  auto score = [&] {
    std::vector<const Entity*> peers;
    for (const auto& e : es) peers.push_back(&e);
    return ScoreItem(r, item, pref, peers);
  };
  EXPECT_EQ(score(), Rational(10));
  es[3].values["実施"] = 1;
  EXPECT_EQ(score(), Rational(20));
  for (auto& e : es) e.values["実施"] = 0;
  es[0].values["実施"] = 1;
  EXPECT_EQ(score(), Rational(0));
  // Exactly on the bound is met: 2 of 5 = 40% → 10.
  es[1].values["実施"] = 1;
  EXPECT_EQ(score(), Rational(10));
}

TEST(IncentiveScoring, FlagsIncludingNegativePoints) {
  // 法定外繰入の解消計画未達: yes → −30, no → 0 (R4 固有⑥ −30, spec §3.2).
  IncentiveRules r = TwoClasses();
  Item item;
  item.column = "未達";
  item.kind = RuleKind::kFlag;
  item.points_yes = -30;
  item.points_no = 0;
  EXPECT_EQ(ScoreItem(r, item, Mun("a", 1, {{"未達", 1}}), {}), Rational(-30));
  EXPECT_EQ(ScoreItem(r, item, Mun("a", 1, {{"未達", 0}}), {}), Rational(0));
  EXPECT_EQ(item.MaxPoints(), Rational(0));
  EXPECT_EQ(item.MinPoints(), Rational(-30));
}

TEST(IncentiveScoring, TotalsRateAndAverage) {
  // One indicator (max 100) with a flag +70 and a penalty flag −30:
  // a: yes/no → 70 (70.0%); b: no/yes → −30 (−30.0%); average (70 − 30)/2 = 20.
  IncentiveRules r = TwoClasses();
  Item plus{.key = "plus", .column = "P", .kind = RuleKind::kFlag};
  plus.points_yes = 70;
  Item minus{.key = "minus", .column = "M", .kind = RuleKind::kFlag};
  minus.points_yes = -30;
  r.municipal.indicators = {{"i1", "I1", 100, P(), {plus, minus}}};
  r.prefectural.indicators = {{"p1", "P1", 10, P(), {}}};
  std::vector<Entity> es = {Mun("a", 1000, {{"P", 1}, {"M", 0}}),
                            Mun("b", 3000, {{"P", 0}, {"M", 1}})};
  ScoreResult s = Score(r, es);
  ASSERT_EQ(s.municipal.size(), 2u);
  EXPECT_EQ(s.municipal[0].total, Rational(70));
  EXPECT_EQ(s.municipal[0].rate, Rational(7, 10));
  EXPECT_EQ(s.municipal[1].total, Rational(-30));
  EXPECT_EQ(s.municipal_average_total, Rational(20));
  EXPECT_EQ(s.municipal_average[0], Rational(20));
  // The negative total counts as 0 in the allocation: a gets the whole budget.
  EXPECT_EQ(AllocateGrant(1'000'000, s.municipal), (std::vector<Yen>{1'000'000, 0}));
}

EntityScore Scored(Rational total, std::int64_t insured) {
  EntityScore s;
  s.total = total;
  s.insured = insured;
  return s;
}

TEST(IncentiveAllocation, WorkedExample) {
  // budget 1,000,000; points × 被保険者数: 600 × 1,000 = 600,000; 500 × 2,000 = 1,000,000;
  // 400 × 500 = 200,000; Σ = 1,800,000.
  // exact: 333,333.33…, 555,555.55…, 111,111.11…; floors 999,999, one yen left; the largest
  // fraction (.55…) gets it → 333,333 / 555,556 / 111,111.
  std::vector<EntityScore> s = {Scored(600, 1000), Scored(500, 2000), Scored(400, 500)};
  EXPECT_EQ(AllocateGrant(1'000'000, s), (std::vector<Yen>{333'333, 555'556, 111'111}));
  EXPECT_THROW(AllocateGrant(1'000, {Scored(-5, 10), Scored(0, 20)}), CalculationError);
}

TEST(IncentiveAllocation, SumsToBudgetOnRandomInputs) {
  std::mt19937_64 rng(20211);
  for (int trial = 0; trial < 300; ++trial) {
    const int n = 1 + static_cast<int>(rng() % 40);
    std::vector<EntityScore> s;
    bool any = false;
    for (int i = 0; i < n; ++i) {
      // points −60 … 999.99 in hundredths, 被保険者数 1 … 300,000
      Rational pts(static_cast<std::int64_t>(rng() % 106000) - 6000, 100);
      s.push_back(Scored(pts, 1 + static_cast<std::int64_t>(rng() % 300000)));
      any |= pts.Sign() > 0;
    }
    if (!any) s[0].total = 1;
    const Yen budget = static_cast<Yen>(rng() % 60'000'000'000ULL);
    std::vector<Yen> g = AllocateGrant(budget, s);
    Yen sum = 0;
    for (size_t i = 0; i < g.size(); ++i) {
      sum += g[i];
      if (s[i].total.Sign() <= 0) {
        EXPECT_EQ(g[i], 0);  // nothing for points ≤ 0
      }
      EXPECT_GE(g[i], 0);
    }
    EXPECT_EQ(sum, budget) << "trial " << trial;
  }
}

TEST(IncentiveAllocation, CapsRedistributeUntilNoneBinds) {
  // 事業費連動 (R7, spec §3.1): budget 1,000; weights 6 : 3 : 1; caps 300, 1,000, 1,000.
  // Round 1: 600 / 300 / 100 → the first exceeds 300, fixed at 300.
  // Round 2: 700 left for weights 3 : 1 → 525 / 175 (within caps). Result 300 / 525 / 175.
  EXPECT_EQ(AllocateWithCaps(1000, {6, 3, 1}, {300, 1000, 1000}),
            (std::vector<Yen>{300, 525, 175}));
  // Caps that add up to less than the budget cannot be met.
  EXPECT_THROW(AllocateWithCaps(1000, {1, 1}, {400, 500}), CalculationError);
  std::mt19937_64 rng(7);
  for (int trial = 0; trial < 200; ++trial) {
    const int n = 1 + static_cast<int>(rng() % 47);
    std::vector<Rational> w;
    std::vector<Yen> caps;
    Yen cap_sum = 0;
    for (int i = 0; i < n; ++i) {
      w.push_back(Rational(1 + static_cast<std::int64_t>(rng() % 1'000'000)));
      caps.push_back(static_cast<Yen>(rng() % 2'000'000'000));
      cap_sum += caps.back();
    }
    const Yen budget = cap_sum == 0 ? 0 : static_cast<Yen>(rng() % (cap_sum + 1));
    std::vector<Yen> g = AllocateWithCaps(budget, w, caps);
    Yen sum = 0;
    for (int i = 0; i < n; ++i) {
      EXPECT_LE(g[i], caps[i]);
      sum += g[i];
    }
    EXPECT_EQ(sum, budget);
  }
}

// The R3 table of 長野県「国保運営の中期的改革方針 (ロードマップ) の取組」 資料3 別紙2-④
// (background/003_0b5da67caf252f30.txt, lines 294–348): 満点, 長野県 points, 得点率, and the
// 全国 column. 得点率 = points / 満点, shown to 1 decimal ("※得点率とは、各指標の満点に対して
// 占める割合である"). Each row: {満点, points, printed 得点率 in %}.
struct NaganoRow {
  const char* what;
  const char* max;
  const char* points;
  const char* printed_percent;
};

TEST(IncentiveNaganoR3, PercentagesRecomputedFromPoints) {
  const NaganoRow rows[] = {
      // 1. 都道府県分: 長野県 / 全国
      {"都道府県 指標1 長野", "110", "89", "80.9"},
      {"都道府県 指標1 全国", "110", "59.1", "53.7"},
      {"都道府県 指標2 長野", "80", "25", "31.3"},  // 31.25 → 31.3 (half-up)
      {"都道府県 指標2 全国", "80", "26.1", "32.6"},
      {"都道府県 指標3 長野", "106", "79", "74.5"},
      {"都道府県 指標3 全国", "106", "70.5", "66.5"},
      {"都道府県 合計 長野", "296", "193", "65.2"},
      {"都道府県 合計 全国", "296", "155.7", "52.6"},
      // 2.(1) 市町村分 総合実績 (長野県 市町村平均; 全国 printed 55.88% to 2 decimals)
      {"市町村 合計 長野", "1000", "630.04", "63.0"},
      {"市町村 合計 全国", "1000", "558.80", "55.9"},
      // 2.(2) 共通指標 (長野県)
      {"共通1", "190", "80.71", "42.5"},
      {"共通2", "70", "24.97", "35.7"},
      {"共通3", "120", "108.05", "90.0"},
      {"共通4", "110", "81.36", "74.0"},
      {"共通5", "50", "40.13", "80.3"},
      {"共通6", "130", "76.49", "58.8"},
      {"共通 合計", "670", "411.73", "61.5"},
      // 2.(3) 固有指標 (長野県)
      {"固有1", "100", "48.38", "48.4"},
      {"固有2", "40", "37.75", "94.4"},
      {"固有3", "25", "24.68", "98.7"},
      {"固有4", "30", "16.17", "53.9"},
      {"固有5", "40", "25.03", "62.6"},
      {"固有6", "95", "66.31", "69.8"},
      {"固有 合計", "330", "218.31", "66.2"},
  };
  for (const auto& row : rows) {
    Rational rate = PointRate(Rational::Parse(row.points), Rational::Parse(row.max));
    EXPECT_EQ(RatePercent(rate).ToDecimalString(1), row.printed_percent) << row.what;
  }
  // The table's sums: 共通 670 + 固有 330 = 1,000; 110 + 80 + 106 = 296; 411.73 + 218.31 =
  // 630.04; 89 + 25 + 79 = 193. The per-indicator 市町村平均 are rounded to 2 decimals, so
  // their printed sums differ from the printed subtotals by a hundredth: 共通 items add up
  // to 411.71 (printed 411.73), 固有 items to 218.32 (printed 218.31). Recorded here so the
  // difference is known, not hidden.
  EXPECT_EQ(Rational(190 + 70 + 120 + 110 + 50 + 130), Rational(670));
  EXPECT_EQ(Rational(100 + 40 + 25 + 30 + 40 + 95), Rational(330));
  EXPECT_EQ(Rational(670 + 330), Rational(1000));
  EXPECT_EQ(Rational(110 + 80 + 106), Rational(296));
  EXPECT_EQ(Rational::Parse("80.71") + Rational::Parse("24.97") + Rational::Parse("108.05") +
                Rational::Parse("81.36") + Rational::Parse("40.13") + Rational::Parse("76.49"),
            Rational::Parse("411.71"));
  EXPECT_EQ(Rational::Parse("48.38") + Rational::Parse("37.75") + Rational::Parse("24.68") +
                Rational::Parse("16.17") + Rational::Parse("25.03") + Rational::Parse("66.31"),
            Rational::Parse("218.32"));
  EXPECT_EQ(Rational::Parse("411.73") + Rational::Parse("218.31"), Rational::Parse("630.04"));
  EXPECT_EQ(Rational(89 + 25 + 79), Rational(193));
}

}  // namespace
}  // namespace kokuho::incentive
