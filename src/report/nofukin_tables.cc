#include "report/nofukin_tables.h"

#include <fmt/format.h>

#include <map>

namespace kokuho {
namespace {

using nofukin::LevyMethod;
using nofukin::RateSet;
using nofukin::Result;
using C = ReportCell;

// 1人当たり: rounded half-up to the yen for display (a derived figure, not a levy).
C PerCapita(Yen total, std::int64_t insured) {
  return C::Integer((Rational(total) / Rational(insured)).ToYen(RoundingMode::kHalfUp));
}

bool AnyFour(const nofukin::Case& c, Part p, bool own) {
  if (!own) return c.policy(p).standard_levy == LevyMethod::kFour;
  for (const auto& m : c.municipalities)
    if (m.part(p).own.method == LevyMethod::kFour) return true;
  return false;
}

void AddRateHeader(std::vector<std::string>& h, Part p, bool four) {
  const std::string s = PartShortLabel(p);
  h.push_back(s + " 所得割率(%)");
  if (four) h.push_back(s + " 資産割率(%)");
  h.push_back(s + " 均等割(円)");
  h.push_back(s + " 平等割(円)");
}

void AddRateCells(std::vector<C>& row, const RateSet& r, int places, bool four) {
  row.push_back(C::Decimal(r.income_rate_percent, places));
  if (four)
    row.push_back(r.asset_rate_percent ? C::Decimal(*r.asset_rate_percent, places) : C::Empty());
  row.push_back(C::Integer(r.per_capita));
  row.push_back(r.method == LevyMethod::kTwo ? C::Empty() : C::Integer(r.per_household));
}

ReportTable NofukinTable(const nofukin::Case& c, const Result& r) {
  ReportTable t{"nofukin", fmt::format("{} {} 国民健康保険事業費納付金 ({})", r.prefecture,
                                       r.fiscal_year.ToWareki(), r.coefficients_label)};
  t.header = {"団体コード", "市町村名", "被保険者数"};
  for (Part p : c.parts)
    t.header.push_back(PartShortLabel(p) + (p == Part::kShien ? "金分" : "分"));
  t.header.insert(t.header.end(), {"納付金計", "1人当たり納付金", "激変緩和"});
  Yen sum_total = 0, sum_relief = 0;
  std::array<Yen, kPartCount> sums{};
  std::int64_t insured = 0;
  for (const auto& m : r.municipalities) {
    std::vector<C> row = {C::Text(m.code.str()), C::Text(m.name), C::Integer(m.insured)};
    for (Part p : c.parts) {
      row.push_back(C::Integer(m.part(p).nofukin));
      sums[static_cast<int>(p)] += m.part(p).nofukin;
    }
    row.push_back(C::Integer(m.nofukin_total));
    row.push_back(PerCapita(m.nofukin_total, m.insured));
    row.push_back(C::Integer(m.relief_total));
    sum_total += m.nofukin_total;
    sum_relief += m.relief_total;
    insured += m.insured;
    t.rows.push_back(std::move(row));
  }
  std::vector<C> total = {C::Text(""), C::Text("合計"), C::Integer(insured)};
  for (Part p : c.parts) total.push_back(C::Integer(sums[static_cast<int>(p)]));
  total.push_back(C::Integer(sum_total));
  total.push_back(PerCapita(sum_total, insured));
  total.push_back(C::Integer(sum_relief));
  t.rows.push_back(std::move(total));
  // 被保険者数, each 分, 納付金計 and 激変緩和 are sums; 1人当たり納付金 is not.
  const size_t parts_end = 3 + c.parts.size();
  for (size_t col = 2; col <= parts_end; ++col) t.total_columns.push_back(col);
  t.total_columns.push_back(parts_end + 2);
  return t;
}

ReportTable RateTable(const nofukin::Case& c, const Result& r, bool own) {
  ReportTable t{own ? "own_basis_rates" : "standard_rates",
                own ? "各市町村の算定基準に基づく標準的な保険料率" : "市町村標準保険料率"};
  t.header = {"団体コード", "市町村名"};
  if (own) t.header.push_back("賦課方式");
  for (Part p : c.parts) AddRateHeader(t.header, p, AnyFour(c, p, own));
  const int places = c.rounding.income_rate_decimals;
  for (size_t i = 0; i < r.municipalities.size(); ++i) {
    const auto& m = r.municipalities[i];
    std::vector<C> row = {C::Text(m.code.str()), C::Text(m.name)};
    if (own) {
      std::string methods;
      for (Part p : c.parts)
        methods +=
            (methods.empty() ? "" : "/") + nofukin::LevyMethodLabel(m.part(p).own_basis.method);
      row.push_back(C::Text(methods));
    }
    for (Part p : c.parts)
      AddRateCells(row, own ? m.part(p).own_basis : m.part(p).municipal_standard, places,
                   AnyFour(c, p, own));
    t.rows.push_back(std::move(row));
  }
  return t;
}

ReportTable PrefectureRateTable(const nofukin::Case& c, const Result& r) {
  ReportTable t{"prefecture_rates", "都道府県標準保険料率 (2方式・全国統一の算定基準)"};
  t.header = {"分", "所得割率(%)", "均等割(円)", "保険料収納必要総額", "収納率"};
  for (const auto& pr : r.parts)
    t.rows.push_back(
        {C::Text(PartLabel(pr.part)),
         C::Decimal(pr.prefecture_standard.income_rate_percent, c.rounding.income_rate_decimals),
         C::Integer(pr.prefecture_standard.per_capita), C::Integer(pr.required_total),
         C::Shortest(c.policy(pr.part).prefecture_collection_rate)});
  return t;
}

// The Excel function rounding as `mode` does for the non-negative figures rounded here:
// ROUND is half away from zero (四捨五入), ROUNDDOWN toward zero, ROUNDUP away from zero.
const char* ExcelRound(RoundingMode mode) {
  switch (mode) {
    case RoundingMode::kFloor:
      return "ROUNDDOWN";
    case RoundingMode::kCeil:
      return "ROUNDUP";
    case RoundingMode::kHalfUp:
      return "ROUND";
  }
  return "ROUND";
}

// Whether Excel, computing `exact` in doubles (about 15 significant digits), is sure to
// round it as kokuho does: `exact` scaled to the rounding's last place must be at least
// 10⁻⁶ of a unit away from where `mode` changes its result (the half for 四捨五入, the whole
// number for 切り捨て/切り上げ). Double error there is below 10⁻¹⁰ for these magnitudes.
bool SafeForExcel(const Rational& scaled, RoundingMode mode) {
  const Rational frac = scaled - Rational(scaled.Floor());
  const Rational margin(1, 1'000'000);
  if (mode == RoundingMode::kHalfUp) {
    const Rational d = frac - Rational(1, 2);
    return (d.Sign() < 0 ? -d : d) > margin;
  }
  return frac > margin && Rational(1) - frac > margin;
}

// A parameter or total as a number the 計算シート can compute with: its exact decimal when it
// has one (0.9306); else two places on screen and in CSV, and in the xlsx the exact fraction
// as a formula (ΣI = 778712134724/3 → "=778712134724/3"), so Excel starts from the same value.
C ExactNumber(const Rational& v) {
  C cell = C::Shortest(v);
  if (cell.kind == C::kDecimal) return cell;
  cell = C::Decimal(v, 2);
  cell.formula = "=" + v.raw().get_num().get_str() + "/" + v.raw().get_den().get_str();
  return cell;
}

Rational PowerOfTen(int n) {
  Rational p(1);
  for (int i = 0; i < n; ++i) p = p * Rational(10);
  return p;
}

// 都道府県標準保険料率 step by step (国保法施行令 / the guideline's national basis; see
// nofukin/standard_rates.h): F = ΣS ÷ 収納率, 所得割率 = F·β ÷ ((1+β)·ΣI) rounded in % to n
// decimals, 均等割 = F ÷ ((1+β)·ΣN) rounded to the unit. In the xlsx (the 計算シート) F and the
// two rates are formulas over the cells to their left, so a reader can follow and rework
// them; the cached values are the engine's figures. A rate whose exact value lies within
// 10⁻⁶ of a rounding boundary (SafeForExcel) is written as a value, not a formula.
ReportTable PrefectureRateSteps(const nofukin::Case& c, const Result& r) {
  const nofukin::RoundingPolicy& rd = c.rounding;
  ReportTable t{"prefecture_rate_steps",
                fmt::format("都道府県標準保険料率の計算: 賦課総額F = ΣS ÷ 収納率, 所得割率 = F×β ÷ "
                            "((1+β)×ΣI) を%で小数{}位に{}, 均等割 = F ÷ ((1+β)×ΣN) を{}円単位に{}",
                            rd.income_rate_decimals, RoundingModeLabel(rd.income_rate_mode),
                            rd.per_capita_unit, RoundingModeLabel(rd.per_capita_mode)),
                "計算_都道府県標準保険料率"};
  t.header = {"分",         "保険料収納必要額ΣS", "収納率",      "賦課総額F", "β",
              "所得総額ΣI", "被保険者数ΣN",       "所得割率(%)", "均等割(円)"};
  for (const auto& pr : r.parts) {
    const auto& pol = c.policy(pr.part);
    Yen need = 0;
    for (const auto& m : r.municipalities) need += m.part(pr.part).premium_need;
    const Rational levy = Rational(need) / pol.prefecture_collection_rate;
    std::vector<C> row = {
        C::Text(PartLabel(pr.part)),
        C::Integer(need),
        ExactNumber(pol.prefecture_collection_rate),
        C::Decimal(levy, 0),
        ExactNumber(pol.beta),
        ExactNumber(pr.income),
        C::Integer(pr.insured),
        C::Decimal(pr.prefecture_standard.income_rate_percent, rd.income_rate_decimals),
        C::Integer(pr.prefecture_standard.per_capita)};
    row[3].formula = "=B{row}/C{row}";
    const RateSet& ps = pr.prefecture_standard;
    if (SafeForExcel(ps.income_rate_exact * PowerOfTen(rd.income_rate_decimals + 2),
                     rd.income_rate_mode))
      row[7].formula = fmt::format("={}(D{{row}}*E{{row}}/((1+E{{row}})*F{{row}}),{})*100",
                                   ExcelRound(rd.income_rate_mode), rd.income_rate_decimals + 2);
    if (SafeForExcel(ps.per_capita_exact / Rational(rd.per_capita_unit), rd.per_capita_mode))
      row[8].formula =
          fmt::format("={}(D{{row}}/((1+E{{row}})*G{{row}})/{},0)*{}",
                      ExcelRound(rd.per_capita_mode), rd.per_capita_unit, rd.per_capita_unit);
    t.rows.push_back(std::move(row));
  }
  return t;
}

ReportTable CoefficientTable(const nofukin::Case& c, const Result& r) {
  ReportTable t{"coefficients", "係数と総額"};
  t.header = {"分", "保険料収納必要総額", "Σ個別加算", "Σ個別減算", "算定基礎額C",  "α",       "β",
              "β′", "均等割指数e",        "Σw",        "γ",         "端数調整(円)", "納付金計"};
  for (const auto& pr : r.parts) {
    const auto& pol = c.policy(pr.part);
    t.rows.push_back(
        {C::Text(PartLabel(pr.part)), C::Integer(pr.required_total), C::Integer(pr.individual_add),
         C::Integer(pr.individual_sub), C::Integer(pr.base_total), C::Shortest(pol.alpha),
         C::Shortest(pol.beta), C::Shortest(pol.beta_prime), C::Shortest(pol.equal_share_index),
         C::Decimal(pr.weight_sum, 13), C::Decimal(pr.gamma, c.rounding.gamma_decimals),
         C::Integer(pr.residual), C::Integer(pr.nofukin_total)});
  }
  return t;
}

ReportTable ReliefTable(const nofukin::Case& c, const Result& r) {
  const bool premium = c.relief.metric == nofukin::ReliefMetric::kPerCapitaPremium;
  ReportTable t{"relief", fmt::format("激変緩和 (丈比べ: {}, 基準 {})",
                                      premium ? "1人当たり保険料" : "1人当たり納付金",
                                      c.relief.base_is_previous_year ? "前年度" : "基準年度")};
  t.header = {"団体コード", "市町村名", "基準額",           "上限",
              "緩和前",     "緩和後",   "伸び率(緩和前,%)", "激変緩和額"};
  for (size_t i = 0; i < r.municipalities.size(); ++i) {
    const auto& m = r.municipalities[i];
    const auto& base = c.municipalities[i].relief_base_per_capita;
    std::vector<C> row = {C::Text(m.code.str()), C::Text(m.name)};
    row.push_back(base ? C::Integer(*base) : C::Empty());
    row.push_back(m.metric_limit ? C::Integer(m.metric_limit->ToYen(RoundingMode::kFloor))
                                 : C::Empty());
    row.push_back(C::Integer(m.metric_before.ToYen(RoundingMode::kHalfUp)));
    row.push_back(C::Integer(m.metric_after.ToYen(RoundingMode::kHalfUp)));
    row.push_back(
        base ? C::Decimal((m.metric_before / Rational(*base) - Rational(1)) * Rational(100), 2)
             : C::Empty());
    row.push_back(C::Integer(m.relief_total));
    t.rows.push_back(std::move(row));
  }
  return t;
}

ReportTable ReliefFundingTable(const Result& r) {
  ReportTable t{"relief_funding", "激変緩和の財源"};
  t.header = {"項目", "予算", "充当額"};
  t.rows.push_back({C::Text("緩和所要額"), C::Empty(), C::Integer(r.relief.needed)});
  t.rows.push_back(
      {C::Text("下げ幅抑制による財源"), C::Empty(), C::Integer(r.relief.contributions)});
  t.rows.push_back(
      {C::Text("対象市町村数"), C::Empty(), C::Integer(r.relief.municipalities_relieved)});
  for (const auto& d : r.relief.pools)
    t.rows.push_back({C::Text(d.name), C::Integer(d.budget), C::Integer(d.drawn)});
  t.rows.push_back(
      {C::Text(r.relief.short_of_funds
                   ? fmt::format("緩和額計 (財源不足: 所要額の{}%で按分)",
                                 (r.relief.pro_rata * Rational(100)).ToDecimalString(2))
                   : "緩和額計"),
       C::Empty(), C::Integer(r.relief.granted)});
  return t;
}

}  // namespace

std::vector<ReportTable> BuildNofukinTables(const nofukin::Case& c, const Result& r) {
  std::vector<ReportTable> tables = {NofukinTable(c, r),        RateTable(c, r, false),
                                     PrefectureRateTable(c, r), PrefectureRateSteps(c, r),
                                     RateTable(c, r, true),     CoefficientTable(c, r)};
  if (c.relief.enabled) {
    tables.push_back(ReliefTable(c, r));
    tables.push_back(ReliefFundingTable(r));
  }
  const std::map<std::string, std::string> sheets = {
      {"nofukin", "納付金"},
      {"standard_rates", "市町村標準保険料率"},
      {"prefecture_rates", "都道府県標準保険料率"},
      {"prefecture_rate_steps", "計算_都道府県標準保険料率"},
      {"own_basis_rates", "算定基準別保険料率"},
      {"coefficients", "係数と総額"},
      {"relief", "激変緩和"},
      {"relief_funding", "激変緩和財源"}};
  for (auto& t : tables) t.sheet = sheets.at(t.key);
  return tables;
}

}  // namespace kokuho
