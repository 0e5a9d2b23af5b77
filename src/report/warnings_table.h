// The 注意事項 that every output of a computation carries when it used a dated rule value
// that is unconfirmed or carried forward past the years the data files know
// (core/parameter_notes.h): a first table 「注意事項」 (注意事項.csv, the first xlsx sheet,
// printed first) and a "warnings" list in the JSON.
//
//   AddWarnings(rules.notes.Lines(), tables, json);
//   WriteReports(dir, "microsim", formats, tables, json);
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "report/report_table.h"

namespace kokuho {

/// Puts the 注意事項 table first in `tables` and sets json["warnings"] (an object's key);
/// does nothing when `warnings` is empty.
void AddWarnings(const std::vector<std::string>& warnings, std::vector<ReportTable>& tables,
                 nlohmann::ordered_json& json);

}  // namespace kokuho
