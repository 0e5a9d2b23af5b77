// Random households for property and identity tests: every rule of the levy is reachable
// (part-year members, 擬制世帯主, 特定同一, 旧被扶養者, 非自発的失業者, 産前産後, 特定世帯,
// 固定資産税, undeclared incomes, incomes given directly), deterministic for a seed.
#pragma once

#include <random>

#include "premium/household.h"

namespace kokuho::premium::testing {

inline Household RandomHousehold(std::mt19937_64& rng, int fy) {
  auto chance = [&](double p) { return std::uniform_real_distribution<double>(0, 1)(rng) < p; };
  auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  auto money = [&](Yen hi) { return std::uniform_int_distribution<Yen>(0, hi)(rng); };
  auto date_in_fy = [&](int offset_days) {
    return CivilDate::FromDayNumber(CivilDate{fy, 4, 1}.DayNumber() + offset_days);
  };
  Household h;
  h.id = "r";
  const int n = pick(1, 5);
  const bool fictitious_head = chance(0.05);
  for (int k = 0; k < n; ++k) {
    Person p;
    const int age = k == 0 ? pick(18, 74) : pick(0, 74);
    p.birth_date = CivilDate::FromDayNumber(CivilDate{fy - age, 4, 2}.DayNumber() - pick(0, 364));
    p.head = k == 0;
    if (p.head && fictitious_head) p.insured = false;
    p.income_declared = !chance(0.02);
    if (chance(0.1)) p.joined = date_in_fy(pick(0, 360));
    if (chance(0.05)) p.left = date_in_fy(pick(30, 364));
    if (p.joined && p.left && *p.left <= *p.joined) p.left.reset();
    IncomeItems& in = p.income;
    if (chance(0.05)) {
      in.total_income = money(20'000'000);
      in.reduction_income = money(*in.total_income);
    } else {
      if (chance(0.5)) in.salary_revenue = money(chance(0.1) ? 30'000'000 : 6'000'000);
      if (age >= 60 && chance(0.8)) in.pension_revenue = money(4'000'000);
      if (chance(0.15)) in.business = money(8'000'000);
      if (chance(0.03)) in.family_salary_paid = money(1'000'000);
      if (chance(0.03)) in.family_salary = money(1'500'000);
      if (chance(0.05)) in.misc = money(2'000'000);
      if (chance(0.02)) {
        in.land_gains = money(30'000'000);
        in.land_gains_deduction = money(in.land_gains);
      }
    }
    if (chance(0.1)) p.fixed_asset_tax = money(300'000);
    const CivilDate turns65 = p.birth_date.PlusYears(65);
    if (age >= 65 && age <= 73 && chance(0.05))
      p.former_dependent_since = CivilDate{fy - pick(0, 2), pick(1, 12), 1};
    if (age < 64 && age >= 18 && chance(0.03) && in.salary_revenue > 0) {
      const CivilDate sep{fy - pick(0, 1), pick(1, 12), 15};
      if (sep < turns65) {
        p.unemployment_separation = sep;
        p.unemployment_reason = "11";
      }
    }
    if (age >= 19 && age <= 45 && !p.former_dependent_since &&
        chance(0.03)) {  // 18 on 4/1 can still be "under 18" (born 4/2)
      p.birth_month = (fy + pick(0, 1)) * 100 + pick(1, 12);
      p.birth_multiple = chance(0.1);
    }
    h.members.push_back(p);
  }
  if (chance(0.03)) {
    Person t;  // 特定同一世帯所属者 (in 後期)
    t.birth_date = CivilDate{fy - pick(75, 90), 6, 1};
    t.insured = false;
    t.tokutei_doitsu = true;
    t.income.pension_revenue = money(3'000'000);
    h.members.push_back(t);
  }
  int insured = 0;
  for (const Person& p : h.members) insured += p.insured;
  if (insured == 1 && chance(0.3)) h.tokutei_since = CivilDate{fy - pick(0, 9), pick(1, 12), 1};
  return h;
}

}  // namespace kokuho::premium::testing
