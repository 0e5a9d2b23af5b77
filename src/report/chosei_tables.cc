#include "report/chosei_tables.h"

#include <fmt/format.h>

namespace kokuho {
namespace {

using C = ReportCell;

const char* Verdict(Yen diff) { return diff > 0 ? "増" : diff < 0 ? "減" : "同"; }

nlohmann::ordered_json CalcJson(const chosei::GrantCalc& g) {
  nlohmann::ordered_json j;
  j["調整対象需要額"] = g.demand;
  j["応益割額"] = g.ouneki_per_head.ToDecimalString(8);
  j["応能割率"] = g.ounou_rate.ToDecimalString(13);
  j["調整対象収入額"] = g.income_amount;
  j["普通調整交付金"] = g.grant;
  return j;
}

nlohmann::ordered_json ProvJson(const std::string& value, const chosei::Provenance& p) {
  return {{"value", value}, {"confirmed", p.confirmed}, {"source", p.source}};
}

}  // namespace

std::vector<ReportTable> BuildChoseiTables(const ChoseiReport& rep) {
  const std::string year = rep.coefficients.year.ToWareki();
  ReportTable g{"chosei_grant",
                year + " 普通調整交付金 (基礎賦課分, 調整率適用前)",
                "普通調整交付金",
                {"都道府県コード", "都道府県名", "調整対象需要額", "応益割額", "応能割率",
                 "調整対象収入額", "普通調整交付金"},
                {}};
  Yen d = 0, r = 0, t = 0;
  bool any_reform = false;
  for (const auto& p : rep.grants) {
    g.rows.push_back({C::Text(p.code), C::Text(p.name), C::Integer(p.actual.demand),
                      C::Decimal(p.actual.ouneki_per_head, 2), C::Decimal(p.actual.ounou_rate, 13),
                      C::Integer(p.actual.income_amount), C::Integer(p.actual.grant)});
    d += p.actual.demand;
    r += p.actual.income_amount;
    t += p.actual.grant;
    any_reform = any_reform || p.reform.has_value();
  }
  g.rows.push_back({C::Text("合計"), C::Empty(), C::Integer(d), C::Empty(), C::Empty(),
                    C::Integer(r), C::Integer(t)});
  g.total_columns = {2, 5, 6};  // 調整対象需要額, 調整対象収入額, 普通調整交付金
  std::vector<ReportTable> out{g};
  if (!any_reform) return out;
  ReportTable f{"chosei_reform",
                year + " 改革案: 年齢調整後の標準的な医療費水準による普通調整交付金",
                "改革案比較",
                {"都道府県コード", "都道府県名", "地域差指数", "標準的需要額", "改革後収入額",
                 "改革後交付金", "現行交付金", "差額", "増減"},
                {}};
  Yen ta = 0, tr = 0;
  for (const auto& p : rep.grants) {
    if (!p.reform) {
      f.rows.push_back({C::Text(p.code), C::Text(p.name), C::Text("-"), C::Empty(), C::Empty(),
                        C::Empty(), C::Integer(p.actual.grant), C::Empty(), C::Text("-")});
      continue;
    }
    const Yen diff = *p.Difference();
    f.rows.push_back({C::Text(p.code), C::Text(p.name), C::Decimal(*p.region_index, 3),
                      C::Integer(p.reform->demand), C::Integer(p.reform->income_amount),
                      C::Integer(p.reform->grant), C::Integer(p.actual.grant), C::Integer(diff),
                      C::Text(Verdict(diff))});
    ta += p.actual.grant;
    tr += p.reform->grant;
  }
  f.rows.push_back({C::Text("合計"), C::Empty(), C::Empty(), C::Empty(), C::Empty(), C::Integer(tr),
                    C::Integer(ta), C::Integer(tr - ta), C::Text(Verdict(tr - ta))});
  out.push_back(f);
  return out;
}

nlohmann::ordered_json ChoseiJson(const ChoseiReport& rep) {
  const auto& c = rep.coefficients;
  nlohmann::ordered_json j;
  j["fiscal_year"] = c.year.ToWareki();
  j["scope"] = "基礎賦課分, before the national 調整率";
  j["coefficients"] = {
      {"file", c.file},
      {"ouneki_coeff", ProvJson(c.ouneki_coeff.ToString(), c.ouneki_coeff_src)},
      {"ouneki_cap", ProvJson(c.ouneki_cap.ToDecimalString(2), c.ouneki_cap_src)},
      {"ounou_coeff", ProvJson(c.ounou_coeff.ToDecimalString(13), c.ounou_coeff_src)},
      {"ounou_cap", ProvJson(c.ounou_cap.ToDecimalString(13), c.ounou_cap_src)},
      {"ounou_places", c.ounou_places},
      {"ounou_rounding", ProvJson(RoundingModeLabel(c.ounou_rounding), c.rounding_src)},
      {"unconfirmed", c.UnconfirmedCount()}};
  nlohmann::ordered_json ps = nlohmann::ordered_json::array();
  for (const auto& p : rep.grants) {
    nlohmann::ordered_json e;
    e["都道府県コード"] = p.code;
    e["都道府県名"] = p.name;
    e["現行"] = CalcJson(p.actual);
    if (p.reform) {
      e["改革案"] = CalcJson(*p.reform);
      e["差額"] = *p.Difference();
    }
    ps.push_back(e);
  }
  j["prefectures"] = ps;
  return j;
}

}  // namespace kokuho
