#include "report/prevention_tables.h"

#include <fmt/format.h>

namespace kokuho {

ReportTable BuildPreventionTable(const PreventionReport& rep) {
  const auto& a = rep.allocation;
  const bool capped = rep.rule.cap_multiple.has_value();
  ReportTable t;
  t.key = "incentive_prevention";
  t.title = fmt::format("{} 予防・健康づくり支援交付金 事業費連動分 (予算 {}円)",
                        rep.year.ToWareki(), FormatYen(rep.budget));
  t.sheet = "事業費連動分";
  t.header = {"都道府県コード", "都道府県名", "点数", "被保険者数", "総得点", "按分額(上限前)"};
  if (capped) t.header.insert(t.header.end(), {"事業費分交付額", "上限額", "上限適用"});
  t.header.insert(t.header.end(), {"交付額(円)", "上限前との差"});
  Rational weight_sum = 0;
  Yen uncapped_sum = 0, project_sum = 0, cap_sum = 0, grant_sum = 0;
  for (size_t i = 0; i < rep.bodies.size(); ++i) {
    const auto& b = rep.bodies[i];
    std::vector<ReportCell> row = {ReportCell::Text(b.code),
                                   ReportCell::Text(b.name),
                                   ReportCell::Decimal(b.points, 2),
                                   ReportCell::Integer(b.insured),
                                   ReportCell::Decimal(a.weights[i], 2),
                                   ReportCell::Integer(a.uncapped[i])};
    if (capped) {
      row.push_back(ReportCell::Integer(b.project_grant.value_or(0)));
      row.push_back(ReportCell::Integer(a.caps[i].value_or(0)));
      row.push_back(ReportCell::Text(a.at_cap[i] ? "○" : ""));
      project_sum += b.project_grant.value_or(0);
      cap_sum += a.caps[i].value_or(0);
    }
    row.push_back(ReportCell::Integer(a.grants[i]));
    row.push_back(ReportCell::Integer(a.grants[i] - a.uncapped[i]));
    weight_sum += a.weights[i];
    uncapped_sum += a.uncapped[i];
    grant_sum += a.grants[i];
    t.rows.push_back(std::move(row));
  }
  std::vector<ReportCell> total = {
      ReportCell::Text(""), ReportCell::Text("合計"),           ReportCell::Empty(),
      ReportCell::Empty(),  ReportCell::Decimal(weight_sum, 2), ReportCell::Integer(uncapped_sum)};
  if (capped)
    total.insert(total.end(), {ReportCell::Integer(project_sum), ReportCell::Integer(cap_sum),
                               ReportCell::Empty()});
  total.push_back(ReportCell::Integer(grant_sum));
  total.push_back(ReportCell::Integer(grant_sum - uncapped_sum));
  t.rows.push_back(std::move(total));
  // The yen columns are sums (=SUM in the xlsx); 総得点 is a decimal and stays a value.
  t.total_columns = {5};
  if (capped) t.total_columns.insert(t.total_columns.end(), {6, 7});
  t.total_columns.push_back(t.header.size() - 2);
  t.total_columns.push_back(t.header.size() - 1);
  return t;
}

nlohmann::ordered_json PreventionJson(const PreventionReport& rep) {
  const auto& a = rep.allocation;
  nlohmann::ordered_json j;
  j["format"] = "kokuho.prevention/1";
  j["fiscal_year"] = rep.year.ToShortWareki();
  j["rule"] = {{"from", rep.rule.from.ToShortWareki()},
               {"cap_multiple", rep.rule.cap_multiple
                                    ? nlohmann::ordered_json(rep.rule.cap_multiple->ToString())
                                    : nlohmann::ordered_json(nullptr)},
               {"confirmed", rep.rule.confirmed},
               {"source", rep.rule.source}};
  j["budget_yen"] = rep.budget;
  j["prefectures"] = nlohmann::ordered_json::array();
  for (size_t i = 0; i < rep.bodies.size(); ++i) {
    const auto& b = rep.bodies[i];
    j["prefectures"].push_back({{"code", b.code},
                                {"name", b.name},
                                {"points", b.points.ToString()},
                                {"insured", b.insured},
                                {"weight", a.weights[i].ToString()},
                                {"uncapped_yen", a.uncapped[i]},
                                {"cap_yen", a.caps[i] ? nlohmann::ordered_json(*a.caps[i])
                                                      : nlohmann::ordered_json(nullptr)},
                                {"grant_yen", a.grants[i]},
                                {"at_cap", a.at_cap[i]}});
  }
  return j;
}

}  // namespace kokuho
