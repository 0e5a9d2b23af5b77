#include "premium/member_age.h"

#include <fmt/format.h>

namespace kokuho::premium {

int AgeOn(const CivilDate& birth, const CivilDate& day) {
  if (birth > day) return -1;
  int n = day.year - birth.year;
  if (birth.PlusYears(n).PreviousDay() > day) --n;
  return n;
}

CivilDate BirthDateFromAge(int age, int fiscal_year) { return CivilDate{fiscal_year - age, 4, 2}; }

std::string AgeRangeText(bool insured) {
  return insured ? fmt::format("0 to {} ({} and over: 後期高齢者医療)", kMaxInsuredAge,
                               kMaxInsuredAge + 1)
                 : fmt::format("0 to {}", kMaxMemberAge);
}

std::optional<std::string> BirthDateProblem(const CivilDate& birth, int fiscal_year, bool insured) {
  const CivilDate year_end{fiscal_year + 1, 3, 31}, april1{fiscal_year, 4, 1};
  if (birth > year_end)
    return fmt::format("expected a date not after the end of the fiscal year ({})",
                       year_end.ToString());
  // Insured: the 75th birthday (the day 後期 starts) falls after 4月1日.
  const bool too_old = insured ? birth.PlusYears(kMaxInsuredAge + 1) <= april1
                               : AgeOn(birth, april1) > kMaxMemberAge;
  if (too_old)
    return fmt::format("expected an age on 4月1日 ({}) from {}{}", april1.ToString(),
                       AgeRangeText(insured), insured ? " (a 75th birthday after 4月1日)" : "");
  return std::nullopt;
}

}  // namespace kokuho::premium
