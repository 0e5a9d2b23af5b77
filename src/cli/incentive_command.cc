#include <fmt/format.h>

#include <algorithm>
#include <iostream>

#include "cli/commands.h"
#include "cli/incentive_inputs.h"
#include "cli/output_formats.h"
#include "core/error.h"
#include "core/fiscal_year.h"
#include "incentive/scoring.h"
#include "io/value_parser.h"
#include "readers/incentive_loader.h"
#include "report/incentive_tables.h"

namespace kokuho::cli {

namespace {

// Computes, then prints and writes.
int RunIncentive(const IncentiveRun& run) {
  ParseOutputFormats(run.formats);  // a bad --format fails before any work
  const IncentiveOutcome o = ComputeIncentive(run);
  const IncentiveReport rep = o.Report();
  const std::vector<ReportTable> tables = BuildIncentiveTables(rep);
  const std::vector<std::string> warnings = o.rules.notes.Lines();
  // The terminal shows the first two tables (municipalities, indicators); files get all.
  const std::vector<ReportTable> printed(tables.begin(),
                                         tables.begin() + std::min<size_t>(2, tables.size()));
  const int status = EmitReports(run.out_dir, run.formats, "incentive", tables, IncentiveJson(rep),
                                 &printed, warnings);
  if (ParseOutputFormats(run.formats).table) {
    const int unconfirmed = o.rules.UnconfirmedCount();
    if (unconfirmed > 0)
      std::cout << fmt::format(
          "注意: 定義 {} の配点・基準のうち {} 件は未確認 (confirmed: false) の仮の値です。"
          "公式の通知で確認するまで参考値として扱ってください。\n",
          o.rules.file, unconfirmed);
    if (o.budget)
      std::cout << fmt::format(
          "交付額: 予算 {}円 を (合計点 (負なら0) × 被保険者数) の比で按分 (1円未満は最大剰余法)\n",
          FormatYen(*o.budget));
  }
  return status;
}

}  // namespace

void RegisterIncentive(CLI::App& app, Action& action) {
  CLI::App* group =
      app.add_subcommand("incentive", "保険者努力支援制度 (取組評価分) の得点と交付額");
  group->require_subcommand(1);
  auto run = std::make_shared<IncentiveRun>();
  CLI::App* cmd = group->add_subcommand(
      "score", "市町村・都道府県の指標別得点, 得点率, 全国平均との比較, 予算の按分");
  cmd->add_option("DATA", run->data_path, "市町村のデータ (CSV または xlsx、横持ち・縦持ち)")
      ->required();
  AddYearOption(*cmd, run->year, "R3");
  cmd->add_option("--rules", run->rules_path,
                  "指標の定義 YAML (既定: 同梱の data/incentive/definitions.yaml)");
  cmd->add_option("--budget", run->budget, "市町村分の予算額 (円; 点数 × 被保険者数 で按分)");
  cmd->add_option("--national-average", run->national_path, "指標ごとの全国平均点の YAML");
  AddOutputOptions(*cmd, run->out_dir, run->formats);
  cmd->callback([run, cmd, &action]() {
    DefaultOutputFormats(*cmd, run->out_dir, run->formats);
    action = [run]() { return RunIncentive(*run); };
  });
  RegisterPreventionAllocate(*group, action);
}

}  // namespace kokuho::cli
