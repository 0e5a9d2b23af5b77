// kokuho solve-rates: the rates a municipality needs to meet a target 賦課総額 per 分.
#include <fmt/format.h>

#include <iostream>

#include "cli/commands.h"
#include "cli/output_formats.h"
#include "cli/premium_inputs.h"
#include "cli/year_option.h"
#include "core/error.h"
#include "io/value_parser.h"
#include "premium/batch.h"
#include "premium/levy.h"
#include "premium/solver.h"
#include "readers/population_io.h"
#include "readers/premium_rules_loader.h"
#include "readers/rate_schedule_loader.h"
#include "report/warnings_table.h"
#include "report/write_reports.h"

namespace kokuho::cli {
namespace {

struct SolveRun {
  std::string population_path, rates_path, municipality;
  YearOption year;
  std::vector<std::string> targets;  ///< "iryo=1234567890"
  std::string income_share = "0.5", per_capita_share = "0.7";
  std::string basis = "before-keigen";
  std::string rounding = "up";
  std::string rate_step = "0.01%";
  long long amount_step = 100;
  std::string out_dir, formats = "table";
};

int RunSolve(const SolveRun& run) {
  OutputFormats f = ParseOutputFormats(run.formats);
  const int year = run.year.Get().year();
  const std::string code = ParseMunicipalityOption(run.municipality, "--municipality");
  const std::string rates_path = run.rates_path.empty() ? DefaultRatesPath() : run.rates_path;
  premium::SolveRequest proto;
  proto.income_share =
      ParseRate(run.income_share, {"--income-share", 0, 0}, "応能割合", RateRange::kZeroToOne);
  proto.per_capita_share = ParseRate(run.per_capita_share, {"--per-capita-share", 0, 0},
                                     "均等割割合", RateRange::kOpenZeroToOne);
  if (run.basis == "before-keigen")
    proto.basis = premium::SolveBasis::kBeforeKeigen;
  else if (run.basis == "billed-plus-keigen")
    proto.basis = premium::SolveBasis::kBilledPlusKeigen;
  else if (run.basis == "after-keigen")
    proto.basis = premium::SolveBasis::kAfterKeigen;
  else
    throw CLI::ValidationError("--basis", "「" + run.basis +
                                              "」は使えません。before-keigen、billed-plus-keigen、"
                                              "after-keigen のどれかを指定してください");
  if (run.rounding == "up")
    proto.rounding = premium::PublishedRounding::kUp;
  else if (run.rounding == "nearest")
    proto.rounding = premium::PublishedRounding::kNearest;
  else
    throw CLI::ValidationError(
        "--rounding", "「" + run.rounding + "」は使えません。up か nearest を指定してください");
  proto.rate_step = ParseMillionths(run.rate_step, {"--rate-step", 0, 0}, "所得割率の刻み");
  if (proto.rate_step <= 0)
    throw InputError({"--rate-step", 0, 0}, "刻みは0より大きい値を指定してください");
  if (run.amount_step != 1 && run.amount_step != 10 && run.amount_step != 100 &&
      run.amount_step != 1000)
    throw InputError({"--amount-step", 0, 0}, fmt::format("{} は使えません。1、10、100、1000 の"
                                                          "どれかを指定してください",
                                                          run.amount_step));
  proto.amount_step = run.amount_step;
  std::vector<premium::SolveRequest> requests;
  for (const std::string& t : run.targets) {
    const auto eq = t.find('=');
    auto part = eq == std::string::npos ? std::nullopt : TryParsePart(t.substr(0, eq));
    if (!part)
      throw InputError({"--target", 0, 0}, "「" + t +
                                               "」は読めません。分=円 の形で指定してください (例: "
                                               "iryo=1200000000 または 医療=1200000000)");
    premium::SolveRequest r = proto;
    r.part = *part;
    r.target = ParseYen(t.substr(eq + 1), {"--target", 0, 0}, "目標賦課総額", 1);
    requests.push_back(r);
  }
  const premium::NationalRules rules = LoadNationalRules(year, "", run.year.Policy());
  // A target for a 分 not levied this year (子ども分 before 令和8年度) is its own error, not
  // "no rate meets the target".
  for (const auto& r : requests)
    if (!rules.levied[static_cast<int>(r.part)])
      throw InputError({"--target", 0, 0},
                       fmt::format("{} は {}年度には賦課されません (子ども・子育て支援納付金分は"
                                   "令和8年度 (2026) から); その分の目標は指定できません",
                                   PartLabel(r.part), year));
  const auto schedules = LoadRateSchedules(rates_path, year);
  const premium::RateSchedule& schedule = FindSchedule(schedules, code, rates_path, year);
  CompileSchedule(schedule, rules, rates_path);
  const premium::Population pop = ReadPopulation(run.population_path, year);
  const auto prepared = premium::PrepareAll(pop, rules);
  std::vector<premium::PreparedHousehold> mine;
  for (size_t i = 0; i < prepared.size(); ++i)
    if (pop.municipalities[pop.municipality[i]] == code) mine.push_back(prepared[i]);
  if (mine.empty())
    throw InputError({run.population_path, 0, 0},
                     fmt::format("被保険者ファイルに団体コード {} の世帯がありません", code));

  const char* basis_text = proto.basis == premium::SolveBasis::kBeforeKeigen
                               ? "軽減がないものとした賦課額 (限度額適用後)"
                           : proto.basis == premium::SolveBasis::kBilledPlusKeigen
                               ? "賦課額 + 7/5/2割軽減額 (地方税法703条の4③の課税総額)"
                               : "賦課額 (軽減後・限度額適用後)";
  const char* rounding_text =
      proto.rounding == premium::PublishedRounding::kUp
          ? "公表料率: 公表単位で目標を満たす最小の料率 (どれも1刻み下げると目標に届かない)"
          : "公表料率: 厳密な料率を最も近い公表単位に丸めたもの (目標に届かないことがある)";
  ReportTable t{
      "solve_rates",
      fmt::format("{} {} {}年度 必要な料率 ({}世帯, 基準: {}; {})", code, schedule.name, year,
                  FormatYen(static_cast<std::int64_t>(mine.size())), basis_text, rounding_text),
      "料率",
      {"分", "目標賦課総額", "所得割率(厳密)", "均等割額(厳密)", "平等割額(厳密)", "所得割率(公表)",
       "均等割額(公表)", "平等割額(公表)", "公表料率での賦課総額", "不足額(−は超過)", "限度超過額",
       "限度超過世帯"},
      {}};
  nlohmann::ordered_json json;
  json["schema"] = "kokuho.solve_rates/1";
  json["municipality"] = code;
  json["fiscal_year"] = year;
  json["basis"] = run.basis;
  json["published_rounding"] = run.rounding;
  json["households"] = mine.size();
  json["parts"] = nlohmann::ordered_json::object();
  for (const auto& r : requests) {
    const premium::SolveResult s = premium::SolveRates(mine, schedule, rules, r);
    t.rows.push_back(
        {ReportCell::Text(PartShortLabel(r.part)), ReportCell::Integer(r.target),
         ReportCell::Text(premium::PpmPercent(s.exact.income_rate)),
         ReportCell::Integer(s.exact.per_capita), ReportCell::Integer(s.exact.per_household),
         ReportCell::Text(premium::PpmPercent(s.published.income_rate)),
         ReportCell::Integer(s.published.per_capita),
         ReportCell::Integer(s.published.per_household), ReportCell::Integer(s.published.levy),
         ReportCell::Integer(s.shortfall), ReportCell::Integer(s.published.over_cap),
         ReportCell::Integer(s.published.capped_households)});
    auto rates = [](const premium::SolvedRates& x) {
      return nlohmann::ordered_json{
          {"income_rate_ppm", x.income_rate},
          {"income_rate_percent", std::stod(premium::PpmPercent(x.income_rate))},
          {"per_capita", x.per_capita},
          {"per_household", x.per_household},
          {"levy", x.levy},
          {"income_total", x.income},
          {"per_capita_total", x.per_capita_total},
          {"household_total", x.household_total},
          {"keigen", x.keigen},
          {"over_cap", x.over_cap},
          {"capped_households", x.capped_households}};
    };
    json["parts"][PartKey(r.part)] = {{"target", r.target},
                                      {"exact", rates(s.exact)},
                                      {"published", rates(s.published)},
                                      {"shortfall", s.shortfall},
                                      {"iterations", s.iterations}};
  }
  std::vector<ReportTable> tables = {t};
  AddWarnings(rules.notes.Lines(), tables, json);
  if (f.files.json && !f.files.csv && !f.files.xlsx && run.out_dir.empty()) {
    std::cout << json.dump(2) << "\n";
    return 0;
  }
  if (f.table) std::cout << PrintedTable(t, f.wide);
  WarnParameterNotes(rules.notes);
  if (f.files.csv || f.files.xlsx || f.files.json) {
    const std::string dir = run.out_dir.empty() ? "kokuho-output" : run.out_dir;
    for (const auto& path : WriteReports(dir, "solve_rates", f.files, tables, json))
      std::cerr << "wrote " << path << "\n";
  }
  return 0;
}

}  // namespace

void RegisterSolveRates(CLI::App& app, Action& action) {
  auto run = std::make_shared<SolveRun>();
  CLI::App* cmd = app.add_subcommand(
      "solve-rates", "目標賦課総額を満たす料率 (所得割率・均等割額・平等割額) を求める");
  cmd->add_option("POPULATION", run->population_path, "人口ファイル (.kpop, CSV または xlsx)")
      ->required();
  cmd->add_option("--rates", run->rates_path, "料率表 (既定: 同梱の架空の料率)");
  AddYearOption(*cmd, run->year, "R8");
  cmd->add_option("--municipality,-m", run->municipality, "団体コード")->required();
  cmd->add_option("--target", run->targets, "分=目標賦課総額 (円)、繰り返し指定できる")->required();
  cmd->add_option("--income-share", run->income_share, "応能割合 (所得割の割合、既定 0.5)");
  cmd->add_option("--per-capita-share", run->per_capita_share,
                  "応益のうち均等割の割合 (1 = 2方式、既定 0.7)");
  cmd->add_option("--basis", run->basis,
                  "before-keigen (既定: 軽減がないものとした賦課額)、billed-plus-keigen "
                  "(賦課額 + 7/5/2割軽減額) または after-keigen (賦課額)");
  cmd->add_option(
      "--rounding", run->rounding,
      "公表料率の丸め: up (既定: 目標を満たす最小の料率) または nearest (最も近い刻み)");
  cmd->add_option("--rate-step", run->rate_step, "所得割率の公表単位 (既定 0.01%)");
  cmd->add_option("--amount-step", run->amount_step, "均等割・平等割の公表単位 (円、既定 100)");
  AddOutputOptions(*cmd, run->out_dir, run->formats);
  cmd->callback([run, cmd, &action]() {
    DefaultOutputFormats(*cmd, run->out_dir, run->formats);
    action = [run]() { return RunSolve(*run); };
  });
}

}  // namespace kokuho::cli
