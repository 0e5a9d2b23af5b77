// 賦課限度額 per 分 and fiscal year (国保法施行令 29条の7; 地方税法 703条の4; spec §2), at
// subtotal = cap − 1, cap, cap + 1; caps lower by 条例; the FY2026 子ども分 cap.
#include <gtest/gtest.h>

#include <algorithm>

#include "core/error.h"
#include "rule_helpers.h"

namespace kokuho::premium {
namespace {

using testing::HouseholdOf;
using testing::kIryo;
using testing::kKaigo;
using testing::kKodomo;
using testing::kShien;
using testing::Levy;
using testing::WithIncome;
using testing::ZeroSchedule;

// The caps, written out from spec §2 (医療 / 支援 / 介護 / 子ども; 0 = not levied):
struct YearCaps {
  int fy;
  Yen caps[kPartCount];
};
constexpr YearCaps kCaps[] = {
    {2018, {580'000, 190'000, 160'000, 0}},       // H30: 医療 54 → 58万
    {2019, {610'000, 190'000, 160'000, 0}},       // R1: 医療 61万
    {2020, {630'000, 190'000, 170'000, 0}},       // R2: 医療 63万, 介護 17万
    {2021, {630'000, 190'000, 170'000, 0}},       // R3: unchanged
    {2022, {650'000, 200'000, 170'000, 0}},       // R4: 65万 / 20万
    {2023, {650'000, 220'000, 170'000, 0}},       // R5: 支援 22万
    {2024, {650'000, 240'000, 170'000, 0}},       // R6: 支援 24万
    {2025, {660'000, 260'000, 170'000, 0}},       // R7: 66万 / 26万
    {2026, {670'000, 260'000, 170'000, 30'000}},  // R8: 67万, 子ども 3万
};

TEST(PremiumCaps, NationalRulesPerYear) {
  for (const YearCaps& y : kCaps)
    for (int p = 0; p < kPartCount; ++p) {
      EXPECT_EQ(testing::Rules(y.fy).levied[p], y.caps[p] > 0) << y.fy << " " << p;
      if (y.caps[p] > 0) {
        EXPECT_EQ(testing::Rules(y.fy).caps[p], y.caps[p]) << y.fy << " " << p;
      }
    }
}

// Each 分 of each year alone: 平等割 = cap − 1 / cap / cap + 1 (no other rate), one member of
// 45 with 30,000,000 (no 軽減) → amount cap − 1 / cap / cap, 限度超過額 0 / 0 / 1.
TEST(PremiumCaps, EveryPartEveryYearAtTheCap) {
  for (const YearCaps& y : kCaps)
    for (int p = 0; p < kPartCount; ++p) {
      if (y.caps[p] == 0) continue;
      for (Yen d : {-1, 0, 1}) {
        SCOPED_TRACE(::testing::Message() << "FY" << y.fy << " part " << p << " d " << d);
        RateSchedule s = ZeroSchedule(y.fy);
        s.parts[p].per_household = y.caps[p] + d;
        const LevyResult r = Levy(HouseholdOf({WithIncome(y.fy, 45, 30'000'000)}), s);
        EXPECT_EQ(r.parts[p].subtotal, y.caps[p] + d);
        EXPECT_EQ(r.parts[p].cap, y.caps[p]);
        EXPECT_EQ(r.parts[p].amount, std::min(y.caps[p], y.caps[p] + d));
        EXPECT_EQ(r.parts[p].over_cap, d > 0 ? d : 0);
      }
    }
}

// Reaching the cap through the 所得割 (FY2024 医療 10%, 均等割 30,000, 平等割 20,000; one member):
//   base 5,999,990 → 599,999 + 50,000 = 649,999 → 649,999
//   base 6,000,000 → 600,000 + 50,000 = 650,000 → 650,000
//   base 6,000,010 → 600,001 + 50,000 = 650,001 → 650,000 (限度超過 1)
// (総所得金額等 = base + 430,000.)
TEST(PremiumCaps, IryoThroughTheIncomeLevy) {
  RateSchedule s = ZeroSchedule(2024);
  s.parts[kIryo] = testing::Rates(100'000, 30'000, 20'000);
  const Yen bases[] = {5'999'990, 6'000'000, 6'000'010};
  const Yen expect[] = {649'999, 650'000, 650'000};
  for (int k = 0; k < 3; ++k) {
    const LevyResult r = Levy(HouseholdOf({WithIncome(2024, 45, bases[k] + 430'000)}), s);
    EXPECT_EQ(r.parts[kIryo].subtotal, 649'999 + k);
    EXPECT_EQ(r.parts[kIryo].amount, expect[k]);
  }
}

// The FY2026 子ども分 cap of 3万 (朝霞市): 1% and 均等割 1,000 + 100 (18歳以上), one member of 45:
//   base 2,889,900 → 28,899 + 1,100 = 29,999; 2,890,000 → 30,000; 2,890,100 → 30,001 → 30,000.
TEST(PremiumCaps, ChildPartFy2026) {
  RateSchedule s = ZeroSchedule(2026);
  s.parts[kKodomo] = testing::Rates(10'000, 1'000, 0);
  s.parts[kKodomo].adult_addon = 100;
  const Yen bases[] = {2'889'900, 2'890'000, 2'890'100};
  const Yen expect[] = {29'999, 30'000, 30'000};
  for (int k = 0; k < 3; ++k) {
    const LevyResult r = Levy(HouseholdOf({WithIncome(2026, 45, bases[k] + 430'000)}), s);
    EXPECT_EQ(r.parts[kKodomo].subtotal, 29'999 + k);
    EXPECT_EQ(r.parts[kKodomo].amount, expect[k]);
  }
}

// A cap below the 政令 value by 条例 (明石市 kept 医療 at 61万 in FY2020): 平等割 610,001 →
// 610,000. A cap above the 政令 value is refused.
TEST(PremiumCaps, MunicipalCapBelowTheNational) {
  RateSchedule s = ZeroSchedule(2020);
  s.parts[kIryo].cap = 610'000;
  s.parts[kIryo].per_household = 610'001;
  const LevyResult r = Levy(HouseholdOf({WithIncome(2020, 45, 30'000'000)}), s);
  EXPECT_EQ(r.parts[kIryo].cap, 610'000);
  EXPECT_EQ(r.parts[kIryo].amount, 610'000);
  s.parts[kIryo].cap = 630'001;
  EXPECT_THROW(Compile(s, testing::Rules(2020)), CalculationError);
  s.parts[kIryo].cap = 630'000;
  EXPECT_NO_THROW(Compile(s, testing::Rules(2020)));
}

// The same household across the cap changes: base 20,000,000 at SimpleSchedule rates (医療 7%,
// 支援 2.5%, 介護 2%) is above every cap, so the total is the sum of the caps:
//   FY2018 93万, FY2019 96万, FY2020 99万, FY2021 99万, FY2022 102万, FY2023 104万,
//   FY2024 106万, FY2025 109万, FY2026 110万 + 子ども: 20,000,000 × 0.3% = 60,000 + 1,100 → 3万
//   → 113万.
TEST(PremiumCaps, TotalAcrossYears) {
  const Yen totals[] = {930'000,   960'000,   990'000,   990'000,  1'020'000,
                        1'040'000, 1'060'000, 1'090'000, 1'130'000};
  for (int fy = 2018; fy <= 2026; ++fy) {
    const Yen deduction = fy <= 2020 ? 330'000 : 430'000;
    const LevyResult r = Levy(HouseholdOf({WithIncome(fy, 45, 20'000'000 + deduction)}),
                              testing::SimpleSchedule(fy));
    EXPECT_EQ(r.total, totals[fy - 2018]) << fy;
  }
}

// Caps apply per 分, after the reductions (久留米市 注意2): a 2割 household of 2 whose 医療 is
// above the cap only before the 軽減 is not capped after it. FY2024, 医療 10%, 均等割 30,000,
// 平等割 20,000; members 45 (総所得金額等 1,500,000 → base 1,070,000) and 43, N = 2 → 2割:
//   所得割 107,000; 均等割 60,000 − 12,000; 平等割 20,000 − 4,000 → 171,000. With a 条例 cap
//   of 180,000 it is not capped (the 187,000 before the 軽減 would have been); with a cap of
//   170,999 → 170,999, 限度超過 1.
TEST(PremiumCaps, AfterReductions) {
  RateSchedule s = ZeroSchedule(2024);
  s.parts[kIryo] = testing::Rates(100'000, 30'000, 20'000);
  s.parts[kIryo].cap = 180'000;
  const Household h = HouseholdOf({WithIncome(2024, 45, 1'500'000), WithIncome(2024, 43, 0)});
  LevyResult r = Levy(h, s);
  EXPECT_EQ(r.tier, kTwo);
  EXPECT_EQ(r.parts[kIryo].subtotal, 171'000);
  EXPECT_EQ(r.parts[kIryo].amount, 171'000);
  EXPECT_EQ(r.parts[kIryo].over_cap, 0);
  s.parts[kIryo].cap = 170'999;
  r = Levy(h, s);
  EXPECT_EQ(r.parts[kIryo].amount, 170'999);
  EXPECT_EQ(r.parts[kIryo].over_cap, 1);
}

}  // namespace
}  // namespace kokuho::premium
