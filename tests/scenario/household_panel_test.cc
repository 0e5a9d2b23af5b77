// The scenario's household panel: the bands of change (worked at each edge) and the panel's
// counts on a synthetic population.
#include "scenario/household_panel.h"

#include <gtest/gtest.h>

#include <numeric>

#include "premium/batch.h"
#include "premium/synth.h"
#include "readers/premium_rules_loader.h"

namespace kokuho::scenario {
namespace {

// Edges: −20% exactly is "20%以上減" (band 0); +5% exactly is "5〜10%増" (band 6).
TEST(ChangeBand, Edges) {
  EXPECT_EQ(ChangeBand(10000, 8000), 0);   // −20.00%
  EXPECT_EQ(ChangeBand(10000, 8001), 1);   // −19.99%
  EXPECT_EQ(ChangeBand(10000, 9000), 1);   // −10%
  EXPECT_EQ(ChangeBand(10000, 9001), 2);   // −9.99%
  EXPECT_EQ(ChangeBand(10000, 9500), 2);   // −5%
  EXPECT_EQ(ChangeBand(10000, 9999), 3);   // −0.01%
  EXPECT_EQ(ChangeBand(10000, 10000), 4);  // 変化なし
  EXPECT_EQ(ChangeBand(10000, 10499), 5);  // +4.99%
  EXPECT_EQ(ChangeBand(10000, 10500), 6);  // +5%
  EXPECT_EQ(ChangeBand(10000, 11000), 7);  // +10%
  EXPECT_EQ(ChangeBand(10000, 11999), 7);  // +19.99%
  EXPECT_EQ(ChangeBand(10000, 12000), 8);  // +20%
  EXPECT_EQ(ChangeBand(0, 0), 4);
  EXPECT_EQ(ChangeBand(0, 100), 8);  // from nothing to something: the top band
  EXPECT_EQ(ChangeBand(100, 0), 0);  // −100%
  EXPECT_STREQ(ChangeBandLabel(6), "5〜10%増");
}

premium::RateSchedule Schedule(const std::string& code, premium::Ppm income_rate, Yen per_capita) {
  premium::RateSchedule s;
  s.municipality = code;
  s.fiscal_year = 2026;
  for (Part p : {Part::kIryo, Part::kShien, Part::kKaigo, Part::kKodomo}) {
    auto& r = s.parts[static_cast<int>(p)];
    r.levied = true;
    r.income_rate = income_rate;
    r.per_capita = per_capita;
    r.per_household = per_capita / 2;
  }
  return s;
}

TEST(HouseholdPanel, CountsAddUpAndMatchTheLevy) {
  premium::SynthOptions o;
  o.households = 3000;
  o.seed = 7;
  o.fiscal_year = 2026;
  o.municipalities = {{"102016", "前橋市", 1800, 1000}, {"102024", "高崎市", 1800, 1000}};
  const premium::Population pop = premium::Synthesize(o);
  const premium::NationalRules rules = LoadNationalRules(2026);
  HouseholdPanel panel(pop, rules, 2);
  std::vector<premium::RateSchedule> year1, year2;
  for (const auto& code : pop.municipalities) {
    year1.push_back(Schedule(code, 80'000, 30'000));
    year2.push_back(Schedule(code, 88'000, 30'000));  // 所得割 8% → 8.8%
  }
  const HouseholdYear a = panel.Levy(year1);
  const HouseholdYear b = panel.Levy(year2);
  const auto total = [](const BandCounts& c) { return std::accumulate(c.begin(), c.end(), 0LL); };
  EXPECT_EQ(total(a.change_base), a.households);
  EXPECT_EQ(a.change_base[4], a.households);  // the first year against itself: no change
  EXPECT_EQ(total(b.change_base), b.households);
  EXPECT_EQ(total(b.change_previous), b.households);
  // A higher 所得割率 and nothing else: no household pays less.
  for (int band = 0; band < 4; ++band) EXPECT_EQ(b.change_base[band], 0) << band;
  // The panel's levy is the batch's levy.
  std::vector<premium::CompiledSchedule> compiled;
  for (const auto& s : year2) compiled.push_back(premium::Compile(s, rules));
  EXPECT_EQ(b.levy_total, premium::LevySum(premium::PrepareAll(pop, rules, 1), compiled, 1));
  Yen by_decile = 0;
  for (Yen v : b.levy_by_decile) by_decile += v;
  EXPECT_EQ(by_decile, b.levy_total);
}

}  // namespace
}  // namespace kokuho::scenario
