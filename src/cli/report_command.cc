// `kokuho report SCENARIO --out DIR`: the roadmap report, one self-contained HTML file
// (report.html, opens offline), the same tables in report.xlsx and the data in report.json,
// written all or nothing (docs/report-format.md, docs/scenario-format.md).
#include <fmt/format.h>

#include <iostream>
#include <map>
#include <memory>

#include "cli/commands.h"
#include "cli/deficits_command.h"
#include "cli/fund_command.h"
#include "cli/incentive_command.h"
#include "cli/kpi_command.h"
#include "cli/scenario_inputs.h"
#include "cli/year_option.h"
#include "io/finance_loader.h"
#include "io/kpi_loader.h"
#include "io/scenario_loader.h"
#include "report/collection_band_tables.h"
#include "report/html_report.h"
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
};

std::map<MunicipalityCode, std::string> KnownMunicipalities(const scenario::Scenario& s) {
  std::map<MunicipalityCode, std::string> known;
  for (const auto& m : s.base.municipalities) known.emplace(m.code, m.name);
  return known;
}

// The fund over the scenario's years: the fund file's events plus each year's draws for
// 激変緩和 on the 特例基金 and the 財政調整事業 (relief pools named so).
J FundSection(const scenario::Scenario& s, const scenario::Run& run,
              std::vector<ReportTable>& tables) {
  FinanceLoadOptions options;
  options.known_municipalities = KnownMunicipalities(s);
  finance::FundPlan plan = LoadFundPlan(s.fund, options);
  for (const auto& y : run.years) {
    if (y.tokurei_drawn > 0) finance::AddTokureiWithdrawal(plan, y.plan.year, y.tokurei_drawn);
    if (y.adjust_drawn > 0)
      plan.events.push_back(finance::FundEvent::Flow(finance::EventType::kAdjustWithdrawal,
                                                     y.plan.year, y.adjust_drawn,
                                                     finance::Account::kAdjust));
  }
  finance::FundLedger ledger = finance::SimulateFund(plan);
  J x = J::array();
  std::vector<J> values(finance::kAccountCount, J::array());
  J total = J::array();
  for (const auto& fy : ledger.years) {
    x.push_back(fy.year.ToShortWareki());
    for (int a = 0; a < finance::kAccountCount; ++a) values[a].push_back(fy.accounts[a].closing);
    total.push_back(fy.Closing());
  }
  J series = J::array();
  series.push_back({{"name", "合計"}, {"values", total}});
  for (int a = 0; a < finance::kAccountCount; ++a)
    series.push_back(
        {{"name", finance::AccountLabel(finance::kAccounts[a])}, {"values", values[a]}});
  J blocks = J::array();
  blocks.push_back({{"kind", "line"},
                    {"id", "fund-balance"},
                    {"title", "財政安定化基金の年度末残高"},
                    {"unit", "円"},
                    {"x", x},
                    {"series", series}});
  for (auto& t : BuildFundTables(plan, ledger)) {
    blocks.push_back(TableBlock(t));
    t.sheet = "基金 " + t.sheet;  // sheet names must be unique in the workbook
    tables.push_back(t);
  }
  return Section(
      "fund", "財政安定化基金",
      "貸付 (無利子、翌々年度から3年度で償還)、交付 (収納不足額の1/2以内、国・県・市町村が"
      "1/3ずつ補填)、県の取崩しと返還、決算剰余金、特例基金による激変緩和。"
      "各勘定で 年度末残高 = 年度初残高 + 収入 − 支出 が1円単位で成り立ちます。",
      std::move(blocks));
}

J DeficitSection(const scenario::Scenario& s, std::vector<ReportTable>& tables) {
  FinanceLoadOptions options;
  options.known_municipalities = KnownMunicipalities(s);
  finance::DeficitInput in = LoadDeficits(s.deficits, options);
  finance::DeficitResult r = finance::EvaluateDeficits(in);
  J blocks = J::array();
  for (auto& t : BuildDeficitTables(in, r)) {
    blocks.push_back(TableBlock(t));
    t.sheet = "赤字 " + t.sheet;
    tables.push_back(t);
  }
  return Section("deficit-plans", "法定外繰入と赤字削減・解消計画",
                 "削減・解消すべき赤字 = 決算補填等目的の法定外繰入 + 繰上充用金の新規増加分 "
                 "(平成30年1月29日 保国発0129第2号)。",
                 std::move(blocks));
}

