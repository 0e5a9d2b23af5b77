// Rounding (spec §5.1): the final amount truncated to 1 / 10 / 100円 per 分 or on the total;
// 保険税 (地方税法 20条の4の2③: 100円); the annual 所得割 truncated once on the household's
// summed base; 軽減額 per member or on the household's total.
#include <gtest/gtest.h>

#include "rule_helpers.h"

namespace kokuho::premium {
namespace {

using testing::HouseholdOf;
using testing::kIryo;
using testing::kKaigo;
using testing::kShien;
using testing::Levy;
using testing::WithIncome;
using testing::ZeroSchedule;

// FY2024, one member of 45 with base 1,590,000 (総所得金額等 2,020,000), rates chosen to leave
// odd yen:
//   医療 7.03%:  111,777 + 31,111 + 20,225 = 163,113
//   支援 2.53%:   40,227 + 10,001 +  6,005 =  56,233
//   介護 2.01%:   31,959 + 12,003 +  6,007 =  49,969        sum 269,315
RateSchedule OddSchedule() {
  RateSchedule s = ZeroSchedule(2024);
  s.parts[kIryo] = testing::Rates(70'300, 31'111, 20'225);
  s.parts[kShien] = testing::Rates(25'300, 10'001, 6'005);
  s.parts[kKaigo] = testing::Rates(20'100, 12'003, 6'007);
  return s;
}

Household One() { return HouseholdOf({WithIncome(2024, 45, 2'020'000)}); }

// Per 分: unit 1 → 269,315; unit 10 → 163,110 + 56,230 + 49,960 = 269,300 (端数 3, 3, 9);
// unit 100 → 163,100 + 56,200 + 49,900 = 269,200 (端数 13, 33, 69).
TEST(PremiumRounding, PerPartUnits) {
  RateSchedule s = OddSchedule();
  LevyResult r = Levy(One(), s);
  EXPECT_EQ(r.parts[kIryo].amount, 163'113);
  EXPECT_EQ(r.parts[kShien].amount, 56'233);
  EXPECT_EQ(r.parts[kKaigo].amount, 49'969);
  EXPECT_EQ(r.total, 269'315);
  s.rounding_unit = 10;
  r = Levy(One(), s);
  EXPECT_EQ(r.parts[kIryo].amount, 163'110);
  EXPECT_EQ(r.parts[kIryo].rounding, 3);
  EXPECT_EQ(r.parts[kShien].rounding, 3);
  EXPECT_EQ(r.parts[kKaigo].rounding, 9);
  EXPECT_EQ(r.total, 269'300);
  s.rounding_unit = 100;
  r = Levy(One(), s);
  EXPECT_EQ(r.parts[kIryo].amount, 163'100);
  EXPECT_EQ(r.parts[kShien].amount, 56'200);
  EXPECT_EQ(r.parts[kKaigo].amount, 49'900);
  EXPECT_EQ(r.parts[kKaigo].rounding, 69);
  EXPECT_EQ(r.total, 269'200);
  EXPECT_EQ(r.rounding_total, 0);
}

// On the total only: 269,315 → 269,300 (端数 15); the parts stay to the yen. Truncating per
// 分 gives 100円 less here, as 新宮市's example shows for its case (spec §5.1).
TEST(PremiumRounding, OnTheTotal) {
  RateSchedule s = OddSchedule();
  s.rounding_unit = 100;
  s.rounding_scope = RoundingScope::kTotal;
  const LevyResult r = Levy(One(), s);
  EXPECT_EQ(r.parts[kIryo].amount, 163'113);
  EXPECT_EQ(r.parts[kIryo].rounding, 0);
  EXPECT_EQ(r.rounding_total, 15);
  EXPECT_EQ(r.total, 269'300);
}

// 保険税 (地方税法 20条の4の2③) is truncated to 100円; the levy kind itself changes no
// arithmetic, the unit does (the rate loader makes 100 the default for 税).
TEST(PremiumRounding, HokenzeiHundredYen) {
  RateSchedule s = OddSchedule();
  s.kind = LevyKind::kZei;
  s.rounding_unit = 100;
  const LevyResult zei = Levy(One(), s);
  s.kind = LevyKind::kRyo;
  const LevyResult ryo = Levy(One(), s);
  EXPECT_EQ(zei.total, 269'200);
  EXPECT_EQ(ryo.total, zei.total);
}

// The 所得割 is truncated once, after Σ base × rate over the members (鹿島市's
// "summed base"; 成田市 truncates per member, which kokuho does not model — spec §5.1).
// Two members with base 1,000,010 each at 7%: 70,000.7 each; summed 140,001.4 → 140,001
// (per member it would be 140,000).
TEST(PremiumRounding, IncomeLevyTruncatedOnTheSum) {
  RateSchedule s = ZeroSchedule(2024);
  s.parts[kIryo] = testing::Rates(70'000, 0, 0);
  const LevyResult r =
      Levy(HouseholdOf({WithIncome(2024, 45, 1'430'010), WithIncome(2024, 43, 1'430'010)}), s);
  EXPECT_EQ(r.parts[kIryo].income, 140'001);
}

// 軽減額 truncated to the reduction unit; the payer keeps the fraction (端数は軽減しない).
// FY2024, 均等割 31,111 and 平等割 20,225, one member with 0 (7割):
//   unit 1:   軽減 ⌊21,777.7⌋ = 21,777 and ⌊14,157.5⌋ = 14,157 → 9,334 + 6,068 = 15,402
//   unit 100: 21,700 and 14,100 → 9,411 + 6,125 = 15,536
TEST(PremiumRounding, KeigenTruncatedToTheReductionUnit) {
  RateSchedule s = ZeroSchedule(2024);
  s.parts[kIryo] = testing::Rates(0, 31'111, 20'225);
  const Household h = HouseholdOf({WithIncome(2024, 45, 0)});
  LevyResult r = Levy(h, s);
  EXPECT_EQ(r.parts[kIryo].keigen, 21'777 + 14'157);
  EXPECT_EQ(r.parts[kIryo].amount, 15'402);
  s.reduction_unit = 100;
  r = Levy(h, s);
  EXPECT_EQ(r.parts[kIryo].keigen, 21'700 + 14'100);
  EXPECT_EQ(r.parts[kIryo].amount, 15'536);
}

// 月割 fractions: the annual amount × months ÷ 12, truncated once (months_test.cc has the
// worked example where this differs from truncating each component).
// FY2024, 均等割 31,111, one member joining 2024-07-01 (9 months): 31,111 × 9 ÷ 12 =
// 23,333.25 → 23,333.
TEST(PremiumRounding, MonthlyFractions) {
  RateSchedule s = ZeroSchedule(2024);
  s.parts[kIryo] = testing::Rates(0, 31'111, 0);
  Person p = WithIncome(2024, 45, 5'000'000);
  p.joined = CivilDate{2024, 7, 1};
  EXPECT_EQ(Levy(HouseholdOf({p}), s).parts[kIryo].per_capita, 23'333);
}

// A unit per 分 (分端数単位; issue 12 item 5): 医療 to 10円, the others to the schedule's 100円:
// 163,113 → 163,110; 56,233 → 56,200; 49,969 → 49,900; total 269,210.
TEST(PremiumRounding, UnitPerPart) {
  RateSchedule s = OddSchedule();
  s.rounding_unit = 100;
  s.parts[kIryo].rounding_unit = 10;
  const LevyResult r = Levy(One(), s);
  EXPECT_EQ(r.parts[kIryo].amount, 163'110);
  EXPECT_EQ(r.parts[kIryo].rounding, 3);
  EXPECT_EQ(r.parts[kShien].amount, 56'200);
  EXPECT_EQ(r.parts[kKaigo].amount, 49'900);
  EXPECT_EQ(r.total, 269'210);
}

// 7/5/2 軽減額 per member (default: the 条例準則 lists the reduced 均等割 per person) or on the
// household's total 均等割 (軽減額計算 = 世帯合計; 成田市's page: "均等割 21,000 × 3 = 63,000 −
// 20% 12,600", https://www.city.narita.chiba.jp/kurashi/page100601.html). They differ only when
// a member's 軽減額 has a fraction of a yen. FY2024, 医療 均等割 1,873 (the 特別区 FY2026
// 子ども分 amount for an adult: 1,800 + 73), three adults, 軽減判定所得 1,500,000 (N = 3: 5割
// <= 1,315,000 < 1,500,000 <= 2割 2,065,000 → 2割):
//   per member: ⌊1,873 × 0.2⌋ = ⌊374.6⌋ = 374 each → 1,122; pays 5,619 − 1,122 = 4,497
//   on the total: ⌊5,619 × 0.2⌋ = ⌊1,123.8⌋ = 1,123; pays 4,496
// With a 未就学児 instead of the third adult, the later stages stay per member: the child's
// 1,873 − 374 = 1,499 → 未就学 ⌊749.5⌋ = 749 off; on the total the household pays 1 yen less
// than per member (4,497 − 749 = 3,748 → 3,747).
TEST(PremiumRounding, KeigenPerMemberOrOnTheTotal) {
  RateSchedule s = ZeroSchedule(2024);
  s.parts[kIryo] = testing::Rates(0, 1'873, 0);
  const Household h = HouseholdOf(
      {WithIncome(2024, 45, 1'500'000), WithIncome(2024, 43, 0), WithIncome(2024, 20, 0)});
  LevyResult r = Levy(h, s);
  EXPECT_EQ(r.tier, kTwo);
  EXPECT_EQ(r.parts[kIryo].keigen, 1'122);
  EXPECT_EQ(r.parts[kIryo].amount, 4'497);
  const Household g = HouseholdOf(
      {WithIncome(2024, 45, 1'500'000), WithIncome(2024, 43, 0), WithIncome(2024, 3, 0)});
  EXPECT_EQ(Levy(g, s).parts[kIryo].preschool, 749);
  EXPECT_EQ(Levy(g, s).parts[kIryo].amount, 3'748);
  s.keigen_on_total = true;
  r = Levy(h, s);
  EXPECT_EQ(r.parts[kIryo].keigen, 1'123);
  EXPECT_EQ(r.parts[kIryo].amount, 4'496);
  EXPECT_EQ(Levy(g, s).parts[kIryo].preschool, 749);
  EXPECT_EQ(Levy(g, s).parts[kIryo].amount, 3'747);
}

}  // namespace
}  // namespace kokuho::premium
