// 激変緩和 (spec/nofukin.md §2; src/nofukin/relief.h): hand-checkable examples for
// ComputeRelief, each derivation written out, plus one run through the engine.
//
// Rules under test (relief.h):
//   limit_i = base_i × (1 + 自然増 + x)
//   need_i  = Σ_k ⌈(metric_i − limit_i) × N_i × c_ik⌉           (when metric_i > limit_i)
//   offer_i = Σ_k ⌊(base_i × (1 + f) − metric_i) × N_i × c_ik⌋   (decrease floor f < 0)
//   (one 分: c = κ, the 納付金 per yen of the metric; several: each 分 rounded on its own)
//   funding: held-back decreases first (only as far as needed, pro rata to offers),
//            then the pools in order; when short, every need × available/Σneed, to the
//            yen by the largest-remainder rule.
#include "nofukin/relief.h"

#include <gtest/gtest.h>

#include <numeric>

#include "../core/rational_expect.h"
#include "nofukin/engine.h"
#include "readers/case_loader.h"
#include "test_cases.h"

namespace kokuho::nofukin {
namespace {

using V = std::vector<Yen>;

// One 分 with factor `conversion` (1 for the 納付金 metric).
ReliefCandidate Cand(std::int64_t insured, const Rational& metric, std::optional<Yen> base,
                     const Rational& conversion = Rational(1)) {
  return {insured, metric, base, {conversion}};
}

// 自然増 1.2% + x 1% (as the brief's example; one year of Chiba's "+1%/year").
ReliefPolicy Policy(std::vector<ReliefPool> pools, const char* growth = "0.012",
                    const char* allowance = "0.01") {
  ReliefPolicy p;
  p.enabled = true;
  p.metric = ReliefMetric::kPerCapitaNofukin;
  p.natural_growth = Rational::Parse(growth);
  p.allowance = Rational::Parse(allowance);
  p.pools = std::move(pools);
  return p;
}

TEST(Relief, NeedAboveTheLimitIsGrantedInFull) {
  // limit = 100,000 × (1 + 0.012 + 0.01) = 102,200 per capita.
  // A: metric 105,000, N = 1,000 → need = (105,000 − 102,200) × 1,000 = 2,800,000円.
  // B: metric 101,000 ≤ 102,200 → nothing. C: no base → not compared (no limit).
  // Pool 5,000,000 ≥ 2,800,000 → not short; the pool pays 2,800,000.
  const ReliefOutcome o = ComputeRelief(
      Policy({{"県繰入金(2号分)", 5'000'000}}),
      {Cand(1'000, Rational(105'000), 100'000), Cand(2'000, Rational(101'000), 100'000),
       Cand(500, Rational(200'000), std::nullopt)});
  EXPECT_EQ(o.relief, (V{2'800'000, 0, 0}));
  EXPECT_EQ(o.contribution, (V{0, 0, 0}));
  ASSERT_TRUE(o.limit[0].has_value());
  EXPECT_RAT_EQ(*o.limit[0], Rational(102'200));
  EXPECT_RAT_EQ(*o.limit[1], Rational(102'200));
  EXPECT_FALSE(o.limit[2].has_value());
  const ReliefSummary& s = o.summary;
  EXPECT_TRUE(s.enabled);
  EXPECT_EQ(s.needed, 2'800'000);
  EXPECT_EQ(s.granted, 2'800'000);
  EXPECT_EQ(s.contributions, 0);
  EXPECT_FALSE(s.short_of_funds);
  EXPECT_RAT_EQ(s.pro_rata, Rational(1));
  EXPECT_EQ(s.municipalities_relieved, 1);
  ASSERT_EQ(s.pools.size(), 1u);
  EXPECT_EQ(s.pools[0].name, "県繰入金(2号分)");
  EXPECT_EQ(s.pools[0].budget, 5'000'000);
  EXPECT_EQ(s.pools[0].drawn, 2'800'000);
  // After relief A sits exactly on the limit: 105,000 − 2,800,000 / 1,000 = 102,200.
  EXPECT_RAT_EQ(Rational(105'000) - Rational(o.relief[0]) / Rational(1'000), *o.limit[0]);
}

TEST(Relief, ShortOfFundsSinglePoolProRataFiveSevenths) {
  // A needs 2,800,000 (as above); the only pool holds 2,000,000.
  // Short: pro rata = 2,000,000 / 2,800,000 = 5/7; A gets 2,800,000 × 5/7 = 2,000,000.
  const ReliefOutcome o =
      ComputeRelief(Policy({{"特例基金", 2'000'000}}), {Cand(1'000, Rational(105'000), 100'000)});
  EXPECT_TRUE(o.summary.short_of_funds);
  EXPECT_RAT_EQ(o.summary.pro_rata, Rational(5, 7));
  EXPECT_EQ(o.summary.needed, 2'800'000);
  EXPECT_EQ(o.summary.granted, 2'000'000);
  EXPECT_EQ(o.relief, (V{2'000'000}));
  EXPECT_EQ(o.summary.pools[0].drawn, 2'000'000);
}

TEST(Relief, ShortOfFundsTwoMunicipalitiesTwoPools) {
  // A: need 2,800,000 (metric 105,000, N 1,000). D: metric 102,900, N 1,000 →
  // need (102,900 − 102,200) × 1,000 = 700,000. Σneed = 3,500,000.
  // Pools 1,500,000 + 1,000,000 = 2,500,000 < 3,500,000 → short, pro rata 2.5/3.5 = 5/7:
  //   A 2,800,000 × 5/7 = 2,000,000; D 700,000 × 5/7 = 500,000.
  // Both pools are emptied, in order.
  const ReliefOutcome o = ComputeRelief(
      Policy({{"県繰入金(2号分)", 1'500'000}, {"特例基金", 1'000'000}}),
      {Cand(1'000, Rational(105'000), 100'000), Cand(1'000, Rational(102'900), 100'000)});
  EXPECT_EQ(o.summary.needed, 3'500'000);
  EXPECT_TRUE(o.summary.short_of_funds);
  EXPECT_RAT_EQ(o.summary.pro_rata, Rational(5, 7));
  EXPECT_EQ(o.relief, (V{2'000'000, 500'000}));
  EXPECT_EQ(o.summary.granted, 2'500'000);
  EXPECT_EQ(o.summary.pools[0].drawn, 1'500'000);
  EXPECT_EQ(o.summary.pools[1].drawn, 1'000'000);
  EXPECT_EQ(o.summary.municipalities_relieved, 2);
}

TEST(Relief, PoolsAreDrawnInOrder) {
  // Σneed = 3,500,000 (A 2,800,000 + D 700,000). Pools 2,000,000 / 1,000,000 / 1,000,000 /
  // 5,000,000: the first two are emptied, the third pays the remaining 500,000, the fourth
  // nothing.
  const ReliefOutcome o = ComputeRelief(
      Policy({{"県繰入金(2号分)", 2'000'000},
              {"国の暫定措置", 1'000'000},
              {"特例基金", 1'000'000},
              {"予備", 5'000'000}}),
      {Cand(1'000, Rational(105'000), 100'000), Cand(1'000, Rational(102'900), 100'000)});
  EXPECT_FALSE(o.summary.short_of_funds);
  EXPECT_EQ(o.relief, (V{2'800'000, 700'000}));
  ASSERT_EQ(o.summary.pools.size(), 4u);
  EXPECT_EQ(o.summary.pools[0].drawn, 2'000'000);
  EXPECT_EQ(o.summary.pools[1].drawn, 1'000'000);
  EXPECT_EQ(o.summary.pools[2].drawn, 500'000);
  EXPECT_EQ(o.summary.pools[3].drawn, 0);
  EXPECT_EQ(o.summary.granted, 3'500'000);
}

TEST(Relief, ChibaStyleDecreaseFloorFundsReliefFirst) {
  // Chiba 2017 試算 (spec §2.1, §2.2): cap +3.2% = 自然増 1.2% + 1%/year over FY2016→FY2018,
  // and falls beyond −5% held back to fund the relief.
  //   limit = 100,000 × 1.032 = 103,200;  floor = 100,000 × (1 − 0.05) = 95,000.
  // A (Funabashi-like +15.5%): metric 115,500, N 1,000 → need (115,500 − 103,200) × 1,000
  //   = 12,300,000.
  // B: metric 90,000 (−10%), N 2,000 → offer (95,000 − 90,000) × 2,000 = 10,000,000.
  // C: metric 93,000 (−7%),  N 1,000 → offer (95,000 − 93,000) × 1,000 = 2,000,000.
  // E: metric 97,000 (−3%): inside the band → nothing.
  // Offers 12,000,000 < need 12,300,000: all offers are used; the pool pays 300,000.
  // After: A 115,500 − 12,300 = 103,200 (+3.2% exactly); B 90,000 + 5,000 = 95,000 and
  // C 93,000 + 2,000 = 95,000 (−5% exactly).
  ReliefPolicy p = Policy({{"県繰入金(2号分)", 1'000'000}}, "0.012", "0.02");
  p.decrease_floor = Rational::Parse("-0.05");
  const ReliefOutcome o = ComputeRelief(
      p, {Cand(1'000, Rational(115'500), 100'000), Cand(2'000, Rational(90'000), 100'000),
          Cand(1'000, Rational(93'000), 100'000), Cand(1'000, Rational(97'000), 100'000)});
  EXPECT_RAT_EQ(*o.limit[0], Rational(103'200));
  EXPECT_EQ(o.relief, (V{12'300'000, 0, 0, 0}));
  EXPECT_EQ(o.contribution, (V{0, 10'000'000, 2'000'000, 0}));
  EXPECT_EQ(o.summary.needed, 12'300'000);
  EXPECT_EQ(o.summary.contributions, 12'000'000);
  EXPECT_EQ(o.summary.pools[0].drawn, 300'000);
  EXPECT_EQ(o.summary.granted, 12'300'000);
  EXPECT_FALSE(o.summary.short_of_funds);
  EXPECT_RAT_EQ(Rational(115'500) - Rational(o.relief[0], 1'000), Rational(103'200));
  EXPECT_RAT_EQ(Rational(90'000) + Rational(o.contribution[1], 2'000), Rational(95'000));
  EXPECT_RAT_EQ(Rational(93'000) + Rational(o.contribution[2], 1'000), Rational(95'000));
}

TEST(Relief, DecreasesAreHeldBackOnlyAsFarAsNeeded) {
  // As above but A's metric is 109,200 → need (109,200 − 103,200) × 1,000 = 6,000,000.
  // Offers B 10,000,000 and C 2,000,000 (Σ 12,000,000) exceed it: only 6,000,000 is held
  // back, pro rata to the offers (10 : 2) → B 5,000,000, C 1,000,000; the pool is untouched.
  ReliefPolicy p = Policy({{"県繰入金(2号分)", 1'000'000}}, "0.012", "0.02");
  p.decrease_floor = Rational::Parse("-0.05");
  const ReliefOutcome o = ComputeRelief(
      p, {Cand(1'000, Rational(109'200), 100'000), Cand(2'000, Rational(90'000), 100'000),
          Cand(1'000, Rational(93'000), 100'000)});
  EXPECT_EQ(o.relief, (V{6'000'000, 0, 0}));
  EXPECT_EQ(o.contribution, (V{0, 5'000'000, 1'000'000}));
  EXPECT_EQ(o.summary.contributions, 6'000'000);
  EXPECT_EQ(o.summary.pools[0].drawn, 0);
  EXPECT_EQ(o.summary.granted, 6'000'000);
}

TEST(Relief, NoNeedMeansNothingIsHeldBack) {
  // B would offer 10,000,000 but nobody needs relief: nothing is held back.
  ReliefPolicy p = Policy({{"県繰入金(2号分)", 1'000'000}});
  p.decrease_floor = Rational::Parse("-0.05");
  const ReliefOutcome o = ComputeRelief(
      p, {Cand(1'000, Rational(101'000), 100'000), Cand(2'000, Rational(90'000), 100'000)});
  EXPECT_EQ(o.relief, (V{0, 0}));
  EXPECT_EQ(o.contribution, (V{0, 0}));
  EXPECT_EQ(o.summary.needed, 0);
  EXPECT_EQ(o.summary.granted, 0);
  EXPECT_EQ(o.summary.pools[0].drawn, 0);
  EXPECT_FALSE(o.summary.short_of_funds);
}

TEST(Relief, ShortOfFundsWithHeldBackDecreases) {
  // Needs: A 2,800,000 + D 700,000 = 3,500,000 (limit 102,200).
  // B: metric 94,000, N 1,000, floor −5% (95,000) → offer 1,000,000.
  // Available = 1,000,000 + pool 1,500,000 = 2,500,000 < 3,500,000 → short, 5/7:
  //   A 2,000,000, D 500,000; all of B's 1,000,000 is held back; the pool pays 1,500,000.
  ReliefPolicy p = Policy({{"特例基金", 1'500'000}});
  p.decrease_floor = Rational::Parse("-0.05");
  const ReliefOutcome o = ComputeRelief(
      p, {Cand(1'000, Rational(105'000), 100'000), Cand(1'000, Rational(102'900), 100'000),
          Cand(1'000, Rational(94'000), 100'000)});
  EXPECT_TRUE(o.summary.short_of_funds);
  EXPECT_RAT_EQ(o.summary.pro_rata, Rational(5, 7));
  EXPECT_EQ(o.relief, (V{2'000'000, 500'000, 0}));
  EXPECT_EQ(o.contribution, (V{0, 0, 1'000'000}));
  EXPECT_EQ(o.summary.contributions, 1'000'000);
  EXPECT_EQ(o.summary.pools[0].drawn, 1'500'000);
  EXPECT_EQ(o.summary.granted, 2'500'000);
}

TEST(Relief, NeedIsRoundedUpAtFractions) {
  // Pool large enough: relief = need.
  // P: metric 102,200 + 1/3, N 1,000 → (1/3) × 1,000 = 333.33… → ⌈⌉ = 334.
  // Q: the same with κ = 0.95 → 333.33… × 0.95 = 316.66… → 317.
  // R: base 99,999 → limit 99,999 × 1.022 = 102,198.978; metric 102,199, N 3 →
  //    0.022 × 3 = 0.066 → 1 (rounding up makes the limit hold).
  // S: metric exactly on the limit (102,200) → no need.
  const ReliefOutcome o =
      ComputeRelief(Policy({{"県繰入金(2号分)", 1'000'000}}),
                    {Cand(1'000, Rational(306'601, 3), 100'000),
                     Cand(1'000, Rational(306'601, 3), 100'000, Rational::Parse("0.95")),
                     Cand(3, Rational(102'199), 99'999), Cand(5'000, Rational(102'200), 100'000)});
  EXPECT_RAT_EQ(*o.limit[2], Rational::Parse("102198.978"));
  EXPECT_EQ(o.relief, (V{334, 317, 1, 0}));
  EXPECT_EQ(o.summary.needed, 652);
  EXPECT_EQ(o.summary.municipalities_relieved, 3);
}

TEST(Relief, OfferIsRoundedDownAtFractions) {
  // X needs 2,800,000 (limit 102,200), so every offer is used.
  // Y: metric 94,000.4, N 3, floor 95,000 → 999.6 × 3 = 2,998.8 → ⌊⌋ = 2,998.
  // Z: the same with κ = 0.95 → 2,998.8 × 0.95 = 2,848.86 → 2,848.
  // Held back 2,998 + 2,848 = 5,846; the pool pays 2,800,000 − 5,846 = 2,794,154.
  ReliefPolicy p = Policy({{"県繰入金(2号分)", 10'000'000}});
  p.decrease_floor = Rational::Parse("-0.05");
  const ReliefOutcome o = ComputeRelief(
      p, {Cand(1'000, Rational(105'000), 100'000), Cand(3, Rational(470'002, 5), 100'000),
          Cand(3, Rational(470'002, 5), 100'000, Rational::Parse("0.95"))});
  EXPECT_EQ(o.contribution, (V{0, 2'998, 2'848}));
  EXPECT_EQ(o.summary.contributions, 5'846);
  EXPECT_EQ(o.summary.pools[0].drawn, 2'794'154);
  EXPECT_EQ(o.relief, (V{2'800'000, 0, 0}));
}

TEST(Relief, ProRataYenGoToLargestRemainderTiesToEarlier) {
  // Three municipalities each need (102,201 − 102,200) × 1,000 = 1,000; pool 2,000.
  // Pro rata 2/3: 666.66… each; floors 1,998; the two residual yen go to the earliest
  // entries (equal fractions) → 667, 667, 666.
  const ReliefOutcome o =
      ComputeRelief(Policy({{"特例基金", 2'000}}), {Cand(1'000, Rational(102'201), 100'000),
                                                    Cand(1'000, Rational(102'201), 100'000),
                                                    Cand(1'000, Rational(102'201), 100'000)});
  EXPECT_EQ(o.summary.needed, 3'000);
  EXPECT_RAT_EQ(o.summary.pro_rata, Rational(2, 3));
  EXPECT_EQ(o.relief, (V{667, 667, 666}));
  EXPECT_EQ(o.summary.granted, 2'000);
}

TEST(Relief, DisabledPolicyDoesNothing) {
  ReliefPolicy p = Policy({{"県繰入金(2号分)", 1'000'000}});
  p.enabled = false;
  const ReliefOutcome o = ComputeRelief(p, {Cand(1'000, Rational(200'000), 100'000)});
  EXPECT_FALSE(o.summary.enabled);
  EXPECT_EQ(o.relief, (V{0}));
  EXPECT_EQ(o.contribution, (V{0}));
  EXPECT_FALSE(o.limit[0].has_value());
  EXPECT_EQ(o.summary.needed, 0);
  ASSERT_EQ(o.summary.pools.size(), 1u);
  EXPECT_EQ(o.summary.pools[0].drawn, 0);
}

TEST(Relief, NoPoolsAndNoOffersGrantsNothing) {
  // Need 2,800,000 with no funding at all: short, pro rata 0, nothing granted.
  const ReliefOutcome o = ComputeRelief(Policy({}), {Cand(1'000, Rational(105'000), 100'000)});
  EXPECT_TRUE(o.summary.short_of_funds);
  EXPECT_RAT_EQ(o.summary.pro_rata, Rational(0));
  EXPECT_EQ(o.relief, (V{0}));
  EXPECT_EQ(o.summary.granted, 0);
}

TEST(Relief, MunicipalityNeverBothRelievedAndHeldBack) {
  // With a negative 自然増 the cap can fall below the decrease floor: 自然増 −8% + x 1% →
  // limit = 100,000 × 0.93 = 93,000, while the floor −5% is 95,000. A municipality at
  // 94,000 (N 1,000) is "above the cap" (need 1,000,000) and "below the floor". The loader
  // refuses such a policy; ComputeRelief also guards: a municipality that needs relief
  // gives up nothing, so it gets the 1,000,000 relief and no held-back decrease.
  ReliefPolicy p = Policy({{"県繰入金(2号分)", 10'000'000}}, "-0.08", "0.01");
  p.decrease_floor = Rational::Parse("-0.05");
  const ReliefOutcome o = ComputeRelief(p, {Cand(1'000, Rational(94'000), 100'000)});
  EXPECT_EQ(o.relief[0], 1'000'000);
  EXPECT_EQ(o.contribution[0], 0);
}

// Through the engine: 1人当たり保険料 metric on the §1.6 worked example (α = 0.5).
TEST(Relief, EngineAppliesReliefOnThePremiumMetric) {
  // A: S_A = 5,200,095,687 (+1 if A received a residual yen of B), r_A = 0.93, N_A = 50,000:
  //   metric = S_A / 0.93 / 50,000 = 111,830.01…円.
  // base 108,000, 自然増 1.2% + x 1% → limit = 108,000 × 1.022 = 110,376.
  // One 分, so κ = P/(P/r) = r = 0.93 and
  //   need = ⌈(S_A/0.93/50,000 − 110,376) × 50,000 × 0.93⌉ = S_A − 110,376 × 46,500
  //        = 5,200,095,687 − 5,132,484,000 = 67,611,687 (+1 with the residual yen).
  // After relief S_A = 5,132,484,000 and the metric is exactly 110,376.
  // B and C have no base and are not compared. The pool (100,000,000) pays it all.
  Case c = testing::WorkedExample("0.5");
  c.relief.enabled = true;
  c.relief.metric = ReliefMetric::kPerCapitaPremium;
  c.relief.natural_growth = Rational::Parse("0.012");
  c.relief.allowance = Rational::Parse("0.01");
  c.relief.pools = {{"県繰入金(2号分)", 100'000'000}};
  c.municipalities[0].relief_base_per_capita = 108'000;
  const Result r = Compute(c);
  const MunicipalityResult& a = r.municipalities[0];
  const auto& ap = a.part(Part::kIryo);
  const Yen bump = ap.base - ap.base_exact.Floor();
  EXPECT_RAT_EQ(*a.metric_limit, Rational(110'376));
  EXPECT_EQ(ap.relief, 67'611'687 + bump);
  EXPECT_EQ(ap.premium_need, 5'132'484'000);
  EXPECT_RAT_EQ(a.metric_after, Rational(110'376));
  EXPECT_EQ(a.relief_total, 67'611'687 + bump);
  EXPECT_EQ(r.relief.granted, 67'611'687 + bump);
  EXPECT_EQ(r.relief.pools[0].drawn, 67'611'687 + bump);
  EXPECT_EQ(r.municipalities[1].part(Part::kIryo).relief, 0);
  EXPECT_EQ(r.municipalities[2].part(Part::kIryo).relief, 0);
  // Σ納付金 = 保険料収納必要総額 − the pool's draw.
  EXPECT_EQ(r.nofukin_total(), 7'495'000'000 - 67'611'687 - bump);
}

// Issue 12 item 9: with 分 of different 標準的な収納率 under the 保険料 metric, rounding the
// total need up and then splitting it over the 分 could leave the metric above the limit.
// Each 分 is now rounded up on its own.
TEST(Relief, EachPartRoundedUpKeepsTheLimitExactly) {
  // One municipality, N = 1, base 100, 自然増 0, x 0 → limit 100; metric 101.2 → the levy
  // must fall by E = 1.2 yen. Two 分: P = (2, 1) yen, r = (1, 1/2), so the levy from P is
  // 2/1 + 1/(1/2) = 4 and, in proportion to P, c = P_k / Σ(P/r) = (2/4, 1/4) (κ = 3/4).
  //   now:    need = (⌈1.2 × 1/2⌉, ⌈1.2 × 1/4⌉) = (1, 1) → the levy falls by 1/1 + 1/(1/2) = 3
  //           ≥ 1.2: metric 98.2 ≤ 100.
  //   before: ⌈1.2 × 3/4⌉ = 1 yen split 2 : 1 → quotas 2/3, 1/3 → (1, 0) by the largest
  //           remainder → the levy fell by 1/1 = 1 < 1.2: metric 100.2, above the limit.
  ReliefPolicy p = Policy({{"県繰入金(2号分)", 1'000}}, "0", "0");
  p.metric = ReliefMetric::kPerCapitaPremium;
  ReliefCandidate c{1, Rational::Parse("101.2"), 100, {Rational(1, 2), Rational(1, 4)}};
  const ReliefOutcome o = ComputeRelief(p, {c});
  EXPECT_EQ(o.need, (V{2}));
  EXPECT_EQ(o.relief, (V{2}));
  ASSERT_EQ(o.relief_parts.size(), 1u);
  EXPECT_EQ(o.relief_parts[0], (V{1, 1}));
  const Rational after = Rational::Parse("101.2") - Rational(o.relief_parts[0][0]) / Rational(1) -
                         Rational(o.relief_parts[0][1]) / Rational(1, 2);
  EXPECT_RAT_LE(after, *o.limit[0]);
  EXPECT_RAT_EQ(after, Rational::Parse("98.2"));
}

TEST(Relief, ShortOfFundsNeverGivesAPartMoreThanItsNeed) {
  // need per 分 (1, 1) as above, but only 1 yen available: granted 1, split over the 分 in
  // proportion to (1, 1) → quotas ½, ½ → the first 分 (ties to the earlier) — never 2 on one.
  ReliefPolicy p = Policy({{"県繰入金(2号分)", 1}}, "0", "0");
  p.metric = ReliefMetric::kPerCapitaPremium;
  ReliefCandidate c{1, Rational::Parse("101.2"), 100, {Rational(1, 2), Rational(1, 4)}};
  const ReliefOutcome o = ComputeRelief(p, {c});
  EXPECT_TRUE(o.summary.short_of_funds);
  EXPECT_EQ(o.relief_parts[0], (V{1, 0}));
}

TEST(Relief, HeldBackDecreaseRoundsEachPartDown) {
  // Floor f = −5%: base 100 → floor limit 95; metric 93.9, N = 1 → room 1.1 yen of levy.
  // c = (1/2, 1/4) as above: offer = (⌊0.55⌋, ⌊0.275⌋) = (0, 0) → nothing held back. With
  // N = 10: room 11 → offer (⌊5.5⌋, ⌊2.75⌋) = (5, 2) → the levy rises by 5/1 + 2/(1/2) = 9
  // ≤ 11: the metric ends at 93.9 + 0.9 = 94.8, never above the floor 95.
  ReliefPolicy p = Policy({}, "0", "0");
  p.metric = ReliefMetric::kPerCapitaPremium;
  p.decrease_floor = Rational::Parse("-0.05");
  // A second municipality needs relief, so the offer is used: metric 110, N = 100, one 分.
  const ReliefOutcome o = ComputeRelief(
      p, {ReliefCandidate{10, Rational::Parse("93.9"), 100, {Rational(1, 2), Rational(1, 4)}},
          ReliefCandidate{100, Rational(110), 100, {Rational(1), Rational(0)}}});
  EXPECT_EQ(o.contribution_parts[0], (V{5, 2}));
  EXPECT_EQ(o.contribution[0], 7);
  // Only 7 yen of funds for a need of 1,000: pro rata.
  EXPECT_EQ(o.summary.granted, 7);
}

// Issue 12 item 10: the relief all on 医療分 (split: 医療分) on the Gunma sample; the default
// spreads it over the 分 in proportion to their 納付金. Under the 保険料 metric one yen of the
// metric × N removed from 医療分 takes r_医療 yen of its 納付金, so
//   relief_医療 = ⌈(metric − limit) × N × r_医療⌉ and every other 分's relief is 0.
TEST(Relief, SplitAllOnIryoOnTheGunmaSample) {
  Case c = LoadCase(KOKUHO_SOURCE_DIR "/examples/gunma");
  ASSERT_TRUE(c.relief.enabled);
  ASSERT_EQ(c.relief.metric, ReliefMetric::kPerCapitaPremium);
  c.relief.pools.push_back({"十分な財源", 100'000'000'000});  // never short here
  const Result proportional = Compute(c);
  c.relief.split = ReliefSplit::kIryoOnly;
  const Result iryo = Compute(c);
  int relieved = 0;
  for (size_t i = 0; i < iryo.municipalities.size(); ++i) {
    const MunicipalityResult& m = iryo.municipalities[i];
    const MunicipalityInput& in = c.municipalities[i];
    for (Part p : c.parts) {
      if (p != Part::kIryo) {
        EXPECT_EQ(m.part(p).relief, 0) << m.code.str();
      }
    }
    if (!m.metric_limit || m.metric_before <= *m.metric_limit) {
      EXPECT_EQ(m.part(Part::kIryo).relief, 0) << m.code.str();
      continue;
    }
    ++relieved;
    const Rational excess = (m.metric_before - *m.metric_limit) * Rational(m.insured);
    EXPECT_EQ(m.part(Part::kIryo).relief,
              (excess * in.part(Part::kIryo).collection_rate).ToYen(RoundingMode::kCeil))
        << m.code.str();
    EXPECT_RAT_LE(m.metric_after, *m.metric_limit) << m.code.str();
    // The proportional split relieves every 分 with a positive 納付金.
    const MunicipalityResult& mp = proportional.municipalities[i];
    EXPECT_GT(mp.part(Part::kShien).relief, 0) << m.code.str();
    EXPECT_RAT_LE(mp.metric_after, *mp.metric_limit) << m.code.str();
  }
  EXPECT_GT(relieved, 0);
}

}  // namespace
}  // namespace kokuho::nofukin
