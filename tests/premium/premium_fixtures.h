// Helpers for the household levy tests: a person, a schedule and a one-call levy.
#pragma once

#include "premium/levy_kernel.h"
#include "premium/prepare.h"
#include "premium/schedule.h"
#include "readers/premium_rules_loader.h"

namespace kokuho::premium::testing {

/// A member aged `age` on 4月1日 of `fy` all year (born 4月2日 of fy − age; see
/// docs/household-format.md), insured, income declared.
inline Person PersonAged(int fy, int age) {
  Person p;
  p.birth_date = CivilDate{fy - age, 4, 2};
  return p;
}

/// One 分's rates: 所得割率 in ppm, 均等割, 平等割.
inline PartRates Rates(Ppm income_rate, Yen per_capita, Yen per_household) {
  PartRates r;
  r.levied = true;
  r.income_rate = income_rate;
  r.per_capita = per_capita;
  r.per_household = per_household;
  return r;
}

/// A 3方式 保険料 schedule with 医療 7% / 30,000 / 20,000, 支援 2.5% / 10,000 / 6,000,
/// 介護 2% / 12,000 / 6,000 (and 子ども 0.3% / 1,000 / 0 + 100 for 18歳以上 from FY2026),
/// rounded to the yen.
inline RateSchedule SimpleSchedule(int fy) {
  RateSchedule s;
  s.municipality = "999999";
  s.name = "テスト市";
  s.fiscal_year = fy;
  s.parts[0] = Rates(70'000, 30'000, 20'000);
  s.parts[1] = Rates(25'000, 10'000, 6'000);
  s.parts[2] = Rates(20'000, 12'000, 6'000);
  if (fy >= 2026) {
    s.parts[3] = Rates(3'000, 1'000, 0);
    s.parts[3].adult_addon = 100;
  }
  return s;
}

inline LevyResult LevyOf(const Household& h, const RateSchedule& s, Explanation* ex = nullptr) {
  const NationalRules rules = LoadNationalRules(s.fiscal_year);
  return LevyHousehold(Prepare(h, rules, 0, ex), Compile(s, rules));
}

}  // namespace kokuho::premium::testing
