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

/// 特別区 (保険料, 2方式, 円単位) by fiscal year: 医療・支援 unified; 介護 新宿区's own.
///   FY2025: 医療 7.71% / 47,300; 支援 2.69% / 16,800 (千代田区 令和7年度の料率,
///           https://www.city.chiyoda.lg.jp/koho/kurashi/hoken/kenkohoken/kesan.html);
///           新宿区 介護 2.25% / 16,600 [T: kokuho.info/754, a third-party page].
///   FY2026: 医療 7.51% / 47,600; 支援 2.80% / 17,600; 子ども 0.27% / 1,800 + 18歳以上 73
///           (= 1,873) [T: civic-rule-lab/kokuho-core data for 新宿区, from 練馬区's 令和8年度
///           page
///           https://www.city.nerima.tokyo.jp/kurashi/nenkinhoken/kokuminkenkohoken/hoken_hokenryo/keisan_hoho.html].
RateSchedule Tokubetsuku(int fy) {
  RateSchedule s = ZeroSchedule(fy);
  s.name = "新宿区";
  if (fy == 2025) {
    s.parts[kIryo] = testing::Rates(77'100, 47'300, 0);
    s.parts[kShien] = testing::Rates(26'900, 16'800, 0);
    s.parts[kKaigo] = testing::Rates(22'500, 16'600, 0);
  } else {
    s.parts[kIryo] = testing::Rates(75'100, 47'600, 0);
    s.parts[kShien] = testing::Rates(28'000, 17'600, 0);
    s.parts[testing::kKodomo] = testing::Rates(2'700, 1'800, 0);
    s.parts[testing::kKodomo].adult_addon = 73;
  }
  s.source = "https://www.city.shinjuku.lg.jp/hoken/hoken01_002029.html";
  return s;
}

// 新宿区「保険料の計算例について」 (https://www.city.shinjuku.lg.jp/hoken/hoken01_002029.html),
// the 令和7年度 (FY2025) version, as transcribed by civic-rule-lab/kokuho-core's
// scripts/test-calc-verify.js [T]:
//   ケース1: 世帯主 20歳, 給与収入 2,400,000 (2024 income: 給与所得 1,600,000 = 2,400,000 × 70% −
//     80,000), base 1,170,000: 医療 1,170,000 × 7.71% = 90,207 + 47,300 = 137,507; 支援
//     31,473 + 16,800 = 48,273; 185,780.
//   ケース2: 世帯主 45 給与収入 4,800,000 (給与所得 3,400,000; base 2,970,000), 配偶者, 子 15,
//     子 2 (未就学): 医療 228,987 + 47,300 × 3.5 = 394,537; 支援 79,893 + 16,800 × 3.5 =
//     138,693; 介護 (世帯主) 66,825 + 16,600 = 83,425; 616,655.
TEST(PremiumPublishedExample, ShinjukuFy2025) {
  Person single = PersonAged(2025, 20);
  single.income.salary_revenue = 2'400'000;
  LevyResult r = Levy(HouseholdOf({single}), Tokubetsuku(2025));
  EXPECT_EQ(r.parts[kIryo].amount, 137'507);
  EXPECT_EQ(r.parts[kShien].amount, 48'273);
  EXPECT_EQ(r.total, 185'780);
  Person head = PersonAged(2025, 45);
  head.income.salary_revenue = 4'800'000;
  r = Levy(HouseholdOf({head, PersonAged(2025, 38), PersonAged(2025, 15), PersonAged(2025, 2)}),
           Tokubetsuku(2025));
  EXPECT_EQ(r.parts[kIryo].amount, 394'537);
  EXPECT_EQ(r.parts[kShien].amount, 138'693);
  EXPECT_EQ(r.parts[kKaigo].amount, 83'425);
  EXPECT_EQ(r.total, 616'655);
}

// The same page, 令和8年度 (FY2026; "最終更新 2026年5月18日", transcribed as above [T]), ケース1:
// the same person (2025 income: 給与収入 2,400,000 → 給与所得 1,600,000 under the 2025 table),
// base 1,170,000: 医療 87,867 + 47,600 = 135,467; 支援 32,760 + 17,600 = 50,360; 子ども 3,159 +
// 1,873 = 5,032; 年間保険料 190,859 (円単位; the page's 期割 19,139 + 19,080 × 9 = 190,859).
TEST(PremiumPublishedExample, ShinjukuFy2026) {
  Person single = PersonAged(2026, 20);
  single.income.salary_revenue = 2'400'000;
  const LevyResult r = Levy(HouseholdOf({single}), Tokubetsuku(2026));
  EXPECT_EQ(r.parts[kIryo].amount, 135'467);
  EXPECT_EQ(r.parts[kShien].amount, 50'360);
  EXPECT_EQ(r.parts[testing::kKodomo].amount, 5'032);
  EXPECT_EQ(r.total, 190'859);
}

// 長野市 令和7年度 国民健康保険料 目安表
// (https://www.city.nagano.nagano.jp/documents/3682/meyasuhyou.pdf; amounts per 分 truncated to
// 10円, https://www.city.nagano.nagano.jp/soshiki/kokuho/1376.html), rows without 軽減, as
// transcribed by civic-rule-lab/kokuho-core [T]; rates 医療 8.2% / 17,760 / 19,680, 支援 2.8% /
// 6,240 / 7,560, 介護 2.6% / 8,760 / 7,080 [T, the same source].
//   給与収入 3,000,000 (給与所得 2,020,000, base 1,590,000):
//     1人: 医療 130,380 + 17,760 + 19,680 = 167,820; 支援 44,520 + 6,240 + 7,560 = 58,320 →
//       226,140; with 介護 41,340 + 8,760 + 7,080 = 57,180 → 283,320
//     2人: 医療 130,380 + 35,520 + 19,680 = 185,580; 支援 44,520 + 12,480 + 7,560 = 64,560 →
//       250,140; both 40–64: 介護 41,340 + 17,520 + 7,080 = 65,940 → 316,080
//   給与収入 2,000,000 (給与所得 1,320,000, base 890,000), 1人: 72,980 + 37,440 + 24,920 +
//     13,800 = 149,140
TEST(PremiumPublishedExample, NaganoFy2025Table) {
  RateSchedule s = ZeroSchedule(2025);
  s.name = "長野市";
  s.rounding_unit = 10;
  s.parts[kIryo] = testing::Rates(82'000, 17'760, 19'680);
  s.parts[kShien] = testing::Rates(28'000, 6'240, 7'560);
  s.parts[kKaigo] = testing::Rates(26'000, 8'760, 7'080);
  struct Row {
    Yen salary;
    int members;
    bool kaigo;
    Yen total;
  };
  const Row rows[] = {{3'000'000, 1, false, 226'140},
                      {3'000'000, 1, true, 283'320},
                      {3'000'000, 2, false, 250'140},
                      {3'000'000, 2, true, 316'080},
                      {2'000'000, 1, false, 149'140}};
  for (const Row& row : rows) {
    SCOPED_TRACE(testing::PersonAged(2025, 0).birth_date.ToString() + " " +
                 std::to_string(row.salary) + " " + std::to_string(row.members));
    const int age = row.kaigo ? 45 : 35;
    Person head = PersonAged(2025, age);
    head.income.salary_revenue = row.salary;
    std::vector<Person> members = {head};
    if (row.members == 2) members.push_back(PersonAged(2025, age));
    const LevyResult r = Levy(HouseholdOf(members), s);
    EXPECT_EQ(r.tier, kNoKeigen);
    EXPECT_EQ(r.total, row.total);
  }
}

}  // namespace
}  // namespace kokuho::premium
