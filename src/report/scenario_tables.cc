#include "report/scenario_tables.h"

#include <fmt/format.h>

#include "report/rate_set_json.h"

namespace kokuho {
namespace {

using J = nlohmann::ordered_json;
using scenario::ChangeBandLabel;
using scenario::kChangeBandCount;

J Exact(const std::optional<Rational>& v) { return v ? J(v->ToString()) : J(nullptr); }

ReportCell Rate(const std::optional<Rational>& v) {
  return v ? ReportCell::Shortest(*v) : ReportCell::Text("—");
}

// Households whose levy rose at least 5%, 10%, 20% (the bands from 5〜10%増 up).
std::int64_t AtLeast(const scenario::BandCounts& b, int from_band) {
  std::int64_t n = 0;
  for (int k = from_band; k < kChangeBandCount; ++k) n += b[k];
  return n;
}

std::vector<std::string> BandHeader(std::vector<std::string> head) {
  for (int k = 0; k < kChangeBandCount; ++k) head.push_back(ChangeBandLabel(k));
  return head;
}

void AddBands(std::vector<ReportCell>& row, const scenario::BandCounts& b) {
  for (int k = 0; k < kChangeBandCount; ++k) row.push_back(ReportCell::Integer(b[k]));
}

// The prefecture's 1人当たり保険料: Σ levy / Σ insured.
Rational PrefecturePerCapita(const scenario::YearResult& y) {
  Rational levy(0);
  std::int64_t insured = 0;
  for (const auto& m : y.municipalities) {
    levy += m.premium_per_capita * Rational(m.insured);
    insured += m.insured;
  }
  return insured ? levy / Rational(insured) : Rational(0);
}

}  // namespace

ReportCell PerCapitaCell(const Rational& v) { return ReportCell::Decimal(v, 0); }

ReportCell PercentCell(const std::optional<Rational>& v) {
  return v ? ReportCell::Decimal(*v * Rational(100), 2) : ReportCell::Empty();
}

std::vector<ReportTable> ScenarioTables(const scenario::Run& run) {
  const bool households = !run.years.empty() && run.years.front().households.has_value();
  ReportTable years;
  years.key = "scenario_years";
  years.title = "年度別 (" + run.name + ")";
  years.sheet = "年度別の推移";
  years.header = {"年度",
                  "段階",
                  "α",
                  "納付金計 (円)",
                  "1人当たり保険料 (円)",
                  "前年度比 (%)",
                  "激変緩和 所要額 (円)",
                  "激変緩和額 (円)",
                  "うち特例基金 (円)",
                  "うち財政調整事業 (円)"};
  if (households)
    for (const char* h : {"世帯の調定額計 (円)", "初年度比 5%以上増 (世帯)", "10%以上増 (世帯)",
                          "20%以上増 (世帯)"})
      years.header.push_back(h);
  std::optional<Rational> previous;
  for (const auto& y : run.years) {
    const Rational pc = PrefecturePerCapita(y);
    std::optional<Rational> change;
    if (previous && !previous->IsZero()) change = (pc - *previous) / *previous;
    previous = pc;
    const auto& iryo = y.input.policy(Part::kIryo);
    std::vector<ReportCell> row = {ReportCell::Text(y.plan.year.ToWareki()),
                                   ReportCell::Text(scenario::StageLabel(y.plan.stage)),
                                   scenario::AlphaApplies(y.plan.stage)
                                       ? ReportCell::Shortest(iryo.alpha)
                                       : ReportCell::Text("—"),
                                   ReportCell::Integer(y.nofukin_total),
                                   PerCapitaCell(pc),
                                   PercentCell(change),
                                   ReportCell::Integer(y.relief_needed),
                                   ReportCell::Integer(y.relief_granted),
                                   ReportCell::Integer(y.tokurei_drawn),
                                   ReportCell::Integer(y.adjust_drawn)};
    if (y.households) {
      row.push_back(ReportCell::Integer(y.households->levy_total));
      for (int band : {6, 7, 8})
        row.push_back(ReportCell::Integer(AtLeast(y.households->change_base, band)));
    }
    years.rows.push_back(std::move(row));
  }

  ReportTable munis;
  munis.key = "scenario_municipalities";
  munis.title = "市町村別・年度別 (1人当たり保険料 = Σ保険料賦課総額 ÷ 被保険者数)";
  munis.sheet = "市町村別・年度別";
  munis.header = {"年度",
                  "団体コード",
                  "市町村",
                  "被保険者数",
                  "納付金 (円)",
                  "1人当たり納付金 (円)",
                  "1人当たり保険料 (円)",
                  "前年度比 (%)",
                  "初年度比 (%)",
                  "激変緩和 所要額 (円)",
                  "激変緩和額 (円)",
                  "標準的な収納率",
                  "医療分 所得割率 (%)",
                  "医療分 均等割 (円)",
                  "医療分 平等割 (円)"};
  for (const auto& y : run.years) {
    for (size_t i = 0; i < y.municipalities.size(); ++i) {
      const auto& m = y.municipalities[i];
      const auto& rates = y.result.municipalities[i].part(Part::kIryo).municipal_standard;
      munis.rows.push_back(
          {ReportCell::Text(y.plan.year.ToWareki()), ReportCell::Text(m.code.str()),
           ReportCell::Text(m.name), ReportCell::Integer(m.insured), ReportCell::Integer(m.nofukin),
           PerCapitaCell(m.nofukin_per_capita), PerCapitaCell(m.premium_per_capita),
           PercentCell(m.change_previous), PercentCell(m.change_base),
           ReportCell::Integer(m.relief_needed), ReportCell::Integer(m.relief_granted),
           ReportCell::Decimal(m.collection_rate, 4),
           ReportCell::Decimal(rates.income_rate_percent, 2), ReportCell::Integer(rates.per_capita),
           ReportCell::Integer(rates.per_household)});
    }
  }
  std::vector<ReportTable> out = {years, munis};
  if (!households) return out;

  ReportTable change;
  change.key = "scenario_households";
  change.title = "世帯の保険料の変化 (世帯数; 初年度比と前年度比)";
  change.sheet = "世帯の保険料の変化";
  change.header = BandHeader({"年度", "比較"});
  for (const auto& y : run.years) {
    for (int against = 0; against < 2; ++against) {
      std::vector<ReportCell> row = {ReportCell::Text(y.plan.year.ToWareki()),
                                     ReportCell::Text(against ? "前年度比" : "初年度比")};
      AddBands(row, against ? y.households->change_previous : y.households->change_base);
      change.rows.push_back(std::move(row));
    }
  }
  const scenario::HouseholdYear& last = *run.years.back().households;
  const std::string last_year = run.years.back().plan.year.ToWareki();
  ReportTable deciles;
  deciles.key = "scenario_deciles";
  deciles.title = last_year + " の初年度比、軽減判定所得の十分位別 (世帯数)";
  deciles.sheet = "所得十分位別";
  deciles.header = BandHeader({"十分位", "上限の所得 (円)", "調定額計 (円)"});
  for (int d = 0; d < 10; ++d) {
    std::vector<ReportCell> row = {ReportCell::Text(fmt::format("第{}十分位", d + 1)),
                                   ReportCell::Integer(last.decile_upper[d]),
                                   ReportCell::Integer(last.levy_by_decile[d])};
    AddBands(row, last.base_by_decile[d]);
    deciles.rows.push_back(std::move(row));
  }
  ReportTable types;
  types.key = "scenario_types";
  types.title = last_year + " の初年度比、世帯類型別 (世帯数)";
  types.sheet = "世帯類型別";
  types.header = BandHeader({"世帯類型"});
  for (int t = 0; t < premium::kHouseholdTypeCount; ++t) {
    std::vector<ReportCell> row = {
        ReportCell::Text(premium::HouseholdTypeLabel(static_cast<premium::HouseholdType>(t)))};
    AddBands(row, last.base_by_type[t]);
    types.rows.push_back(std::move(row));
  }
  out.push_back(change);
  out.push_back(deciles);
  out.push_back(types);
  return out;
}

J ScenarioJson(const scenario::Run& run) {
  J out;
  out["schema"] = "kokuho.scenario/1";
  out["scenario"] = run.name;
  out["value_note"] =
      "yen are integers; ratios and per-capita figures exact as decimal strings or \"p/q\"";
  J years = J::array();
  for (const auto& y : run.years) {
    J j;
    j["fiscal_year"] = y.plan.year.year();
    j["label"] = y.plan.year.ToWareki();
    j["stage"] = scenario::StageLabel(y.plan.stage);
    j["alpha"] = y.input.policy(Part::kIryo).alpha.ToString();
    j["nofukin_total"] = y.nofukin_total;
    j["relief_needed"] = y.relief_needed;
    j["relief_granted"] = y.relief_granted;
    j["tokurei_drawn"] = y.tokurei_drawn;
    j["adjust_drawn"] = y.adjust_drawn;
    J munis = J::array();
    for (size_t i = 0; i < y.municipalities.size(); ++i) {
      const auto& m = y.municipalities[i];
      J mj;
      mj["code"] = m.code.str();
      mj["name"] = m.name;
      mj["insured"] = m.insured;
      mj["nofukin"] = m.nofukin;
      mj["nofukin_per_capita"] = m.nofukin_per_capita.ToString();
      mj["premium_per_capita"] = m.premium_per_capita.ToString();
      mj["change_previous"] = Exact(m.change_previous);
      mj["change_base"] = Exact(m.change_base);
      mj["relief_needed"] = m.relief_needed;
      mj["relief_granted"] = m.relief_granted;
      mj["collection_rate"] = m.collection_rate.ToString();
      J rates = J::object();
      for (Part p : y.input.parts) {
        const auto& r = y.result.municipalities[i].part(p).municipal_standard;
        rates[PartKey(p)] = RateSetJson(r);
      }
      mj["standard_rates"] = std::move(rates);
      munis.push_back(std::move(mj));
    }
    j["municipalities"] = std::move(munis);
    if (y.households) {
      const auto& h = *y.households;
      J hj;
      hj["households"] = h.households;
      hj["levy_total"] = h.levy_total;
      hj["bands"] = J::array();
      for (int k = 0; k < kChangeBandCount; ++k) hj["bands"].push_back(ChangeBandLabel(k));
      hj["change_base"] = h.change_base;
      hj["change_previous"] = h.change_previous;
      j["households"] = std::move(hj);
    }
    years.push_back(std::move(j));
  }
  out["years"] = std::move(years);
  return out;
}

std::vector<ReportTable> ComparisonTables(const scenario::Comparison& c) {
  ReportTable t;
  t.key = "scenario_compare";
  t.title = "比較: A = " + c.name_a + " / B = " + c.name_b + " (差 = B − A)";
  t.sheet = "シナリオ比較";
  t.header = {"年度",
              "団体コード",
              "市町村",
              "納付金 A (円)",
              "納付金 B (円)",
              "納付金 差 (円)",
              "1人当たり保険料 A (円)",
              "1人当たり保険料 B (円)",
              "1人当たり保険料 差 (円)",
              "激変緩和額 A (円)",
              "激変緩和額 B (円)",
              "激変緩和額 差 (円)"};
  for (const auto& r : c.rows)
    t.rows.push_back({ReportCell::Text(r.year.ToWareki()), ReportCell::Text(r.code),
                      ReportCell::Text(r.name), ReportCell::Integer(r.nofukin_a),
                      ReportCell::Integer(r.nofukin_b), ReportCell::Integer(r.nofukin_diff()),
                      PerCapitaCell(r.premium_per_capita_a), PerCapitaCell(r.premium_per_capita_b),
                      ReportCell::Decimal(r.premium_per_capita_diff(), 2),
                      ReportCell::Integer(r.relief_a), ReportCell::Integer(r.relief_b),
                      ReportCell::Integer(r.relief_diff())});
  std::vector<ReportTable> out = {t};
  if (!c.only_in_a.empty() || !c.only_in_b.empty()) {
    ReportTable o;
    o.key = "scenario_compare_unmatched";
    o.title = "一方にのみある年度・市町村";
    o.sheet = "一方にのみある年度・市町村";
    o.header = {"シナリオ", "年度・市町村"};
    for (const auto& s : c.only_in_a)
      o.rows.push_back({ReportCell::Text("A"), ReportCell::Text(s)});
    for (const auto& s : c.only_in_b)
      o.rows.push_back({ReportCell::Text("B"), ReportCell::Text(s)});
    out.push_back(o);
  }
  return out;
}

J ComparisonJson(const scenario::Comparison& c) {
  J out;
  out["schema"] = "kokuho.scenario-compare/1";
  out["a"] = c.name_a;
  out["b"] = c.name_b;
  J rows = J::array();
  for (const auto& r : c.rows)
    rows.push_back({{"fiscal_year", r.year.year()},
                    {"code", r.code},
                    {"name", r.name},
                    {"nofukin_a", r.nofukin_a},
                    {"nofukin_b", r.nofukin_b},
                    {"nofukin_diff", r.nofukin_diff()},
                    {"premium_per_capita_a", r.premium_per_capita_a.ToString()},
                    {"premium_per_capita_b", r.premium_per_capita_b.ToString()},
                    {"premium_per_capita_diff", r.premium_per_capita_diff().ToString()},
                    {"relief_a", r.relief_a},
                    {"relief_b", r.relief_b},
                    {"relief_diff", r.relief_diff()}});
  out["rows"] = std::move(rows);
  out["only_in_a"] = c.only_in_a;
  out["only_in_b"] = c.only_in_b;
  return out;
}

std::vector<ReportTable> SweepTables(const std::vector<scenario::Variant>& v, std::size_t top) {
  ReportTable t;
  t.key = "scenario_sweep";
  t.title = "変数の組合せ (1人当たり保険料の最大の上昇率が小さい順)";
  t.sheet = "変数の組合せ";
  t.header = {"順位",
              "α",
              "標準的な収納率",
              "β′",
              "均等割指数",
              "激変緩和 x",
              "最大上昇率 (%)",
              "最大の市町村",
              "県平均の変化 (%)",
              "5%以上上昇の市町村数",
              "激変緩和 所要額 (円)",
              "激変緩和額 (円)",
              "納付金計 (円)"};
  for (std::size_t i = 0; i < v.size() && (top == 0 || i < top); ++i) {
    const auto& x = v[i];
    t.rows.push_back({ReportCell::Integer(static_cast<long long>(i + 1)), Rate(x.alpha),
                      Rate(x.collection_rate), Rate(x.beta_prime), Rate(x.equal_share_index),
                      Rate(x.allowance), PercentCell(x.max_increase),
                      ReportCell::Text(x.max_code + " " + x.max_name), PercentCell(x.mean_change),
                      ReportCell::Integer(x.municipalities_up_5),
                      ReportCell::Integer(x.relief_needed), ReportCell::Integer(x.relief_granted),
                      ReportCell::Integer(x.nofukin_total)});
  }
  return {t};
}

J SweepJson(const std::vector<scenario::Variant>& v) {
  J out;
  out["schema"] = "kokuho.scenario-sweep/1";
  J rows = J::array();
  for (const auto& x : v)
    rows.push_back({{"alpha", Exact(x.alpha)},
                    {"collection_rate", Exact(x.collection_rate)},
                    {"beta_prime", Exact(x.beta_prime)},
                    {"equal_share_index", Exact(x.equal_share_index)},
                    {"allowance", Exact(x.allowance)},
                    {"max_increase", x.max_increase.ToString()},
                    {"max_code", x.max_code},
                    {"mean_change", x.mean_change.ToString()},
                    {"municipalities_up_5", x.municipalities_up_5},
                    {"relief_needed", x.relief_needed},
                    {"relief_granted", x.relief_granted},
                    {"nofukin_total", x.nofukin_total}});
  out["variants"] = std::move(rows);
  return out;
}

}  // namespace kokuho
