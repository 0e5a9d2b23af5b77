// 7割・5割・2割軽減 (国保法施行令 29条の7 第5項; spec §3): the thresholds of every fiscal year
// at threshold − 1 / threshold / threshold + 1 yen, who and what the 軽減判定所得 counts, when
// it is fixed, and what the 軽減 reduces.
#include <gtest/gtest.h>

#include <algorithm>

#include "rule_helpers.h"

namespace kokuho::premium {
namespace {

using testing::HouseholdOf;
using testing::kIryo;
using testing::kKaigo;
using testing::kShien;
using testing::Levy;
using testing::PersonAged;
using testing::Prep;
using testing::SimpleSchedule;
using testing::WithIncome;

// The national thresholds by fiscal year (spec §3.1), written out by hand from the sources:
//   7割 <= base + earner × (E − 1) [E >= 2, from FY2021]
//   5割 <= 7割 threshold + five × N;   2割 <= 7割 threshold + two × N
struct Year {
  int fy;
  Yen base, earner, five, two;
};
constexpr Year kYears[] = {
    {2018, 330'000, 0, 275'000, 500'000},        // H30 (高松市)
    {2019, 330'000, 0, 280'000, 510'000},        // R1 (松阪市, 香芝市)
    {2020, 330'000, 0, 285'000, 520'000},        // R2 (令和2年政令第18号)
    {2021, 430'000, 100'000, 285'000, 520'000},  // R3: 43万 and the earner term (佐野市)
    {2022, 430'000, 100'000, 285'000, 520'000},  // R4 (釧路市: 715,000 for one member)
    {2023, 430'000, 100'000, 290'000, 535'000},  // R5
    {2024, 430'000, 100'000, 295'000, 545'000},  // R6 (税制改正大綱)
    {2025, 430'000, 100'000, 305'000, 560'000},  // R7 (MHLW 税制改正の概要)
    {2026, 430'000, 100'000, 310'000, 570'000},  // R8 [T] (31万/57万: third-party only)
};

/// N members aged 45, all income on the first (総所得金額等 given directly), the first E with
/// 給与収入 600,000 (> 55万, so 給与所得者等; their income stays as given).
Household Judged(int fy, int n, int e, Yen income) {
  std::vector<Person> members;
  for (int k = 0; k < n; ++k) {
    Person p = WithIncome(fy, 45, k == 0 ? income : 0);
    if (k < e) p.income.salary_revenue = 600'000;
    members.push_back(p);
  }
  return HouseholdOf(members);
}

int TierAt(int fy, int n, int e, Yen income) { return Prep(Judged(fy, n, e, income), fy).tier; }

// Hand-computed thresholds, one case per fiscal year (other N, E than the sweep below):
struct Hand {
  int fy, n, e;
  Yen t7, t5, t2;
};
constexpr Hand kHand[] = {
    // FY2018 N=1: 330,000; + 275,000 = 605,000; + 500,000 = 830,000
    {2018, 1, 0, 330'000, 605'000, 830'000},
    // FY2019 N=2 E=2 (no earner term before FY2021): 330,000 + 560,000; + 1,020,000
    {2019, 2, 2, 330'000, 890'000, 1'350'000},
    // FY2020 N=3 E=3: 330,000 + 855,000 = 1,185,000; + 1,560,000 = 1,890,000
    {2020, 3, 3, 330'000, 1'185'000, 1'890'000},
    // FY2021 N=2 E=2: 430,000 + 100,000 = 530,000; + 570,000; + 1,040,000
    {2021, 2, 2, 530'000, 1'100'000, 1'570'000},
    // FY2022 N=1 E=1 (E=1 adds nothing): 430,000; + 285,000 = 715,000 (釧路市); + 520,000
    {2022, 1, 1, 430'000, 715'000, 950'000},
    // FY2023 N=4 E=3: 430,000 + 200,000 = 630,000; + 1,160,000; + 2,140,000
    {2023, 4, 3, 630'000, 1'790'000, 2'770'000},
    // FY2024 N=3 E=0: 430,000; + 885,000 = 1,315,000; + 1,635,000 = 2,065,000 (成田市 R6)
    {2024, 3, 0, 430'000, 1'315'000, 2'065'000},
    // FY2025 N=3 E=1: 430,000; + 915,000 = 1,345,000; + 1,680,000 = 2,110,000 (成田市 R7)
    {2025, 3, 1, 430'000, 1'345'000, 2'110'000},
    // FY2026 N=2 E=2 [T]: 530,000; + 620,000 = 1,150,000; + 1,140,000 = 1,670,000
    {2026, 2, 2, 530'000, 1'150'000, 1'670'000},
};

void ExpectTiers(int fy, int n, int e, Yen t7, Yen t5, Yen t2) {
  SCOPED_TRACE(::testing::Message() << "FY" << fy << " N=" << n << " E=" << e);
  EXPECT_EQ(TierAt(fy, n, e, 0), kSeven);
  EXPECT_EQ(TierAt(fy, n, e, t7 - 1), kSeven);
  EXPECT_EQ(TierAt(fy, n, e, t7), kSeven);  // 以下: the threshold itself qualifies
  EXPECT_EQ(TierAt(fy, n, e, t7 + 1), kFive);
  EXPECT_EQ(TierAt(fy, n, e, t5 - 1), kFive);
  EXPECT_EQ(TierAt(fy, n, e, t5), kFive);
  EXPECT_EQ(TierAt(fy, n, e, t5 + 1), kTwo);
  EXPECT_EQ(TierAt(fy, n, e, t2 - 1), kTwo);
  EXPECT_EQ(TierAt(fy, n, e, t2), kTwo);
  EXPECT_EQ(TierAt(fy, n, e, t2 + 1), kNoKeigen);
}

TEST(PremiumKeigenThresholds, HandComputedEveryYear) {
  for (const Hand& h : kHand) ExpectTiers(h.fy, h.n, h.e, h.t7, h.t5, h.t2);
}

// Every year × N = 1..4 × E = 0..min(N, 3), at −1 / 0 / +1 yen of each threshold.
TEST(PremiumKeigenThresholds, SweepEveryYearNAndE) {
  for (const Year& y : kYears)
    for (int n = 1; n <= 4; ++n)
      for (int e = 0; e <= std::min(n, 3); ++e) {
        const Yen t7 = y.base + (e >= 2 ? y.earner * (e - 1) : 0);
        ExpectTiers(y.fy, n, e, t7, t7 + y.five * n, t7 + y.two * n);
      }
}

// The same household across the years the add-ons rose (spec checklist: cross-year tests):
//   N=2, 軽減判定所得 900,000: FY2018 5割 <= 330,000 + 550,000 = 880,000 → 2割;
//     FY2019 <= 890,000 → 2割; FY2020 <= 900,000 → 5割; FY2021 <= 1,000,000 → 5割.
//   N=1, 720,000: FY2022 5割 <= 715,000 → 2割; FY2023 <= 720,000 → 5割.
//   N=1, 726,000: FY2024 <= 725,000 → 2割; FY2025 <= 735,000 → 5割.
//   N=1, 740,000: FY2025 <= 735,000 → 2割; FY2026 <= 740,000 → 5割 [T].
//   N=1, 400,000: FY2020 7割 <= 330,000 → 5割 (<= 615,000); FY2021 <= 430,000 → 7割.
TEST(PremiumKeigenThresholds, SameHouseholdAcrossYears) {
  EXPECT_EQ(TierAt(2018, 2, 0, 900'000), kTwo);
  EXPECT_EQ(TierAt(2019, 2, 0, 900'000), kTwo);
  EXPECT_EQ(TierAt(2020, 2, 0, 900'000), kFive);
  EXPECT_EQ(TierAt(2021, 2, 0, 900'000), kFive);
  EXPECT_EQ(TierAt(2022, 1, 0, 720'000), kTwo);
  EXPECT_EQ(TierAt(2023, 1, 0, 720'000), kFive);
  EXPECT_EQ(TierAt(2024, 1, 0, 726'000), kTwo);
  EXPECT_EQ(TierAt(2025, 1, 0, 726'000), kFive);
  EXPECT_EQ(TierAt(2025, 1, 0, 740'000), kTwo);
  EXPECT_EQ(TierAt(2026, 1, 0, 740'000), kFive);
  EXPECT_EQ(TierAt(2020, 1, 0, 400'000), kFive);
  EXPECT_EQ(TierAt(2021, 1, 0, 400'000), kSeven);
  // The earner term arrives in FY2021: N=2, E=2, 軽減判定所得 500,000:
  //   FY2020 7割 <= 330,000 → 5割; FY2021 7割 <= 530,000 → 7割.
  EXPECT_EQ(TierAt(2020, 2, 2, 500'000), kFive);
  EXPECT_EQ(TierAt(2021, 2, 2, 500'000), kSeven);
}

// 擬制世帯主 (a 世帯主 outside 国保): income counted, not in N (釧路, 銚子, 土庄). FY2024:
// head 700,000 + member 100,000 = 800,000; N = 1: 5割 <= 725,000, 2割 <= 975,000 → 2割.
// (Were the head counted in N, 5割 <= 1,020,000 would apply.)
TEST(PremiumKeigenCounting, GiseiSetainushiIncomeButNotN) {
  Person head = WithIncome(2024, 50, 700'000);
  head.insured = false;
  head.head = true;
  const Household h = HouseholdOf({head, WithIncome(2024, 30, 100'000)});
  const PreparedHousehold p = Prep(h, 2024);
  EXPECT_EQ(p.keigen_income, 800'000);
  EXPECT_EQ(p.keigen_count, 1);
  EXPECT_EQ(p.tier, kTwo);
  EXPECT_EQ(p.members, 1);
}

// 特定同一世帯所属者 (moved to 後期, same household): in the income and in N. FY2024: husband
// (76, 後期, 世帯主) 600,000 + wife (72, 国保) 400,000 = 1,000,000; N = 2: 5割 <= 430,000 +
// 590,000 = 1,020,000 → 5割. Without the status (a plain 擬制世帯主) N = 1: 2割 <= 975,000 →
// none.
TEST(PremiumKeigenCounting, TokuteiDoitsuInIncomeAndN) {
  Person husband = WithIncome(2024, 76, 600'000);
  husband.insured = false;
  husband.head = true;
  husband.tokutei_doitsu = true;
  const Person wife = WithIncome(2024, 72, 400'000);
  const PreparedHousehold p = Prep(HouseholdOf({husband, wife}), 2024);
  EXPECT_EQ(p.keigen_income, 1'000'000);
  EXPECT_EQ(p.keigen_count, 2);
  EXPECT_EQ(p.tier, kFive);
  husband.tokutei_doitsu = false;
  EXPECT_EQ(Prep(HouseholdOf({husband, wife}), 2024).tier, kNoKeigen);
  // A 特定同一世帯所属者 who is not the 世帯主 (a grandmother of 80) counts too: FY2024,
  // member 45 with 800,000 + grandmother 0; N = 2 → 5割 (<= 1,020,000); alone N = 1 → 2割.
  Person grandmother = WithIncome(2024, 80, 0);
  grandmother.insured = false;
  grandmother.tokutei_doitsu = true;
  EXPECT_EQ(Prep(HouseholdOf({WithIncome(2024, 45, 800'000), grandmother}), 2024).tier, kFive);
  EXPECT_EQ(Prep(HouseholdOf({WithIncome(2024, 45, 800'000)}), 2024).tier, kTwo);
}

// 65+ special deduction (15万 off 年金所得 in the 軽減判定 only; age on 12/31 of the income year).
// FY2024, aged 70, 年金 2,000,000 → 年金所得 900,000; 軽減判定 750,000; E = 1 (> 125万).
// N = 1: 5割 <= 725,000, 2割 <= 975,000 → 2割. The 所得割 base is 900,000 − 430,000 = 470,000.
// Born 1959-01-02 (64 on 2023-12-31): under-65 table 2,000,000 × 0.75 − 275,000 = 1,225,000,
// no 15万 → none. 年金 1,200,000 at 70: 100,000 − 150,000 → 0 (not below 0).
TEST(PremiumKeigenCounting, ElderlyPensionDeduction) {
  Person p = PersonAged(2024, 70);
  p.income.pension_revenue = 2'000'000;
  const MemberIncome m = testing::IncomeOf(p, 2024);
  EXPECT_EQ(m.pension_income, 900'000);
  EXPECT_EQ(m.reduction_income, 750'000);
  EXPECT_EQ(m.base, 470'000);
  EXPECT_TRUE(m.earner);
  EXPECT_EQ(Prep(HouseholdOf({p}), 2024).tier, kTwo);
  Person q = testing::BornOn(1959, 1, 2);
  q.income.pension_revenue = 2'000'000;
  EXPECT_EQ(testing::IncomeOf(q, 2024).reduction_income, 1'225'000);
  EXPECT_EQ(Prep(HouseholdOf({q}), 2024).tier, kNoKeigen);
  Person r = testing::BornOn(1959, 1, 1);  // reaches 65 on 2023-12-31
  r.income.pension_revenue = 2'000'000;
  EXPECT_EQ(testing::IncomeOf(r, 2024).reduction_income, 750'000);
  p.income.pension_revenue = 1'200'000;
  EXPECT_EQ(testing::IncomeOf(p, 2024).reduction_income, 0);
  EXPECT_EQ(Prep(HouseholdOf({p}), 2024).tier, kSeven);
}

// 専従者給与 (spec §1.3 table): the owner's 事業所得 is after paying it, the 専従者 has 給与所得
// for the 所得割; in the 軽減判定 it goes back to the owner and the 専従者 counts nil.
// FY2024: owner (50) 事業所得 500,000 after paying 600,000; spouse (48) 専従者給与 600,000.
//   所得割 bases: owner 500,000 − 430,000 = 70,000; spouse 給与所得 50,000 − 430,000 → 0.
//   軽減判定: 500,000 + 600,000 + 0 = 1,100,000; N = 2, E = 0 (専従者給与 makes no earner):
//   5割 <= 1,020,000, 2割 <= 1,520,000 → 2割 (without the add-back: 550,000 → 5割).
TEST(PremiumKeigenCounting, SenjushaAddBack) {
  Person owner = PersonAged(2024, 50);
  owner.income.business = 500'000;
  owner.income.family_salary_paid = 600'000;
  Person spouse = PersonAged(2024, 48);
  spouse.income.family_salary = 600'000;
  EXPECT_EQ(testing::IncomeOf(owner, 2024).base, 70'000);
  EXPECT_EQ(testing::IncomeOf(owner, 2024).reduction_income, 1'100'000);
  EXPECT_EQ(testing::IncomeOf(spouse, 2024).salary_income, 50'000);
  EXPECT_EQ(testing::IncomeOf(spouse, 2024).base, 0);
  EXPECT_EQ(testing::IncomeOf(spouse, 2024).reduction_income, 0);
  EXPECT_FALSE(testing::IncomeOf(spouse, 2024).earner);
  const PreparedHousehold p = Prep(HouseholdOf({owner, spouse}), 2024);
  EXPECT_EQ(p.keigen_income, 1'100'000);
  EXPECT_EQ(p.earners, 0);
  EXPECT_EQ(p.tier, kTwo);
}

// 分離譲渡所得: the 所得割 base is after its 特別控除, the 軽減判定 before. FY2024, aged 60:
// 譲渡 3,000,000 with 特別控除 3,000,000 → 総所得金額等 0, base 0; 軽減判定 3,000,000 → none.
// Without the sale → 7割.
TEST(PremiumKeigenCounting, LandGainsBeforeSpecialDeduction) {
  Person p = PersonAged(2024, 60);
  p.income.land_gains = 3'000'000;
  p.income.land_gains_deduction = 3'000'000;
  EXPECT_EQ(testing::IncomeOf(p, 2024).total_income, 0);
  EXPECT_EQ(testing::IncomeOf(p, 2024).base, 0);
  EXPECT_EQ(testing::IncomeOf(p, 2024).reduction_income, 3'000'000);
  EXPECT_EQ(Prep(HouseholdOf({p}), 2024).tier, kNoKeigen);
  p.income.land_gains = p.income.land_gains_deduction = 0;
  EXPECT_EQ(Prep(HouseholdOf({p}), 2024).tier, kSeven);
}

// No 軽減 when anyone counted has not declared their income (甲賀市, 銚子市), the 擬制世帯主
// included; someone not counted (joining after the 判定日, not the 世帯主) does not matter.
TEST(PremiumKeigenCounting, UndeclaredIncomeMeansNoKeigen) {
  Person a = WithIncome(2024, 45, 0);
  Person b = WithIncome(2024, 43, 0);
  EXPECT_EQ(Prep(HouseholdOf({a, b}), 2024).tier, kSeven);
  b.income_declared = false;
  EXPECT_EQ(Prep(HouseholdOf({a, b}), 2024).tier, kNoKeigen);
  Person head = WithIncome(2024, 50, 0);
  head.insured = false;
  head.head = true;
  head.income_declared = false;
  EXPECT_EQ(Prep(HouseholdOf({head, a}), 2024).tier, kNoKeigen);
  Person late = WithIncome(2024, 20, 0);
  late.joined = CivilDate{2024, 9, 1};
  late.income_declared = false;
  EXPECT_EQ(Prep(HouseholdOf({a, late}), 2024).tier, kSeven);
}

// The tier is fixed on 4月1日, or on the 資格取得日 for a household that joins later (釧路市,
// 豊明市), and not redone for later changes (香芝市).
//   FY2024: head joins 2024-07-15 with 0; B joins 2024-10-01 with 5,000,000 → B is not counted:
//   N = 1, income 0 → 7割.
//   A all year with 0, B leaves on 2024-06-01 with 5,000,000 → counted on 4/1 → none.
TEST(PremiumKeigenCounting, FixedOnTheDeterminationDay) {
  Person a = WithIncome(2024, 45, 0);
  a.joined = CivilDate{2024, 7, 15};
  Person b = WithIncome(2024, 43, 5'000'000);
  b.joined = CivilDate{2024, 10, 1};
  const PreparedHousehold p = Prep(HouseholdOf({a, b}), 2024);
  EXPECT_EQ(p.tier, kSeven);
  EXPECT_EQ(p.keigen_count, 1);
  Person c = WithIncome(2024, 45, 0);
  Person d = WithIncome(2024, 43, 5'000'000);
  d.left = CivilDate{2024, 6, 1};
  EXPECT_EQ(Prep(HouseholdOf({c, d}), 2024).tier, kNoKeigen);
}

// What the 軽減 reduces: 均等割 and 平等割 of every 分, never 所得割 (土庄町). SimpleSchedule
// FY2024 (医療 7% / 30,000 / 20,000; 支援 2.5% / 10,000 / 6,000; 介護 2% / 12,000 / 6,000),
// members aged 45 and 43 (both 介護), N = 2, E = 0: 7割 <= 430,000; 5割 <= 1,020,000;
// 2割 <= 1,520,000.
//   7割 (income 0):  医療 60,000 + 20,000 − (42,000 + 14,000) = 24,000
//                    支援 20,000 + 6,000 − (14,000 + 4,200) = 7,800
//                    介護 24,000 + 6,000 − (16,800 + 4,200) = 9,000           total 40,800
//   5割 (1,000,000 → base 570,000): 医療 39,900 + 80,000 − 40,000 = 79,900
//                    支援 14,250 + 26,000 − 13,000 = 27,250
//                    介護 11,400 + 30,000 − 15,000 = 26,400                   total 133,550
//   2割 (1,500,000 → base 1,070,000): 医療 74,900 + 80,000 − 16,000 = 138,900
//                    支援 26,750 + 26,000 − 5,200 = 47,550
//                    介護 21,400 + 30,000 − 6,000 = 45,400                    total 231,850
//   none (1,600,000 → base 1,170,000): 医療 81,900 + 80,000 = 161,900
//                    支援 29,250 + 26,000 = 55,250; 介護 23,400 + 30,000 = 53,400  total 270,550
TEST(PremiumKeigenAmounts, EachTierOnEveryPart) {
  struct Case {
    Yen income;
    int tier;
    Yen keigen[3], amount[3], total;
  };
  const Case cases[] = {
      {0, kSeven, {56'000, 18'200, 21'000}, {24'000, 7'800, 9'000}, 40'800},
      {1'000'000, kFive, {40'000, 13'000, 15'000}, {79'900, 27'250, 26'400}, 133'550},
      {1'500'000, kTwo, {16'000, 5'200, 6'000}, {138'900, 47'550, 45'400}, 231'850},
      {1'600'000, kNoKeigen, {0, 0, 0}, {161'900, 55'250, 53'400}, 270'550},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.income);
    const Household h = HouseholdOf({WithIncome(2024, 45, c.income), WithIncome(2024, 43, 0)});
    const LevyResult r = Levy(h, SimpleSchedule(2024));
    EXPECT_EQ(r.tier, c.tier);
    for (int p : {kIryo, kShien, kKaigo}) {
      EXPECT_EQ(r.parts[p].keigen, c.keigen[p]) << p;
      EXPECT_EQ(r.parts[p].amount, c.amount[p]) << p;
    }
    EXPECT_EQ(r.total, c.total);
  }
  // The 平等割 share of the 7割: 医療 14,000, 支援 4,200, 介護 4,200.
  const LevyResult r =
      Levy(HouseholdOf({WithIncome(2024, 45, 0), WithIncome(2024, 43, 0)}), SimpleSchedule(2024));
  EXPECT_EQ(r.parts[kIryo].keigen_household, 14'000);
  EXPECT_EQ(r.parts[kShien].keigen_household, 4'200);
  EXPECT_EQ(r.parts[kKaigo].keigen_household, 4'200);
}

// 4方式: 資産割 = 固定資産税 × rate, never reduced by 7/5/2. FY2024, 医療 資産割 30%, member
// 45 with 固定資産税 40,000 → 12,000; 7割 as above: 医療 24,000 + 12,000 = 36,000; 軽減 still
// 56,000.
TEST(PremiumKeigenAmounts, AssetLevyNotReduced) {
  RateSchedule s = SimpleSchedule(2024);
  s.parts[kIryo].asset_rate = 300'000;
  Person a = WithIncome(2024, 45, 0);
  a.fixed_asset_tax = 40'000;
  const LevyResult r = Levy(HouseholdOf({a, WithIncome(2024, 43, 0)}), s);
  EXPECT_EQ(r.tier, kSeven);
  EXPECT_EQ(r.parts[kIryo].asset, 12'000);
  EXPECT_EQ(r.parts[kIryo].keigen, 56'000);
  EXPECT_EQ(r.parts[kIryo].amount, 36'000);
}

// A 条例 table of the reduced amounts (御船町, 滑川町; spec §3.4) instead of the ratios. FY2024,
// 医療 均等割 30,000 with the table 2割 24,000 / 5割 15,000 / 7割 9,100 and 平等割 20,000 with
// 16,000 / 10,000 / 6,100 (the 7割 amounts deliberately differ from 30% so the table shows).
//   7割, two members: 医療 2 × 9,100 + 6,100 = 24,300; 軽減 (60,000 − 18,200) + (20,000 −
//   6,100) = 55,700. 支援 and 介護 keep the ratios: 7,800 and 9,000.
TEST(PremiumKeigenAmounts, OrdinanceTableOfReducedAmounts) {
  RateSchedule s = SimpleSchedule(2024);
  s.parts[kIryo].reduced_per_capita = std::array<Yen, 3>{24'000, 15'000, 9'100};
  s.parts[kIryo].reduced_per_household = std::array<Yen, 3>{16'000, 10'000, 6'100};
  const LevyResult r = Levy(HouseholdOf({WithIncome(2024, 45, 0), WithIncome(2024, 43, 0)}), s);
  EXPECT_EQ(r.parts[kIryo].amount, 24'300);
  EXPECT_EQ(r.parts[kIryo].keigen, 55'700);
  EXPECT_EQ(r.parts[kShien].amount, 7'800);
  EXPECT_EQ(r.parts[kKaigo].amount, 9'000);
}

}  // namespace
}  // namespace kokuho::premium
