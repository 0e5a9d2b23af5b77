#include "report/nofukin_diff_tables.h"

#include <fmt/format.h>

#include <functional>
#include <map>
#include <optional>

#include "core/rational.h"
#include "report/council_notes.h"
#include "report/scenario_report.h"

namespace kokuho {
namespace {

using C = ReportCell;
using nofukin::MunicipalityResult;
using nofukin::Result;

// A figure of one municipality in one result: nullopt when the municipality (or the 分)
// is not in that result.
using Pick = std::function<std::optional<Yen>(const Result&, const MunicipalityResult&)>;

const MunicipalityResult* Find(const Result* r, const MunicipalityCode& code) {
  if (!r) return nullptr;
  for (const auto& m : r->municipalities)
    if (m.code == code) return &m;
  return nullptr;
}

std::optional<Yen> Value(const Result* r, const MunicipalityCode& code, const Pick& pick) {
  const MunicipalityResult* m = Find(r, code);
  if (!m) return std::nullopt;
  return pick(*r, *m);
}

// The change in % of `from`, 2 decimals half-up (a display figure); nullopt from 0.
std::optional<Rational> ChangePercent(Yen to, Yen from) {
  if (from == 0) return std::nullopt;
  return (Rational(to) - Rational(from)) / Rational(from) * Rational(100);
}

struct Column {
  bool thousand = true;  // 千円 (display rounding) or whole yen
  C Money(std::optional<Yen> v) const {
    if (!v) return C::Empty();
    return C::Integer(thousand ? ThousandYen(*v) : *v);
  }
};

// One comparison table: rows of municipalities then 合計, each figure picked by `pick`.
ReportTable DiffTable(const NofukinComparison& cmp, const Pick& pick, const std::string& key,
                      const std::string& what, bool thousand) {
  const Result& cur = cmp.current;
  const std::string unit = thousand ? "千円" : "円";
  const std::string cur_label = CoefficientsColumnLabel(cur, cur.fiscal_year.ToWareki());
  ReportTable t;
  t.key = key;
  t.title =
      fmt::format("{} {} {} の比較 ({}", cur.prefecture, cur.fiscal_year.ToWareki(), what, unit);
  t.title += thousand ? "、千円未満四捨五入)" : ")";
  t.header = {"団体コード", "市町村名"};
  std::string prov_label;
  if (cmp.provisional) {
    prov_label = CoefficientsColumnLabel(*cmp.provisional, "比較対象");
    t.header.push_back(fmt::format("{} ({})", prov_label, unit));
  }
  t.header.push_back(fmt::format("{} ({})", cur_label, unit));
  if (cmp.provisional) {
    t.header.push_back(fmt::format("差 {}−{} ({})", cur_label, prov_label, unit));
    t.header.push_back("増減率(%)");
  }
  if (cmp.previous) {
    t.header.push_back(fmt::format("前年度 {} ({})", cmp.previous->fiscal_year.ToWareki(), unit));
    t.header.push_back(fmt::format("前年度比 増減 ({})", unit));
    t.header.push_back("前年度比 増減率(%)");
  }
  const Column money{thousand};
  // Sums in yen over the rows that have the figure; each column's sum is the total of
  // that result (every municipality of the result is a row).
  std::optional<Yen> sum_prov, sum_cur, sum_prev;
  auto add = [](std::optional<Yen>& sum, std::optional<Yen> v) {
    if (v) sum = AddYen(sum.value_or(0), *v, "納付金の合計");
  };
  auto cells = [&](std::vector<C>& row, std::optional<Yen> prov, std::optional<Yen> now,
                   std::optional<Yen> prev) {
    if (cmp.provisional) row.push_back(money.Money(prov));
    row.push_back(money.Money(now));
    if (cmp.provisional) {
      // 差 = 確定 − 仮 in yen, then rounded for display (not the difference of rounded cells).
      row.push_back(prov && now ? money.Money(SubYen(*now, *prov, "差")) : C::Empty());
      const auto pct = prov && now ? ChangePercent(*now, *prov) : std::nullopt;
      row.push_back(pct ? C::Decimal(*pct, 2) : C::Empty());
    }
    if (cmp.previous) {
      row.push_back(money.Money(prev));
      row.push_back(prev && now ? money.Money(SubYen(*now, *prev, "前年度比")) : C::Empty());
      const auto pct = prev && now ? ChangePercent(*now, *prev) : std::nullopt;
      row.push_back(pct ? C::Decimal(*pct, 2) : C::Empty());
    }
  };
  auto row_of = [&](const MunicipalityCode& code, const std::string& name) {
    const std::optional<Yen> now = Value(&cur, code, pick);
    const std::optional<Yen> prov = Value(cmp.provisional, code, pick);
    const std::optional<Yen> prev = Value(cmp.previous, code, pick);
    add(sum_cur, now);
    add(sum_prov, prov);
    add(sum_prev, prev);
    std::vector<C> row = {C::Text(code.str()), C::Text(name)};
    cells(row, prov, now, prev);
    t.rows.push_back(std::move(row));
  };
  for (const auto& m : cur.municipalities) row_of(m.code, m.name);
  if (cmp.previous)
    for (const auto& m : cmp.previous->municipalities)
      if (!Find(&cur, m.code)) row_of(m.code, m.name + " (前年度のみ)");
  std::vector<C> total = {C::Text(""), C::Text("合計")};
  cells(total, sum_prov, sum_cur, sum_prev);
  t.rows.push_back(std::move(total));
  return t;
}

}  // namespace

const char* const kThousandYenNote =
    "金額は1円単位で計算し、千円単位で表示しています (千円未満四捨五入)。差は円単位の差を、"
    "合計は円単位の合計をそれぞれ四捨五入したもので、表示された各行の和とは一致しないことが"
    "あります。";

Yen ThousandYen(Yen yen) {
  // Display only (no levy is rounded here): 四捨五入 to the 千円, halves away from zero.
  return Rational(yen, 1000).ToYen(RoundingMode::kHalfUp);
}

std::string CoefficientsColumnLabel(const Result& r, const std::string& fallback) {
  return r.coefficients_label.empty() ? fallback : r.coefficients_label;
}

std::vector<ReportTable> NofukinDiffTables(const NofukinComparison& cmp) {
  std::vector<ReportTable> out;
  const Pick total = [](const Result&, const MunicipalityResult& m) -> std::optional<Yen> {
    return m.nofukin_total;
  };
  out.push_back(DiffTable(cmp, total, "nofukin_diff", "納付金計", true));
  out.back().sheet = "納付金比較(千円)";
  for (const auto& pr : cmp.current.parts) {
    const Part p = pr.part;
    const Pick part = [p](const Result& r, const MunicipalityResult& m) -> std::optional<Yen> {
      if (!r.part(p)) return std::nullopt;  // the 分 did not exist that year (e.g. 子ども R7)
      return m.part(p).nofukin;
    };
    out.push_back(DiffTable(cmp, part, "nofukin_diff_" + PartKey(p), PartLabel(p), true));
    out.back().sheet = PartShortLabel(p) + "分比較(千円)";
  }
  out.push_back(DiffTable(cmp, total, "nofukin_diff_yen", "納付金計", false));
  out.back().sheet = "納付金比較(円)";
  return out;
}

nlohmann::ordered_json NofukinDiffReport(const NofukinComparison& cmp,
                                         const std::vector<ReportTable>& tables,
                                         const std::string& notice, const ParameterNotes& notes) {
  using J = nlohmann::ordered_json;
  const nofukin::Result& cur = cmp.current;
  J r;
  r["schema"] = "kokuho.report/1";
  std::string against;
  if (cmp.provisional)
    against += CoefficientsColumnLabel(*cmp.provisional, "比較対象") + "→" +
               CoefficientsColumnLabel(cur, cur.fiscal_year.ToWareki());
  if (cmp.previous) against += std::string(against.empty() ? "" : "・") + "前年度比較";
  r["title"] = fmt::format("{} {} 市町村別 納付金{}", cur.prefecture, cur.fiscal_year.ToWareki(),
                           against.empty() ? "" : " (" + against + ")");
  r["generated_by"] = "kokuho 0.1.0";
  r["layout"] = "compact";  // the 納付金計 table starts on the title's page
  if (!notice.empty()) r["notice"] = notice;
  r["notes"] =
      J::array({std::string(kThousandYenNote),
                "差と増減率は今年度の額から比較対象の額を引いたもの (増減率は比較対象に対する"
                "割合、小数第2位まで四捨五入) です。"});
  if (!notes.empty()) r["warnings"] = CouncilWarnings(notes);
  J sections = J::array();
  for (const auto& t : tables) {
    if (t.key == "nofukin_diff_yen") continue;  // the 円 table is for the CSV and xlsx
    J blocks = J::array();
    blocks.push_back(TableBlock(t));
    blocks.back().erase("title");  // the section's heading says it
    sections.push_back(Section("section-" + t.key, t.title, "", std::move(blocks)));
  }
  if (J appendix = SourcesAppendix(notes, {}); !appendix.is_null())
    sections.push_back(std::move(appendix));
  r["sections"] = std::move(sections);
  return r;
}

}  // namespace kokuho
