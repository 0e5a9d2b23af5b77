// Issue 12 item 7: a coarse rounding of γ (any gamma_decimals the loader accepts, 1–30) used
// to stop the run with "amounts differ from their total by more than one yen each". The
// rounding of γ leaves Σ C·w_i·γ off C by a proportional error, which the engine now spreads
// over the municipalities in proportion to their amounts before the yen rounding
// (allocation.h), so Σ B_i = C for every setting.
//
// Hand derivation on the worked example of spec/nofukin.md §1.6 (α = 0.5):
//   Σw = 1.0026082026214…, γ exact = 0.9973985824028…
//   gamma_decimals 2 ⇒ γ = 1.00 (四捨五入) ⇒ Σ C·w_i·γ = 7,500,000,000 × Σw = 7,519,561,519.66…
//   so C − Σ C·w_i·γ = −19,561,519.66…円 (what flooring then left over: −19,561,520 yen,
//   far more than one yen per municipality). Spread in proportion, each amount becomes
//   C·w_i·γ × C/(C·γ·Σw) = C·w_i/Σw — the amount with γ unrounded — so B_i are the same as
//   with 13 places: 5,165,095,687 / 1,877,505,505 / 457,398,806 floored, and the two residual
//   yen to the largest fractions, Σ = 7,500,000,000.
#include <gtest/gtest.h>

#include "../core/rational_expect.h"
#include "nofukin/engine.h"
#include "readers/case_loader.h"
#include "test_cases.h"

namespace kokuho::nofukin {
namespace {

using testing::WorkedExample;

std::vector<Yen> Bases(const Result& r, Part p) {
  std::vector<Yen> out;
  for (const auto& m : r.municipalities) out.push_back(m.part(p).base);
  return out;
}

TEST(GammaRounding, TwoDecimalsOnTheWorkedExample) {
  Case c = WorkedExample("0.5");
  c.rounding.gamma_decimals = 2;
  const Result r = Compute(c);
  const PartResult& pr = *r.part(Part::kIryo);
  EXPECT_EQ(pr.gamma, Rational(1));
  EXPECT_NEAR(pr.gamma_difference.ToDouble(), -19'561'519.66, 0.01);
  const Yen floors[] = {5'165'095'687, 1'877'505'505, 457'398'806};
  Yen sum = 0;
  for (int i = 0; i < 3; ++i) {
    const auto& m = r.municipalities[i].part(Part::kIryo);
    EXPECT_EQ(m.base_closed.Floor(), floors[i]) << i;
    EXPECT_GE(m.base - floors[i], 0) << i;  // floor, then 0 or 1 residual yen
    EXPECT_LE(m.base - floors[i], 1) << i;
    sum += m.base;
  }
  EXPECT_EQ(sum, 7'500'000'000);
  EXPECT_EQ(pr.floor_sum, 7'499'999'998);
  EXPECT_EQ(pr.residual, 2);
  // The same B_i as with γ to 13 places (where C·w·γ is within 0.001円 of C·w/Σw).
  EXPECT_EQ(Bases(r, Part::kIryo), Bases(Compute(WorkedExample("0.5")), Part::kIryo));
}

// Every setting the loader accepts (1–30 places) closes Σ B_i = C, with the same B_i.
TEST(GammaRounding, EveryAcceptedSettingClosesTheSum) {
  const Case base = LoadCase(KOKUHO_SOURCE_DIR "/examples/gunma");
  const Result reference = Compute(base);
  for (int d = 1; d <= 30; ++d) {
    Case c = base;
    c.rounding.gamma_decimals = d;
    const Result r = Compute(c);
    for (const PartResult& pr : r.parts) {
      Yen sum = 0;
      Rational closed(0);
      for (const auto& m : r.municipalities) {
        sum += m.part(pr.part).base;
        closed += m.part(pr.part).base_closed;
      }
      EXPECT_EQ(sum, pr.base_total) << "gamma_decimals " << d << " " << PartKey(pr.part);
      EXPECT_RAT_EQ(closed, Rational(pr.base_total)) << d;
      EXPECT_GE(pr.residual, 0) << d;
      EXPECT_LT(pr.residual, static_cast<Yen>(r.municipalities.size())) << d;
      EXPECT_EQ(Bases(r, pr.part), Bases(reference, pr.part)) << d << " " << PartKey(pr.part);
      EXPECT_RAT_EQ(pr.gamma, pr.gamma_exact.RoundToDecimals(d, RoundingMode::kHalfUp)) << d;
    }
  }
}

}  // namespace
}  // namespace kokuho::nofukin
