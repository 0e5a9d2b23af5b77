// `kokuho kpi DATA`: KPI / PDCA indicators against their targets (tables built by
// report/kpi_tables.h; docs/kpi-format.md).
#include <fmt/format.h>

#include <filesystem>
#include <iostream>
#include <memory>
#include <sstream>

#include "cli/commands.h"
#include "cli/kpi_inputs.h"
#include "cli/output_formats.h"
#include "cli/year_option.h"
#include "core/error.h"
#include "readers/kpi_loader.h"
#include "report/collection_band_tables.h"
#include "report/kpi_tables.h"
#include "report/write_reports.h"

namespace kokuho::cli {
namespace {

struct KpiRun {
  std::string data;
  std::string definitions;  ///< empty: DATA/definitions.yaml, else the bundled file
  YearOption year;          ///< not given: every year
  std::string out_dir;
  std::string formats = "table";
};

int RunKpi(const KpiRun& run) {
  ParseOutputFormats(run.formats);  // a bad --format fails before any work
  std::optional<int> year;
  if (run.year.given()) year = run.year.Get().year();
  const KpiEvaluation e = EvaluateKpiData(run.data, run.definitions);
  const std::vector<kpi::Observation>& obs = e.observations;
  std::vector<ReportTable> tables = BuildKpiTables(e.result, year);
  nlohmann::ordered_json json = KpiJson(e.result, year, e.definitions_file, e.data_file);
  // 収納率 規模別, when the data give 被保険者数 for 収納率 (現年度分).
  const kpi::CollectionBands bands = LoadCollectionBands();
  const std::vector<kpi::CollectionStanding> standings = kpi::StandCollection(bands, obs);
  if (!standings.empty()) {
    tables.push_back(BuildCollectionBandTable(bands, standings, year));
    json["collection_bands"] = CollectionBandJson(bands, standings, year);
  }
  return EmitReports(run.out_dir, run.formats, "kpi", tables, json);
}

}  // namespace

void RegisterKpi(CLI::App& app, Action& action) {
  auto run = std::make_shared<KpiRun>();
  CLI::App* cmd = app.add_subcommand(
      "kpi", "KPI (収納率, 特定健診, 特定保健指導 …) の実績・目標・判定と県計を出す");
  cmd->add_option("DATA", run->data, "KPI のデータ (kpi.csv / kpi.xlsx) またはそれを置いたフォルダ")
      ->required();
  cmd->add_option("--definitions", run->definitions,
                  "KPI の定義 YAML (既定: DATA/definitions.yaml、なければ同梱の "
                  "data/kpi/definitions.yaml)");
  AddYearOption(*cmd, run->year, "R5", false, "この年度だけを示す (2023, 令和5年度, R5)",
                /*carry_forward=*/false);
  AddOutputOptions(*cmd, run->out_dir, run->formats);
  cmd->callback([run, cmd, &action]() {
    DefaultOutputFormats(*cmd, run->out_dir, run->formats);
    action = [run]() { return RunKpi(*run); };
  });
}

}  // namespace kokuho::cli
