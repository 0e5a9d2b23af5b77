// Age standardisation on a textbook example where the crude rates mislead, and the
// property that a municipality with the standard's own band rates gets index 1 and
// the standard's crude rate.
#include "ageindex/standardise.h"

#include <gtest/gtest.h>

#include <random>

#include "core/error.h"
#include "nofukin/age_index.h"

namespace kokuho::ageindex {
namespace {

// The standard: rates per person 1%, 5%, 20% and a standard population 500/300/200.
// Its own crude rate is (0.01×500 + 0.05×300 + 0.20×200) / 1000 = 60/1000 = 6%.
Standard Textbook() {
  Standard s;
  s.bands = {"young", "middle", "old"};
  s.rate = {{"young", Rational(1, 100)}, {"middle", Rational(5, 100)}, {"old", Rational(20, 100)}};
  s.population = {{"young", 500}, {"middle", 300}, {"old", 200}};
  return s;
}

// Town A is young and has exactly the standard's rates:
//   young 600 people, 6 cases (1%); middle 300, 15 (5%); old 100, 20 (20%).
//   crude = 41 / 1000 = 4.1%.
const std::vector<BandCount> kTownA = {{"young", 600, 6}, {"middle", 300, 15}, {"old", 100, 20}};
// Town B is old and its rate is 0.8 × the standard's in every band:
//   young 250, 2 cases (0.8%); middle 300, 12 (4%); old 450, 72 (16%).
//   crude = 86 / 1000 = 8.6% — twice A's, although B is healthier band by band.
const std::vector<BandCount> kTownB = {{"young", 250, 2}, {"middle", 300, 12}, {"old", 450, 72}};

TEST(AgeStandardise, CrudeRatesMislead) {
  Standard s = Textbook();
  EXPECT_EQ(Indirect(kTownA, s).crude_rate, Rational(41, 1000));
  EXPECT_EQ(Indirect(kTownB, s).crude_rate, Rational(86, 1000));
}

TEST(AgeStandardise, IndirectTextbook) {
  Standard s = Textbook();
  // A: expected = 600×0.01 + 300×0.05 + 100×0.20 = 6 + 15 + 20 = 41; index = 41/41 = 1.
  IndirectResult a = Indirect(kTownA, s);
  EXPECT_EQ(a.expected, Rational(41));
  EXPECT_EQ(a.observed, Rational(41));
  EXPECT_EQ(a.index, Rational(1));
  // B: expected = 250×0.01 + 300×0.05 + 450×0.20 = 2.5 + 15 + 90 = 107.5;
  //    index = 86 / 107.5 = 0.8.
  IndirectResult b = Indirect(kTownB, s);
  EXPECT_EQ(b.expected, Rational(215, 2));
  EXPECT_EQ(b.index, Rational(4, 5));
  EXPECT_EQ(b.population, 1000);
}

TEST(AgeStandardise, DirectTextbook) {
  Standard s = Textbook();
  EXPECT_EQ(s.CrudeRate(), Rational(6, 100));
  // A: (6/600×500 + 15/300×300 + 20/100×200) / 1000 = (5 + 15 + 40) / 1000 = 6%.
  DirectResult a = Direct(kTownA, s);
  EXPECT_EQ(a.adjusted_rate, Rational(6, 100));
  EXPECT_EQ(a.ratio, Rational(1));
  // B: (2/250×500 + 12/300×300 + 72/450×200) / 1000 = (4 + 12 + 32) / 1000 = 4.8%;
  //    ratio to the standard 4.8 / 6 = 0.8 — the same verdict as the indirect index.
  DirectResult b = Direct(kTownB, s);
  EXPECT_EQ(b.adjusted_rate, Rational(48, 1000));
  EXPECT_EQ(b.ratio, Rational(4, 5));
  EXPECT_LT(b.adjusted_rate, a.adjusted_rate);  // reversed order of the crude rates
}

// The cost index is the 納付金 engine's ε: one formula in the code base.
TEST(AgeStandardise, CostIndexIsNofukinEpsilon) {
  Standard s;
  s.bands = {"0-39", "40-64", "65-74"};
  s.rate = {{"0-39", Rational(150000)}, {"40-64", Rational(320000)}, {"65-74", Rational(560000)}};
  std::vector<BandCount> bands = {
      {"0-39", 1200, 171'000'000}, {"40-64", 900, 300'000'000}, {"65-74", 1500, 800'000'000}};
  std::vector<nofukin::AgeBand> nb;
  for (const BandCount& b : bands) nb.push_back({b.band, b.population, b.observed, 0});
  // expected = 1200×150000 + 900×320000 + 1500×560000 = 180M + 288M + 840M = 1,308M;
  // ε = 1,271M / 1,308M.
  IndirectResult r = Indirect(bands, s);
  EXPECT_EQ(r.index, Rational(1271, 1308));
  EXPECT_EQ(r.index, nofukin::AgeAdjustedIndex(nb, s.rate, false));
}

TEST(AgeStandardise, PropertyOwnRatesGiveIndexOneAndStandardCrudeRate) {
  std::mt19937 rng(20261123);
  std::uniform_int_distribution<int> percent(0, 60), hundreds(1, 500), bands(1, 8);
  for (int trial = 0; trial < 200; ++trial) {
    Standard s;
    std::vector<BandCount> town;
    const int n = bands(rng);
    for (int a = 0; a < n; ++a) {
      const std::string band = "b" + std::to_string(a);
      const int pct = percent(rng);
      const std::int64_t pop = 100LL * hundreds(rng);
      s.bands.push_back(band);
      s.rate[band] = Rational(pct, 100);
      s.population[band] = hundreds(rng) * 37;
      town.push_back({band, pop, pop / 100 * pct});  // exactly the standard's rate
    }
    if (s.CrudeRate()->IsZero()) continue;
    EXPECT_EQ(Indirect(town, s).index, Rational(1)) << trial;
    DirectResult d = Direct(town, s);
    EXPECT_EQ(d.adjusted_rate, *s.CrudeRate()) << trial;
    EXPECT_EQ(d.ratio, Rational(1)) << trial;
  }
}

TEST(AgeStandardise, Errors) {
  Standard s = Textbook();
  EXPECT_THROW(Indirect({{"young", 0, 0}}, s), CalculationError);  // no population
  EXPECT_THROW(Direct({{"young", 600, 6}, {"middle", 300, 15}, {"old", 0, 0}}, s),
               CalculationError);  // band rate undefined
  EXPECT_THROW(Indirect({{"unknown", 10, 1}}, s), CalculationError);
}

}  // namespace
}  // namespace kokuho::ageindex
