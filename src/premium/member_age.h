// Ages of household members as the levy counts them, shared by every reader of households
// (the household file, the population table): the age on a day, and who may be an insured
// member (被保険者) on the 賦課期日, 4月1日.
//
//   AgeOn({1951, 4, 2}, {2026, 4, 1});                    // 75 (reached the day before)
//   BirthDateProblem({1951, 4, 2}, 2026, /*insured=*/true);  // nullopt: 後期 from 4月2日
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "premium/civil_date.h"

namespace kokuho::premium {

/// 75 and over: 後期高齢者医療 (高齢者医療確保法 50条), so an insured member is at most 74.
inline constexpr int kMaxInsuredAge = 74;
/// A bound for members who are not insured (a 擬制世帯主 or a 特定同一世帯所属者).
inline constexpr int kMaxMemberAge = 120;

/// The age on `day` (年齢計算ニ関スル法律: age n is reached on the day before the n-th
/// birthday); −1 before birth.
int AgeOn(const CivilDate& birth, const CivilDate& day);

/// The birth date a reader assumes from an age on 4月1日 of `fiscal_year`: 4月2日 of
/// (fiscal_year − age), so that the member is that age on 4月1日 and stays so all year.
CivilDate BirthDateFromAge(int age, int fiscal_year);

/// What a reader asks for an age outside the accepted range, in the words of an error message:
/// "4月1日現在の年齢を0〜74の整数で入力してください (75歳以上は後期高齢者医療の被保険者です)"
/// (insured) or "…0〜120の整数で入力してください".
std::string AgeExpectedText(bool insured);

/// Why a member born on `birth` cannot be in a household of `fiscal_year`, or nullopt: a
/// birth after the year's end; an insured member already in 後期高齢者医療 on 4月1日. 後期
/// starts on the 75th birthday itself (高齢者医療確保法 52条), so a member born on 4月2日,
/// 75 by age on 4月1日, is still a 国保 member that day (and has no 国保 month in the
/// year). The text (Japanese) says what is wrong and what to check, for the reader to put after
/// the cell's name.
std::optional<std::string> BirthDateProblem(const CivilDate& birth, int fiscal_year, bool insured);

/// Whether a 離職理由コード is one of 特定受給資格者 (11, 12, 21, 22, 31, 32) or 特定理由離職者
/// (23, 33, 34), whose 給与所得 the 非自発的失業者 軽減 counts at 30/100 (国保法施行令 29条の7の2).
/// The text form accepts the code as written in a cell ("11", full-width digits normalised by
/// the reader).
bool IsInvoluntaryReasonCode(int code);
bool IsInvoluntaryReasonCode(std::string_view code);

/// Why a 旧被扶養者 資格取得日 `since` cannot be, or nullopt: the member is not insured, or is not
/// 65–74 on that day (国保法施行令 29条の7の2: 被用者保険の被保険者本人が後期高齢者医療へ移った
/// ときの65〜74歳の被扶養者). The text (Japanese) is for the reader to put after the cell's name.
std::optional<std::string> FormerDependentProblem(const CivilDate& birth, const CivilDate& since,
                                                  bool insured);

/// Why a 離職日 `separation` cannot give the 非自発的失業者 軽減, or nullopt: the member is not
/// insured, or is 65 or over on that day (the 軽減 is for those under 65 on the 離職日).
std::optional<std::string> SeparationProblem(const CivilDate& birth, const CivilDate& separation,
                                             bool insured);

}  // namespace kokuho::premium
