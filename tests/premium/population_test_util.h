// Helpers for the population tests: a column-by-column comparison of two Populations
// (each column named in the failure) and a small synthetic prefecture.
#pragma once

#include <gtest/gtest.h>

#include "premium/population.h"
#include "premium/synth.h"

namespace kokuho::premium::testing {

/// Expects every column (and the municipality table) of `a` and `b` to be equal.
inline void ExpectSamePopulation(const Population& a, const Population& b) {
  EXPECT_EQ(a.municipalities, b.municipalities);
#define KOKUHO_EXPECT_COLUMN(c) EXPECT_TRUE(a.c == b.c) << "column " #c " differs"
  KOKUHO_EXPECT_COLUMN(household_id);
  KOKUHO_EXPECT_COLUMN(municipality);
  KOKUHO_EXPECT_COLUMN(tokutei_since);
  KOKUHO_EXPECT_COLUMN(member_offset);
  KOKUHO_EXPECT_COLUMN(birth_date);
  KOKUHO_EXPECT_COLUMN(flags);
  KOKUHO_EXPECT_COLUMN(joined);
  KOKUHO_EXPECT_COLUMN(left);
  KOKUHO_EXPECT_COLUMN(salary_revenue);
  KOKUHO_EXPECT_COLUMN(family_salary);
  KOKUHO_EXPECT_COLUMN(pension_revenue);
  KOKUHO_EXPECT_COLUMN(business);
  KOKUHO_EXPECT_COLUMN(family_salary_paid);
  KOKUHO_EXPECT_COLUMN(other_income);
  KOKUHO_EXPECT_COLUMN(land_gains);
  KOKUHO_EXPECT_COLUMN(land_gains_deduction);
  KOKUHO_EXPECT_COLUMN(total_income);
  KOKUHO_EXPECT_COLUMN(reduction_income);
  KOKUHO_EXPECT_COLUMN(fixed_asset_tax);
  KOKUHO_EXPECT_COLUMN(former_dependent_since);
  KOKUHO_EXPECT_COLUMN(unemployment_separation);
  KOKUHO_EXPECT_COLUMN(unemployment_reason);
  KOKUHO_EXPECT_COLUMN(birth_month);
#undef KOKUHO_EXPECT_COLUMN
}

/// Three municipalities of different sizes and insured/households ratios (real 団体コード
/// of 群馬県, made-up counts).
inline SynthOptions SmallPrefecture(std::int64_t households, std::uint64_t seed = 7) {
  SynthOptions o;
  o.municipalities = {{"102016", "前橋市", 56'440, 36'860},
                      {"102024", "高崎市", 64'583, 41'904},
                      {"103667", "上野村", 225, 141}};
  o.households = households;
  o.seed = seed;
  o.fiscal_year = 2026;
  return o;
}

}  // namespace kokuho::premium::testing
