// Helpers shared by the levy rule tests (income tables, 軽減, caps, reliefs, 月割, rounding,
// properties, published examples): the national rules loaded once per fiscal year, members
// with incomes given to the yen, households and schedules with chosen rates.
#pragma once

#include <map>
#include <utility>
#include <vector>

#include "premium_fixtures.h"

namespace kokuho::premium::testing {

/// Part indexes (core/part.h order).
inline constexpr int kIryo = 0, kShien = 1, kKaigo = 2, kKodomo = 3;

/// The national rules of `fy`, parsed once (the property tests levy thousands of households).
inline const NationalRules& Rules(int fy) {
  static std::map<int, NationalRules> cache;
  auto it = cache.find(fy);
  if (it == cache.end()) it = cache.emplace(fy, LoadNationalRules(fy)).first;
  return it->second;
}

/// A member aged `age` on 4月1日 of `fy` with 総所得金額等 given directly (the 軽減判定所得 is
/// the same figure unless the test sets income.reduction_income).
inline Person WithIncome(int fy, int age, Yen total_income) {
  Person p = PersonAged(fy, age);
  p.income.total_income = total_income;
  return p;
}

inline Person BornOn(int y, int m, int d) {
  Person p;
  p.birth_date = CivilDate{y, m, d};
  return p;
}

/// A household of these members; the first is the 世帯主 unless a member already is.
inline Household HouseholdOf(std::vector<Person> members) {
  Household h;
  h.id = "test";
  h.municipality = "999999";
  bool any_head = false;
  for (const Person& p : members) any_head |= p.head;
  if (!any_head && !members.empty()) members[0].head = true;
  h.members = std::move(members);
  return h;
}

inline PreparedHousehold Prep(const Household& h, int fy) { return Prepare(h, Rules(fy), 0); }

inline LevyResult Levy(const Household& h, const RateSchedule& s) {
  const NationalRules& r = Rules(s.fiscal_year);
  return LevyHousehold(Prepare(h, r, 0), Compile(s, r));
}

/// Every 分 in force in `fy` levied with zero rates; the test sets the rates it needs.
inline RateSchedule ZeroSchedule(int fy) {
  RateSchedule s;
  s.municipality = "999999";
  s.name = "テスト市";
  s.fiscal_year = fy;
  const NationalRules& r = Rules(fy);
  for (int p = 0; p < kPartCount; ++p)
    if (r.levied[p]) s.parts[p] = Rates(0, 0, 0);
  return s;
}

/// The member's incomes as the levy sees them (not unemployed).
inline MemberIncome IncomeOf(const Person& p, int fy) {
  return ComputeMemberIncome(p, Rules(fy), false);
}

}  // namespace kokuho::premium::testing
