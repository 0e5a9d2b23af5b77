// `kokuho deficits FILE.csv`: 法定外繰入 and the 赤字削減・解消計画 (tables built by
// report/deficit_tables.h).
#include <fmt/format.h>

#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "cli/output_formats.h"
#include "core/error.h"
#include "readers/finance_loader.h"
#include "report/deficit_tables.h"

namespace kokuho::cli {
namespace {

struct DeficitsRun {
  std::string file;
  std::string municipalities;
  std::string out_dir;
  std::string formats = "table";
};

int RunDeficits(const DeficitsRun& run) {
  ParseOutputFormats(run.formats);  // a bad --format fails before any work
  FinanceLoadOptions options;
  if (!run.municipalities.empty())
    options.known_municipalities = LoadMunicipalityList(run.municipalities);
  finance::DeficitInput in = LoadDeficits(run.file, options);
  finance::DeficitResult r = finance::EvaluateDeficits(in);
  std::vector<ReportTable> tables = BuildDeficitTables(in, r);
  nlohmann::ordered_json json = DeficitJson(in, r);
  return EmitReports(run.out_dir, run.formats, "deficits", tables, json);
}

}  // namespace

void RegisterDeficits(CLI::App& app, Action& action) {
  auto run = std::make_shared<DeficitsRun>();
  CLI::App* cmd = app.add_subcommand(
      "deficits", "法定外繰入・削減すべき赤字・赤字削減解消計画の判定と改革工程表KPIを出す");
  cmd->add_option("FILE", run->file, "赤字解消計画の表 (CSV/xlsx, docs/finance-format.md §2)")
      ->required();
  cmd->add_option("--municipalities", run->municipalities,
                  "市町村の一覧 (団体コード, 市町村名 の CSV/xlsx): コードはこの中にあること");
  AddOutputOptions(*cmd, run->out_dir, run->formats);
  cmd->callback([run, cmd, &action]() {
    DefaultOutputFormats(*cmd, run->out_dir, run->formats);
    action = [run]() { return RunDeficits(*run); };
  });
}

}  // namespace kokuho::cli
