#include "report/handout.h"

#include <fmt/format.h>

#include <optional>
#include <string>

#include "core/rational.h"
#include "core/rounding.h"
#include "report/council_notes.h"
#include "report/nofukin_diff_tables.h"
#include "report/scenario_report.h"

namespace kokuho {
namespace {

using C = ReportCell;
using J = nlohmann::ordered_json;
using nofukin::LevyMethod;
using nofukin::MunicipalityResult;
using nofukin::RateSet;
using nofukin::Result;

const MunicipalityResult* Find(const Result* r, const MunicipalityCode& code) {
  if (!r) return nullptr;
  for (const auto& m : r->municipalities)
    if (m.code == code) return &m;
  return nullptr;
}

// The 納付金 of one 分 (nullopt: no such 分 in that result), or of all 分 (part = nullopt).
std::optional<Yen> PartNofukin(const Result* r, const MunicipalityResult* m,
                               std::optional<Part> part) {
  if (!r || !m) return std::nullopt;
  if (!part) return m->nofukin_total;
  if (!r->part(*part)) return std::nullopt;
  return m->part(*part).nofukin;
}

C Thousand(std::optional<Yen> yen) { return yen ? C::Integer(ThousandYen(*yen)) : C::Empty(); }

// % change of `to` against `from`, 2 decimals for display; empty from 0.
C Percent(std::optional<Yen> to, std::optional<Yen> from) {
  if (!to || !from || *from == 0) return C::Empty();
  return C::Decimal((Rational(*to) - Rational(*from)) / Rational(*from) * Rational(100), 2);
}

std::string Signed(Yen v) { return (v > 0 ? "+" : "") + FormatYen(v); }

std::string SignedPercent(const Rational& pct) {
  return (pct.Sign() > 0 ? "+" : "") + pct.ToDecimalString(2) + "%";
}

ReportTable NofukinByPart(const HandoutInputs& in, const MunicipalityResult& m) {
  const MunicipalityResult* prov = Find(in.provisional, m.code);
  const MunicipalityResult* prev = Find(in.previous, m.code);
  const std::string cur_label = CoefficientsColumnLabel(in.r, "今年度");
  ReportTable t;
  t.key = "handout_nofukin";
  t.title = fmt::format("納付金 ({} {}、千円)", in.r.fiscal_year.ToWareki(), cur_label);
  t.header = {"分",
              "納付金算定基礎額 (千円)",
              "個別加算 (千円)",
              "個別減算 (千円)",
              "激変緩和 (千円)",
              "納付金 (千円)"};
  std::string prov_label;
  if (in.provisional) {
    prov_label = CoefficientsColumnLabel(*in.provisional, "比較対象");
    t.header.push_back(fmt::format("{} (千円)", prov_label));
    t.header.push_back(fmt::format("差 {}−{} (千円)", cur_label, prov_label));
  }
  if (in.previous) {
    t.header.push_back(fmt::format("前年度 {} (千円)", in.previous->fiscal_year.ToWareki()));
    t.header.push_back("前年度比 (千円)");
    t.header.push_back("前年度比 (%)");
  }
  auto comparisons = [&](std::vector<C>& row, std::optional<Part> part) {
    const std::optional<Yen> now = PartNofukin(&in.r, &m, part);
    if (in.provisional) {
      const std::optional<Yen> p = PartNofukin(in.provisional, prov, part);
      row.push_back(Thousand(p));
      row.push_back(p ? Thousand(SubYen(*now, *p, "差")) : C::Empty());
    }
    if (in.previous) {
      const std::optional<Yen> p = PartNofukin(in.previous, prev, part);
      row.push_back(Thousand(p));
      row.push_back(p ? Thousand(SubYen(*now, *p, "前年度比")) : C::Empty());
      row.push_back(Percent(now, p));
    }
  };
  Yen base = 0, add = 0, sub = 0, relief = 0;
  for (Part p : in.c.parts) {
    const auto& mp = m.part(p);
    // 激変緩和 shown as the net reduction of P (granted − held-back decrease), so that
    // 納付金 = 基礎額 + 加算 − 減算 − 激変緩和 in yen.
    const Yen net_relief = mp.relief - mp.relief_contribution;
    std::vector<C> row = {C::Text(PartLabel(p)),
                          C::Integer(ThousandYen(mp.base)),
                          C::Integer(ThousandYen(mp.individual_add)),
                          C::Integer(ThousandYen(mp.individual_sub)),
                          C::Integer(ThousandYen(net_relief)),
                          C::Integer(ThousandYen(mp.nofukin))};
    comparisons(row, p);
    t.rows.push_back(std::move(row));
    base += mp.base;
    add += mp.individual_add;
    sub += mp.individual_sub;
    relief += net_relief;
  }
  if (m.retiree_nofukin != 0) {
    std::vector<C> row = {C::Text("退職被保険者等分"),
                          C::Empty(),
                          C::Empty(),
                          C::Empty(),
                          C::Empty(),
                          C::Integer(ThousandYen(m.retiree_nofukin))};
    if (in.provisional) row.insert(row.end(), {C::Empty(), C::Empty()});
    if (in.previous) row.insert(row.end(), {C::Empty(), C::Empty(), C::Empty()});
    t.rows.push_back(std::move(row));
  }
  // 合計 from the yen values (Σ 分 + 退職被保険者等分 = nofukin_total), then rounded.
  std::vector<C> total = {C::Text("合計"),
                          C::Integer(ThousandYen(base)),
                          C::Integer(ThousandYen(add)),
                          C::Integer(ThousandYen(sub)),
                          C::Integer(ThousandYen(relief)),
                          C::Integer(ThousandYen(m.nofukin_total))};
  comparisons(total, std::nullopt);
  t.rows.push_back(std::move(total));
  return t;
}

bool AnyAsset(const HandoutInputs& in, const MunicipalityResult& m, bool own) {
  for (Part p : in.c.parts) {
    const RateSet& r = own ? m.part(p).own_basis : m.part(p).municipal_standard;
    if (r.asset_rate_percent) return true;
  }
  return false;
}

void RateHeader(std::vector<std::string>& h, const std::string& kind, bool asset, bool household) {
  h.push_back(kind + " 所得割率(%)");
  if (asset) h.push_back(kind + " 資産割率(%)");
  h.push_back(kind + " 均等割額(円)");
  if (household) h.push_back(kind + " 平等割額(円)");
}

void RateCells(std::vector<C>& row, const RateSet& r, int places, bool asset, bool household) {
  row.push_back(C::Decimal(r.income_rate_percent, places));
  if (asset)
    row.push_back(r.asset_rate_percent ? C::Decimal(*r.asset_rate_percent, places) : C::Empty());
  row.push_back(C::Integer(r.per_capita));
  if (household)
    row.push_back(r.method == LevyMethod::kTwo ? C::Empty() : C::Integer(r.per_household));
}

ReportTable Rates(const HandoutInputs& in, const MunicipalityResult& m) {
  ReportTable t;
  t.key = "handout_rates";
  t.title = "標準保険料率 (3種類)";
  const bool std_asset = AnyAsset(in, m, false), own_asset = AnyAsset(in, m, true);
  t.header = {"分"};
  // 都道府県標準保険料率: 2方式 (所得割・均等割) on the national basis (guideline).
  RateHeader(t.header, "都道府県標準", false, false);
  RateHeader(t.header, "市町村標準", std_asset, true);
  t.header.push_back("算定基準 賦課方式");
  RateHeader(t.header, "算定基準", own_asset, true);
  const int places = in.c.rounding.income_rate_decimals;
  for (Part p : in.c.parts) {
    std::vector<C> row = {C::Text(PartLabel(p))};
    const nofukin::PartResult* pr = in.r.part(p);
    RateCells(row, pr->prefecture_standard, places, false, false);
    RateCells(row, m.part(p).municipal_standard, places, std_asset, true);
    row.push_back(C::Text(nofukin::LevyMethodLabel(m.part(p).own_basis.method)));
    RateCells(row, m.part(p).own_basis, places, own_asset, true);
    t.rows.push_back(std::move(row));
  }
  return t;
}

std::string MetricLabel(const nofukin::Case& c) {
  return c.relief.metric == nofukin::ReliefMetric::kPerCapitaPremium ? "1人当たり保険料"
                                                                     : "1人当たり納付金";
}

// The 丈比べ figures: nullopt when the case gives no base for this municipality.
std::optional<ReportTable> Change(const HandoutInputs& in, std::size_t index,
                                  const MunicipalityResult& m) {
  const auto& base = in.c.municipalities[index].relief_base_per_capita;
  if (!base) return std::nullopt;
  ReportTable t;
  t.key = "handout_change";
  const std::string metric = MetricLabel(in.c);
  t.title = fmt::format("{}の前年度からの変化と激変緩和", metric);
  t.header = {"前年度 (円)",        "今年度 緩和前 (円)", "伸び率 緩和前(%)", "上限 (円)",
              "今年度 緩和後 (円)", "伸び率 緩和後(%)",   "激変緩和額 (千円)"};
  // Per-head figures are shown to the yen, half-up (display only: the engine compares the
  // exact values), the limit too, so that a figure relieved to the limit shows equal to it.
  // Without 激変緩和 the engine compares nothing: before = after.
  const Rational& metric_before = in.c.relief.enabled ? m.metric_before : m.metric_after;
  const Yen before = metric_before.ToYen(RoundingMode::kHalfUp);
  const Yen after = m.metric_after.ToYen(RoundingMode::kHalfUp);
  const Rational b(*base);
  t.rows.push_back(
      {C::Integer(*base), C::Integer(before),
       *base != 0 ? C::Decimal((metric_before / b - Rational(1)) * Rational(100), 2) : C::Empty(),
       m.metric_limit ? C::Integer(m.metric_limit->ToYen(RoundingMode::kHalfUp)) : C::Empty(),
       C::Integer(after),
       *base != 0 ? C::Decimal((m.metric_after / b - Rational(1)) * Rational(100), 2) : C::Empty(),
       C::Integer(ThousandYen(m.relief_total))});
  return t;
}

// The summary paragraph: the figures a reader asks for first.
std::string Summary(const HandoutInputs& in, std::size_t index, const MunicipalityResult& m) {
  std::string s = fmt::format("{}の{}の納付金は {}千円です", m.name, in.r.fiscal_year.ToWareki(),
                              FormatYen(ThousandYen(m.nofukin_total)));
  std::vector<std::string> against;
  if (const MunicipalityResult* p = Find(in.provisional, m.code))
    against.push_back(fmt::format("{}から {}千円",
                                  CoefficientsColumnLabel(*in.provisional, "比較対象"),
                                  Signed(ThousandYen(m.nofukin_total - p->nofukin_total))));
  if (const MunicipalityResult* p = Find(in.previous, m.code)) {
    std::string t =
        fmt::format("前年度から {}千円", Signed(ThousandYen(m.nofukin_total - p->nofukin_total)));
    if (p->nofukin_total != 0)
      t += fmt::format(" ({})",
                       SignedPercent(((Rational(m.nofukin_total) - Rational(p->nofukin_total)) /
                                      Rational(p->nofukin_total) * Rational(100))
                                         .RoundToDecimals(2, RoundingMode::kHalfUp)));
    against.push_back(t);
  }
  if (!against.empty()) {
    s += " (";
    for (size_t k = 0; k < against.size(); ++k) s += (k ? "、" : "") + against[k];
    s += ")";
  }
  s += "。";
  const auto& base = in.c.municipalities[index].relief_base_per_capita;
  if (base && *base != 0) {
    const Rational after_pct = (m.metric_after / Rational(*base) - Rational(1)) * Rational(100);
    s += fmt::format("{}は {}円で、前年度の {}円から {} です。", MetricLabel(in.c),
                     FormatYen(m.metric_after.ToYen(RoundingMode::kHalfUp)), FormatYen(*base),
                     SignedPercent(after_pct.RoundToDecimals(2, RoundingMode::kHalfUp)));
  }
  if (in.c.relief.enabled) {
    if (m.relief_total > 0)
      s += fmt::format(
          "伸びが上限 (自然増 {}% + {}%) を超える分について、激変緩和 {}千円 を納付金から"
          "差し引いています。",
          (in.c.relief.natural_growth * Rational(100)).ToString(),
          (in.c.relief.allowance * Rational(100)).ToString(),
          FormatYen(ThousandYen(m.relief_total)));
    else if (m.relief_total < 0)
      s += fmt::format("減少幅が大きいため、{}千円 を激変緩和の財源として納付金に加えています。",
                       FormatYen(ThousandYen(-m.relief_total)));
    else
      s += "激変緩和の対象ではありません。";
  }
  return s;
}

}  // namespace

std::string HandoutStem(const MunicipalityResult& m) { return "handout-" + m.code.str(); }

std::vector<ReportTable> HandoutTables(const HandoutInputs& in, std::size_t index) {
  const MunicipalityResult& m = in.r.municipalities.at(index);
  std::vector<ReportTable> t = {NofukinByPart(in, m), Rates(in, m)};
  if (auto change = Change(in, index, m)) t.push_back(std::move(*change));
  if (in.model) t.push_back(ModelHouseholdTable(*in.model, in.c, in.r, in.previous, index));
  return t;
}

J HandoutReport(const HandoutInputs& in, std::size_t index) {
  const MunicipalityResult& m = in.r.municipalities.at(index);
  J r;
  r["schema"] = "kokuho.report/1";
  r["title"] = fmt::format("{} {} 国民健康保険事業費納付金・標準保険料率 説明資料", m.name,
                           in.r.fiscal_year.ToWareki());
  r["subtitle"] = in.r.coefficients_label.empty()
                      ? in.r.prefecture
                      : fmt::format("{} ({})", in.r.prefecture, in.r.coefficients_label);
  r["generated_by"] = "kokuho 0.1.0";
  if (!in.c.notice.empty()) r["notice"] = in.c.notice;
  r["layout"] = "compact";  // the first section continues the title's page
  // The case's notes and, with モデル世帯, those of the levy rules (a year carried forward,
  // unconfirmed values).
  ParameterNotes notes = in.c.parameter_notes;
  if (in.model) {
    notes.Merge(in.model->rules->notes);
    if (in.previous && in.model->has_previous()) notes.Merge(in.model->previous_rules->notes);
  }
  if (!notes.empty()) r["warnings"] = CouncilWarnings(notes);
  // How the figures are rounded: a note under the rates (small type, so that the page
  // keeps room for its tables).
  const auto& rd = in.c.rounding;
  const std::string rounding = fmt::format(
      "金額は1円単位で計算し、千円未満を四捨五入して表示しています (差と合計は円単位の値から"
      "求めて四捨五入するため、表示された各行の和と一致しないことがあります)。所得割率は小数第{}位"
      "まで ({})、均等割額・平等割額は{}円単位 ({})。都道府県標準保険料率は全国統一の算定基準 "
      "(2方式)、算定基準は{}の賦課方式・割合によります。",
      rd.income_rate_decimals, RoundingModeLabel(rd.income_rate_mode),
      FormatYen(rd.per_capita_unit), RoundingModeLabel(rd.per_capita_mode), m.name);
  J blocks = J::array();
  std::string previous_key;
  for (auto& t : HandoutTables(in, index)) {
    blocks.push_back(TableBlock(t));
    if (t.key == "handout_rates") blocks.back()["note"] = rounding;
    if (t.key == "handout_model_households") {
      blocks.back()["note"] = ModelHouseholdNote(in.c, in.previous && in.model->has_previous());
      // Beside the 激変緩和 table, a single row: one band of the page instead of two.
      if (previous_key == "handout_change") blocks.back()["beside"] = true;
    }
    previous_key = t.key;
  }
  J sections = J::array();
  // The summary paragraph (no 「この資料について」 heading, which would not leave room on the
  // page).
  sections.push_back(Section("handout", fmt::format("{}の納付金と標準保険料率", m.name),
                             Summary(in, index, m), std::move(blocks)));
  if (J appendix = SourcesAppendix(notes, {}); !appendix.is_null())
    sections.push_back(std::move(appendix));
  r["sections"] = std::move(sections);
  return r;
}

}  // namespace kokuho
