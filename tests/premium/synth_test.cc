// The synthetic population: deterministic for a seed on any thread count, households split
// exactly by 世帯数, members matching each municipality's insured/households ratio, valid
// households (one head, insured under 75) and the calibration targets of docs/synth.md.
#include "premium/synth.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>

#include "population_test_util.h"
#include "premium/prepare.h"
#include "premium/synth_parallel.h"
#include "readers/premium_rules_loader.h"

namespace kokuho::premium {
namespace {

using testing::ExpectSamePopulation;
using testing::SmallPrefecture;

TEST(Synth, SameSeedSamePopulationDifferentSeedDifferent) {
  const Population a = Synthesize(SmallPrefecture(20'000, 42));
  const Population b = Synthesize(SmallPrefecture(20'000, 42));
  ExpectSamePopulation(a, b);
  const Population c = Synthesize(SmallPrefecture(20'000, 43));
  EXPECT_NE(a.birth_date, c.birth_date);
  EXPECT_NE(a.salary_revenue, c.salary_revenue);
}

TEST(Synth, ThreadCountDoesNotChangeThePopulation) {
  const Population one = Synthesize(SmallPrefecture(30'001), 1);
  ExpectSamePopulation(one, Synthesize(SmallPrefecture(30'001), 2));
  ExpectSamePopulation(one, Synthesize(SmallPrefecture(30'001), 3));
  ExpectSamePopulation(one, Synthesize(SmallPrefecture(30'001), 7));
}

TEST(Synth, HouseholdsSplitExactlyByTheirShareOfSetaisu) {
  const SynthOptions o = SmallPrefecture(10'007);
  const Population p = Synthesize(o);
  ASSERT_EQ(p.households(), 10'007u);
  std::vector<std::int64_t> count(o.municipalities.size());
  for (std::uint16_t m : p.municipality) ++count[m];
  std::int64_t total_weight = 0, sum = 0;
  for (const auto& m : o.municipalities) total_weight += m.households;
  for (std::size_t i = 0; i < count.size(); ++i) {
    sum += count[i];
    // Largest remainder: each count is the floor or the ceiling of its exact share.
    const double exact = 10'007.0 * o.municipalities[i].households / total_weight;
    EXPECT_LE(std::abs(count[i] - exact), 1.0) << o.municipalities[i].name;
  }
  EXPECT_EQ(sum, 10'007);
  EXPECT_EQ(p.municipalities, (std::vector<std::string>{"102016", "102024", "103667"}));
  // Households are numbered 1..N in municipality order.
  for (std::size_t h = 0; h < p.households(); ++h) {
    EXPECT_EQ(p.household_id[h], static_cast<std::int64_t>(h) + 1);
    if (h > 0) {
      EXPECT_LE(p.municipality[h - 1], p.municipality[h]);
    }
  }
}

TEST(Synth, InsuredPerHouseholdMatchesEachMunicipality) {
  SynthOptions o = SmallPrefecture(200'000);
  o.municipalities[2] = {"103667", "上野村", 400'000, 200'000};  // ratio 2.0, as large
  const Population p = Synthesize(o);
  std::vector<double> insured(3), households(3);
  for (std::size_t h = 0; h < p.households(); ++h) {
    households[p.municipality[h]] += 1;
    for (std::uint32_t i = p.member_offset[h]; i < p.member_offset[h + 1]; ++i)
      if (p.flags[i] & kInsured) insured[p.municipality[h]] += 1;
  }
  for (int m = 0; m < 3; ++m) {
    const double target = static_cast<double>(o.municipalities[m].insured) /
                          static_cast<double>(o.municipalities[m].households);
    EXPECT_NEAR(insured[m] / households[m], target, 0.02 * target) << o.municipalities[m].name;
  }
}

TEST(Synth, EveryHouseholdIsValid) {
  const int fy = 2026;
  const Population p = Synthesize(SmallPrefecture(50'000));
  for (std::size_t h = 0; h < p.households(); ++h) {
    int heads = 0, insured = 0;
    for (std::uint32_t i = p.member_offset[h]; i < p.member_offset[h + 1]; ++i) {
      heads += (p.flags[i] & kHead) ? 1 : 0;
      if (p.flags[i] & kInsured) {
        ++insured;
        // Under 75 on 4月1日: born after 4月2日 of fy − 75.
        EXPECT_GT(p.birth_date[i], (fy - 75) * 10000 + 402) << "household " << h;
      }
      EXPECT_LE(p.birth_date[i], (fy + 1) * 10000 + 331);
    }
    ASSERT_EQ(heads, 1) << "household " << h;
    ASSERT_GE(insured, 1) << "household " << h;
  }
}

// Prints the calibration figures of docs/synth.md and checks they stay near the targets:
// 65–74 share ~41–44%, mean age ~53–54, about 6 in 10 households with a 軽減.
TEST(Synth, CalibrationTargets) {
  const int fy = 2026;
  const Population p = Synthesize(SmallPrefecture(200'000, 1));
  const NationalRules rules = LoadNationalRules(fy);
  double insured = 0, aged65 = 0, under20 = 0, age_sum = 0;
  std::array<double, kTierCount> tiers{};
  double zero_income = 0, income_sum = 0, fictitious = 0, tokutei = 0, former = 0, part_year = 0;
  for (std::size_t h = 0; h < p.households(); ++h) {
    const PreparedHousehold prepared = Prepare(p.Get(h), rules, 0);
    tiers[prepared.tier] += 1;
    if (prepared.keigen_income == 0) zero_income += 1;
    income_sum += static_cast<double>(prepared.keigen_income);
    bool part = false;
    for (std::uint32_t i = p.member_offset[h]; i < p.member_offset[h + 1]; ++i) {
      const std::uint8_t f = p.flags[i];
      if ((f & kHead) && !(f & kInsured)) fictitious += 1;
      if (f & kTokuteiDoitsu) tokutei += 1;
      if (p.former_dependent_since[i]) former += 1;
      if (p.joined[i] || p.left[i]) part = true;
      if (!(f & kInsured)) continue;
      const int b = p.birth_date[i];
      const int age = fy - b / 10000 - (b % 10000 > 402 ? 1 : 0);
      insured += 1;
      age_sum += std::max(age, 0);
      if (age >= 65) aged65 += 1;
      if (age < 20) under20 += 1;
    }
    if (part) part_year += 1;
  }
  const double n = static_cast<double>(p.households());
  const double keigen = (tiers[kSeven] + tiers[kFive] + tiers[kTwo]) / n;
  std::printf(
      "synth calibration (200,000 households, FY%d): insured/household %.3f, 65-74 %.1f%%, "
      "under 20 %.1f%%, mean age %.1f; 軽減 %.1f%% (7割 %.1f%%, 5割 %.1f%%, 2割 %.1f%%), "
      "軽減判定所得 0: %.1f%%, mean %.0f円; 擬制世帯主 %.1f%%, 特定同一 %.1f%%, "
      "旧被扶養者 %.2f%% of households, part-year %.1f%%\n",
      fy, insured / n, 100 * aged65 / insured, 100 * under20 / insured, age_sum / insured,
      100 * keigen, 100 * tiers[kSeven] / n, 100 * tiers[kFive] / n, 100 * tiers[kTwo] / n,
      100 * zero_income / n, income_sum / n, 100 * fictitious / n, 100 * tokutei / n,
      100 * former / n, 100 * part_year / n);
  EXPECT_NEAR(aged65 / insured, 0.42, 0.04);
  EXPECT_NEAR(age_sum / insured, 53.5, 3.0);
  EXPECT_NEAR(keigen, 0.60, 0.08);
  EXPECT_NEAR(fictitious / n, 0.03, 0.01);
}

}  // namespace
}  // namespace kokuho::premium
