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

std::string AgeExpectedText(bool insured) {
  return insured ? fmt::format(
                       "4月1日現在の年齢を0〜{}の整数で入力してください ({}歳以上は後期高齢者"
                       "医療の被保険者です)",
                       kMaxInsuredAge, kMaxInsuredAge + 1)
                 : fmt::format("4月1日現在の年齢を0〜{}の整数で入力してください", kMaxMemberAge);
}

std::optional<std::string> BirthDateProblem(const CivilDate& birth, int fiscal_year, bool insured) {
  const CivilDate year_end{fiscal_year + 1, 3, 31}, april1{fiscal_year, 4, 1};
  if (birth > year_end)
    return fmt::format("年度末 ({}) より後の日付です。生年月日を確かめてください",
                       year_end.ToString());
  // Insured: the 75th birthday (the day 後期 starts) falls after 4月1日.
  const bool too_old = insured ? birth.PlusYears(kMaxInsuredAge + 1) <= april1
                               : AgeOn(birth, april1) > kMaxMemberAge;
  if (too_old)
    return insured ? fmt::format(
                         "4月1日 ({}) にすでに75歳の誕生日を迎えていて、後期高齢者医療の"
                         "被保険者です。生年月日を確かめてください",
                         april1.ToString())
                   : fmt::format(
                         "4月1日 ({}) 現在の年齢が{}歳を超えています。生年月日を確かめて"
                         "ください",
                         april1.ToString(), kMaxMemberAge);
  return std::nullopt;
}

namespace {

// 特定受給資格者 (11, 12, 21, 22, 31, 32) and 特定理由離職者 (23, 33, 34) (国保法施行令
// 29条の7の2).
constexpr int kInvoluntaryReasonCodes[] = {11, 12, 21, 22, 31, 32, 23, 33, 34};

}  // namespace

bool IsInvoluntaryReasonCode(int code) {
  for (int c : kInvoluntaryReasonCodes)
    if (c == code) return true;
  return false;
}

bool IsInvoluntaryReasonCode(std::string_view code) {
  if (code.size() != 2 || code[0] < '0' || code[0] > '9' || code[1] < '0' || code[1] > '9')
    return false;
  return IsInvoluntaryReasonCode((code[0] - '0') * 10 + (code[1] - '0'));
}

std::optional<std::string> FormerDependentProblem(const CivilDate& birth, const CivilDate& since,
                                                  bool insured) {
  if (!insured) return "旧被扶養者の資格取得日は国保に加入している人についてだけ入力できます";
  const int age = AgeOn(birth, since);
  if (age < 65 || age > 74)
    return "旧被扶養者は資格取得日に65〜74歳の人です。日付と年齢・生年月日を確かめてください";
  return std::nullopt;
}

std::optional<std::string> SeparationProblem(const CivilDate& birth, const CivilDate& separation,
                                             bool insured) {
  if (!insured) return "非自発的失業の軽減は国保に加入している人についてだけ入力できます";
  if (AgeOn(birth, separation) >= 65) return "非自発的失業者の軽減は離職日に65歳未満の人が対象です";
  return std::nullopt;
}

}  // namespace kokuho::premium
