// `kokuho report SCENARIO --out DIR`: the roadmap report, one self-contained HTML file
// (report.html, opens offline), the same tables in report.xlsx and the data in report.json,
// written all or nothing (docs/report-format.md, docs/scenario-format.md).
#include <fmt/format.h>

#include <iostream>
#include <map>
#include <memory>

#include "cli/commands.h"
#include "cli/incentive_inputs.h"
#include "cli/kpi_inputs.h"
#include "cli/scenario_inputs.h"
#include "cli/year_option.h"
#include "io/finance_loader.h"
#include "io/kpi_loader.h"
#include "io/scenario_loader.h"
#include "report/html_report.h"
#include "report/roadmap_sections.h"
#include "report/scenario_report.h"
#include "report/scenario_tables.h"
#include "report/warnings_table.h"
#include "report/write_reports.h"

namespace kokuho::cli {
namespace {

using J = nlohmann::ordered_json;

struct ReportArgs {
  std::string scenario, population, out_dir;
  unsigned threads = 0;
  bool carry_forward = false;
};

std::map<MunicipalityCode, std::string> KnownMunicipalities(const scenario::Scenario& s) {
  std::map<MunicipalityCode, std::string> known;
  for (const auto& m : s.base.municipalities) known.emplace(m.code, m.name);
  return known;
}

int RunReport(const ReportArgs& a) {
  scenario::Scenario s = LoadScenario(a.scenario);
  const scenario::Run run =
      RunWithHouseholds(s, a.population, a.threads, YearPolicy{a.carry_forward});
  std::vector<ReportTable> tables = ScenarioTables(run);
  J report = ScenarioReport(run, tables, s.base.prefecture, s.base.prefecture_code);
  // The optional sections' inputs, read and checked here (report/ builds, never reads).
  ParameterNotes notes = run.parameter_notes;
  FinanceLoadOptions options;
  options.known_municipalities = KnownMunicipalities(s);
  if (!s.fund.empty())
    report["sections"].push_back(FundSection(LoadFundPlan(s.fund, options), run, tables));
  if (!s.deficits.empty())
    report["sections"].push_back(DeficitSection(LoadDeficits(s.deficits, options), tables));
  if (!s.kpi.empty()) {
    const KpiEvaluation e = EvaluateKpiData(s.kpi);
    const kpi::CollectionBands bands = LoadCollectionBands();
    notes.Merge(bands.notes);
    report["sections"].push_back(
        KpiSection({e.definitions, e.observations, e.result, bands}, tables));
  }
  if (s.incentive) {
    IncentiveRun in;
    in.data_path = s.incentive->data;
    in.year.text = s.incentive->year;
    in.rules_path = s.incentive->rules;
    in.budget = s.incentive->budget;
    in.national_path = s.incentive->national;
    in.year.carry_forward = a.carry_forward;
    const IncentiveOutcome o = ComputeIncentive(in);
    report["sections"].push_back(IncentiveSection(o.Report(), tables));
    notes.Merge(o.rules.notes);
  }
  AddWarnings(notes.Lines(), tables, report);
  WarnParameterNotes(notes);
  const std::string html = RenderHtmlReport(report, a.scenario);
  ReportFormats formats;
  formats.xlsx = true;
  formats.json = true;
  for (const auto& path :
       WriteReports(a.out_dir, "report", formats, tables, report, {{"report.html", html}}))
    std::cerr << "wrote " << path << "\n";
  return 0;
}

}  // namespace

void RegisterReport(CLI::App& app, Action& action) {
  auto args = std::make_shared<ReportArgs>();
  CLI::App* cmd = app.add_subcommand(
      "report", "ロードマップの報告書 (自己完結の HTML + 同じ表の xlsx + データの JSON)");
  cmd->add_option("SCENARIO", args->scenario, "scenario file (YAML)")->required();
  cmd->add_option("--out", args->out_dir, "output folder")->required();
  cmd->add_option("--population", args->population,
                  "household population (overrides the scenario's households)");
  cmd->add_option("--threads", args->threads, "threads for the household levy (default: all)");
  AddCarryForwardOption(*cmd, args->carry_forward);
  cmd->callback([args, &action]() { action = [args]() { return RunReport(*args); }; });
}

}  // namespace kokuho::cli
