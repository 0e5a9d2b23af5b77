// `kokuho kpi DATA`: KPI / PDCA indicators per municipality and year against their
// targets, with prefecture totals (Σ分子 ÷ Σ分母). The reports are the tables of
// BuildKpiTables and the JSON of KpiJson (documented in docs/kpi-format.md).
//
//   kokuho kpi examples/gunma-kpi
//   kokuho kpi examples/gunma-kpi --year 2023 --out out/kpi --format table,csv,xlsx,json
#pragma once

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "kpi/kpi.h"
#include "report/report_table.h"

namespace kokuho::cli {

void RegisterKpi(CLI::App& app, Action& action);

/// A KPI data set read and evaluated as `kokuho kpi DATA` does (DATA/definitions.yaml or
/// the bundled definitions). `result` points into `definitions`: keep them together.
struct KpiEvaluation {
  std::vector<kpi::Definition> definitions;
  std::vector<kpi::Observation> observations;
  kpi::Result result;
};
KpiEvaluation EvaluateKpiData(const std::string& data);

/// The tables "kpi" (per municipality) and "kpi_prefecture" (県計) of a result,
/// restricted to `year` when given.
std::vector<ReportTable> BuildKpiTables(const kpi::Result& r, std::optional<int> year);

/// The JSON form: exact values as decimal strings ("0.931" or "1/3").
nlohmann::ordered_json KpiJson(const kpi::Result& r, std::optional<int> year,
                               const std::string& definitions_file, const std::string& data_file);

}  // namespace kokuho::cli
