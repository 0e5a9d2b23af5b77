// The tables and JSON of `kokuho deficits` and the roadmap report: 法定外繰入 by purpose,
// 削減・解消すべき赤字, the 赤字削減・解消計画 flags (要計画, 目標6年超, 計画未達) and the
// 改革工程表 KPIs per year. Format: docs/finance-format.md §2.
//
//   kokuho deficits examples/gunma-finance/deficits.csv
//   kokuho deficits examples/gunma-finance/deficits.csv --out out/deficits
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "finance/deficit.h"
#include "report/report_table.h"

namespace kokuho {

/// The tables deficits (市町村×年度), deficit_plans and deficit_kpis.
std::vector<ReportTable> BuildDeficitTables(const finance::DeficitInput& in,
                                            const finance::DeficitResult& r);

nlohmann::ordered_json DeficitJson(const finance::DeficitInput& in,
                                   const finance::DeficitResult& r);

}  // namespace kokuho
