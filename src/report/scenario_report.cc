#include "report/scenario_report.h"

#include <fmt/format.h>

#include <algorithm>

namespace kokuho {
namespace {

using J = nlohmann::ordered_json;

// Display numbers for charts: yen per head rounded half-up to the yen, shares as doubles.
long long PerCapitaYen(const Rational& v) { return v.ToYen(RoundingMode::kHalfUp); }

J XLabels(const scenario::Run& run) {
  J x = J::array();
  for (const auto& y : run.years) x.push_back(y.plan.year.ToShortWareki());
  return x;
}

J Series(const std::string& name, J values) {
  return J{{"name", name}, {"values", std::move(values)}};
}

J PremiumSection(const scenario::Run& run) {
  J series = J::array();
  const auto& first = run.years.front();
  for (size_t i = 0; i < first.municipalities.size(); ++i) {
    J values = J::array();
    for (const auto& y : run.years)
      values.push_back(PerCapitaYen(y.municipalities[i].premium_per_capita));
    series.push_back(Series(first.municipalities[i].name, std::move(values)));
  }
  J blocks = J::array();
  blocks.push_back({{"kind", "line"},
                    {"id", "premium-path"},
                    {"title", "1人当たり保険料 (保険料賦課総額 ÷ 被保険者数) の推移"},
                    {"unit", "円"},
                    {"x", XLabels(run)},
                    {"series", std::move(series)}});
  return Section(
      "premium", "1人当たり保険料の推移",
      "各年度の市町村標準保険料率による保険料賦課総額 (激変緩和後) を被保険者数で割った額。"
      "準統一までは収納率と市町村ごとの項目の差が残り、完全統一で同じ料率になります。",
      std::move(blocks));
}

J AlphaReliefSection(const scenario::Run& run) {
  J alpha = J::array(), needed = J::array(), granted = J::array(), funds = J::array();
  bool any_alpha = false;
  for (const auto& y : run.years) {
    if (scenario::AlphaApplies(y.plan.stage)) {
      alpha.push_back(y.input.policy(Part::kIryo).alpha.ToDouble());
      any_alpha = true;
    } else {
      alpha.push_back(nullptr);
    }
    needed.push_back(y.relief_needed);
    granted.push_back(y.relief_granted);
    funds.push_back(y.tokurei_drawn + y.adjust_drawn);
  }
  J blocks = J::array();
  if (any_alpha)
    blocks.push_back({{"kind", "line"},
                      {"id", "alpha-path"},
                      {"title", "α (医療費指数反映係数; 準統一・完全統一の年度は適用なし —)"},
                      {"unit", ""},
                      {"x", XLabels(run)},
                      {"series", J::array({Series("α", std::move(alpha))})}});
  blocks.push_back(
      {{"kind", "bar"},
       {"id", "relief"},
       {"title", "激変緩和: 所要額と緩和額"},
       {"unit", "円"},
       {"stacked", false},
       {"x", XLabels(run)},
       {"series",
        J::array({Series("所要額", std::move(needed)), Series("緩和額", std::move(granted)),
                  Series("うち基金 (特例基金・財政調整事業)", std::move(funds))})}});
  std::string text =
      "激変緩和は1人当たり保険料の伸びが自然増 + x を超える市町村の納付金を減らします。"
      "財源 (県繰入金・特例基金など) が足りない年度は所要額に比例して按分します。";
  if (!any_alpha)
    text +=
        "\n\nα (医療費指数反映係数) は、この期間のすべての年度が準統一または完全統一のため"
        "適用されません (—)。";
  return Section("alpha", any_alpha ? "α と激変緩和" : "激変緩和", text, std::move(blocks));
}

J HouseholdSection(const scenario::Run& run, const std::vector<ReportTable>& tables) {
  J series = J::array();
  for (int k = 0; k < scenario::kChangeBandCount; ++k) {
    J values = J::array();
    for (const auto& y : run.years) values.push_back(y.households->change_base[k]);
    series.push_back(Series(scenario::ChangeBandLabel(k), std::move(values)));
  }
  J blocks = J::array();
  blocks.push_back({{"kind", "bar"},
                    {"id", "household-change"},
                    {"title", "世帯の保険料の初年度比の分布 (世帯数)"},
                    {"unit", "世帯"},
                    {"stacked", true},
                    {"palette", "diverging"},  // bands ordered 20%以上減 … 変化なし … 20%以上増
                    {"x", XLabels(run)},
                    {"series", std::move(series)}});
  for (const auto& t : tables)
    if (t.key == "scenario_deciles" || t.key == "scenario_types") blocks.push_back(TableBlock(t));
  return Section(
      "households", "世帯の負担の変化",
      fmt::format("同じ {} 世帯 (所得・年齢は初年度のまま) を各年度の料率で賦課した結果。"
                  "変化は料率の変化だけによります。",
                  FormatYen(run.years.front().households->households)),
      std::move(blocks));
}

J MapSection(const scenario::Run& run) {
  const auto& first = run.years.front();
  const auto& last = run.years.back();
  J premium = J::object(), change = J::object(), nofukin = J::object(), relief = J::object();
  for (size_t i = 0; i < last.municipalities.size(); ++i) {
    const auto& m = last.municipalities[i];
    premium[m.code.str()] = PerCapitaYen(m.premium_per_capita);
    nofukin[m.code.str()] = PerCapitaYen(m.nofukin_per_capita);
    if (m.change_base) change[m.code.str()] = (*m.change_base * Rational(100)).ToDouble();
    relief[m.code.str()] = first.municipalities[i].relief_granted;
  }
  const std::string ly = last.plan.year.ToWareki();
  J metrics = J::array();
  metrics.push_back(
      {{"label", "1人当たり保険料 (" + ly + ")"}, {"unit", "円"}, {"values", premium}});
  if (run.years.size() > 1)
    metrics.push_back({{"label", "1人当たり保険料の初年度比 (" + ly + ", %)"},
                       {"unit", "%"},
                       {"scale", "diverging"},
                       {"values", change}});
  metrics.push_back(
      {{"label", "1人当たり納付金 (" + ly + ")"}, {"unit", "円"}, {"values", nofukin}});
  metrics.push_back({{"label", "激変緩和額 (" + first.plan.year.ToWareki() + ")"},
                     {"unit", "円"},
                     {"values", relief}});
  J blocks = J::array();
  blocks.push_back({{"kind", "map"},
                    {"id", "municipality-map"},
                    {"title", "市町村別の地図"},
                    {"metrics", std::move(metrics)}});
  return Section("map", "地図", "", std::move(blocks));
}

}  // namespace

J Section(const std::string& id, const std::string& title, const std::string& text, J blocks) {
  J s;
  s["id"] = id;
  s["title"] = title;
  if (!text.empty()) s["text"] = text;
  s["blocks"] = std::move(blocks);
  return s;
}

J TableBlock(const ReportTable& t) {
  J columns = J::array();
  for (size_t c = 0; c < t.header.size(); ++c) {
    bool numeric = false, integer = true;
    int places = 0;
    for (const auto& row : t.rows) {
      if (c >= row.size()) continue;
      if (row[c].kind == ReportCell::kInteger || row[c].kind == ReportCell::kDecimal)
        numeric = true;
      if (row[c].kind == ReportCell::kDecimal) {
        integer = false;
        places = std::max(places, row[c].places);
      }
    }
    const bool yen = t.header[c].find("円") != std::string::npos;
    J column = {{"label", t.header[c]},
                {"align", numeric ? "right" : "left"},
                {"format", !numeric           ? "text"
                           : (yen && integer) ? "yen"
                                              : "number"}};
    // Decimals as the tables show them (2 for a change in %, 0 for yen per head).
    if (numeric && !integer) column["decimals"] = places;
    columns.push_back(std::move(column));
  }
  J rows = J::array();
  for (const auto& row : t.rows) {
    J r = J::array();
    for (const auto& cell : row) {
      switch (cell.kind) {
        case ReportCell::kText:
          r.push_back(cell.text);
          break;
        case ReportCell::kInteger:
          r.push_back(cell.integer);
          break;
        case ReportCell::kDecimal:
          r.push_back(std::stod(cell.Plain()));
          break;
        case ReportCell::kEmpty:
          r.push_back(nullptr);
          break;
      }
    }
    rows.push_back(std::move(r));
  }
  return {
      {"kind", "table"}, {"id", t.key}, {"title", t.title}, {"columns", columns}, {"rows", rows}};
}

J ScenarioReport(const scenario::Run& run, const std::vector<ReportTable>& tables,
                 const std::string& prefecture, const std::string& prefecture_code) {
  J r;
  r["schema"] = "kokuho.report/1";
  r["title"] = prefecture + " " + run.name;
  r["subtitle"] =
      run.years.front().plan.year.ToWareki() + "〜" + run.years.back().plan.year.ToWareki();
  r["generated_by"] = "kokuho 0.1.0";
  r["prefecture_code"] = prefecture_code;
  r["notes"] = J::array(
      {"金額は1円単位の整数で計算し、1人当たりの額は表示のため1円未満を四捨五入しています。",
       "段階: 現行 → 納付金ベース (α = 0) → 準統一 "
       "(市町村ごとの項目を県全体で負担、収納率の差のみ) "
       "→ 完全統一 (収納率も県で1つ、同じ世帯なら県内どこでも同じ保険料)。"});
  J overview = J::array();
  overview.push_back(TableBlock(tables[0]));
  J sections = J::array();
  sections.push_back(Section("overview", "年度別の概要", "", std::move(overview)));
  sections.push_back(PremiumSection(run));
  sections.push_back(AlphaReliefSection(run));
  if (run.years.front().households) sections.push_back(HouseholdSection(run, tables));
  sections.push_back(MapSection(run));
  J munis = J::array();
  munis.push_back(TableBlock(tables[1]));
  sections.push_back(Section("municipalities", "市町村別・年度別の表", "", std::move(munis)));
  r["sections"] = std::move(sections);
  return r;
}

}  // namespace kokuho
