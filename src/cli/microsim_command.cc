// kokuho microsim: the levy of every household of a population under the municipalities'
// rate schedules, with per-municipality totals.
#include <fmt/format.h>

#include <chrono>
#include <iostream>
#include <optional>

#include "cli/commands.h"
#include "cli/output_formats.h"
#include "cli/premium_inputs.h"
#include "cli/progress_bar.h"
#include "cli/year_option.h"
#include "core/error.h"
#include "io/csv_writer.h"
#include "io/output_files.h"
#include "premium/batch.h"
#include "readers/population_io.h"
#include "readers/premium_rules_loader.h"
#include "readers/rate_schedule_loader.h"
#include "report/microsim_tables.h"
#include "report/warnings_table.h"
#include "report/write_reports.h"

namespace kokuho::cli {
namespace {

struct MicrosimRun {
  std::string population_path;
  std::string rates_path;
  YearOption year;
  std::string out_dir;
  std::string formats = "table";
  bool per_household = false;
  unsigned threads = 0;
};

double Since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

int RunMicrosim(const MicrosimRun& run) {
  OutputFormats f = ParseOutputFormats(run.formats);
  const int year = run.year.Get().year();
  const std::string rates_path = run.rates_path.empty() ? DefaultRatesPath() : run.rates_path;
  const premium::NationalRules rules = LoadNationalRules(year, "", run.year.Policy());
  const auto schedules = LoadRateSchedules(rates_path, year);
  auto t0 = std::chrono::steady_clock::now();
  const premium::Population pop = ReadPopulation(run.population_path, year);
  const double read_s = Since(t0);

  MicrosimReport report;
  report.fiscal_year = year;
  report.levied = rules.levied;
  report.unconfirmed = rules.unconfirmed;
  report.warnings = rules.notes.Lines();
  std::vector<premium::CompiledSchedule> compiled;
  for (const std::string& code : pop.municipalities) {
    const premium::RateSchedule& s = FindSchedule(schedules, code, rates_path, year);
    compiled.push_back(CompileSchedule(s, rules, rates_path));
    report.codes.push_back(code);
    report.names.push_back(s.name);
  }
  t0 = std::chrono::steady_clock::now();
  std::vector<premium::PreparedHousehold> prepared;
  {
    ProgressBar bar("世帯の準備");
    prepared = premium::PrepareAll(pop, rules, run.threads, bar.Callback());
  }
  const double prepare_s = Since(t0);
  const premium::Deciles deciles = premium::AssignDeciles(prepared);
  report.decile_upper = deciles.upper;
  t0 = std::chrono::steady_clock::now();
  {
    ProgressBar bar("賦課計算");
    report.result = premium::LevyAll(prepared, compiled, deciles, run.per_household, run.threads,
                                     bar.Callback());
  }
  const double levy_s = Since(t0);
  std::cerr << fmt::format(
      "{} 世帯 ({} 人): 読込 {:.2f} s, 準備 {:.2f} s, 賦課 {:.3f} s ({:.1f} 百万世帯/s)\n",
      FormatYen(static_cast<std::int64_t>(pop.households())),
      FormatYen(static_cast<std::int64_t>(pop.members())), read_s, prepare_s, levy_s,
      levy_s > 0 ? pop.households() / levy_s / 1e6 : 0.0);

  std::vector<ReportTable> tables = BuildMicrosimTables(report);
  nlohmann::ordered_json json = MicrosimJson(report);
  AddWarnings(report.warnings, tables, json);
  const bool files = f.files.csv || f.files.xlsx || f.files.json || run.per_household;
  if (f.files.json && !f.files.csv && !f.files.xlsx && run.out_dir.empty() && !run.per_household) {
    std::cout << json.dump(2) << "\n";
    return 0;
  }
  if (f.table)
    for (const auto& t : tables) std::cout << PrintedTable(t, f.wide) << "\n";
  WarnParameterNotes(rules.notes);
  if (files) {
    const std::string dir = run.out_dir.empty() ? "kokuho-output" : run.out_dir;
    // households.csv is staged first and committed after the reports, so a failure in
    // either leaves no partial output.
    std::optional<OutputStage> stage;
    if (run.per_household) {
      stage.emplace(dir);
      // One row per household: the levy for every household (no incomes, only the result).
      std::string csv = "\xEF\xBB\xBF世帯番号,団体コード,軽減,合計\r\n";
      csv.reserve(pop.households() * 32);
      for (size_t i = 0; i < pop.households(); ++i)
        csv += fmt::format("{},{},{},{}\r\n", pop.household_id[i],
                           pop.municipalities[pop.municipality[i]],
                           premium::TierLabel(prepared[i].tier), report.result.household_totals[i]);
      WriteFileAtomic(stage->PathFor("households.csv"), csv);
    }
    for (const auto& path : WriteReports(dir, "microsim", f.files, tables, json))
      std::cerr << "wrote " << path << "\n";
    if (stage) {
      stage->Commit();
      std::cerr << "wrote " << dir << "/households.csv\n";
    }
  }
  return 0;
}

}  // namespace

void RegisterMicrosim(CLI::App& app, Action& action) {
  auto run = std::make_shared<MicrosimRun>();
  CLI::App* cmd = app.add_subcommand(
      "microsim", "全世帯の賦課額と市町村別集計 (調定額・軽減・限度超過・所得十分位・世帯類型)");
  cmd->add_option("POPULATION", run->population_path, "人口ファイル (.kpop, CSV または xlsx)")
      ->required();
  cmd->add_option("--rates", run->rates_path, "料率表 (CSV または xlsx; 既定: 同梱の架空の料率)");
  AddYearOption(*cmd, run->year, "R8");
  cmd->add_flag("--per-household", run->per_household, "households.csv (全世帯の賦課額) も書く");
  cmd->add_option("--threads", run->threads, "スレッド数 (既定: 全コア)");
  AddOutputOptions(*cmd, run->out_dir, run->formats);
  cmd->callback([run, cmd, &action]() {
    DefaultOutputFormats(*cmd, run->out_dir, run->formats);
    action = [run]() { return RunMicrosim(*run); };
  });
}

}  // namespace kokuho::cli
