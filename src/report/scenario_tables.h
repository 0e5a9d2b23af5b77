// Tables of a scenario run, a comparison of two runs and a sweep, for the terminal,
// CSV, xlsx (docs/scenario-format.md, "Outputs"), and the run's JSON (kokuho.scenario/1).
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "report/report_table.h"
#include "scenario/compare.h"
#include "scenario/run.h"
#include "scenario/sweep.h"

namespace kokuho {

/// 年度別 (one row a year), 市町村別 (one row per municipality and year) and, with
/// households, the distribution of the change by year, by income decile and by type.
std::vector<ReportTable> ScenarioTables(const scenario::Run& run);

/// The run as JSON: exact values as strings ("p/q" when not a finite decimal).
nlohmann::ordered_json ScenarioJson(const scenario::Run& run);

std::vector<ReportTable> ComparisonTables(const scenario::Comparison& c);
nlohmann::ordered_json ComparisonJson(const scenario::Comparison& c);

/// The first `top` variants (all when 0), ranked.
std::vector<ReportTable> SweepTables(const std::vector<scenario::Variant>& v, std::size_t top);
nlohmann::ordered_json SweepJson(const std::vector<scenario::Variant>& v);

/// A 1人当たり figure shown to the yen (四捨五入, for display only).
ReportCell PerCapitaCell(const Rational& v);
/// A change shown in % with 2 places (empty when none).
ReportCell PercentCell(const std::optional<Rational>& v);

}  // namespace kokuho
