// 普通調整交付金 (src/chosei): worked examples by hand with the embedded R5 coefficients
// (応益 0.35 [unconfirmed placeholder], cap 46,330.86 [the pre-amendment cap, unconfirmed];
// 応能 0.0000007003787, cap 0.0924897571335, 13 decimals half-up), and a property test.
#include "chosei/grant.h"

#include <gtest/gtest.h>

#include <random>

#include "readers/chosei_loader.h"

namespace kokuho::chosei {
namespace {

Coefficients R5() { return LoadChoseiCoefficients(FiscalYear(2023)); }

TEST(ChoseiGrant, NoCapWorkedExample) {
  // D = 1,000,000,000, N = 10,000 -> d = 100,000.
  // 応益割額 = 0.35 × 100,000 = 35,000 (< 46,330.86) -> × 10,000 = 350,000,000
  // 応能割率 = 0.0000007003787 × 100,000 = 0.07003787 (< cap)
  //          -> 2,000,000,000 × 0.07003787 = 140,075,740
  // 収入額 = 490,075,740; grant = 1,000,000,000 − 490,075,740 = 509,924,260
  GrantCalc g = Evaluate(R5(), 1'000'000'000, 10'000, 2'000'000'000);
  EXPECT_EQ(g.ouneki_per_head, Rational(35'000));
  EXPECT_EQ(g.ounou_rate, Rational::Parse("0.07003787"));
  EXPECT_EQ(g.income_amount, 490'075'740);
  EXPECT_EQ(g.grant, 509'924'260);
}

TEST(ChoseiGrant, BothCapsWorkedExample) {
  // d = 150,000: 応益 0.35 × 150,000 = 52,500 > cap -> 46,330.86 × 10,000 = 463,308,600
  // 応能 0.0000007003787 × 150,000 = 0.105056805 > cap -> 0.0924897571335
  //      × 2,000,000,000 = 184,979,514.267
  // 収入額 = floor(648,288,114.267) = 648,288,114; grant = 851,711,886
  GrantCalc g = Evaluate(R5(), 1'500'000'000, 10'000, 2'000'000'000);
  EXPECT_EQ(g.ouneki_per_head, Rational::Parse("46330.86"));
  EXPECT_EQ(g.ounou_rate, Rational::Parse("0.0924897571335"));
  EXPECT_EQ(g.income_amount, 648'288'114);
  EXPECT_EQ(g.grant, 851'711'886);
}

TEST(ChoseiGrant, RateRoundedTo13Decimals) {
  // D = 300,001, N = 3 -> d = 100,000.333…
  // 応能 = 0.07003787 + 0.0000007003787/3 = 0.0700381034595|666… -> 0.0700381034596
  // 応益割額 = 0.35 × 100,000.333… = 35,000.11666… -> 35,000.12 (銭未満四捨五入), × 3 =
  // 105,000.36; 応能 = 1,000,000 × 0.0700381034596 = 70,038.1034596
  // 収入額 = floor(175,038.4634596) = 175,038; grant = 300,001 − 175,038 = 124,963
  GrantCalc g = Evaluate(R5(), 300'001, 3, 1'000'000);
  EXPECT_EQ(g.ouneki_per_head, Rational::Parse("35000.12"));
  EXPECT_EQ(g.ounou_rate, Rational::Parse("0.0700381034596"));
  EXPECT_EQ(g.income_amount, 175'038);
  EXPECT_EQ(g.grant, 124'963);
}

TEST(ChoseiGrant, ReformWorkedExampleLoses) {
  // 医療給付費等 1,600,000,000 − 公費等 400,000,000 − 前期 200,000,000 = D 1,000,000,000
  // (current grant 509,924,260 as above). 地域差指数 1.25 -> D_std = 800,000,000, d = 80,000:
  // 応益 28,000 × 10,000 = 280,000,000; 応能 0.056030296 × 2,000,000,000 = 112,060,592
  // 収入額 392,060,592; grant 407,939,408; difference −101,984,852 (the prefecture loses).
  Prefecture p{"13",   "X",           1'600'000'000,           400'000'000, 200'000'000,
               10'000, 2'000'000'000, Rational::Parse("1.25"), {}};
  PrefectureGrant r = ComputeGrant(R5(), p);
  EXPECT_EQ(r.actual.grant, 509'924'260);
  ASSERT_TRUE(r.reform);
  EXPECT_EQ(r.reform->demand, 800'000'000);
  EXPECT_EQ(r.reform->income_amount, 392'060'592);
  EXPECT_EQ(r.reform->grant, 407'939'408);
  EXPECT_EQ(*r.Difference(), -101'984'852);
}

TEST(ChoseiGrant, IncomeAboveDemandGivesZero) {
  // d = 10,000: 応益 3,500 × 100 = 350,000, plus 応能
  // 0.007003787 × 100,000,000 = 700,378.7 -> 収入額 1,050,378 > 1,000,000 -> grant 0.
  GrantCalc g = Evaluate(R5(), 1'000'000, 100, 100'000'000);
  EXPECT_EQ(g.income_amount, 1'050'378);
  EXPECT_EQ(g.grant, 0);
}

TEST(ChoseiGrant, PropertyGrantIsClampedDifferenceAndIndexOneIsNeutral) {
  const Coefficients c = R5();
  std::mt19937_64 rng(20231120);
  for (int i = 0; i < 300; ++i) {
    const std::int64_t n = 1 + static_cast<std::int64_t>(rng() % 2'000'000);
    const Yen per_head = static_cast<Yen>(rng() % 400'000);
    const Yen benefits = per_head * n * 3;
    const Yen public_funds = benefits / 3, zenki = static_cast<Yen>(rng() % (benefits / 3 + 1));
    const Yen income = static_cast<Yen>(rng() % 1'000'000) * n;
    Prefecture p{"01", "P", benefits, public_funds, zenki, n, income, Rational(1), {}};
    PrefectureGrant r = ComputeGrant(c, p);
    EXPECT_EQ(r.actual.demand, benefits - public_funds - zenki);
    EXPECT_GE(r.actual.grant, 0);
    EXPECT_LE(r.actual.grant, r.actual.demand);
    EXPECT_EQ(r.actual.grant, std::max<Yen>(0, r.actual.demand - r.actual.income_amount));
    EXPECT_LE(r.actual.ounou_rate, c.ounou_cap);
    EXPECT_LE(r.actual.ouneki_per_head, c.ouneki_cap);
    ASSERT_TRUE(r.reform);
    EXPECT_EQ(*r.Difference(), 0);  // 地域差指数 1: the standard is the actual cost
  }
}

}  // namespace
}  // namespace kokuho::chosei
