#include "report/roadmap_sections.h"

#include <fmt/format.h>

#include <algorithm>

#include "report/collection_band_tables.h"
#include "report/deficit_tables.h"
#include "report/fund_tables.h"
#include "report/kpi_tables.h"
#include "report/scenario_report.h"

namespace kokuho {

using J = nlohmann::ordered_json;

// The fund over the scenario's years: the fund file's events plus each year's draws for
// 激変緩和 on the 特例基金 and the 財政調整事業 (relief pools with those accounts).
nlohmann::ordered_json FundSection(finance::FundPlan plan, const scenario::Run& run,
                                   std::vector<ReportTable>& tables) {
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

nlohmann::ordered_json DeficitSection(const finance::DeficitInput& in,
                                      std::vector<ReportTable>& tables) {
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
nlohmann::ordered_json KpiSection(const KpiFigures& e, std::vector<ReportTable>& tables) {
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
  const kpi::CollectionBands& bands = e.bands;
  const auto standings = kpi::StandCollection(bands, e.observations);
  if (!standings.empty()) kpi_tables.push_back(BuildCollectionBandTable(bands, standings, latest));
  for (auto& t : kpi_tables) {
    blocks.push_back(TableBlock(t));
    t.sheet = "KPI " + t.sheet;
    tables.push_back(t);
  }
  return Section(
      "kpi-section", "KPI (PDCA)",
      "県計の率は Σ分子 ÷ Σ分母 (率の単純平均は用いない)。指標の定義と計算方法の参照先は付録。",
      std::move(blocks));
}

// 保険者努力支援制度 (issue 5's figures): 得点率 on the map, the municipal and per-indicator
// tables, with the count of unconfirmed rule values.
nlohmann::ordered_json IncentiveSection(const IncentiveReport& o,
                                        std::vector<ReportTable>& tables) {
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
  std::vector<ReportTable> incentive_tables = BuildIncentiveTables(o);
  for (size_t k = 0; k < incentive_tables.size(); ++k) {
    ReportTable& t = incentive_tables[k];
    if (k < 2) blocks.push_back(TableBlock(t));  // the item table goes to the workbook only
    t.sheet = "努力支援 " + t.sheet;
    tables.push_back(t);
  }
  // Text for councils: no file names or flags; the definitions file is in the appendix.
  std::string note = "得点率 = 得点 ÷ 満点 (小数第1位に四捨五入)。指標と配点の定義の参照先は付録。";
  if (const int n = o.rules.UnconfirmedCount(); n > 0)
    note += fmt::format(" 配点・基準のうち {} 件は未確認の値を含みます (仮の値)。", n);
  if (o.budget)
    note += fmt::format(" 交付額は予算 {}円 を (合計点 × 被保険者数) の比で按分。",
                        FormatYen(*o.budget));
  return Section("incentive-section", "保険者努力支援制度 (取組評価分)", note, std::move(blocks));
}

}  // namespace kokuho
