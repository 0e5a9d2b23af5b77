// One code path: 100,000 random households levied one by one (LevyOne, as `kokuho levy`)
// and as a population (PrepareAll + LevyAll on all cores, as `kokuho microsim`) must give
// identical yen, household by household and in the municipality totals.
#include <gtest/gtest.h>

#include "premium/batch.h"
#include "premium/compact.h"
#include "premium/levy.h"
#include "premium_fixtures.h"
#include "random_household.h"
#include "readers/premium_rules_loader.h"

namespace kokuho::premium {
namespace {

TEST(PremiumBatchIdentity, HundredThousandHouseholdsSingleEqualsBatch) {
  for (int fy : {2020, 2026}) {
    const NationalRules rules = LoadNationalRules(fy);
    std::vector<RateSchedule> schedules = {testing::SimpleSchedule(fy),
                                           testing::SimpleSchedule(fy)};
    schedules[1].municipality = "999998";
    schedules[1].kind = LevyKind::kZei;
    schedules[1].rounding_unit = 100;
    schedules[1].parts[0].asset_rate = 150'000;  // 4方式
    schedules[1].parts[1].cap = 180'000;         // a lower cap by 条例
    schedules[1].cap_prorated = false;
    std::vector<CompiledSchedule> compiled;
    for (const auto& s : schedules) compiled.push_back(Compile(s, rules));
    std::mt19937_64 rng(20261123 + fy);
    Population pop;
    pop.MunicipalityIndex("999999");
    pop.MunicipalityIndex("999998");
    const int n = fy == 2026 ? 100'000 : 20'000;
    std::vector<Yen> single(n);
    std::vector<std::array<Yen, kPartCount>> single_parts(n), single_keigen(n);
    std::vector<MunicipalityTotals> expected(2);
    int total_only_mismatches = 0;  // LevyTotal (the batch's sum) against the full levy
    for (int i = 0; i < n; ++i) {
      const Household h = testing::RandomHousehold(rng, fy);
      const std::uint16_t m = static_cast<std::uint16_t>(i % 2);
      pop.Add(h, m, i);
      const HouseholdLevy l = LevyOne(pop.Get(i), schedules[m], rules, false);
      single[i] = l.result.total;
      for (int p = 0; p < kPartCount; ++p) {
        single_parts[i][p] = l.result.parts[p].amount;
        single_keigen[i][p] = l.result.parts[p].keigen;
      }
      total_only_mismatches += LevyTotal(l.prepared, compiled[m]) != l.result.total;
      expected[m].total += l.result.total;
      for (int p = 0; p < kPartCount; ++p)
        expected[m].parts[p].keigen[l.prepared.tier] += l.result.parts[p].keigen;
    }
    const auto prepared = PrepareAll(pop, rules);
    const auto batch = LevyAll(prepared, compiled, AssignDeciles(prepared), true);
    int mismatches = 0;
    for (int i = 0; i < n; ++i) mismatches += batch.household_totals[i] != single[i];
    EXPECT_EQ(mismatches, 0) << "FY" << fy;
    EXPECT_EQ(total_only_mismatches, 0) << "FY" << fy;
    for (int m = 0; m < 2; ++m) {
      EXPECT_EQ(batch.municipalities[m].total, expected[m].total);
      for (int p = 0; p < kPartCount; ++p)
        EXPECT_EQ(batch.municipalities[m].parts[p].keigen, expected[m].parts[p].keigen);
    }
    // LevyEach (the Python module's per-household columns), on one and two threads.
    for (unsigned threads : {1u, 2u, 3u}) {
      const bool with_detail = threads != 3;  // 3: the 賦課額 alone (LevyAmounts)
      std::vector<Yen> total(n, -1);
      std::array<std::vector<Yen>, kPartCount> amount, keigen;
      std::vector<std::uint8_t> tier(n, 9);
      HouseholdColumns cols;
      cols.total = total.data();
      cols.tier = tier.data();
      for (int p = 0; p < kPartCount; ++p) {
        amount[p].assign(n, -1);
        keigen[p].assign(n, -1);
        cols.amount[p] = amount[p].data();
        if (with_detail) cols.keigen[p] = keigen[p].data();
      }
      LevyEach(prepared, compiled, cols, threads);
      int each_mismatches = 0;
      for (int i = 0; i < n; ++i) {
        each_mismatches += total[i] != single[i] || tier[i] != prepared[i].tier;
        for (int p = 0; p < kPartCount; ++p)
          each_mismatches += amount[p][i] != single_parts[i][p] ||
                             (with_detail && keigen[p][i] != single_keigen[i][p]);
      }
      EXPECT_EQ(each_mismatches, 0) << "FY" << fy << " threads " << threads;
    }
    EXPECT_EQ(LevySum(prepared, compiled, 1), LevySum(prepared, compiled, 2));
    EXPECT_EQ(LevySum(prepared, compiled), expected[0].total + expected[1].total);
    // The compact layout (24-byte records for households without a rare feature).
    const CompactPopulation compact = Compact(prepared);
    EXPECT_GT(compact.plain.size(), prepared.size() / 2);
    EXPECT_GT(compact.rare.size(), 0u);
    EXPECT_EQ(LevySum(compact, compiled, 1), expected[0].total + expected[1].total);
    EXPECT_EQ(LevySum(compact, compiled, 2), expected[0].total + expected[1].total);
  }
}

}  // namespace
}  // namespace kokuho::premium
