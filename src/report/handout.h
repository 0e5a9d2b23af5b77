// The one-page 説明資料 (handout) of one municipality: what the prefecture hands each
// municipality with its 納付金 and 標準保険料率, as report data (kokuho.report/1,
// docs/report-format.md) that RenderHtmlReport prints on one A4 landscape page.
//
//   HandoutInputs in{c, r};              // the case and its result (e.g. 確定係数)
//   in.provisional = &provisional;       // optional: the same year under 仮係数
//   in.previous = &previous_year;        // optional: the year before
//   in.model = &model_households;        // optional: モデル世帯 and the year's levy rules
//   nlohmann::ordered_json page = HandoutReport(in, 0);  // the first municipality
//
// The page holds: the 納付金 by 分 (千円: 基礎額, 個別加減算, 激変緩和, 納付金, and against
// 仮係数 and the previous year when given), the three kinds of 標準保険料率 by 分 with the
// published decimals, the 1人当たり保険料 (or 納付金) against the previous year as the
// 激変緩和's 丈比べ compares it, the 激変緩和 granted and, when given, the モデル世帯's annual
// premiums under the 市町村標準保険料率 (a 試算; model_household_tables.h). Text is for councils:
// no file names; unconfirmed rule values are said in plain words with the sources in an appendix
// page.
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <vector>

#include "nofukin/model.h"
#include "nofukin/result.h"
#include "report/model_household_tables.h"
#include "report/report_table.h"

namespace kokuho {

struct HandoutInputs {
  const nofukin::Case& c;
  const nofukin::Result& r;
  const nofukin::Result* provisional = nullptr;  ///< same prefecture and year, 仮係数
  const nofukin::Result* previous = nullptr;     ///< the fiscal year before
  /// モデル世帯 (with its rules; its previous-year members are used with `previous`).
  const HandoutModelHouseholds* model = nullptr;
};

/// The tables of municipality `index` (of in.r.municipalities): "handout_nofukin" (by 分,
/// 千円), "handout_rates" (three kinds by 分) and, when the case gives the municipality a
/// 丈比べ base, "handout_change" (per head, 円, and the 激変緩和 in 千円), and with in.model
/// "handout_model_households" (円).
std::vector<ReportTable> HandoutTables(const HandoutInputs& in, std::size_t index);

/// The handout's report data for municipality `index`.
nlohmann::ordered_json HandoutReport(const HandoutInputs& in, std::size_t index);

/// The file stem of a municipality's handout: "handout-102016".
std::string HandoutStem(const nofukin::MunicipalityResult& m);

}  // namespace kokuho
