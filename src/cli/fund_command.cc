// `kokuho fund FILE.yaml`: the 財政安定化基金 ledger (tables built by report/fund_tables.h).
#include <fmt/format.h>

#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "cli/output_formats.h"
#include "core/error.h"
#include "readers/finance_loader.h"
#include "report/fund_tables.h"

namespace kokuho::cli {
namespace {

using finance::FundLedger;
using finance::FundPlan;

struct FundRun {
  std::string file;
  std::string municipalities;  ///< optional 市町村 list (団体コード, 市町村名)
  std::string out_dir;
  std::string formats = "table";
};

int RunFund(const FundRun& run) {
  ParseOutputFormats(run.formats);  // a bad --format fails before any work
  FinanceLoadOptions options;
  if (!run.municipalities.empty())
    options.known_municipalities = LoadMunicipalityList(run.municipalities);
  FundPlan plan = LoadFundPlan(run.file, options);
  FundLedger ledger = finance::SimulateFund(plan);
  std::vector<ReportTable> tables = BuildFundTables(plan, ledger);
  nlohmann::ordered_json json = FundJson(plan, ledger);
  return EmitReports(run.out_dir, run.formats, "fund", tables, json);
}

}  // namespace

void RegisterFund(CLI::App& app, Action& action) {
  auto run = std::make_shared<FundRun>();
  CLI::App* cmd = app.add_subcommand(
      "fund", "財政安定化基金の年度別収支 (貸付・交付・取崩し・償還・拠出金) を出す");
  cmd->add_option("FILE", run->file, "財政安定化基金の計画 (YAML, docs/finance-format.md)")
      ->required();
  cmd->add_option("--municipalities", run->municipalities,
                  "市町村の一覧 (団体コード, 市町村名 の CSV/xlsx): コードはこの中にあること");
  AddOutputOptions(*cmd, run->out_dir, run->formats);
  cmd->callback([run, cmd, &action]() {
    DefaultOutputFormats(*cmd, run->out_dir, run->formats);
    action = [run]() { return RunFund(*run); };
  });
}

}  // namespace kokuho::cli
