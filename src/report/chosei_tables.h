// Report tables and JSON for `kokuho chosei` (普通調整交付金, current formula and the
// reform variant): the same figures in the terminal, CSV (BOM), xlsx and JSON.
//
//   ChoseiReport rep{coefficients, grants};
//   std::vector<ReportTable> t = BuildChoseiTables(rep);  // chosei_grant, chosei_reform
//   nlohmann::ordered_json j = ChoseiJson(rep);
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "chosei/grant.h"
#include "report/report_table.h"

namespace kokuho {

struct ChoseiReport {
  chosei::Coefficients coefficients;
  std::vector<chosei::PrefectureGrant> grants;
};

/// "chosei_grant" (current formula, with a 合計 row) and, when any prefecture has a
/// 地域差指数, "chosei_reform" (reform − current per prefecture; 増 / 減 / 同).
std::vector<ReportTable> BuildChoseiTables(const ChoseiReport& rep);

nlohmann::ordered_json ChoseiJson(const ChoseiReport& rep);

}  // namespace kokuho
