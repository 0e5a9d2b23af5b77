// The national reliefs other than 7/5/2 (spec §4) and the municipal relief hook: 未就学児,
// 子ども分 18歳未満 10割 and the 18歳以上 add-on, 産前産後, 非自発的失業者, 旧被扶養者, 特定世帯 /
// 特定継続世帯, 独自減免. Each test writes its arithmetic.
#include <gtest/gtest.h>

#include "core/error.h"
#include "rule_helpers.h"

namespace kokuho::premium {
namespace {

using testing::BornOn;
using testing::HouseholdOf;
using testing::kIryo;
using testing::kKaigo;
using testing::kKodomo;
using testing::kShien;
using testing::Levy;
using testing::PersonAged;
using testing::Prep;
using testing::SimpleSchedule;
using testing::WithIncome;
using testing::ZeroSchedule;

// ---------------------------------------------------------------------------------------
// 未就学児 均等割 5割軽減 (from FY2022; spec §4.1)

// FY2021 → FY2022: parent 35 with 0 + child 3, 7割 both years (N = 2, income 0).
//   FY2021: 医療 60,000 + 20,000 − 56,000 = 24,000; 支援 20,000 + 6,000 − 18,200 = 7,800.
//   FY2022: the child's 均等割 after 7割 is halved: 医療 9,000 → 4,500 off → 19,500;
//           支援 3,000 → 1,500 off → 6,300. No 介護 member.
TEST(PremiumPreschool, StartsInFy2022) {
  const LevyResult a =
      Levy(HouseholdOf({WithIncome(2021, 35, 0), WithIncome(2021, 3, 0)}), SimpleSchedule(2021));
  EXPECT_EQ(a.parts[kIryo].preschool, 0);
  EXPECT_EQ(a.parts[kIryo].amount, 24'000);
  EXPECT_EQ(a.parts[kShien].amount, 7'800);
  EXPECT_EQ(a.parts[kKaigo].amount, 0);
  const LevyResult b =
      Levy(HouseholdOf({WithIncome(2022, 35, 0), WithIncome(2022, 3, 0)}), SimpleSchedule(2022));
  EXPECT_EQ(b.parts[kIryo].preschool, 4'500);
  EXPECT_EQ(b.parts[kIryo].amount, 19'500);
  EXPECT_EQ(b.parts[kShien].preschool, 1'500);
  EXPECT_EQ(b.parts[kShien].amount, 6'300);
  EXPECT_EQ(b.total, 25'800);
}

// Combined 8.5割 / 7.5割 / 6割 / 5割 (海南市, 久留米市): FY2024, parent 35 + child 3, N = 2:
// parent's income 0 / 1,000,000 / 1,500,000 / 1,600,000 → 7割 / 5割 / 2割 / none.
//   The child's 医療 均等割 30,000: 軽減 21,000 / 15,000 / 6,000 / 0, then half of the rest
//   4,500 / 7,500 / 12,000 / 15,000 → in all 25,500 (85%) / 22,500 (75%) / 18,000 (60%) /
//   15,000 (50%). 支援 10,000: 未就学 1,500 / 2,500 / 4,000 / 5,000.
TEST(PremiumPreschool, CombinedWithEachTier) {
  struct Case {
    Yen income;
    int tier;
    Yen preschool_iryo, child_total_iryo, preschool_shien;
  };
  const Case cases[] = {{0, kSeven, 4'500, 25'500, 1'500},
                        {1'000'000, kFive, 7'500, 22'500, 2'500},
                        {1'500'000, kTwo, 12'000, 18'000, 4'000},
                        {1'600'000, kNoKeigen, 15'000, 15'000, 5'000}};
  for (const Case& c : cases) {
    SCOPED_TRACE(c.income);
    const LevyResult r = Levy(HouseholdOf({WithIncome(2024, 35, c.income), WithIncome(2024, 3, 0)}),
                              SimpleSchedule(2024));
    EXPECT_EQ(r.tier, c.tier);
    const PartLevy& m = r.parts[kIryo];
    EXPECT_EQ(m.preschool, c.preschool_iryo);
    // Parent and child have the same 均等割, so the child's 軽減 is half the 均等割 軽減.
    EXPECT_EQ((m.keigen - m.keigen_household) / 2 + m.preschool, c.child_total_iryo);
    EXPECT_EQ(r.parts[kShien].preschool, c.preschool_shien);
  }
}

// Who is 未就学: born on or after 4月2日 of FY − 6 (久留米市: FY2024 → 2018-04-02 on). FY2024,
// parent 35 with 1,600,000 (no 軽減): child born 2018-04-02 → 医療 15,000 off; born
// 2018-04-01 (in 1年生 from April 2024) → 0.
TEST(PremiumPreschool, AgeBoundary) {
  const Person parent = WithIncome(2024, 35, 1'600'000);
  EXPECT_EQ(
      Levy(HouseholdOf({parent, BornOn(2018, 4, 2)}), SimpleSchedule(2024)).parts[kIryo].preschool,
      15'000);
  EXPECT_EQ(
      Levy(HouseholdOf({parent, BornOn(2018, 4, 1)}), SimpleSchedule(2024)).parts[kIryo].preschool,
      0);
}

// 未就学児 ½ with reduction_unit 100 reproduces 海南市's table of 未就学児 軽減額 (spec §4.1;
// https://www.city.kainan.lg.jp/kakubusho/kurashibu/hokennenkinka/hokennenkinkatorikumi/kokuhotetuduki/4367.html,
// updated 2025-04-01: "軽減額(未就学児分)は下記表のとおり": 医療分 4,800 / 7,900 / 12,700 /
// 15,900 under 7割 / 5割 / 2割 / none; 支援分 1,600 / 2,700 / 4,300 / 5,400). The 政令 makes
// the 減額 ½ of the 均等割 after 軽減 (施行令 29条の7 第5項, 令和3年改正の概要: "減額する額は、
// 当該年度分の被保険者均等割額に、10 分の5を乗じて得た額"), and every reduction is truncated
// (the payer keeps the fraction). 医療 均等割 31,800 (= 2 × 15,900):
//   7割: 軽減 31,800 × 0.7 = 22,260 → 22,200; left 9,600; 未就学 9,600 × ½ = 4,800 → 4,800
//   5割: 軽減 15,900; left 15,900; 未就学 7,950 → 7,900 (the child pays 8,000)
//   2割: 軽減 6,360 → 6,300; left 25,500; 未就学 12,750 → 12,700 (the child pays 12,800)
//   none: 未就学 15,900
// Parent + child, 医療 only: 9,600 + 4,800 = 14,400; 15,900 + 8,000 = 23,900;
// 25,500 + 12,800 = 38,300; 31,800 + 15,900 = 47,700. 支援 均等割 10,800: 7割 7,560 → 7,500,
// left 3,300 → ⌊1,650⌋ = 1,600; 5割 5,400 → 2,700; 2割 2,160 → 2,100, left 8,700 → ⌊4,350⌋ =
// 4,300; none 5,400 — the table's second row. (Reading the table as the amounts left would fit
// the same numbers, since v − ⌊v/2⌋ and ⌊v/2⌋ differ only by the odd 100円; the page calls
// them 軽減額.) To the yen (unit 1) the 7割 case is 9,540 + 4,770 = 14,310.
TEST(PremiumPreschool, KainanRoundingToHundred) {
  RateSchedule s = ZeroSchedule(2024);
  s.parts[kIryo].per_capita = 31'800;
  s.parts[kShien].per_capita = 10'800;
  s.reduction_unit = 100;
  struct Case {
    Yen income, iryo_preschool, shien_preschool, iryo_amount;
  };
  const Case cases[] = {{0, 4'800, 1'600, 14'400},
                        {1'000'000, 7'900, 2'700, 23'900},
                        {1'500'000, 12'700, 4'300, 38'300},
                        {1'600'000, 15'900, 5'400, 47'700}};
  for (const Case& c : cases) {
    SCOPED_TRACE(c.income);
    const LevyResult r =
        Levy(HouseholdOf({WithIncome(2024, 35, c.income), WithIncome(2024, 3, 0)}), s);
    EXPECT_EQ(r.parts[kIryo].preschool, c.iryo_preschool);
    EXPECT_EQ(r.parts[kShien].preschool, c.shien_preschool);
    EXPECT_EQ(r.parts[kIryo].amount, c.iryo_amount);
  }
  s.reduction_unit = 1;
  EXPECT_EQ(
      Levy(HouseholdOf({WithIncome(2024, 35, 0), WithIncome(2024, 3, 0)}), s).parts[kIryo].amount,
      14'310);
}

// The other reading, offered as 軽減額端数 = 軽減後 (ReductionRounding::kRemainder): the amount
// left is truncated and the reduction takes the odd 100円, as 富士川町's table does (5割: 減額前
// 18,900, 未就学児減額分 9,500, 減額後 9,400; 7割: 11,300, 5,700, 5,600;
// http://www.town.fujikawa.yamanashi.jp/life/health/kokumin/misyugakuzi-genmen.html). With 医療
// 均等割 31,800 and unit 100:
//   7割: left ⌊9,540⌋ = 9,500 (軽減 22,300); 未就学 left ⌊4,750⌋ = 4,700, reduction 4,800
//   5割: left 15,900; 未就学 left ⌊7,950⌋ = 7,900, reduction 8,000
// so the parent + child pay 9,500 + 4,700 = 14,200 and 15,900 + 7,900 = 23,800.
TEST(PremiumPreschool, RemainderTruncatedOption) {
  RateSchedule s = ZeroSchedule(2024);
  s.parts[kIryo].per_capita = 31'800;
  s.reduction_unit = 100;
  s.reduction_rounding = ReductionRounding::kRemainder;
  LevyResult r = Levy(HouseholdOf({WithIncome(2024, 35, 0), WithIncome(2024, 3, 0)}), s);
  EXPECT_EQ(r.parts[kIryo].preschool, 4'800);
  EXPECT_EQ(r.parts[kIryo].keigen, 2 * 22'300);
  EXPECT_EQ(r.parts[kIryo].amount, 14'200);
  r = Levy(HouseholdOf({WithIncome(2024, 35, 1'000'000), WithIncome(2024, 3, 0)}), s);
  EXPECT_EQ(r.parts[kIryo].preschool, 8'000);
  EXPECT_EQ(r.parts[kIryo].amount, 23'800);
}

TEST(PremiumChildPart, Under18FullReductionAndAdultAddon) {
  Person adult = WithIncome(2026, 40, 3'430'000);
  Person eighteen = BornOn(2008, 4, 1);
  Person seventeen = BornOn(2008, 4, 2);
  const LevyResult r = Levy(HouseholdOf({adult, eighteen, seventeen, WithIncome(2026, 10, 0)}),
                            SimpleSchedule(2026));
  const PartLevy& k = r.parts[kKodomo];
  EXPECT_EQ(r.tier, kNoKeigen);
  EXPECT_EQ(k.income, 9'000);
  EXPECT_EQ(k.per_capita, 4'200);
  EXPECT_EQ(k.child, 2'000);
  EXPECT_EQ(k.amount, 11'200);
}

// 7割 on the 子ども分 (kokuho's choice keigen_on_adult_addon = true reduces the add-on too,
// spec §3.4 [U]): two adults (40, 38) and a child of 10, income 0.
//   Adults 1,000 → 300 and 100 → 30: 2 × 330 = 660; child 1,000 − 1,000 = 0.
//   軽減 = 2 × 770 = 1,540; amount 660. With the option off: 2 × (300 + 100) = 800, 軽減 1,400.
// A 未就学 child has no 未就学 relief in this 分 (its 均等割 is already 0).
TEST(PremiumChildPart, KeigenOnTheAddon) {
  const Household h = HouseholdOf({WithIncome(2026, 40, 0), WithIncome(2026, 38, 0),
                                   WithIncome(2026, 10, 0), WithIncome(2026, 3, 0)});
  RateSchedule s = SimpleSchedule(2026);
  LevyResult r = Levy(h, s);
  EXPECT_EQ(r.tier, kSeven);
  EXPECT_EQ(r.parts[kKodomo].keigen, 1'540);
  EXPECT_EQ(r.parts[kKodomo].preschool, 0);
  EXPECT_EQ(r.parts[kKodomo].amount, 660);
  s.keigen_on_adult_addon = false;
  r = Levy(h, s);
  EXPECT_EQ(r.parts[kKodomo].keigen, 1'400);
  EXPECT_EQ(r.parts[kKodomo].amount, 800);
}

// The 分 exists from FY2026 only: a FY2025 schedule with it, or a FY2026 schedule without it,
// is refused.
TEST(PremiumChildPart, OnlyFromFy2026) {
  RateSchedule s = SimpleSchedule(2025);
  s.parts[kKodomo] = testing::Rates(3'000, 1'000, 0);
  EXPECT_THROW(Compile(s, testing::Rules(2025)), CalculationError);
  RateSchedule t = SimpleSchedule(2026);
  t.parts[kKodomo] = PartRates{};
  EXPECT_THROW(Compile(t, testing::Rules(2026)), CalculationError);
  EXPECT_FALSE(testing::Rules(2025).levied[kKodomo]);
  EXPECT_TRUE(testing::Rules(2026).levied[kKodomo]);
}

// ---------------------------------------------------------------------------------------
// 産前産後 (from January 2024; spec §4.2)

/// The mother, born 1982-04-02 (41 in FY2023, 42 in FY2024), 総所得金額等 2,430,000 → base
/// 2,000,000 (no 軽減), alone in the household.
Household Mother(Yen income = 2'430'000) {
  Person m = BornOn(1982, 4, 2);
  m.income.total_income = income;
  return HouseholdOf({m});
}

// Birth in 2024-02, single: the exempt months are 2024-01 … 2024-04 (from the month before,
// 4 months); FY2023 has Jan–Mar = 3. Her 所得割 and 均等割 × 3/12 leave every 分; 平等割 stays.
//   医療 140,000 + 30,000 + 20,000 − (35,000 + 7,500) = 147,500
//   支援  50,000 + 10,000 +  6,000 − (12,500 + 2,500) =  51,000
//   介護  40,000 + 12,000 +  6,000 − (10,000 + 3,000) =  45,000      total 243,500
// FY2024 has April = 1 month: 所得割 140,000 − ⌊2,000,000 × 11 × 7% ÷ 12⌋ = 140,000 − 128,333
// = 11,667 and 均等割 2,500 → 医療 190,000 − 14,167 = 175,833.
TEST(PremiumBirth, SingleBirthAcrossFiscalYears) {
  Household h = Mother();
  h.members[0].birth_month = 202402;
  const LevyResult a = Levy(h, SimpleSchedule(2023));
  EXPECT_EQ(a.parts[kIryo].birth, 42'500);
  EXPECT_EQ(a.parts[kIryo].amount, 147'500);
  EXPECT_EQ(a.parts[kShien].amount, 51'000);
  EXPECT_EQ(a.parts[kKaigo].birth, 13'000);
  EXPECT_EQ(a.parts[kKaigo].amount, 45'000);
  EXPECT_EQ(a.total, 243'500);
  const LevyResult b = Levy(h, SimpleSchedule(2024));
  EXPECT_EQ(b.parts[kIryo].birth, 14'167);
  EXPECT_EQ(b.parts[kIryo].amount, 175'833);
}

// Only months from 2024-01 count: a birth in 2023-12 exempts 2023-11 … 2024-02, of which Jan
// and Feb → 2 months: 所得割 140,000 − ⌊2,000,000 × 10 × 7% ÷ 12⌋ = 140,000 − 116,666 =
// 23,334, 均等割 5,000 → 28,334. Twins in 2024-03 (多胎: 3 months before, 6 months:
// 2023-12 … 2024-05): FY2023 Jan–Mar = 3 → 42,500; FY2024 Apr–May = 2 → 28,334.
// FY2022 has no exemption at all.
TEST(PremiumBirth, FirstMonthAndMultipleBirth) {
  Household h = Mother();
  h.members[0].birth_month = 202312;
  EXPECT_EQ(Levy(h, SimpleSchedule(2023)).parts[kIryo].birth, 28'334);
  h.members[0].birth_month = 202403;
  h.members[0].birth_multiple = true;
  EXPECT_EQ(Levy(h, SimpleSchedule(2023)).parts[kIryo].birth, 42'500);
  EXPECT_EQ(Levy(h, SimpleSchedule(2024)).parts[kIryo].birth, 28'334);
  h.members[0].birth_month = 202210;
  h.members[0].birth_multiple = false;
  EXPECT_EQ(Levy(h, SimpleSchedule(2022)).parts[kIryo].birth, 0);
}

// Against the cap (大川市): still above the cap after the removal → unchanged. Base 20,000,000:
// 医療 1,400,000 + 50,000 = 1,450,000; − 3/12 (350,000 + 7,500) = 1,092,500 > 650,000 → 650,000
// with or without the birth.
TEST(PremiumBirth, CappedPremiumUnchanged) {
  Household h = Mother(20'430'000);
  const LevyResult without = Levy(h, SimpleSchedule(2023));
  h.members[0].birth_month = 202402;
  const LevyResult with = Levy(h, SimpleSchedule(2023));
  EXPECT_EQ(with.parts[kIryo].subtotal, 1'092'500);
  EXPECT_EQ(with.parts[kIryo].amount, 650'000);
  EXPECT_EQ(without.parts[kIryo].amount, 650'000);
  EXPECT_EQ(with.total, without.total);
}

// Against 7/5/2 (spec §4.2 [U]; 若桜町 Q3 unconfirmed): kokuho removes 1/12 a month of the
// 均等割 left after the 軽減 (the likely reading). FY2023, the mother alone with income 0 →
// 7割: 均等割 30,000 → 9,000, removed 9,000 × 3/12 = 2,250; 平等割 20,000 → 6,000 stays:
// 医療 9,000 − 2,250 + 6,000 = 12,750.
TEST(PremiumBirth, AfterKeigen) {
  Household h = Mother(0);
  h.members[0].birth_month = 202402;
  const LevyResult r = Levy(h, SimpleSchedule(2023));
  EXPECT_EQ(r.tier, kSeven);
  EXPECT_EQ(r.parts[kIryo].birth, 2'250);
  EXPECT_EQ(r.parts[kIryo].amount, 12'750);
}

// Documented limit: the exemption is modelled for members 18 and over (Prepare throws).
TEST(PremiumBirth, MinorMotherRefused) {
  Person girl = PersonAged(2024, 16);
  girl.birth_month = 202406;
  EXPECT_THROW(Prep(HouseholdOf({WithIncome(2024, 45, 0), girl}), 2024), CalculationError);
}

// ---------------------------------------------------------------------------------------
// 非自発的失業者 (spec §4.3): 給与所得 × 30/100 from the month of the day after 離職 to the end
// of the next fiscal year, in the 所得割 base and the 軽減判定. One member aged 40, 給与収入
// 3,000,000 → 給与所得 2,020,000 → 606,000; bases 1,590,000 and 176,000.

Person Dismissed(int fy, CivilDate separation) {
  Person p = PersonAged(fy, 40);
  p.income.salary_revenue = 3'000'000;
  p.unemployment_separation = separation;
  p.unemployment_reason = "11";
  return p;
}

// 離職 2023-09-30 → period 2023-10 … 2025-03: all of FY2024 reduced, and the 判定 on 4/1 uses
// 606,000: N = 1, 5割 <= 725,000 → 5割.
//   医療 176,000 × 7% = 12,320 + (30,000 + 20,000) × ½ = 37,320. Without it: 161,300 (none).
TEST(PremiumUnemployment, WholeYearReduced) {
  const LevyResult r = Levy(HouseholdOf({Dismissed(2024, {2023, 9, 30})}), SimpleSchedule(2024));
  EXPECT_EQ(r.tier, kFive);
  EXPECT_EQ(r.parts[kIryo].income, 12'320);
  EXPECT_EQ(r.parts[kIryo].amount, 37'320);
  Person p = Dismissed(2024, {2023, 9, 30});
  p.unemployment_separation.reset();
  EXPECT_EQ(Levy(HouseholdOf({p}), SimpleSchedule(2024)).parts[kIryo].amount, 161'300);
}

// 給与所得 given directly with 非自発的失業者 (issue 12 item 5; 施行令 29条の7の2 applies the
// 30/100 to the 給与所得 of 所得税法 28条1項): salary_income 2,020,000 instead of 給与収入
// 3,000,000 gives the same 37,320. With total_income (総所得金額等 2,520,000 = 給与所得 2,020,000 +
// 事業 500,000) and salary_income 2,020,000: 2,520,000 − 2,020,000 + 606,000 = 1,106,000 (base
// 676,000; 軽減判定 1,106,000 > 2割 975,000 → none): 医療 47,320 + 50,000 = 97,320, the same as
// the kinds 給与収入 3,000,000 + business 500,000.
TEST(PremiumUnemployment, SalaryIncomeGivenDirectly) {
  Person p = Dismissed(2024, {2023, 9, 30});
  p.income.salary_revenue = 0;
  p.income.salary_income = 2'020'000;
  EXPECT_EQ(Levy(HouseholdOf({p}), SimpleSchedule(2024)).parts[kIryo].amount, 37'320);
  Person q = Dismissed(2024, {2023, 9, 30});
  q.income = IncomeItems{};
  q.income.total_income = 2'520'000;
  q.income.salary_income = 2'020'000;
  const LevyResult r = Levy(HouseholdOf({q}), SimpleSchedule(2024));
  EXPECT_EQ(r.tier, kNoKeigen);
  EXPECT_EQ(r.parts[kIryo].income, 47'320);
  EXPECT_EQ(r.parts[kIryo].amount, 97'320);
  Person k = Dismissed(2024, {2023, 9, 30});
  k.income.business = 500'000;
  EXPECT_EQ(Levy(HouseholdOf({k}), SimpleSchedule(2024)).parts[kIryo].amount, 97'320);
}

// 離職 2024-06-20, joins 国保 2024-06-21: the day after 離職 is in June, so June counts (離職の
// 翌日の属する月から; 伊達市, 山江村). Insured June–March = 10 months, all reduced; the 判定日
// is 6/21, inside the period → 606,000 → 5割.
//   所得割 ⌊10 × 176,000 × 7% ÷ 12⌋ = ⌊10,266.67⌋ = 10,266
//   the annual amount 所得割 ⌊176,000 × 7%⌋ = 12,320 + 均等割 30,000 × ½ = 15,000 + 平等割
//   20,000 × ½ = 10,000 = 37,320, and 月割 once: ⌊37,320 × 10 ÷ 12⌋ = 31,100 (月割 of each
//   component apart gave 10,266 + 12,500 + 8,333 = 31,099 before issue 12). The displayed
//   所得割 is the running total's first step, ⌊12,320 × 10 ÷ 12⌋ = 10,266.
TEST(PremiumUnemployment, PeriodStartsWithTheMonthOfTheNextDay) {
  Person p = Dismissed(2024, {2024, 6, 20});
  p.joined = CivilDate{2024, 6, 21};
  const LevyResult r = Levy(HouseholdOf({p}), SimpleSchedule(2024));
  EXPECT_EQ(r.tier, kFive);
  EXPECT_EQ(r.parts[kIryo].months, 10);
  EXPECT_EQ(r.parts[kIryo].income, 10'266);
  EXPECT_EQ(r.parts[kIryo].amount, 31'100);
}

// 離職 2024-10-20 while insured all year: the period starts in October. Base × months =
// 6 × 1,590,000 + 6 × 176,000 = 10,596,000 → 所得割 10,596,000 × 7% ÷ 12 = 61,810; the 判定 on
// 4/1 uses the full income → none: 医療 61,810 + 50,000 = 111,810.
TEST(PremiumUnemployment, SeparationDuringTheYear) {
  const LevyResult r = Levy(HouseholdOf({Dismissed(2024, {2024, 10, 20})}), SimpleSchedule(2024));
  EXPECT_EQ(r.tier, kNoKeigen);
  EXPECT_EQ(r.parts[kIryo].income, 61'810);
  EXPECT_EQ(r.parts[kIryo].amount, 111'810);
}

// 離職 2024-03-31: the next day is 2024-04-01, in FY2024, so the period runs to 2026-03
// (the end of FY2025). FY2025 (2024 給与 3,000,000 → 2,020,000 → 606,000): 5割 <= 735,000 →
// 医療 12,320 + 25,000 = 37,320. FY2026: over → 2,020,000 (2025 table) → base 1,590,000 →
// 医療 111,300 + 50,000 = 161,300.
TEST(PremiumUnemployment, PeriodEndsWithTheNextFiscalYear) {
  const LevyResult a = Levy(HouseholdOf({Dismissed(2025, {2024, 3, 31})}), SimpleSchedule(2025));
  EXPECT_EQ(a.tier, kFive);
  EXPECT_EQ(a.parts[kIryo].amount, 37'320);
  const LevyResult b = Levy(HouseholdOf({Dismissed(2026, {2024, 3, 31})}), SimpleSchedule(2026));
  EXPECT_EQ(b.tier, kNoKeigen);
  EXPECT_EQ(b.parts[kIryo].amount, 161'300);
  // 離職 2023-03-31 → period 2023-04 … 2025-03: FY2024 reduced, FY2025 not.
  EXPECT_EQ(
      Levy(HouseholdOf({Dismissed(2024, {2023, 3, 31})}), SimpleSchedule(2024)).parts[kIryo].amount,
      37'320);
  EXPECT_EQ(
      Levy(HouseholdOf({Dismissed(2025, {2023, 3, 31})}), SimpleSchedule(2025)).parts[kIryo].amount,
      161'300);
}

// ---------------------------------------------------------------------------------------
// 旧被扶養者 (spec §4.4): 所得割 (and 資産割) 0; 均等割 ½ for 24 months from the month of 資格取得;
// 平等割 ½ only when every member is one; the larger of this and 7/5/2.

Person Former(int fy, Yen income, CivilDate since) {
  Person p = WithIncome(fy, 70, income);
  p.joined = since;
  p.former_dependent_since = since;
  return p;
}

// FY2024, alone, since 2023-10-01, 総所得金額等 2,000,000 (base 1,570,000; no 軽減):
//   医療 所得割 109,900 → 0; 均等割 30,000 → 15,000; 平等割 20,000 → 10,000: amount 25,000,
//   減免 134,900. 支援 39,250 + 5,000 + 3,000 = 47,250 off → 8,000.
TEST(PremiumFormerDependent, NoKeigenHousehold) {
  const LevyResult r =
      Levy(HouseholdOf({Former(2024, 2'000'000, {2023, 10, 1})}), SimpleSchedule(2024));
  EXPECT_EQ(r.tier, kNoKeigen);
  EXPECT_EQ(r.parts[kIryo].income, 109'900);
  EXPECT_EQ(r.parts[kIryo].former, 134'900);
  EXPECT_EQ(r.parts[kIryo].amount, 25'000);
  EXPECT_EQ(r.parts[kShien].former, 47'250);
  EXPECT_EQ(r.parts[kShien].amount, 8'000);
  EXPECT_EQ(r.parts[kKaigo].amount, 0);
}

// The larger reduction applies (北広島市, 四街道市):
//   7割 (income 0): 均等割 9,000 < 15,000 and 平等割 6,000 < 10,000 → the 旧被扶養者 減免 adds
//   nothing: 医療 15,000.
//   2割 (900,000: 5割 <= 725,000 < 900,000 <= 975,000): 均等割 24,000 → 15,000 (9,000 more),
//   平等割 16,000 → 10,000 (6,000 more), 所得割 470,000 × 7% = 32,900 → 0:
//   減免 47,900, 軽減 10,000, 医療 25,000.
TEST(PremiumFormerDependent, LargerOfItAndKeigen) {
  const LevyResult a = Levy(HouseholdOf({Former(2024, 0, {2023, 10, 1})}), SimpleSchedule(2024));
  EXPECT_EQ(a.tier, kSeven);
  EXPECT_EQ(a.parts[kIryo].former, 0);
  EXPECT_EQ(a.parts[kIryo].amount, 15'000);
  const LevyResult b =
      Levy(HouseholdOf({Former(2024, 900'000, {2023, 10, 1})}), SimpleSchedule(2024));
  EXPECT_EQ(b.tier, kTwo);
  EXPECT_EQ(b.parts[kIryo].keigen, 10'000);
  EXPECT_EQ(b.parts[kIryo].former, 47'900);
  EXPECT_EQ(b.parts[kIryo].amount, 25'000);
}

// 平等割 only when all members are 旧被扶養者: with a son (45, 3,000,000, not one) the 平等割
// stays 20,000 and only her 均等割 is halved (15,000). N = 2, 2割 <= 1,520,000 → none.
TEST(PremiumFormerDependent, HouseholdLevyOnlyWhenAllAreFormer) {
  const LevyResult r =
      Levy(HouseholdOf({WithIncome(2024, 45, 3'000'000), Former(2024, 0, {2023, 10, 1})}),
           SimpleSchedule(2024));
  EXPECT_EQ(r.tier, kNoKeigen);
  EXPECT_EQ(r.parts[kIryo].former, 15'000);
  EXPECT_EQ(r.parts[kIryo].household, 20'000);
}

// 24 months from the month of 資格取得: since 2022-10-01 → 2022-10 … 2024-09; FY2024 Apr–Sep
// halved, Oct–Mar not. 所得割 stays exempt (当分の間).
//   均等割 (15,000 × 6 + 30,000 × 6) ÷ 12 = 22,500 (7,500 off); 平等割 (10,000 × 6 + 20,000
//   × 6) ÷ 12 = 15,000 (5,000 off); 減免 109,900 + 7,500 + 5,000 = 122,400; 医療 37,500.
TEST(PremiumFormerDependent, TwentyFourMonths) {
  const LevyResult r =
      Levy(HouseholdOf({Former(2024, 2'000'000, {2022, 10, 1})}), SimpleSchedule(2024));
  EXPECT_EQ(r.parts[kIryo].former, 122'400);
  EXPECT_EQ(r.parts[kIryo].amount, 37'500);
}

// 資産割 is exempt too (4方式): 医療 資産割 30% on 固定資産税 40,000 = 12,000, all in 減免.
TEST(PremiumFormerDependent, AssetLevyExempt) {
  RateSchedule s = SimpleSchedule(2024);
  s.parts[kIryo].asset_rate = 300'000;
  Person p = Former(2024, 2'000'000, {2023, 10, 1});
  p.fixed_asset_tax = 40'000;
  const LevyResult r = Levy(HouseholdOf({p}), s);
  EXPECT_EQ(r.parts[kIryo].asset, 12'000);
  EXPECT_EQ(r.parts[kIryo].former, 146'900);
  EXPECT_EQ(r.parts[kIryo].amount, 25'000);
}

// ---------------------------------------------------------------------------------------
// 特定世帯 (平等割 ½ for 5 years) / 特定継続世帯 (¼ off for 3 more), 医療・支援 only (spec §4.5)

// One member aged 60 (介護 too), 3,000,000 (no 軽減), FY2024, by the month of the move:
//   2022-06-15: 22–33 months → ½ all year: 医療 10,000, 支援 3,000, 介護 0 off.
//   2019-10-01: 54–59 months (Apr–Sep) ½, 60–65 (Oct–Mar) ¼: 医療 (10,000 × 6 + 5,000 × 6)
//               ÷ 12 = 7,500; 支援 (3,000 × 6 + 1,500 × 6) ÷ 12 = 2,250.
//   2016-10-01: 90–95 months ¼ (Apr–Sep), from 96 none: 医療 2,500, 支援 750.
TEST(PremiumTokuteiSetai, HalfThenQuarterNotInKaigo) {
  struct Case {
    CivilDate since;
    Yen iryo, shien;
  };
  const Case cases[] = {
      {{2022, 6, 15}, 10'000, 3'000}, {{2019, 10, 1}, 7'500, 2'250}, {{2016, 10, 1}, 2'500, 750}};
  for (const Case& c : cases) {
    Household h = HouseholdOf({WithIncome(2024, 60, 3'000'000)});
    h.tokutei_since = c.since;
    const LevyResult r = Levy(h, SimpleSchedule(2024));
    EXPECT_EQ(r.parts[kIryo].tokutei, c.iryo) << c.since.ToString();
    EXPECT_EQ(r.parts[kShien].tokutei, c.shien) << c.since.ToString();
    EXPECT_EQ(r.parts[kKaigo].tokutei, 0);
    EXPECT_EQ(r.parts[kKaigo].household, 6'000);
  }
}

// Across the 5-year boundary: since 2019-04-01, FY2023 is months 48–59 (½: 10,000 off) and
// FY2024 months 60–71 (¼: 5,000 off).
TEST(PremiumTokuteiSetai, FiveYearBoundaryBetweenYears) {
  for (int fy : {2023, 2024}) {
    Household h = HouseholdOf({WithIncome(fy, 60, 3'000'000)});
    h.tokutei_since = CivilDate{2019, 4, 1};
    EXPECT_EQ(Levy(h, SimpleSchedule(fy)).parts[kIryo].tokutei, fy == 2023 ? 10'000 : 5'000);
  }
}

// 7割 on the halved 平等割 (秦野市): 20,000 → 10,000 → 3,000 payable; 軽減 of 平等割 7,000.
TEST(PremiumTokuteiSetai, KeigenAfterHalving) {
  Household h = HouseholdOf({WithIncome(2024, 60, 0)});
  h.tokutei_since = CivilDate{2022, 6, 15};
  const LevyResult r = Levy(h, SimpleSchedule(2024));
  EXPECT_EQ(r.tier, kSeven);
  EXPECT_EQ(r.parts[kIryo].tokutei, 10'000);
  EXPECT_EQ(r.parts[kIryo].keigen_household, 7'000);
  // 医療 = 均等割 30,000 × 0.3 + 平等割 3,000 = 12,000.
  EXPECT_EQ(r.parts[kIryo].amount, 12'000);
}

// ---------------------------------------------------------------------------------------
// Municipal relief hook (spec §4.7), after the statutory reliefs.

// A 学齢児 5割 relief on 医療・支援 均等割 (昭島市-like): parent 45 + child 10, FY2024.
//   No 軽減 (parent 3,000,000; N = 2: 2割 <= 1,520,000): 医療 30,000 → 15,000 off; 支援 5,000.
//   7割 (income 0): the child's 9,000 → 4,500 off; 支援 3,000 → 1,500.
// A 10% relief on 平等割: none 20,000 → 2,000 off; 7割 6,000 → 600.
TEST(PremiumMunicipalRelief, AfterStatutoryReliefs) {
  RateSchedule s = SimpleSchedule(2024);
  MunicipalRelief school;
  school.name = "学齢児均等割減免";
  school.parts[kIryo] = school.parts[kShien] = true;
  school.per_capita_ratio[kSchool] = 500'000;
  s.reliefs.push_back(school);
  const Household rich = HouseholdOf({WithIncome(2024, 45, 3'000'000), WithIncome(2024, 10, 0)});
  const Household poor = HouseholdOf({WithIncome(2024, 45, 0), WithIncome(2024, 10, 0)});
  EXPECT_EQ(Levy(rich, s).parts[kIryo].municipal, 15'000);
  EXPECT_EQ(Levy(rich, s).parts[kShien].municipal, 5'000);
  EXPECT_EQ(Levy(rich, s).parts[kKaigo].municipal, 0);
  EXPECT_EQ(Levy(poor, s).parts[kIryo].municipal, 4'500);
  EXPECT_EQ(Levy(poor, s).parts[kShien].municipal, 1'500);
  RateSchedule t = SimpleSchedule(2024);
  MunicipalRelief flat;
  flat.name = "平等割減免";
  flat.parts[kIryo] = true;
  flat.household_ratio = 100'000;
  t.reliefs.push_back(flat);
  EXPECT_EQ(Levy(rich, t).parts[kIryo].municipal, 2'000);
  EXPECT_EQ(Levy(poor, t).parts[kIryo].municipal, 600);
}

// A 独自減免 of the under-18 均等割 that leaves out 未就学児 (昭島市: 未就学児を除く18歳未満の
// 医療・支援 均等割 5割, after the 法定軽減 — civic-rule-lab/kokuho-core's test of it [T]; the
// city's page https://www.city.akishima.lg.jp/s054/010/010/010/020/070/20140919163539.html),
// against one that includes them (鳩山町: 18歳以下 全額,
// "未就学児の軽減等により軽減を受けている場合は、 軽減後の額を減免します",
// https://www.town.hatoyama.saitama.jp/hatonet/news/page003711.html). FY2024, parent 45 (3,000,000:
// no 軽減, N = 3), child 10 and child 3 (未就学), 5割 on 医療・支援:
//   leaving out 未就学児: child 10 医療 30,000 → 15,000 off; 支援 10,000 → 5,000; the child of 3
//     has only the national ½ (医療 15,000, 支援 5,000 as 未就学児 軽減).
//   including them: the child of 3's 15,000 → 7,500 more (医療), 5,000 → 2,500 (支援).
TEST(PremiumMunicipalRelief, SchoolAgeLeavingOutPreschool) {
  const Household h = HouseholdOf(
      {WithIncome(2024, 45, 3'000'000), WithIncome(2024, 10, 0), WithIncome(2024, 3, 0)});
  auto relief = [](bool preschool_too) {
    RateSchedule s = SimpleSchedule(2024);
    MunicipalRelief m;
    m.parts[kIryo] = m.parts[kShien] = true;
    m.per_capita_ratio[kSchool] = 500'000;
    if (preschool_too) m.per_capita_ratio[kPreschool] = 500'000;
    s.reliefs.push_back(m);
    return s;
  };
  const LevyResult akishima = Levy(h, relief(false));
  EXPECT_EQ(akishima.tier, kNoKeigen);
  EXPECT_EQ(akishima.parts[kIryo].preschool, 15'000);
  EXPECT_EQ(akishima.parts[kIryo].municipal, 15'000);
  EXPECT_EQ(akishima.parts[kShien].municipal, 5'000);
  const LevyResult all_under18 = Levy(h, relief(true));
  EXPECT_EQ(all_under18.parts[kIryo].municipal, 22'500);
  EXPECT_EQ(all_under18.parts[kShien].municipal, 7'500);
}

// 旧被扶養者 ½ (spec §4.4; the open reading of issue 12): the 減免額 is truncated like every
// reduction, so with an odd 均等割 the payer keeps the odd yen; 軽減額端数 = 軽減後 gives it to
// the reduction. FY2024, alone (旧被扶養者 since 2023-10-01, 2,000,000: no 軽減), 医療 均等割
// 30,001 and 平等割 20,001, no 所得割:
//   default: 減免 ⌊15,000.5⌋ = 15,000 and ⌊10,000.5⌋ = 10,000 → pays 15,001 + 10,001 = 25,002
//   軽減後: pays ⌊15,000.5⌋ = 15,000 + 10,000 = 25,000 (減免 15,001 + 10,001)
TEST(PremiumFormerDependent, HalvingRoundedOnTheReductionSide) {
  RateSchedule s = ZeroSchedule(2024);
  s.parts[kIryo] = testing::Rates(0, 30'001, 20'001);
  const Household h = HouseholdOf({Former(2024, 2'000'000, {2023, 10, 1})});
  LevyResult r = Levy(h, s);
  EXPECT_EQ(r.parts[kIryo].former, 25'000);
  EXPECT_EQ(r.parts[kIryo].amount, 25'002);
  s.reduction_rounding = ReductionRounding::kRemainder;
  r = Levy(h, s);
  EXPECT_EQ(r.parts[kIryo].former, 25'002);
  EXPECT_EQ(r.parts[kIryo].amount, 25'000);
}

// FY2026 子ども分 (spec §8.6c; issue 12): 旧被扶養者 減免 and 特定世帯 apply in the parts of
// data/premium/national.yaml (医療・支援) unless the rate file says otherwise for the 分.
// SimpleSchedule 子ども 0.3% / 1,000 + 18歳以上 100 (add 平等割 1,000 here):
//   a 旧被扶養者 alone (since 2025-10-01, 2,000,000 → base 1,570,000, no 軽減): by default her
//   子ども分 is 4,710 + 1,100 + 1,000 = 6,810; with 旧被扶養者減免 in 子ども: 所得割 4,710 off,
//   均等割 1,100 → 550, 平等割 1,000 → 500 (every member is one): 1,050.
//   a 特定世帯 (one member of 60 with 3,000,000, since 2024-06-15): 子ども 平等割 1,000 by
//   default; with 特定世帯軽減 in 子ども: 500.
TEST(PremiumChildPart, FormerAndTokuteiReliefPerPart) {
  RateSchedule s = SimpleSchedule(2026);
  s.parts[kKodomo].per_household = 1'000;
  const Household former = HouseholdOf({Former(2026, 2'000'000, {2025, 10, 1})});
  EXPECT_EQ(Levy(former, s).parts[kKodomo].former, 0);
  EXPECT_EQ(Levy(former, s).parts[kKodomo].amount, 6'810);
  Household tokutei = HouseholdOf({WithIncome(2026, 60, 3'000'000)});
  tokutei.tokutei_since = CivilDate{2024, 6, 15};
  EXPECT_EQ(Levy(tokutei, s).parts[kKodomo].tokutei, 0);
  s.parts[kKodomo].former_relief = true;
  s.parts[kKodomo].tokutei_relief = true;
  EXPECT_EQ(Levy(former, s).parts[kKodomo].former, 5'760);
  EXPECT_EQ(Levy(former, s).parts[kKodomo].amount, 1'050);
  EXPECT_EQ(Levy(tokutei, s).parts[kKodomo].tokutei, 500);
}

// The 18歳以上 add-on is its own 額 (朝霞市 lists "18歳以上均等割 100円" as a 税率 apart from
// 均等割 1,800円, https://www.city.asaka.lg.jp/soshiki/25/kodomo-kosodade.html), so its 軽減額 is
// truncated on its own: FY2026, 子ども 均等割 1,111 + 18歳以上 77, one adult with income 0 (7割):
//   1,111 × 0.7 = 777.7 → 777 and 77 × 0.7 = 53.9 → 53: 軽減 830, pays 334 + 24 = 358
// (on the sum it would be ⌊1,188 × 0.7⌋ = 831, pays 357).
TEST(PremiumChildPart, AddonKeigenTruncatedOnItsOwn) {
  RateSchedule s = ZeroSchedule(2026);
  s.parts[kKodomo] = testing::Rates(0, 1'111, 0);
  s.parts[kKodomo].adult_addon = 77;
  const LevyResult r = Levy(HouseholdOf({WithIncome(2026, 40, 0)}), s);
  EXPECT_EQ(r.tier, kSeven);
  EXPECT_EQ(r.parts[kKodomo].keigen, 830);
  EXPECT_EQ(r.parts[kKodomo].amount, 358);
}

}  // namespace
}  // namespace kokuho::premium
