// `kokuho incentive allocate DATA --year Y --budget YEN [--rules FILE] [--out DIR]
//  [--format table,csv,xlsx,json]`: 予防・健康づくり支援交付金 事業費連動分 — shares a budget
// among prefectures by 点数 × 合計被保険者数, capped from R7 at 2 × each prefecture's
// 事業費分 with the excess redistributed (docs/incentive-format.md §6).
//
//   kokuho incentive allocate examples/incentive-sample/prevention_r7.csv --year R7
//       --budget 1000000000
#include <fmt/format.h>

#include <iostream>
#include <string>

#include "cli/commands.h"
#include "cli/output_formats.h"
#include "cli/year_option.h"
#include "core/error.h"
#include "core/fiscal_year.h"
#include "io/value_parser.h"
#include "readers/prevention_loader.h"
#include "report/prevention_tables.h"

namespace kokuho::cli {
namespace {

struct PreventionRun {
  std::string data_path;
  YearOption year;
  std::string rules_path;  ///< empty: the embedded data/incentive/prevention.yaml
  std::string budget;
  std::string out_dir;
  std::string formats = "table";
};

int RunPrevention(const PreventionRun& run) {
  const FiscalYear year = run.year.Get();
  const Yen budget = ParseYen(run.budget, {"--budget", 0, 0}, "事業費連動分 budget");
  incentive::PreventionRule rule =
      run.rules_path.empty() ? LoadPreventionRule(year, run.year.Policy())
                             : LoadPreventionRuleFile(run.rules_path, year, run.year.Policy());
  std::vector<incentive::PreventionBody> bodies = LoadPreventionData(run.data_path, rule);
  incentive::PreventionAllocation a = incentive::AllocatePrevention(rule, bodies, budget);
  PreventionReport rep{year, rule, bodies, budget, a};
  const int status =
      EmitReports(run.out_dir, run.formats, "incentive_prevention", {BuildPreventionTable(rep)},
                  PreventionJson(rep), nullptr, rule.notes.Lines());
  if (ParseOutputFormats(run.formats).table) {
    std::cout << (rule.cap_multiple
                      ? fmt::format("按分: 予算を 点数 × 被保険者数 (総得点) の比で按分し, "
                                    "事業費分交付額の {} 倍を上限として超過分を上限未満の"
                                    "都道府県に再配分 (1円未満は最大剰余法)\n",
                                    rule.cap_multiple->ToString())
                      : std::string("按分: 予算を 点数 × 被保険者数 (総得点) の比で按分 "
                                    "(上限なし; 1円未満は最大剰余法)\n"));
    std::cout << "出典: " << rule.source << "\n";
    if (!rule.confirmed)
      std::cout << fmt::format(
          "注意: この規則は {} からのもので, {} については出典で確認されていません "
          "({})。\n",
          rule.from.ToWareki(), year.ToWareki(), rule.file);
  }
  return status;
}

}  // namespace

void RegisterPreventionAllocate(CLI::App& group, Action& action) {
  auto run = std::make_shared<PreventionRun>();
  CLI::App* cmd = group.add_subcommand(
      "allocate",
      "予防・健康づくり支援交付金 事業費連動分の都道府県への按分 (R7~: 上限 事業費分×2)");
  cmd->add_option(
         "DATA", run->data_path,
         "都道府県の表 (CSV または xlsx): 都道府県コード, 点数, 被保険者数, 事業費分交付額")
      ->required();
  AddYearOption(*cmd, run->year, "R7");
  cmd->add_option("--budget", run->budget, "事業費連動分の予算額 (円)")->required();
  cmd->add_option("--rules", run->rules_path,
                  "配分規則の YAML (既定: 同梱の data/incentive/prevention.yaml)");
  AddOutputOptions(*cmd, run->out_dir, run->formats);
  cmd->callback([run, cmd, &action]() {
    DefaultOutputFormats(*cmd, run->out_dir, run->formats);
    action = [run]() { return RunPrevention(*run); };
  });
}

}  // namespace kokuho::cli
