// The tables and JSON of `kokuho kpi` and the roadmap report: KPI / PDCA indicators per
// municipality and year against their targets, with prefecture totals (Σ分子 ÷ Σ分母)
// (documented in docs/kpi-format.md).
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "kpi/kpi.h"
#include "report/report_table.h"

namespace kokuho {

/// The tables "kpi" (per municipality) and "kpi_prefecture" (県計) of a result,
/// restricted to `year` when given.
std::vector<ReportTable> BuildKpiTables(const kpi::Result& r, std::optional<int> year);

/// The JSON form: exact values as decimal strings ("0.931" or "1/3").
nlohmann::ordered_json KpiJson(const kpi::Result& r, std::optional<int> year,
                               const std::string& definitions_file, const std::string& data_file);

}  // namespace kokuho
