// kokuho levy: one household's 保険料/保険税 for a municipality and fiscal year.
#include <fmt/format.h>

#include <iostream>

#include "cli/commands.h"
#include "cli/output_formats.h"
#include "cli/premium_inputs.h"
#include "cli/year_option.h"
#include "core/error.h"
#include "premium/levy.h"
#include "readers/household_loader.h"
#include "readers/premium_rules_loader.h"
#include "readers/rate_schedule_loader.h"
#include "report/levy_tables.h"

namespace kokuho::cli {
namespace {

struct LevyRun {
  std::string household_path;
  std::string municipality;
  YearOption year;
  std::string rates_path;
  std::string format = "table";
  bool explain = false;
  bool wide = false;
};

int RunLevy(const LevyRun& run) {
  if (run.format != "table" && run.format != "json")
    throw CLI::ValidationError(
        "--format", "「" + run.format + "」は使えません。table か json を指定してください");
  const int year = run.year.Get().year();
  const std::string code = ParseMunicipalityOption(run.municipality, "--municipality");
  const std::string rates_path = run.rates_path.empty() ? DefaultRatesPath() : run.rates_path;
  const premium::NationalRules rules = LoadNationalRules(year, "", run.year.Policy());
  const auto schedules = LoadRateSchedules(rates_path, year);
  const premium::RateSchedule& schedule = FindSchedule(schedules, code, rates_path, year);
  CompileSchedule(schedule, rules, rates_path);  // refuses incomplete rates at the file
  const premium::Household household = LoadHousehold(run.household_path, year);
  if (!household.municipality.empty() && household.municipality != code)
    throw InputError(household.municipality_at,
                     fmt::format("municipality: 世帯ファイルの団体コード {} が --municipality {} と"
                                 "違います。同じ団体コードにするか、世帯ファイルの municipality を"
                                 "消してください",
                                 household.municipality, code));
  const premium::HouseholdLevy levy = premium::LevyOne(household, schedule, rules, run.explain);
  const LevyReport report{schedule, rules, levy};
  if (run.format == "json") {
    std::cout << LevyJson(report).dump(2) << "\n";
    return 0;
  }
  std::cout << PrintedTable(BuildLevyTable(report), run.wide);
  if (run.explain) {
    std::cout << "\n計算の過程:\n";
    for (const auto& e : levy.explanation) {
      std::cout << fmt::format("  {}: {}\n", e.step, e.formula);
      if (!e.source.empty()) std::cout << fmt::format("      根拠: {}\n", e.source);
    }
  }
  WarnParameterNotes(rules.notes);
  return 0;
}

}  // namespace

void RegisterLevy(CLI::App& app, Action& action) {
  auto run = std::make_shared<LevyRun>();
  CLI::App* cmd = app.add_subcommand(
      "levy", "1世帯の国民健康保険料(税): 所得割・資産割・均等割・平等割・軽減・限度額");
  cmd->add_option("HOUSEHOLD", run->household_path, "世帯のファイル (YAML または JSON)")
      ->required();
  cmd->add_option("--municipality,-m", run->municipality, "団体コード (6桁 または 5桁)")
      ->required();
  AddYearOption(*cmd, run->year, "R8");
  cmd->add_option("--rates", run->rates_path, "料率表 (CSV または xlsx; 既定: 同梱の架空の料率)");
  cmd->add_option("--format", run->format, "table または json");
  cmd->add_flag("--explain", run->explain, "すべての計算過程を規則と出典つきで表示する");
  cmd->add_flag("--wide", run->wide, "表の列をすべて表示する (端末の幅に合わせて列を省略しない)");
  cmd->callback([run, &action]() { action = [run]() { return RunLevy(*run); }; });
}

}  // namespace kokuho::cli
