// The result of `kokuho levy` (one household) as a table per 分 and as JSON
// (schema kokuho.levy/1, docs/levy-output.md).
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "premium/levy.h"
#include "report/report_table.h"

namespace kokuho {

struct LevyReport {
  const premium::RateSchedule& schedule;
  const premium::NationalRules& rules;
  const premium::HouseholdLevy& levy;
};

/// Rows 所得割, 資産割, 均等割, 平等割, each reduction, 小計, 賦課限度額, 限度超過額, 端数,
/// 賦課額; one column per 分 levied, and 合計.
ReportTable BuildLevyTable(const LevyReport& r);

nlohmann::ordered_json LevyJson(const LevyReport& r);

/// "保険料" / "保険税".
std::string LevyKindLabel(premium::LevyKind k);

}  // namespace kokuho
