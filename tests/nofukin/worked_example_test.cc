// The synthetic worked example of spec/nofukin.md §1.6, every figure checked.
//
// Hand derivation (α = 0.5), shares from N = 50,000/20,000/5,000 (ΣN 75,000),
// H = 32,000/13,000/3,500 (ΣH 48,500), I = 40/12/2.5 bn (ΣI 54.5 bn):
//   w_A = {1 + 0.5(0.98−1)}·{0.9·0.7339449541 + 0.7·0.6666666667 + 0.3·0.6597938144}/1.9
//       = 0.99 · 1.3273... /1.9 = 0.6904756405
//   Σw = 1.0026082026214 ⇒ γ = 1/Σw = 0.9973985824028 (13 dp, 四捨五入)
//   B_A = 7,500,000,000 × w_A × γ = 5,165,095,687.x → floor 5,165,095,687
#include <gtest/gtest.h>

#include "nofukin/engine.h"
#include "test_cases.h"

namespace kokuho::nofukin {
namespace {

using testing::WorkedExample;

TEST(WorkedExample, AlphaHalfMatchesSpecTable) {
  Result r = Compute(WorkedExample("0.5"));
  const PartResult& pr = *r.part(Part::kIryo);
  EXPECT_EQ(pr.base_total, 7'500'000'000);
  EXPECT_EQ(pr.weight_sum.ToDecimalString(13), "1.0026082026214");
  EXPECT_EQ(pr.gamma.ToDecimalString(13), "0.9973985824028");

  const Yen floors[] = {5'165'095'687, 1'877'505'505, 457'398'806};
  const char* weights[] = {"0.6904756405", "0.2509869894", "0.0611455727"};
  for (int i = 0; i < 3; ++i) {
    const auto& m = r.municipalities[i].part(Part::kIryo);
    EXPECT_EQ(m.base_exact.Floor(), floors[i]) << i;
    EXPECT_EQ(m.weight.ToDecimalString(10), weights[i]) << i;
  }
  // Flooring leaves 7,499,999,998; the two residual yen close the sum (largest remainder).
  EXPECT_EQ(pr.floor_sum, 7'499'999'998);
  EXPECT_EQ(pr.residual, 2);
  Yen sum = 0;
  for (const auto& m : r.municipalities) sum += m.part(Part::kIryo).base;
  EXPECT_EQ(sum, 7'500'000'000);

  // P = B + 加算 − 減算; S = P + 保健事業費 − 保険者支援分; F = S / r (spec table, B floored).
  const Yen p_floor[] = {5'170'095'687, 1'877'505'505, 447'398'806};
  const Yen s_floor[] = {5'200'095'687, 1'867'505'505, 442'398'806};
  const Yen f_rounded[] = {5'591'500'739, 1'965'795'268, 456'081'243};
  const char* income_rate[] = {"6.97", "6.98", "6.87"};
  const Yen per_capita[] = {39'382, 39'436, 38'839};
  const Yen per_household[] = {26'100, 26'136, 25'740};
  for (int i = 0; i < 3; ++i) {
    const auto& m = r.municipalities[i].part(Part::kIryo);
    const Yen bump = m.base - m.base_exact.Floor();  // 0 or 1 residual yen
    EXPECT_EQ(m.nofukin - bump, p_floor[i]) << i;
    EXPECT_EQ(m.premium_need - bump, s_floor[i]) << i;
    EXPECT_NEAR(m.levy_total.ToDouble(), static_cast<double>(f_rounded[i]), 2.0) << i;
    EXPECT_EQ(m.municipal_standard.income_rate_percent.ToDecimalString(2), income_rate[i]) << i;
    EXPECT_EQ(m.municipal_standard.per_capita, per_capita[i]) << i;
    EXPECT_EQ(m.municipal_standard.per_household, per_household[i]) << i;
  }
  // Σ納付金 = 保険料収納必要総額 to the yen (no relief in this case).
  EXPECT_EQ(r.nofukin_total(), 7'495'000'000);
}

TEST(WorkedExample, AlphaZeroGivesGammaOneAndSpecBases) {
  Result r = Compute(WorkedExample("0"));
  const PartResult& pr = *r.part(Part::kIryo);
  EXPECT_EQ(pr.gamma, Rational(1));
  const Yen floors[] = {5'230'876'064, 1'836'490'166, 432'633'769};
  for (int i = 0; i < 3; ++i)
    EXPECT_EQ(r.municipalities[i].part(Part::kIryo).base_exact.Floor(), floors[i]) << i;
  EXPECT_EQ(pr.floor_sum, 7'499'999'999);
  EXPECT_EQ(pr.residual, 1);
}

TEST(WorkedExample, ShareRoundingTo10DecimalsGivesSpecGamma) {
  // spec §1.6: "rounding the shares to 10 decimals gives γ = 0.9973985824132 with the same B_i".
  Case c = WorkedExample("0.5");
  c.rounding.share_decimals = 10;
  Result r = Compute(c);
  EXPECT_EQ(r.part(Part::kIryo)->gamma.ToDecimalString(13), "0.9973985824132");
  const Yen floors[] = {5'165'095'687, 1'877'505'505, 457'398'806};
  for (int i = 0; i < 3; ++i)
    EXPECT_EQ(r.municipalities[i].part(Part::kIryo).base_exact.Floor(), floors[i]) << i;
}

}  // namespace
}  // namespace kokuho::nofukin
