// Properties of the levy over random households and random schedules (seeded std::mt19937_64,
// deterministic): the amount never exceeds the (prorated) cap; no component is negative; the
// components add up to the subtotal and the subtotal, less the excess over the cap and the
// rounding, to the amount; rounding never adds money; the total is Σ part amounts less the
// total rounding; within one 軽減 tier, more income never lowers the levy.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "rule_helpers.h"

namespace kokuho::premium {
namespace {

using testing::HouseholdOf;
using testing::Rules;

class Random {
 public:
  explicit Random(std::uint64_t seed) : rng_(seed) {}
  std::int64_t Int(std::int64_t lo, std::int64_t hi) {
    return std::uniform_int_distribution<std::int64_t>(lo, hi)(rng_);
  }
  bool Chance(int percent) { return Int(0, 99) < percent; }
  /// A date in [from, to] (inclusive), by day number.
  CivilDate Date(CivilDate from, CivilDate to) {
    return CivilDate::FromDayNumber(Int(from.DayNumber(), to.DayNumber()));
  }

 private:
  std::mt19937_64 rng_;
};

Person RandomPerson(Random& r, int fy) {
  Person p;
  const int age = static_cast<int>(r.Int(0, 80));
  p.birth_date =
      CivilDate{fy - age, static_cast<int>(r.Int(1, 12)), static_cast<int>(r.Int(1, 28))};
  IncomeItems& in = p.income;
  if (r.Chance(30)) {
    in.total_income = r.Chance(3) ? r.Int(0, 30'000'000) : r.Int(0, 6'000'000);
    if (r.Chance(20)) in.reduction_income = *in.total_income + r.Int(0, 1'000'000);
    if (age >= 18 && r.Chance(30)) in.salary_revenue = r.Int(0, 3'000'000);
  } else {
    if (age >= 16 && age < 75 && r.Chance(50)) in.salary_revenue = r.Int(0, 10'000'000);
    if (age >= 60 && r.Chance(70)) in.pension_revenue = r.Int(0, 4'000'000);
    if (age >= 18 && r.Chance(15)) in.business = r.Int(0, 6'000'000);
    if (age >= 18 && r.Chance(5)) in.family_salary = r.Int(0, 2'000'000);
    if (age >= 18 && r.Chance(5)) in.family_salary_paid = r.Int(0, 2'000'000);
    if (r.Chance(5)) in.real_estate = r.Int(0, 2'000'000);
    if (r.Chance(5)) in.dividends = r.Int(0, 500'000);
    if (r.Chance(3)) in.stocks = r.Int(0, 3'000'000);
    if (r.Chance(3)) {
      in.land_gains = r.Int(0, 8'000'000);
      in.land_gains_deduction = r.Int(0, in.land_gains);
    }
    if (r.Chance(1)) in.business = r.Int(20'000'000, 30'000'000);  // 基礎控除 phase-out
    // Losses offsetting the member's other kinds (損益通算), and 給与所得 given directly.
    if (r.Chance(5)) {
      in.business = 0;
      in.business_loss = r.Int(0, 4'000'000);
    }
    if (r.Chance(3)) {
      in.real_estate = 0;
      in.real_estate_loss = r.Int(0, 2'000'000);
    }
    if (r.Chance(3)) in.misc_loss = r.Int(0, 1'000'000);
    if (r.Chance(5) && in.family_salary == 0) in.salary_income = r.Int(0, 5'000'000);
  }
  if (in.total_income && r.Chance(10)) in.salary_income = r.Int(0, *in.total_income);
  const CivilDate fy_start{fy, 4, 1}, fy_end{fy + 1, 3, 31};
  if (r.Chance(10)) p.joined = r.Date({fy - 1, 1, 1}, fy_end);
  if (r.Chance(10)) {
    const CivilDate from = p.joined ? *p.joined : fy_start;
    p.left = r.Date(from, {fy + 1, 4, 30});
  }
  if (age >= 66 && age <= 74 && r.Chance(15))
    p.former_dependent_since = r.Date({fy - 3, 4, 1}, fy_end);
  const bool has_salary = in.salary_revenue > 0 || in.salary_income.value_or(0) > 0;
  const bool salary_known = !in.total_income || in.salary_income;  // the 30/100 needs it
  if (has_salary && salary_known && age >= 20 && age < 64 && r.Chance(10)) {
    p.unemployment_separation = r.Date({fy - 2, 1, 1}, {fy + 1, 2, 28});
    p.unemployment_reason = "11";
  }
  if (age >= 20 && age <= 45 && !p.former_dependent_since && r.Chance(5)) {
    const CivilDate d = r.Date({fy - 1, 1, 1}, {fy + 1, 6, 30});
    p.birth_month = d.YearMonth();
    p.birth_multiple = r.Chance(10);
  }
  if (r.Chance(3)) p.income_declared = false;
  if (r.Chance(20)) p.fixed_asset_tax = r.Int(0, 200'000);
  return p;
}

Household RandomHousehold(Random& r, int fy) {
  std::vector<Person> members;
  const int n = static_cast<int>(r.Int(1, 5));
  for (int k = 0; k < n; ++k) members.push_back(RandomPerson(r, fy));
  if (r.Chance(5)) {  // 擬制世帯主
    Person head = RandomPerson(r, fy);
    head.insured = false;
    head.head = true;
    head.birth_month.reset();
    head.former_dependent_since.reset();
    head.unemployment_separation.reset();
    members.insert(members.begin(), head);
  }
  if (r.Chance(3)) {  // 特定同一世帯所属者
    Person t = RandomPerson(r, fy);
    t.birth_date = CivilDate{fy - static_cast<int>(r.Int(76, 90)), 6, 1};
    t.insured = false;
    t.tokutei_doitsu = true;
    t.birth_month.reset();
    t.former_dependent_since.reset();
    t.unemployment_separation.reset();
    members.push_back(t);
  }
  Household h = HouseholdOf(members);
  if (r.Chance(10)) h.tokutei_since = r.Date({fy - 9, 4, 1}, {fy + 1, 3, 31});
  return h;
}

RateSchedule RandomSchedule(Random& r, int fy) {
  RateSchedule s = testing::ZeroSchedule(fy);
  s.kind = r.Chance(50) ? LevyKind::kZei : LevyKind::kRyo;
  const NationalRules& rules = Rules(fy);
  for (int p = 0; p < kPartCount; ++p) {
    if (!rules.levied[p]) continue;
    PartRates& pr = s.parts[p];
    pr.income_rate = r.Int(0, 120'000);
    if (r.Chance(30)) pr.asset_rate = r.Int(0, 400'000);
    pr.per_capita = r.Int(0, 50'000);
    if (r.Chance(70)) pr.per_household = r.Int(0, 40'000);
    if (p == testing::kKodomo) pr.adult_addon = r.Int(0, 200);
    if (r.Chance(20)) pr.cap = r.Int(rules.caps[p] / 2, rules.caps[p]);
    if (r.Chance(10)) {
      pr.reduced_per_capita = std::array<Yen, 3>{r.Int(0, pr.per_capita), r.Int(0, pr.per_capita),
                                                 r.Int(0, pr.per_capita)};
      pr.reduced_per_household = std::array<Yen, 3>{
          r.Int(0, pr.per_household), r.Int(0, pr.per_household), r.Int(0, pr.per_household)};
    }
  }
  const Yen units[] = {1, 10, 100};
  s.rounding_unit = units[r.Int(0, 2)];
  s.rounding_scope = r.Chance(30) ? RoundingScope::kTotal : RoundingScope::kPart;
  if (s.rounding_scope == RoundingScope::kPart)
    for (PartRates& pr : s.parts)
      if (r.Chance(15)) pr.rounding_unit = units[r.Int(0, 2)];
  s.reduction_unit = units[r.Int(0, 2)];
  s.reduction_rounding =
      r.Chance(30) ? ReductionRounding::kRemainder : ReductionRounding::kReduction;
  s.keigen_on_total = r.Chance(30);
  s.cap_prorated = r.Chance(70);
  s.keigen_on_adult_addon = r.Chance(50);
  for (PartRates& pr : s.parts) {
    if (r.Chance(10)) pr.former_relief = r.Chance(50);
    if (r.Chance(10)) pr.tokutei_relief = r.Chance(50);
  }
  if (r.Chance(20)) {
    MunicipalRelief m;
    m.name = "独自減免";
    for (int p = 0; p < kPartCount; ++p) m.parts[p] = r.Chance(50);
    for (int c = 0; c < kCategoryCount; ++c) m.per_capita_ratio[c] = r.Int(0, kPpmOne);
    m.household_ratio = r.Int(0, kPpmOne);
    s.reliefs.push_back(m);
  }
  return s;
}

/// Every invariant of one result; returns a failure description or "".
std::string Check(const LevyResult& r, const RateSchedule& s) {
  const NationalRules& rules = Rules(s.fiscal_year);
  const bool per_part = s.rounding_scope == RoundingScope::kPart;
  Yen sum = 0;
  for (int p = 0; p < kPartCount; ++p) {
    const PartLevy& x = r.parts[p];
    const std::string where = "part " + std::to_string(p) + ": ";
    for (Yen v : {x.income, x.asset, x.per_capita, x.household, x.child, x.tokutei, x.keigen,
                  x.keigen_household, x.preschool, x.former, x.birth, x.municipal, x.subtotal,
                  x.over_cap, x.rounding, x.amount})
      if (v < 0) return where + "negative component";
    if (x.keigen_household > x.keigen) return where + "平等割 軽減 above the 軽減";
    if (r.tier == kNoKeigen && x.keigen != 0) return where + "軽減 without a tier";
    const Yen reductions =
        x.child + x.tokutei + x.keigen + x.preschool + x.former + x.birth + x.municipal;
    if (x.income + x.asset + x.per_capita + x.household - reductions != x.subtotal)
      return where + "components do not add up to the subtotal";
    if (x.subtotal - x.over_cap - x.rounding != x.amount)
      return where + "subtotal − over cap − rounding != amount";
    if (x.amount > x.subtotal - x.over_cap) return where + "rounding added money";
    if (!rules.levied[p]) {
      if (x.amount != 0 || x.subtotal != 0) return where + "levied in a year without it";
      continue;
    }
    const Yen cap = s.parts[p].cap.value_or(rules.caps[p]);
    const Yen expected_cap = s.cap_prorated ? cap * x.months / 12 : cap;
    if (x.months > 0 && x.cap != expected_cap) return where + "unexpected cap";
    if (x.amount > expected_cap) return where + "amount above the cap";
    const Yen unit = s.parts[p].rounding_unit.value_or(s.rounding_unit);
    if (per_part ? x.rounding >= unit : x.rounding != 0) return where + "rounding out of range";
    if (per_part && x.amount % unit != 0) return where + "amount not in units";
    sum += x.amount;
  }
  if (r.total != sum - r.rounding_total) return "total != Σ parts − rounding_total";
  if (r.total > sum) return "total rounding added money";
  if (r.rounding_total < 0 || r.rounding_total >= s.rounding_unit) return "total rounding range";
  if (per_part && r.rounding_total != 0) return "total rounded twice";
  if (!per_part && r.total % s.rounding_unit != 0) return "total not in units";
  return "";
}

// 4,000 random households × random schedules over FY2018–FY2026.
TEST(PremiumProperties, InvariantsOverRandomHouseholds) {
  Random r(20260501);
  int levied = 0, keigen = 0, capped = 0;
  for (int i = 0; i < 4'000; ++i) {
    const int fy = static_cast<int>(r.Int(2018, 2026));
    const Household h = RandomHousehold(r, fy);
    const RateSchedule s = RandomSchedule(r, fy);
    const LevyResult res = testing::Levy(h, s);
    const std::string failure = Check(res, s);
    ASSERT_EQ(failure, "") << "case " << i << " FY" << fy;
    levied += res.total > 0;
    keigen += res.tier != kNoKeigen;
    for (const PartLevy& p : res.parts) capped += p.over_cap > 0;
  }
  // The generator reaches the interesting regions.
  EXPECT_GT(levied, 3'000);
  EXPECT_GT(keigen, 500);
  EXPECT_GT(capped, 100);
}

// Within one tier, raising one member's 総所得金額等 never lowers any part or the total
// (fix everything else; the member's income is given directly, so E is unchanged).
TEST(PremiumProperties, MonotoneInIncomeWithinATier) {
  Random r(4242);
  int compared = 0;
  for (int i = 0; i < 3'000; ++i) {
    const int fy = static_cast<int>(r.Int(2018, 2026));
    Household h = RandomHousehold(r, fy);
    const RateSchedule s = RandomSchedule(r, fy);
    const int k = static_cast<int>(r.Int(0, static_cast<std::int64_t>(h.members.size()) - 1));
    Person& m = h.members[k];
    m.income = IncomeItems{};
    m.unemployment_separation.reset();
    m.income.total_income = r.Chance(5) ? r.Int(0, 30'000'000) : r.Int(0, 5'000'000);
    const LevyResult a = testing::Levy(h, s);
    *m.income.total_income += r.Chance(50) ? r.Int(1, 1'000) : r.Int(1, 3'000'000);
    const LevyResult b = testing::Levy(h, s);
    if (a.tier != b.tier) continue;
    ++compared;
    ASSERT_GE(b.total, a.total) << "case " << i << " FY" << fy;
    for (int p = 0; p < kPartCount; ++p)
      ASSERT_GE(b.parts[p].amount, a.parts[p].amount) << "case " << i << " part " << p;
  }
  EXPECT_GT(compared, 2'000);
}

// Raising income can only move the household to a smaller 軽減 (or none), never a larger one.
TEST(PremiumProperties, TierNeverRisesWithIncome) {
  Random r(777);
  for (int i = 0; i < 3'000; ++i) {
    const int fy = static_cast<int>(r.Int(2018, 2026));
    Household h = RandomHousehold(r, fy);
    const int k = static_cast<int>(r.Int(0, static_cast<std::int64_t>(h.members.size()) - 1));
    Person& m = h.members[k];
    m.income = IncomeItems{};
    m.unemployment_separation.reset();
    m.income.total_income = r.Int(0, 3'000'000);
    const int before = testing::Prep(h, fy).tier;
    *m.income.total_income += r.Int(1, 2'000'000);
    ASSERT_LE(testing::Prep(h, fy).tier, before) << "case " << i;
  }
}

// 月割 once (spec §5.2; issue 12 items 1–2): for a household whose members all join (or
// leave) together, so that its membership is the same in each of its m months, every 分 is
// ⌊年額 × m ÷ 12⌋ of the same household's whole-year amounts: the subtotal from the annual
// subtotal, the amount from the annual amount after the cap (cap_prorated: the cap on the
// annual amount before 月割) or min(the 月割 subtotal, cap). The annual 所得割 is truncated
// before 月割, so nothing is truncated twice.
TEST(PremiumProperties, MonthlyIsOnceOnTheAnnualAmount) {
  Random r(1212);
  int compared = 0;
  for (int i = 0; i < 3'000; ++i) {
    const int fy = static_cast<int>(r.Int(2018, 2026));
    Household h = RandomHousehold(r, fy);
    RateSchedule s = RandomSchedule(r, fy);
    s.rounding_unit = 1;
    s.rounding_scope = RoundingScope::kPart;
    for (PartRates& pr : s.parts) pr.rounding_unit.reset();
    std::vector<Person> members;
    // A household the same all year: nobody born, turning 40/65/75, in a 旧被扶養者 or
    // 特定世帯 period change, 非自発 or 産前産後 during it.
    for (Person p : h.members) {
      p.joined.reset();
      p.left.reset();
      p.birth_month.reset();
      p.unemployment_separation.reset();
      p.former_dependent_since.reset();
      const int age = fy - p.birth_date.year;
      p.birth_date = CivilDate{fy - std::clamp(age, 1, 74), 4, 2};  // the same age all year
      members.push_back(p);
    }
    h = HouseholdOf(members);
    h.tokutei_since.reset();
    const LevyResult year = testing::Levy(h, s);
    // The insured members join together on the 1st of a month (and some leave together).
    const int first = static_cast<int>(r.Int(0, 11));
    const int last = r.Chance(50) ? 11 : static_cast<int>(r.Int(first, 11));
    const int ym = FiscalMonthYearMonth(fy, first);
    Household part = h;
    for (Person& p : part.members) {
      if (!p.insured) continue;
      p.joined = CivilDate{ym / 100, ym % 100, 1};
      if (last < 11) {  // 資格喪失日: the 1st of the month after the last insured month
        const int after = FiscalMonthYearMonth(fy, last + 1);
        p.left = CivilDate{after / 100, after % 100, 1};
      }
    }
    const LevyResult pr = testing::Levy(part, s);
    if (pr.tier != year.tier) continue;  // joining later can move the 判定日
    ++compared;
    const int m = last - first + 1;
    const NationalRules& rules = Rules(fy);
    for (int p = 0; p < kPartCount; ++p) {
      const PartLevy& a = year.parts[p];
      const PartLevy& b = pr.parts[p];
      if (a.months == 0) continue;
      ASSERT_EQ(b.months, m) << "case " << i << " part " << p;
      ASSERT_EQ(b.subtotal, a.subtotal * m / 12) << "case " << i << " part " << p;
      const Yen cap = s.parts[p].cap.value_or(rules.caps[p]);
      const Yen expected =
          s.cap_prorated ? std::min(a.subtotal, cap) * m / 12 : std::min(a.subtotal * m / 12, cap);
      ASSERT_EQ(b.amount, expected) << "case " << i << " part " << p;
    }
  }
  EXPECT_GT(compared, 2'000);
}

}  // namespace
}  // namespace kokuho::premium
