// ε from age bands through the loader (tests/data/age_bands), by hand:
//   expected cost (national, high-cost excluded) for either city:
//     300×180,000 + 300×360,000 + 400×540,000 = 54,000,000 + 108,000,000 + 216,000,000 =
//     378,000,000
//   甲市 actual without 高額超過額: (66−6) + (120−12) + (264−24) = 408,000,000 ⇒ ε = 408/378
//   = 1.0793650… 乙市: 54 + 108 + 216 = 378,000,000 ⇒ ε = 1
// With high-cost costs included (mode none) 甲市 would be 450/420 = 1.0714285…
#include <gtest/gtest.h>

#include "nofukin/engine.h"
#include "readers/case_loader.h"

namespace kokuho::nofukin {
namespace {

const std::string kCase = std::string(KOKUHO_SOURCE_DIR) + "/tests/data/age_bands";

TEST(AgeBandCase, EpsilonByIndirectStandardisationWithHighCostExcluded) {
  Case c = LoadCase(kCase);
  ASSERT_EQ(c.parts.size(), 3u);  // FY2024: no 子ども・子育て支援納付金分
  Result r = Compute(c);
  EXPECT_EQ(r.municipalities[0].part(Part::kIryo).epsilon, Rational(408, 378));
  EXPECT_EQ(r.municipalities[1].part(Part::kIryo).epsilon, Rational(1));
  // α = 1: the higher-cost city pays more 医療分 for similar shares; ΣB = C.
  EXPECT_GT(r.municipalities[0].part(Part::kIryo).base, r.municipalities[1].part(Part::kIryo).base);
  EXPECT_EQ(r.municipalities[0].part(Part::kIryo).base + r.municipalities[1].part(Part::kIryo).base,
            1'000'000'000);
}

TEST(AgeBandCase, WithoutExclusionUsesFullCosts) {
  Case c = LoadCase(kCase);
  c.high_cost = HighCostMode::kNone;
  Result r = Compute(c);
  EXPECT_EQ(r.municipalities[0].part(Part::kIryo).epsilon, Rational(450, 420));
}

}  // namespace
}  // namespace kokuho::nofukin
