// 月割 (spec §5.2–§5.3): a month belongs to the insurance held on its last day; joining and
// leaving; 75 (後期高齢者医療 from the birthday); the 介護 months from the month one reaches 40
// to the month before one reaches 65 (age reached the day before the birthday); the cap
// prorated or not.
#include <gtest/gtest.h>

#include "rule_helpers.h"

namespace kokuho::premium {
namespace {

using testing::BornOn;
using testing::HouseholdOf;
using testing::kIryo;
using testing::kKaigo;
using testing::kShien;
using testing::Levy;
using testing::PersonAged;
using testing::SimpleSchedule;
using testing::ZeroSchedule;

/// FY2024 rates of 1,000円 a month: 医療 均等割 12,000, 平等割 24,000; 介護 均等割 12,000,
/// 平等割 6,000; no 所得割. Members have 5,000,000 so there is no 軽減.
RateSchedule MonthlySchedule() {
  RateSchedule s = ZeroSchedule(2024);
  s.parts[kIryo].per_capita = 12'000;
  s.parts[kIryo].per_household = 24'000;
  s.parts[kKaigo].per_capita = 12'000;
  s.parts[kKaigo].per_household = 6'000;
  return s;
}

Person Member(Person p) {
  p.income.total_income = 5'000'000;
  return p;
}

// 医療 均等割 (1,000 a month) and household-months of one member.
struct Months {
  Yen per_capita;
  int months;
};
Months IryoOf(const Person& p) {
  const LevyResult r = Levy(HouseholdOf({Member(p)}), MonthlySchedule());
  return {r.parts[kIryo].per_capita, r.parts[kIryo].months};
}

// Joining (資格取得日): every month whose last day is on or after it.
//   2024-07-15 → Jul–Mar = 9; 2024-07-31 (the last day) → 9; 2024-08-01 → 8.
// Leaving (資格喪失日 = the day after the last insured day): the months before the one it
// falls in, unless it is the 1st of the next month.
//   喪失 2024-10-01 (insured to 9/30) → Apr–Sep = 6; 喪失 2024-09-30 → Apr–Aug = 5.
TEST(PremiumMonths, JoiningAndLeaving) {
  Person p = PersonAged(2024, 45);
  p.joined = CivilDate{2024, 7, 15};
  EXPECT_EQ(IryoOf(p).months, 9);
  EXPECT_EQ(IryoOf(p).per_capita, 9'000);
  p.joined = CivilDate{2024, 7, 31};
  EXPECT_EQ(IryoOf(p).months, 9);
  p.joined = CivilDate{2024, 8, 1};
  EXPECT_EQ(IryoOf(p).months, 8);
  Person q = PersonAged(2024, 45);
  q.left = CivilDate{2024, 10, 1};
  EXPECT_EQ(IryoOf(q).months, 6);
  q.left = CivilDate{2024, 9, 30};
  EXPECT_EQ(IryoOf(q).months, 5);
  // Joining in the previous year (遡及 to an earlier 取得日) counts the whole year.
  Person r = PersonAged(2024, 45);
  r.joined = CivilDate{2023, 12, 10};
  EXPECT_EQ(IryoOf(r).months, 12);
  // Joining 2024-06-10 and leaving 2024-11-01: Jun–Oct = 5.
  Person s = PersonAged(2024, 45);
  s.joined = CivilDate{2024, 6, 10};
  s.left = CivilDate{2024, 11, 1};
  EXPECT_EQ(IryoOf(s).months, 5);
  EXPECT_EQ(IryoOf(s).per_capita, 5'000);
}

// Every joining month: joining on the 1st of fiscal month i leaves 12 − i months.
TEST(PremiumMonths, EveryJoiningMonth) {
  for (int i = 0; i < 12; ++i) {
    const int ym = FiscalMonthYearMonth(2024, i);
    Person p = PersonAged(2024, 45);
    p.joined = CivilDate{ym / 100, ym % 100, 1};
    EXPECT_EQ(IryoOf(p).months, 12 - i) << ym;
    Person q = PersonAged(2024, 45);
    q.left = CivilDate{ym / 100, ym % 100, 1};
    EXPECT_EQ(IryoOf(q).months, i) << ym;
  }
}

// Turning 75: 後期高齢者医療 from the 75th birthday itself, so the birthday's month is no longer
// 国保 (鎌倉市: charged to the month before the birth month).
//   born 1949-10-15 → birthday 2024-10-15 → Apr–Sep = 6
//   born 1949-10-01 → 2024-10-01 → Apr–Sep = 6
//   born 1949-09-30 → 2024-09-30 (the last day of September is 後期) → Apr–Aug = 5
//   born 1949-04-01 → 2024-04-01 → none
TEST(PremiumMonths, TurningSeventyFive) {
  EXPECT_EQ(IryoOf(BornOn(1949, 10, 15)).months, 6);
  EXPECT_EQ(IryoOf(BornOn(1949, 10, 1)).months, 6);
  EXPECT_EQ(IryoOf(BornOn(1949, 9, 30)).months, 5);
  EXPECT_EQ(IryoOf(BornOn(1949, 4, 1)).months, 0);
  EXPECT_EQ(IryoOf(BornOn(1950, 4, 1)).months, 12);  // 75 on 2025-04-01: all of FY2024
}

// A baby is a member from the month of birth: born 2024-11-20 → Nov–Mar = 5.
TEST(PremiumMonths, NewbornFromTheBirthMonth) { EXPECT_EQ(IryoOf(BornOn(2024, 11, 20)).months, 5); }

// 介護 months: from the month one reaches 40 to the month before one reaches 65; the age is
// reached on the day before the birthday (長久手市, 調布市, 熊谷市, 鎌倉市).
//   born 1984-10-02 → 40 on 2024-10-01 → Oct–Mar = 6
//   born 1984-10-01 → 40 on 2024-09-30 → Sep–Mar = 7
//   born 1959-10-02 → 65 on 2024-10-01 → Apr–Sep = 6
//   born 1959-10-01 → 65 on 2024-09-30 → Apr–Aug = 5
//   born 1985-04-01 → 40 on 2025-03-31 → March = 1; born 1985-04-02 → 40 on 2025-04-01 → 0
// The 介護 均等割 is 1,000 a month; the 介護 平等割 follows the months with a 介護 member
// (kokuho's choice, spec §8.8 [U]): 500 a month.
TEST(PremiumMonths, KaigoFortyToSixtyFour) {
  struct Case {
    CivilDate birth;
    int months;
  };
  const Case cases[] = {{{1984, 10, 2}, 6}, {{1984, 10, 1}, 7}, {{1959, 10, 2}, 6},
                        {{1959, 10, 1}, 5}, {{1985, 4, 1}, 1},  {{1985, 4, 2}, 0},
                        {{1970, 6, 15}, 12}};
  for (const Case& c : cases) {
    Person p;
    p.birth_date = c.birth;
    const LevyResult r = Levy(HouseholdOf({Member(p)}), MonthlySchedule());
    EXPECT_EQ(r.parts[kKaigo].months, c.months) << c.birth.ToString();
    EXPECT_EQ(r.parts[kKaigo].per_capita, 1'000 * c.months) << c.birth.ToString();
    EXPECT_EQ(r.parts[kKaigo].household, 500 * c.months) << c.birth.ToString();
    EXPECT_EQ(r.parts[kIryo].months, 12);
  }
}

// The 介護 所得割 uses only the 介護 members' bases and months: FY2024, SimpleSchedule (介護 2%),
// husband 45 with 総所得金額等 1,430,000 (base 1,000,000) and wife 66 with 2,430,000 (base
// 2,000,000): 介護 所得割 = 1,000,000 × 2% = 20,000 (the wife's base is not in it); 医療 所得割
// = 3,000,000 × 7% = 210,000. A member reaching 40 in October adds base × 6/12: a third
// member born 1984-10-02 with base 1,200,000 → 介護 所得割 20,000 + 1,200,000 × 6 × 2% ÷ 12 =
// 32,000.
TEST(PremiumMonths, KaigoIncomeLevyByMembersAndMonths) {
  const Household h = HouseholdOf(
      {testing::WithIncome(2024, 45, 1'430'000), testing::WithIncome(2024, 66, 2'430'000)});
  const LevyResult r = Levy(h, SimpleSchedule(2024));
  EXPECT_EQ(r.parts[kKaigo].income, 20'000);
  EXPECT_EQ(r.parts[kIryo].income, 210'000);
  Household g = h;
  Person third = BornOn(1984, 10, 2);
  third.income.total_income = 1'630'000;
  g.members.push_back(third);
  EXPECT_EQ(Levy(g, SimpleSchedule(2024)).parts[kKaigo].income, 32'000);
}

// 所得割 with months: the annual 所得割, then 月割. FY2024, one member joining 2024-10-01
// (6 months) with base 1,000,000 at 7%: ⌊1,000,000 × 7%⌋ = 70,000 × 6 ÷ 12 = 35,000.
TEST(PremiumMonths, IncomeLevyProrated) {
  Person p = testing::WithIncome(2024, 45, 1'430'000);
  p.joined = CivilDate{2024, 10, 1};
  EXPECT_EQ(Levy(HouseholdOf({p}), SimpleSchedule(2024)).parts[kIryo].income, 35'000);
}

// The cap for a part-year household (spec §8.8): kokuho's default cap_prorated = true caps the
// annual amount before 月割 (銚子市; 福岡市 "1年分の保険料 × 加入月数 ÷ 12", each 分 capped),
// i.e. 賦課限度額 × months ÷ 12 for a household alike in its months.
// FY2024, member 45 joining 2024-10-01 (6 months), base 20,000,000, SimpleSchedule:
//   医療 20,000,000 × 6 × 7% ÷ 12 = 700,000 + 15,000 + 10,000 = 725,000;
//        cap 650,000 × 6/12 = 325,000 (not prorated: 650,000)
//   支援 250,000 + 5,000 + 3,000 = 258,000; cap 120,000 (240,000)
//   介護 200,000 + 6,000 + 3,000 = 209,000; cap 85,000 (170,000)
TEST(PremiumMonths, CapProratedOrNot) {
  Person p = testing::WithIncome(2024, 45, 20'430'000);
  p.joined = CivilDate{2024, 10, 1};
  RateSchedule s = SimpleSchedule(2024);
  LevyResult r = Levy(HouseholdOf({p}), s);
  EXPECT_EQ(r.parts[kIryo].subtotal, 725'000);
  EXPECT_EQ(r.parts[kIryo].cap, 325'000);
  EXPECT_EQ(r.parts[kIryo].amount, 325'000);
  EXPECT_EQ(r.parts[kShien].amount, 120'000);
  EXPECT_EQ(r.parts[kKaigo].amount, 85'000);
  EXPECT_EQ(r.total, 530'000);
  s.cap_prorated = false;
  r = Levy(HouseholdOf({p}), s);
  EXPECT_EQ(r.parts[kIryo].cap, 650'000);
  EXPECT_EQ(r.parts[kIryo].amount, 650'000);
  EXPECT_EQ(r.parts[kShien].amount, 240'000);
  EXPECT_EQ(r.parts[kKaigo].amount, 170'000);
  EXPECT_EQ(r.total, 1'060'000);
}

// A whole-year household is unaffected by the option: cap × 12 ÷ 12.
TEST(PremiumMonths, CapOptionIrrelevantForWholeYear) {
  const Person p = testing::WithIncome(2024, 45, 20'430'000);
  RateSchedule s = SimpleSchedule(2024);
  const Yen a = Levy(HouseholdOf({p}), s).total;
  s.cap_prorated = false;
  EXPECT_EQ(Levy(HouseholdOf({p}), s).total, a);
  EXPECT_EQ(a, 650'000 + 240'000 + 170'000);
}

// 月割 applied once, to the 分's annual amount (spec §5.2; 銚子市 and 防府市, spec §5.2;
// 鹿島市 https://www.city.saga-kashima.lg.jp/main/26689.html "国民健康保険税年税額÷12月×加入した
// 月から3月までの月数"; 福岡市 https://www.city.fukuoka.lg.jp/hofuku/kokuho/hp/seido/06-02.html
// "1年分の保険料×加入月数÷12月"). FY2024, one member of 45 joining 2024-07-01 (9 months),
// base 1,590,000 (総所得金額等 2,020,000, no 軽減), 医療 7.03% / 31,111 / 20,225:
//   年額 = 111,777 (⌊1,590,000 × 7.03%⌋ = ⌊111,777.0⌋) + 31,111 + 20,225 = 163,113
//   月割 = ⌊163,113 × 9 ÷ 12⌋ = ⌊122,334.75⌋ = 122,334
// Truncating each component's 月割 (the reading before issue 12) gave ⌊83,832.75⌋ +
// ⌊23,333.25⌋ + ⌊15,168.75⌋ = 122,333, one yen less.
TEST(PremiumMonths, MonthlyAppliedOnceToTheAnnualAmount) {
  RateSchedule s = ZeroSchedule(2024);
  s.parts[kIryo] = testing::Rates(70'300, 31'111, 20'225);
  Person p = testing::WithIncome(2024, 45, 2'020'000);
  const LevyResult year = Levy(HouseholdOf({p}), s);
  EXPECT_EQ(year.parts[kIryo].amount, 163'113);
  p.joined = CivilDate{2024, 7, 1};
  const LevyResult r = Levy(HouseholdOf({p}), s);
  EXPECT_EQ(r.parts[kIryo].months, 9);
  EXPECT_EQ(r.parts[kIryo].subtotal, 122'334);
  EXPECT_EQ(r.parts[kIryo].amount, 122'334);
  // The displayed components still add up: ⌊111,777 × 9 ÷ 12⌋ = 83,832 for 所得割, then the
  // running total (所得割 + 均等割 = 142,888 × 9 ÷ 12 = 107,166) gives 均等割 23,334, and
  // 平等割 the rest, 15,168.
  EXPECT_EQ(r.parts[kIryo].income, 83'832);
  EXPECT_EQ(r.parts[kIryo].per_capita, 23'334);
  EXPECT_EQ(r.parts[kIryo].household, 15'168);
}

// The annual 所得割 is truncated first, then 月割 (issue 12 item 2). FY2024, one member of 45
// joining 2024-05-01 (May–March = 11 months), base 1,093,095 (総所得金額等 1,523,095), 医療
// 所得割 10% only, 保険税 (100円):
//   annual 所得割 ⌊1,093,095 × 10%⌋ = ⌊109,309.5⌋ = 109,309
//   月割 ⌊109,309 × 11 ÷ 12⌋ = ⌊100,199.9⌋ = 100,199 → 100円未満切り捨て 100,100
// Applying 月割 to the untruncated product gave ⌊109,309.5 × 11 ÷ 12⌋ = ⌊100,200.4⌋ = 100,200
// → 100,200: 100円 more.
TEST(PremiumMonths, AnnualIncomeLevyTruncatedBeforeMonthly) {
  RateSchedule s = ZeroSchedule(2024);
  s.kind = LevyKind::kZei;
  s.rounding_unit = 100;
  s.parts[kIryo] = testing::Rates(100'000, 0, 0);
  Person p = testing::WithIncome(2024, 45, 1'523'095);
  p.joined = CivilDate{2024, 5, 1};
  const LevyResult r = Levy(HouseholdOf({p}), s);
  EXPECT_EQ(r.parts[kIryo].months, 11);
  EXPECT_EQ(r.parts[kIryo].subtotal, 100'199);
  EXPECT_EQ(r.parts[kIryo].amount, 100'100);
  EXPECT_EQ(r.total, 100'100);
}

// A household whose levy changes during the year: each stretch of months is levied at its
// own annual amount, capped as an annual amount, and 月割 applied once (福岡市: the cap applies
// to the 1年分の保険料 of each 分). FY2024, SimpleSchedule (医療 7% / 30,000 / 20,000, cap
// 650,000): A (45, base 20,000,000) leaves on 2024-10-01 (insured April–September); B (43, no
// income, 2割? no: 軽減判定 on 4/1 includes A's income → none) stays all year.
//   April–September: 所得割 1,400,000 + 均等割 60,000 + 平等割 20,000 = 1,480,000 → cap 650,000
//   October–March:   0 + 30,000 + 20,000 = 50,000
//   医療 = ⌊(6 × 650,000 + 6 × 50,000) ÷ 12⌋ = 350,000
// (Comparing the whole year's 月割 sum, (6 × 1,480,000 + 6 × 50,000) ÷ 12 = 765,000, with the
// cap 650,000 — the reading before issue 12 — charged 650,000.)
TEST(PremiumMonths, CapOnEachStretchOfTheYear) {
  Person a = testing::WithIncome(2024, 45, 20'430'000);
  a.left = CivilDate{2024, 10, 1};
  const Person b = testing::WithIncome(2024, 43, 0);
  const LevyResult r = Levy(HouseholdOf({a, b}), SimpleSchedule(2024));
  EXPECT_EQ(r.tier, kNoKeigen);
  EXPECT_EQ(r.parts[kIryo].subtotal, 765'000);
  EXPECT_EQ(r.parts[kIryo].cap, 650'000);
  EXPECT_EQ(r.parts[kIryo].amount, 350'000);
  EXPECT_EQ(r.parts[kIryo].over_cap, 415'000);
}

// Turning 75 on 4月2日 (issue 12 item 4). 後期高齢者医療 starts on the 75th birthday, so a
// member born 1950-04-02 — 75 by age on 2025-04-01, the 賦課期日 — is a 国保 member that day
// and leaves on 4月2日: counted in the 軽減判定 of 4月1日 (N and income), with no month of
// 国保 in FY2025 (the last day of April is 後期). FY2025, the spouse B (68) has 総所得金額等
// 800,000 (軽減判定所得 800,000; 給与所得者等: none):
//   born 1950-04-02: N = 2 → 5割 threshold 430,000 + 305,000 × 2 = 1,040,000 ≥ 800,000 → 5割
//   born 1950-04-01 (75th birthday on 4月1日) or 1950-03-31: not a member on 4月1日 → N = 1 →
//     5割 735,000 < 800,000 ≤ 2割 990,000 → 2割
//   born 1950-04-03: like 4月2日; born 1950-05-01: 国保 in April (1 month).
// B's 医療 under SimpleSchedule: 所得割 (800,000 − 430,000) × 7% = 25,900; 5割: 均等割 15,000 +
// 平等割 10,000 → 50,900; 2割: 24,000 + 16,000 → 65,900.
TEST(PremiumMonths, SeventyFiveOnTheSecondOfApril) {
  Person b = testing::WithIncome(2025, 69, 800'000);
  b.birth_date = CivilDate{1956, 6, 1};
  struct Case {
    CivilDate birth;
    int tier, keigen_count, months;
    Yen iryo;
  };
  const Case cases[] = {{{1950, 3, 31}, kTwo, 1, 12, 65'900},
                        {{1950, 4, 1}, kTwo, 1, 12, 65'900},
                        {{1950, 4, 2}, kFive, 2, 12, 50'900},
                        {{1950, 4, 3}, kFive, 2, 12, 50'900}};
  for (const Case& c : cases) {
    SCOPED_TRACE(c.birth.ToString());
    Person a = BornOn(c.birth.year, c.birth.month, c.birth.day);
    a.head = true;
    a.income.total_income = 0;
    const Household h = HouseholdOf({a, b});
    const PreparedHousehold prep = testing::Prep(h, 2025);
    EXPECT_EQ(prep.tier, c.tier);
    EXPECT_EQ(prep.keigen_count, c.keigen_count);
    EXPECT_EQ(prep.members, 1);  // only B has a month of 国保
    const LevyResult r = Levy(h, SimpleSchedule(2025));
    EXPECT_EQ(r.parts[kIryo].months, c.months);
    EXPECT_EQ(r.parts[kIryo].amount, c.iryo);
  }
  Person may = BornOn(1950, 5, 1);
  may.income.total_income = 0;
  EXPECT_EQ(Levy(HouseholdOf({may}), SimpleSchedule(2025)).parts[kIryo].months, 1);
}

}  // namespace
}  // namespace kokuho::premium