// KPI / PDCA (issue 5's figures): the latest year's tables and a map per indicator.
J KpiSection(const scenario::Scenario& s, std::vector<ReportTable>& tables) {
  const KpiEvaluation e = EvaluateKpiData(s.kpi);
  int latest = 0;
  for (const auto& m : e.result.municipalities)
    latest = std::max(latest, m.observation.year.year());
  J blocks = J::array();
  J metrics = J::array();
  for (const auto& d : e.definitions) {
    J values = J::object();
    for (const auto& m : e.result.municipalities)
      if (m.definition->key == d.key && m.observation.year.year() == latest) {
        const Rational v = d.unit == kpi::Unit::kPercent ? m.observation.value * Rational(100)
                                                         : m.observation.value;
        values[m.observation.code.str()] = v.ToDouble();
      }
    if (values.empty()) continue;
    metrics.push_back({{"label", d.label + " (" + FiscalYear(latest).ToWareki() + ")"},
                       {"unit", d.unit == kpi::Unit::kPercent ? "%" : ""},
                       {"values", std::move(values)}});
  }
  if (!metrics.empty())
    blocks.push_back({{"kind", "map"},
                      {"id", "kpi-map"},
                      {"title", "KPI の地図"},
                      {"metrics", std::move(metrics)}});
  std::vector<ReportTable> kpi_tables = BuildKpiTables(e.result, latest);
  // 収納率 規模別, when the KPI data give 被保険者数 (docs/kpi-format.md).
  const kpi::CollectionBands bands = LoadCollectionBands();
  const auto standings = kpi::StandCollection(bands, e.observations);
  if (!standings.empty()) kpi_tables.push_back(BuildCollectionBandTable(bands, standings, latest));
  for (auto& t : kpi_tables) {
    blocks.push_back(TableBlock(t));
    t.sheet = "KPI " + t.sheet;
    tables.push_back(t);
  }
  return Section("kpi-section", "KPI (PDCA)",
                 "県計の率は Σ分子 ÷ Σ分母 (率の単純平均は用いない)。docs/kpi-format.md。",
                 std::move(blocks));
}

// 保険者努力支援制度 (issue 5's figures): 得点率 on the map, the municipal and per-indicator
// tables, with the count of unconfirmed rule values.
J IncentiveSection(const scenario::IncentivePlan& p, std::vector<ReportTable>& tables) {
  IncentiveRun run;
  run.data_path = p.data;
  run.year.text = p.year;
  run.rules_path = p.rules;
  run.budget = p.budget;
  run.national_path = p.national;
  const IncentiveOutcome o = ComputeIncentive(run);
  J values = J::object();
  for (const auto& m : o.scores.municipal) values[m.code] = RatePercent(m.rate).ToDouble();
  J blocks = J::array();
  blocks.push_back(
      {{"kind", "map"},
       {"id", "incentive-map"},
       {"title", "市町村分の得点率"},
       {"metrics",
        J::array({{{"label", fmt::format("得点率 ({}, {}点満点)", o.rules.year.ToWareki(),
                                         o.rules.municipal.MaxPoints().ToGroupedString(0))},
                   {"unit", "%"},
                   {"values", std::move(values)}}})}});
  std::vector<ReportTable> incentive_tables = BuildIncentiveTables(o.Report());
  for (size_t k = 0; k < incentive_tables.size(); ++k) {
    ReportTable& t = incentive_tables[k];
    if (k < 2) blocks.push_back(TableBlock(t));  // the item table goes to the workbook only
    t.sheet = "努力支援 " + t.sheet;
    tables.push_back(t);
  }
  std::string note =
      fmt::format("定義 {}。得点率 = 得点 ÷ 満点 (小数第1位に四捨五入)。docs/incentive-format.md。",
                  o.rules.file);
  if (const int n = o.rules.UnconfirmedCount(); n > 0)
    note += fmt::format(" 配点・基準のうち {} 件は未確認 (confirmed: false) の仮の値です。", n);
  if (o.budget)
    note += fmt::format(" 交付額は予算 {}円 を (合計点 × 被保険者数) の比で按分。",
                        FormatYen(*o.budget));
  return Section("incentive-section", "保険者努力支援制度 (取組評価分)", note, std::move(blocks));
}

int RunReport(const ReportArgs& a) {
  scenario::Scenario s = LoadScenario(a.scenario);
  const scenario::Run run =
      RunWithHouseholds(s, a.population, a.threads, YearPolicy{a.carry_forward});
  std::vector<ReportTable> tables = ScenarioTables(run);
  J report = ScenarioReport(run, tables, s.base.prefecture, s.base.prefecture_code);
  if (!s.fund.empty()) report["sections"].push_back(FundSection(s, run, tables));
  if (!s.deficits.empty()) report["sections"].push_back(DeficitSection(s, tables));
  if (!s.kpi.empty()) report["sections"].push_back(KpiSection(s, tables));
  if (s.incentive) report["sections"].push_back(IncentiveSection(*s.incentive, tables));
  AddWarnings(run.parameter_notes.Lines(), tables, report);
  WarnParameterNotes(run.parameter_notes);
  const std::string html = RenderHtmlReport(report, a.scenario);
  ReportFormats formats;
  formats.xlsx = true;
  formats.json = true;
  for (const auto& path :
       WriteReports(a.out_dir, "report", formats, tables, report, {{"report.html", html}}))
    std::cerr << "wrote " << path << "\n";
  return 0;
}

}  // namespace

void RegisterReport(CLI::App& app, Action& action) {
  auto args = std::make_shared<ReportArgs>();
  CLI::App* cmd = app.add_subcommand(
      "report", "ロードマップの報告書 (自己完結の HTML + 同じ表の xlsx + データの JSON)");
  cmd->add_option("SCENARIO", args->scenario, "scenario file (YAML)")->required();
  cmd->add_option("--out", args->out_dir, "output folder")->required();
  cmd->add_option("--population", args->population,
                  "household population (overrides the scenario's households)");
  cmd->add_option("--threads", args->threads, "threads for the household levy (default: all)");
  AddCarryForwardOption(*cmd, args->carry_forward);
  cmd->callback([args, &action]() { action = [args]() { return RunReport(*args); }; });
}

}  // namespace kokuho::cli
