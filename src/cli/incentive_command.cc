#include "cli/incentive_command.h"

#include <fmt/format.h>

#include <iostream>
#include <sstream>

#include "cli/output_formats.h"
#include "cli/prevention_command.h"
#include "core/error.h"
#include "core/fiscal_year.h"
#include "incentive/scoring.h"
#include "io/incentive_loader.h"
#include "io/value_parser.h"
#include "report/incentive_tables.h"
#include "report/write_reports.h"

namespace kokuho::cli {
int RunIncentive(const IncentiveRun& run) {
  OutputFormats f = ParseOutputFormats(run.formats);
  auto year = FiscalYear::TryParse(run.year);
  if (!year)
    throw InputError({"--year", 0, 0}, "expected a fiscal year such as R3, 2021 or 令和3年度");
  incentive::IncentiveRules rules =
      run.rules_path.empty() ? LoadIncentiveRules(*year) : LoadIncentiveRulesFile(run.rules_path);
  if (rules.year != *year)
    throw InputError({rules.file, 0, 0}, fmt::format("the definitions are for {}, not {}",
                                                     rules.year.ToWareki(), year->ToWareki()));
  std::optional<Yen> budget;
  if (!run.budget.empty()) budget = ParseYen(run.budget, {"--budget", 0, 0}, "市町村分 budget");
  std::optional<NationalAverage> national;
  if (!run.national_path.empty()) national = LoadNationalAverage(run.national_path, rules);
  std::vector<incentive::Entity> entities = LoadIncentiveData(run.data_path, rules);

  incentive::ScoreResult scores = incentive::Score(rules, entities);
  std::vector<Yen> grants;
  if (budget) {
    if (scores.municipal.empty())
      throw InputError({run.data_path, 0, 0}, "--budget: the data has no municipality rows");
    grants = incentive::AllocateGrant(*budget, scores.municipal);
  }
  IncentiveReport rep{rules, scores, budget, grants, national};
  std::vector<ReportTable> tables = BuildIncentiveTables(rep);
  const bool files = f.files.csv || f.files.xlsx || f.files.json;
  if (f.files.json && !f.files.csv && !f.files.xlsx && run.out_dir.empty()) {
    std::cout << IncentiveJson(rep).dump(2) << "\n";
    return 0;
  }
  if (f.table) {
    for (size_t k = 0; k < 2 && k < tables.size(); ++k) std::cout << RenderText(tables[k]) << "\n";
    const int unconfirmed = rules.UnconfirmedCount();
    if (unconfirmed > 0)
      std::cout << fmt::format(
          "注意: 定義 {} の配点・基準のうち {} 件は未確認 (confirmed: false) の仮の値です。"
          "公式の通知で確認するまで参考値として扱ってください。\n",
          rules.file, unconfirmed);
    if (budget)
      std::cout << fmt::format(
          "交付額: 予算 {}円 を (合計点 (負なら0) × 被保険者数) の比で按分 (1円未満は最大剰余法)\n",
          FormatYen(*budget));
  }
  if (files) {
    std::string dir = run.out_dir.empty() ? "kokuho-output" : run.out_dir;
    for (const auto& path : WriteReports(dir, "incentive", f.files, tables, IncentiveJson(rep)))
      std::cerr << "wrote " << path << "\n";
  }
  return 0;
}

void RegisterIncentive(CLI::App& app, Action& action) {
  CLI::App* group =
      app.add_subcommand("incentive", "保険者努力支援制度 (取組評価分) の得点と交付額");
  group->require_subcommand(1);
  auto run = std::make_shared<IncentiveRun>();
  CLI::App* cmd = group->add_subcommand(
      "score", "市町村・都道府県の指標別得点, 得点率, 全国平均との比較, 予算の按分");
  cmd->add_option("DATA", run->data_path, "municipality data (CSV or xlsx, wide or long)")
      ->required();
  cmd->add_option("--year", run->year, "fiscal year (R3, 2021, 令和3年度)")->required();
  cmd->add_option("--rules", run->rules_path,
                  "indicator definitions YAML (default: the embedded data/incentive/r<N>.yaml)");
  cmd->add_option("--budget", run->budget, "市町村分 budget in yen, shared by points × 被保険者数");
  cmd->add_option("--national-average", run->national_path,
                  "YAML with national average points per indicator");
  AddOutputOptions(*cmd, run->out_dir, run->formats);
  cmd->callback([run, cmd, &action]() {
    DefaultOutputFormats(*cmd, run->out_dir, run->formats);
    action = [run]() { return RunIncentive(*run); };
  });
  RegisterPreventionAllocate(*group, action);
}

}  // namespace kokuho::cli
