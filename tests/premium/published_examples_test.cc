// Published municipal worked examples (モデル世帯の計算例; spec §6). Each test cites the page it
// reproduces and uses only inputs that page states (rates, 軽減, rounding, the incomes). Parts
// whose rates the page does not give are levied at zero and not asserted; caps are the 政令
// values and never bind in these examples.
#include <gtest/gtest.h>

#include "rule_helpers.h"

namespace kokuho::premium {
namespace {

using testing::HouseholdOf;
using testing::kIryo;
using testing::kKaigo;
using testing::kShien;
using testing::Levy;
using testing::PersonAged;
using testing::ZeroSchedule;

/// 成田市's example household (国民健康保険税): A 45 世帯主 給与収入 2,000,000 (給与所得
/// 1,320,000), B 43 and C 17 with no income.
Household NaritaHousehold(int fy) {
  Person a = PersonAged(fy, 45);
  a.income.salary_revenue = 2'000'000;
  return HouseholdOf({a, PersonAged(fy, 43), PersonAged(fy, 17)});
}

/// 保険税, truncated to 100円 per 課税分 (the page: 「100円未満端数切捨」 on each 課税分).
RateSchedule NaritaSchedule(int fy) {
  RateSchedule s = ZeroSchedule(fy);
  s.name = "成田市";
  s.kind = LevyKind::kZei;
  s.rounding_unit = 100;
  return s;
}

// 成田市「世帯員が複数(軽減世帯該当)の場合」,
// https://www.city.narita.chiba.jp/kurashi/page100601.html (version updated 2024-04-01: 令和6年度 =
// FY2024). Stated on the page:
//   軽減判定所得 1,320,000; 5割基準 295,000 × 3 + 430,000 = 1,315,000; 2割基準 545,000 × 3 +
//   430,000 = 2,065,000 → 2割.
//   基礎課税分: 所得割 (1,320,000 − 430,000) × 6.59% = 58,651; 均等割 21,000 × 3 = 63,000 − 20%
//   12,600 = 50,400; 平等割 18,100 − 3,620 = 14,480; 123,531 → 123,500.
//   後期高齢者支援金等課税分: 所得割 890,000 × 1.95% = 17,355 (its 均等割・平等割 are on the part
//   of the page not read; not asserted).
TEST(PremiumPublishedExample, NaritaFy2024) {
  RateSchedule s = NaritaSchedule(2024);
  s.parts[kIryo] = testing::Rates(65'900, 21'000, 18'100);
  s.parts[kShien].income_rate = 19'500;
  s.source = "https://www.city.narita.chiba.jp/kurashi/page100601.html (2024-04-01)";
  const LevyResult r = Levy(NaritaHousehold(2024), s);
  EXPECT_EQ(r.tier, kTwo);
  EXPECT_EQ(testing::Prep(NaritaHousehold(2024), 2024).keigen_income, 1'320'000);
  const PartLevy& m = r.parts[kIryo];
  EXPECT_EQ(m.income, 58'651);
  EXPECT_EQ(m.per_capita - (m.keigen - m.keigen_household), 50'400);
  EXPECT_EQ(m.household - m.keigen_household, 14'480);
  EXPECT_EQ(m.subtotal, 123'531);
  EXPECT_EQ(m.amount, 123'500);
  EXPECT_EQ(r.parts[kShien].income, 17'355);
}

// The same page, version updated 2025-05-01 (令和7年度 = FY2025):
//   5割基準 305,000 × 3 + 430,000 = 1,345,000 → 5割 (the same household was 2割 in FY2024).
//   基礎課税分: 890,000 × 6.81% = 60,609; 22,100 × 3 = 66,300 − 50% = 33,150; 19,100 − 9,550 =
//   9,550; 103,309 → 103,300. 支援 所得割 890,000 × 2.13% = 18,957.
TEST(PremiumPublishedExample, NaritaFy2025) {
  RateSchedule s = NaritaSchedule(2025);
  s.parts[kIryo] = testing::Rates(68'100, 22'100, 19'100);
  s.parts[kShien].income_rate = 21'300;
  s.source = "https://www.city.narita.chiba.jp/kurashi/page100601.html (2025-05-01)";
  const LevyResult r = Levy(NaritaHousehold(2025), s);
  EXPECT_EQ(r.tier, kFive);
  const PartLevy& m = r.parts[kIryo];
  EXPECT_EQ(m.income, 60'609);
  EXPECT_EQ(m.per_capita - (m.keigen - m.keigen_household), 33'150);
  EXPECT_EQ(m.household - m.keigen_household, 9'550);
  EXPECT_EQ(m.subtotal, 103'309);
  EXPECT_EQ(m.amount, 103'300);
  EXPECT_EQ(r.parts[kShien].income, 18'957);
}

/// 新宿区 FY2022 (保険料, 2方式, 円単位): 医療 7.16% / 42,100; 支援 2.28% / 13,200.
RateSchedule ShinjukuFy2022() {
  RateSchedule s = ZeroSchedule(2022);
  s.name = "新宿区";
  s.parts[kIryo] = testing::Rates(71'600, 42'100, 0);
  s.parts[kShien] = testing::Rates(22'800, 13'200, 0);
  s.source = "https://www.city.shinjuku.lg.jp/hoken/hoken01_002029.html (最終更新日 2022-04-01)";
  return s;
}

// 新宿区「保険料の計算例について」 ケース1 (単身世帯),
// https://www.city.shinjuku.lg.jp/hoken/hoken01_002029.html (最終更新日 2022-04-01: 令和4年度 =
// FY2022). 世帯主 20歳, 給与収入 2,400,000 (給与所得 1,600,000):
//   均等割 42,100 + 13,200 = 55,300; 算定基礎額 1,600,000 − 430,000 = 1,170,000;
//   所得割 1,170,000 × 7.16% = 83,772 and × 2.28% = 26,676; 年間保険料 165,748 (円単位).
//   (No 軽減: 1,600,000 > 2割 430,000 + 520,000; no 介護 member.)
TEST(PremiumPublishedExample, ShinjukuFy2022Case1) {
  Person head = PersonAged(2022, 20);
  head.income.salary_revenue = 2'400'000;
  const LevyResult r = Levy(HouseholdOf({head}), ShinjukuFy2022());
  EXPECT_EQ(r.tier, kNoKeigen);
  EXPECT_EQ(r.parts[kIryo].income, 83'772);
  EXPECT_EQ(r.parts[kShien].income, 26'676);
  EXPECT_EQ(r.parts[kIryo].amount, 125'872);
  EXPECT_EQ(r.parts[kShien].amount, 39'876);
  EXPECT_EQ(r.parts[kKaigo].amount, 0);
  EXPECT_EQ(r.total, 165'748);
}

// The same page, ケース2 (4人家族世帯): 世帯主 45 給与収入 4,800,000 (給与所得 3,400,000),
// 配偶者 38, 子 15, 子 2 (未就学: 均等割 × 0.5):
//   医療 均等割 42,100 × 3 + 42,100 × 0.5 = 147,350; 支援 13,200 × 3 + 6,600 = 46,200;
//   算定基礎額 2,970,000: 医療 212,652, 支援 67,716; 介護 均等割 16,600 × 1 (世帯主).
//   (Its 介護 所得割率 is on the part of the page not read: 介護 is not asserted beyond its
//   均等割.) 医療 360,002; 支援 113,916.
TEST(PremiumPublishedExample, ShinjukuFy2022Case2) {
  Person head = PersonAged(2022, 45);
  head.income.salary_revenue = 4'800'000;
  RateSchedule s = ShinjukuFy2022();
  s.parts[kKaigo].per_capita = 16'600;
  const LevyResult r =
      Levy(HouseholdOf({head, PersonAged(2022, 38), PersonAged(2022, 15), PersonAged(2022, 2)}), s);
  EXPECT_EQ(r.tier, kNoKeigen);
  EXPECT_EQ(r.parts[kIryo].per_capita - r.parts[kIryo].preschool, 147'350);
  EXPECT_EQ(r.parts[kShien].per_capita - r.parts[kShien].preschool, 46'200);
  EXPECT_EQ(r.parts[kIryo].income, 212'652);
  EXPECT_EQ(r.parts[kShien].income, 67'716);
  EXPECT_EQ(r.parts[kIryo].amount, 360'002);
  EXPECT_EQ(r.parts[kShien].amount, 113'916);
  EXPECT_EQ(r.parts[kKaigo].per_capita, 16'600);
}

}  // namespace
}  // namespace kokuho::premium
