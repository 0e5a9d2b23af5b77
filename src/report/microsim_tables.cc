#include "report/microsim_tables.h"

#include <fmt/format.h>

namespace kokuho {
namespace {

using premium::MunicipalityTotals;

std::vector<Part> Levied(const MicrosimReport& r) {
  std::vector<Part> parts;
  for (Part p : kAllParts)
    if (r.levied[static_cast<int>(p)]) parts.push_back(p);
  return parts;
}

MunicipalityTotals Sum(const MicrosimReport& r) {
  MunicipalityTotals all;
  for (const auto& m : r.result.municipalities) all.Add(m);
  return all;
}

/// Calls row(label_cells, totals) for each municipality and the total.
template <typename F>
void EachMunicipality(const MicrosimReport& r, F row) {
  for (size_t i = 0; i < r.codes.size(); ++i)
    row(std::vector<ReportCell>{ReportCell::Text(r.codes[i]), ReportCell::Text(r.names[i])},
        r.result.municipalities[i]);
  row(std::vector<ReportCell>{ReportCell::Text("合計"), ReportCell::Text("")}, Sum(r));
}

// Every column after 団体コード and 市町村名 is a count or yen summed over municipalities
// (MunicipalityTotals::Add): =SUM formulas in the 合計 row of the xlsx.
void SumAllFigures(ReportTable& t) {
  for (size_t c = 2; c < t.header.size(); ++c) t.total_columns.push_back(c);
}

Yen KeigenOfTier(const MunicipalityTotals& m, int tier) {
  Yen s = 0;
  for (const auto& p : m.parts) s += p.keigen[tier];
  return s;
}

ReportTable GroupTable(const std::string& key, const std::string& title, const std::string& sheet,
                       const std::string& first, const std::vector<std::string>& labels,
                       const std::vector<premium::GroupTotals>& groups) {
  ReportTable t{key,
                title,
                sheet,
                {first, "世帯数", "被保険者数", "平均軽減判定所得", "平均保険料", "保険料計",
                 "軽減判定所得に対する割合(%)"},
                {}};
  for (size_t i = 0; i < groups.size(); ++i) {
    const auto& g = groups[i];
    const Rational share =
        g.keigen_income > 0 ? Rational(g.levy * 100) / Rational(g.keigen_income) : Rational(0);
    t.rows.push_back({ReportCell::Text(labels[i]), ReportCell::Integer(g.households),
                      ReportCell::Integer(g.members),
                      ReportCell::Integer(g.households ? g.keigen_income / g.households : 0),
                      ReportCell::Integer(g.households ? g.levy / g.households : 0),
                      ReportCell::Integer(g.levy),
                      g.keigen_income > 0 ? ReportCell::Decimal(share, 1) : ReportCell::Empty()});
  }
  return t;
}

}  // namespace

std::vector<ReportTable> BuildMicrosimTables(const MicrosimReport& r) {
  const std::vector<Part> parts = Levied(r);
  std::vector<ReportTable> tables;
  {
    ReportTable t{"microsim",
                  fmt::format("{}年度 調定額 (全世帯の賦課額の合計)", r.fiscal_year),
                  "市町村別の調定額",
                  {"団体コード", "市町村名", "世帯数", "被保険者数"},
                  {}};
    for (Part p : parts) t.header.push_back(PartShortLabel(p) + "分");
    t.header.push_back("合計");
    EachMunicipality(r, [&](std::vector<ReportCell> row, const MunicipalityTotals& m) {
      row.push_back(ReportCell::Integer(m.households));
      row.push_back(ReportCell::Integer(m.members));
      for (Part p : parts) row.push_back(ReportCell::Integer(m.parts[static_cast<int>(p)].amount));
      row.push_back(ReportCell::Integer(m.total));
      t.rows.push_back(std::move(row));
    });
    SumAllFigures(t);
    tables.push_back(std::move(t));
  }
  {
    ReportTable t{"keigen",
                  "軽減 (保険基盤安定の対象額) と その他の軽減・減免",
                  "軽減・減免額",
                  {"団体コード", "市町村名", "7割世帯", "5割世帯", "2割世帯", "7割軽減額",
                   "5割軽減額", "2割軽減額", "未就学児軽減額", "子ども分18歳未満軽減額",
                   "特定世帯軽減額", "旧被扶養者減免額", "産前産後免除額", "独自減免額"},
                  {}};
    EachMunicipality(r, [&](std::vector<ReportCell> row, const MunicipalityTotals& m) {
      for (int tier : {3, 2, 1}) row.push_back(ReportCell::Integer(m.households_by_tier[tier]));
      for (int tier : {3, 2, 1}) row.push_back(ReportCell::Integer(KeigenOfTier(m, tier)));
      Yen pre = 0, child = 0, tok = 0, former = 0, birth = 0, muni = 0;
      for (const auto& p : m.parts) {
        pre += p.preschool;
        child += p.child;
        tok += p.tokutei;
        former += p.former;
        birth += p.birth;
        muni += p.municipal;
      }
      for (Yen v : {pre, child, tok, former, birth, muni}) row.push_back(ReportCell::Integer(v));
      t.rows.push_back(std::move(row));
    });
    SumAllFigures(t);
    tables.push_back(std::move(t));
  }
  {
    ReportTable t{
        "caps", "賦課限度額を超える額と世帯数", "賦課限度額の超過", {"団体コード", "市町村名"}, {}};
    for (Part p : parts) {
      t.header.push_back(PartShortLabel(p) + " 限度超過額");
      t.header.push_back(PartShortLabel(p) + " 超過世帯数");
    }
    EachMunicipality(r, [&](std::vector<ReportCell> row, const MunicipalityTotals& m) {
      for (Part p : parts) {
        row.push_back(ReportCell::Integer(m.parts[static_cast<int>(p)].over_cap));
        row.push_back(ReportCell::Integer(m.parts[static_cast<int>(p)].capped_households));
      }
      t.rows.push_back(std::move(row));
    });
    SumAllFigures(t);
    tables.push_back(std::move(t));
  }
  const MunicipalityTotals all = Sum(r);
  {
    std::vector<std::string> labels;
    for (int d = 0; d < 10; ++d)
      labels.push_back(fmt::format("第{}十分位 (≤ {}円)", d + 1, FormatYen(r.decile_upper[d])));
    tables.push_back(GroupTable(
        "deciles",
        "軽減判定所得の十分位別 (全世帯を所得順に10等分; 同額は世帯の順によらず均等に振り分け)",
        "所得十分位別", "十分位", labels, {all.by_decile.begin(), all.by_decile.end()}));
  }
  {
    std::vector<std::string> labels;
    for (int k = 0; k < premium::kHouseholdTypeCount; ++k)
      labels.push_back(premium::HouseholdTypeLabel(static_cast<premium::HouseholdType>(k)));
    tables.push_back(GroupTable("types", "世帯類型別 (全世帯)", "世帯類型別", "世帯類型", labels,
                                {all.by_type.begin(), all.by_type.end()}));
  }
  return tables;
}

nlohmann::ordered_json MicrosimJson(const MicrosimReport& r) {
  using J = nlohmann::ordered_json;
  auto totals = [&](const MunicipalityTotals& m) {
    J j;
    j["households"] = m.households;
    j["members"] = m.members;
    j["households_by_tier"] = {{"seven", m.households_by_tier[3]},
                               {"five", m.households_by_tier[2]},
                               {"two", m.households_by_tier[1]},
                               {"none", m.households_by_tier[0]}};
    J parts = J::object();
    for (Part p : Levied(r)) {
      const auto& t = m.parts[static_cast<int>(p)];
      parts[PartKey(p)] = {
          {"amount", t.amount},
          {"income", t.income},
          {"asset", t.asset},
          {"per_capita", t.per_capita},
          {"household", t.household},
          {"keigen", {{"seven", t.keigen[3]}, {"five", t.keigen[2]}, {"two", t.keigen[1]}}},
          {"child", t.child},
          {"tokutei", t.tokutei},
          {"preschool", t.preschool},
          {"former_dependent", t.former},
          {"birth", t.birth},
          {"municipal", t.municipal},
          {"over_cap", t.over_cap},
          {"capped_households", t.capped_households},
          {"rounding", t.rounding}};
    }
    j["parts"] = parts;
    j["rounding_total"] = m.rounding_total;
    j["total"] = m.total;
    return j;
  };
  auto groups = [](const auto& list) {
    J a = J::array();
    for (const auto& g : list)
      a.push_back({{"households", g.households},
                   {"members", g.members},
                   {"keigen_income", g.keigen_income},
                   {"levy", g.levy}});
    return a;
  };
  J j;
  j["schema"] = "kokuho.microsim/1";
  j["fiscal_year"] = r.fiscal_year;
  J munis = J::array();
  for (size_t i = 0; i < r.codes.size(); ++i) {
    J m = totals(r.result.municipalities[i]);
    munis.push_back(J{{"code", r.codes[i]}, {"name", r.names[i]}});
    munis.back().update(m);
  }
  j["municipalities"] = munis;
  const MunicipalityTotals all = Sum(r);
  j["total"] = totals(all);
  j["decile_upper"] = r.decile_upper;
  j["by_decile"] = groups(all.by_decile);
  J types = J::object();
  for (int k = 0; k < premium::kHouseholdTypeCount; ++k) {
    const auto& g = all.by_type[k];
    types[premium::HouseholdTypeKey(static_cast<premium::HouseholdType>(k))] = {
        {"households", g.households},
        {"members", g.members},
        {"keigen_income", g.keigen_income},
        {"levy", g.levy}};
  }
  j["by_type"] = types;
  j["unconfirmed_rules"] = r.unconfirmed;
  return j;
}

}  // namespace kokuho
