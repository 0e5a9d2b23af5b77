// The roadmap report's data (schema kokuho.report/1, docs/report-format.md) from a scenario
// run: the path of 1人当たり保険料 per municipality, α and 激変緩和 per year, the change of
// households' levies, a map, and the tables. The report command adds the fund and deficit
// sections (cli/report_command.cc) and renders the HTML (report/html_report.h).
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "report/report_table.h"
#include "scenario/household_panel.h"
#include "scenario/run.h"

namespace kokuho {

/// The report: title, notes and the run's sections. `tables` are ScenarioTables(run), built
/// once by the caller, which also writes them to the workbook.
nlohmann::ordered_json ScenarioReport(const scenario::Run& run,
                                      const std::vector<ReportTable>& tables,
                                      const std::string& prefecture,
                                      const std::string& prefecture_code);

/// A table block of the report from a ReportTable (integers in 円 columns formatted as yen).
nlohmann::ordered_json TableBlock(const ReportTable& table);

/// A section {id, title, text, blocks}.
nlohmann::ordered_json Section(const std::string& id, const std::string& title,
                               const std::string& text, nlohmann::ordered_json blocks);

}  // namespace kokuho
