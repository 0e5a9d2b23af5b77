// The モデル世帯 table of the 説明資料 (docs/handout.md): the annual premium of each model
// household in a municipality under its 市町村標準保険料率 (a 試算, not the municipality's
// actual rates), by 分, with the 軽減 applied and, when the previous year is given, that
// year's 合計 under its own standard rates and the 増減. The same figures for every
// municipality as one table for the CSV, xlsx and JSON files.
//
//   HandoutModelHouseholds model{&households, &rules};   // loaded by the CLI
//   ReportTable t = ModelHouseholdTable(model, c, r, previous, 0);  // one municipality
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/parameter_notes.h"
#include "nofukin/model.h"
#include "nofukin/result.h"
#include "premium/rules.h"
#include "report/report_table.h"
#include "scenario/model_households.h"

namespace kokuho {

/// The model households and the national rules to levy them with, loaded by the caller.
struct HandoutModelHouseholds {
  /// The households, ages turned into birth dates in the case's fiscal year.
  const std::vector<scenario::ModelHousehold>* households = nullptr;
  const premium::NationalRules* rules = nullptr;  ///< of the case's fiscal year
  /// For the 前年度 columns (with the previous year's result): the previous year's case,
  /// the same households aged for that year, and that year's rules.
  const nofukin::Case* previous_case = nullptr;
  const std::vector<scenario::ModelHousehold>* previous_households = nullptr;
  const premium::NationalRules* previous_rules = nullptr;

  bool has_previous() const { return previous_case && previous_households && previous_rules; }
};

/// The page's table for municipality `index` of `r` (key "handout_model_households"):
/// モデル世帯, 軽減, one column per 分 of the case, 合計 and, when `previous` is given
/// (with model.has_previous()), 前年度 合計 and 増減 (empty for a municipality not in it).
ReportTable ModelHouseholdTable(const HandoutModelHouseholds& model, const nofukin::Case& c,
                                const nofukin::Result& r, const nofukin::Result* previous,
                                std::size_t index);

/// Every municipality's rows in one table (key "model_households") for the CSV, xlsx and
/// JSON files: 団体コード and 市町村名 before the page's columns.
ReportTable ModelHouseholdsAllTable(const HandoutModelHouseholds& model, const nofukin::Case& c,
                                    const nofukin::Result& r, const nofukin::Result* previous);

/// The files' JSON (model_households.json, kokuho.report/1, so `kokuho report-html` can print
/// it): the table of ModelHouseholdsAllTable with the note, the case's notice and the
/// 注意事項 of `notes`.
nlohmann::ordered_json ModelHouseholdsReport(const ReportTable& all, const nofukin::Case& c,
                                             bool with_previous, const ParameterNotes& notes);

/// The note printed under the page's table: a 試算 under the standard rates, not the
/// municipality's actual rates, and how it is computed.
std::string ModelHouseholdNote(const nofukin::Case& c, bool with_previous);

}  // namespace kokuho
