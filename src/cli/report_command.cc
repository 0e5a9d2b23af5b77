// `kokuho report SCENARIO --out DIR [--pdf]`: the roadmap report, one self-contained HTML
// file (report.html, opens offline), the same tables in report.xlsx and the data in
// report.json, with --pdf also report.pdf (A4 landscape, printed by headless Chromium),
// written all or nothing (docs/report-format.md, docs/scenario-format.md).
#include <fmt/format.h>

#include <iostream>
#include <map>
#include <memory>
#include <stdexcept>

#include "cli/commands.h"
#include "cli/incentive_inputs.h"
#include "cli/kpi_inputs.h"
#include "cli/scenario_inputs.h"
#include "cli/year_option.h"
#include "readers/finance_loader.h"
#include "readers/kpi_loader.h"
#include "readers/scenario_loader.h"
#include "report/council_notes.h"
#include "report/html_report.h"
#include "report/pdf_export.h"
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
  bool pdf = false;  ///< also report.pdf, printed by headless Chromium
};

std::map<MunicipalityCode, std::string> KnownMunicipalities(const scenario::Scenario& s) {
  std::map<MunicipalityCode, std::string> known;
  for (const auto& m : s.base.municipalities) known.emplace(m.code, m.name);
  return known;
}

int RunReport(const ReportArgs& a) {
  // Before any work: a missing Chromium is known at once, and nothing is written.
  const std::string chromium = a.pdf ? FindChromium() : "";
  if (a.pdf && chromium.empty()) throw std::runtime_error(std::string(kChromiumMissingMessage));
  scenario::Scenario s = LoadScenario(a.scenario);
  const scenario::Run run =
      RunWithHouseholds(s, a.population, a.threads, YearPolicy{a.carry_forward});
  std::vector<ReportTable> tables = ScenarioTables(run);
  J report = ScenarioReport(run, tables, s.base.prefecture, s.base.prefecture_code);
  // The optional sections' inputs, read and checked here (report/ builds, never reads).
  ParameterNotes notes = run.parameter_notes;
  std::vector<ReportReference> references;
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
    references.push_back({"KPI の定義と県計の計算", "kokuho docs/kpi-format.md"});
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
    references.push_back({"保険者努力支援制度の指標と配点の定義",
                          o.rules.file + " (kokuho docs/incentive-format.md)"});
    notes.Merge(o.rules.notes);
  }
  AddWarnings(notes.Lines(), tables, report);  // the workbook's 注意事項 sheet, with files
  WarnParameterNotes(notes);
  // The report's text is for councils: plain 注意事項, the sources in an appendix at the end.
  if (report.contains("warnings")) report["warnings"] = CouncilWarnings(notes);
  if (J appendix = SourcesAppendix(notes, references); !appendix.is_null())
    report["sections"].push_back(std::move(appendix));
  if (!s.notice.empty()) report["notice"] = s.notice;
  const std::string html = RenderHtmlReport(report, a.scenario);
  ReportFormats formats;
  formats.xlsx = true;
  formats.json = true;
  std::vector<ExtraFile> files = {{"report.html", html}};
  if (a.pdf) files.push_back({"report.pdf", PrintHtmlToPdf(html, chromium)});
  for (const auto& path : WriteReports(a.out_dir, "report", formats, tables, report, files))
    std::cerr << "wrote " << path << "\n";
  return 0;
}

}  // namespace

void RegisterReport(CLI::App& app, Action& action) {
  auto args = std::make_shared<ReportArgs>();
  CLI::App* cmd = app.add_subcommand(
      "report", "ロードマップの報告書 (自己完結の HTML + 同じ表の xlsx + データの JSON)");
  cmd->add_option("SCENARIO", args->scenario, "シナリオファイル (YAML)")->required();
  cmd->add_option("--out", args->out_dir, "出力フォルダ")->required();
  cmd->add_option("--population", args->population,
                  "世帯の人口ファイル (シナリオの households より優先)");
  cmd->add_option("--threads", args->threads, "世帯の賦課計算のスレッド数 (既定: 全コア)");
  AddCarryForwardOption(*cmd, args->carry_forward);
  cmd->add_flag("--pdf", args->pdf,
                "report.pdf も作る (A4横; headless Chromium で印刷, chromium パッケージが必要)");
  cmd->callback([args, &action]() { action = [args]() { return RunReport(*args); }; });
}

}  // namespace kokuho::cli
