// モデル世帯 (model households): the annual premium of a few typical households in a
// municipality when it levies its 市町村標準保険料率 of the year (StandardSchedule, run.h)
// under the national rules of that year: the 試算 a 説明資料 shows beside the rates
// (docs/handout.md). Pure: the caller loads the households and the rules.
//
//   std::vector<ModelHousehold> list = LoadModelHouseholds(path, 2027);  // readers/
//   std::vector<ModelHouseholdPremium> rows =
//       ModelHouseholdPremiums(list, result.municipalities[0], c, rules);
//   rows[0].parts[0];  // 医療分 (円), after 軽減, cap and 100円未満切り捨て
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "core/part.h"
#include "core/yen.h"
#include "nofukin/model.h"
#include "nofukin/result.h"
#include "premium/household.h"
#include "premium/rules.h"

namespace kokuho::scenario {

/// One model household: a short description for the page and the household (its ages
/// already turned into birth dates for one fiscal year, as the household reader does).
struct ModelHousehold {
  std::string label;  ///< e.g. 「40代夫婦と子2人 (給与収入 夫300万円・妻80万円)」
  premium::Household household;
};

/// A model household's annual premium (賦課額) in one municipality.
struct ModelHouseholdPremium {
  std::string label;
  std::uint8_t tier = 0;                ///< 軽減: 0 none, 1 = 2割, 2 = 5割, 3 = 7割
  std::array<Yen, kPartCount> parts{};  ///< each 分's 賦課額 (0 where not levied)
  Yen total = 0;                        ///< Σ parts
};

/// The premium of each household of `households` in municipality `m` of case `c` under its
/// 市町村標準保険料率 (StandardSchedule: 保険料, the national caps, 100円未満切り捨て per 分),
/// levied with `rules`, which must be those of c's fiscal year (CalculationError otherwise).
std::vector<ModelHouseholdPremium> ModelHouseholdPremiums(
    const std::vector<ModelHousehold>& households, const nofukin::MunicipalityResult& m,
    const nofukin::Case& c, const premium::NationalRules& rules);

}  // namespace kokuho::scenario
