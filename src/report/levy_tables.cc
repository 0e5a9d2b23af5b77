#include "report/levy_tables.h"

#include <fmt/format.h>

namespace kokuho {
namespace {

using premium::PartLevy;

struct Row {
  const char* label;
  const char* key;
  Yen PartLevy::*field;
  bool negative;  ///< shown as a deduction
};

constexpr Row kRows[] = {
    {"所得割", "income", &PartLevy::income, false},
    {"資産割", "asset", &PartLevy::asset, false},
    {"均等割", "per_capita", &PartLevy::per_capita, false},
    {"平等割", "household", &PartLevy::household, false},
    {"18歳未満均等割軽減", "child", &PartLevy::child, true},
    {"特定世帯軽減", "tokutei", &PartLevy::tokutei, true},
    {"7・5・2割軽減", "keigen", &PartLevy::keigen, true},
    {"未就学児均等割軽減", "preschool", &PartLevy::preschool, true},
    {"旧被扶養者減免", "former_dependent", &PartLevy::former, true},
    {"産前産後免除", "birth", &PartLevy::birth, true},
    {"独自減免", "municipal", &PartLevy::municipal, true},
    {"小計", "subtotal", &PartLevy::subtotal, false},
    {"賦課限度額", "cap", &PartLevy::cap, false},
    {"限度超過額", "over_cap", &PartLevy::over_cap, true},
    {"端数", "rounding", &PartLevy::rounding, true},
    {"賦課額", "amount", &PartLevy::amount, false},
};

std::vector<Part> LeviedParts(const premium::NationalRules& rules) {
  std::vector<Part> parts;
  for (Part p : kAllParts)
    if (rules.levied[static_cast<int>(p)]) parts.push_back(p);
  return parts;
}

}  // namespace

std::string LevyKindLabel(premium::LevyKind k) {
  return k == premium::LevyKind::kZei ? "保険税" : "保険料";
}

ReportTable BuildLevyTable(const LevyReport& r) {
  const auto& res = r.levy.result;
  ReportTable t;
  t.key = "levy";
  t.sheet = "賦課額";
  t.title = fmt::format("{} {} {}年度 国民健康保険{} (軽減: {})", r.schedule.municipality,
                        r.schedule.name, r.rules.fiscal_year, LevyKindLabel(r.schedule.kind),
                        premium::TierLabel(res.tier));
  t.header = {"項目"};
  const std::vector<Part> parts = LeviedParts(r.rules);
  for (Part p : parts) t.header.push_back(PartShortLabel(p));
  t.header.push_back("合計");
  for (const Row& row : kRows) {
    Yen sum = 0;
    bool any = false;
    std::vector<ReportCell> cells = {ReportCell::Text(row.label)};
    for (Part p : parts) {
      const Yen v = res.parts[static_cast<int>(p)].*row.field;
      sum += v;
      any |= v != 0;
      cells.push_back(ReportCell::Integer(row.negative && v != 0 ? -v : v));
    }
    const bool always = row.field == &PartLevy::income || row.field == &PartLevy::per_capita ||
                        row.field == &PartLevy::household || row.field == &PartLevy::subtotal ||
                        row.field == &PartLevy::amount || row.field == &PartLevy::cap;
    if (!any && !always) continue;
    if (row.field == &PartLevy::amount) sum = res.total + res.rounding_total;
    cells.push_back(ReportCell::Integer(row.negative && sum != 0 ? -sum : sum));
    t.rows.push_back(std::move(cells));
  }
  if (res.rounding_total != 0) {
    std::vector<ReportCell> cells = {ReportCell::Text("合計の端数")};
    for (size_t i = 0; i < parts.size(); ++i) cells.push_back(ReportCell::Empty());
    cells.push_back(ReportCell::Integer(-res.rounding_total));
    t.rows.push_back(std::move(cells));
  }
  std::vector<ReportCell> total = {ReportCell::Text("年税額・年保険料額")};
  for (size_t i = 0; i < parts.size(); ++i) total.push_back(ReportCell::Empty());
  total.push_back(ReportCell::Integer(res.total));
  t.rows.push_back(std::move(total));
  return t;
}

nlohmann::ordered_json LevyJson(const LevyReport& r) {
  const auto& res = r.levy.result;
  const auto& h = r.levy.prepared;
  nlohmann::ordered_json j;
  j["schema"] = "kokuho.levy/1";
  j["municipality"] = r.schedule.municipality;
  j["municipality_name"] = r.schedule.name;
  j["fiscal_year"] = r.rules.fiscal_year;
  j["levy_kind"] = r.schedule.kind == premium::LevyKind::kZei ? "zei" : "ryo";
  j["keigen"] = {{"tier", premium::TierLabel(res.tier)},
                 {"judged_income", h.keigen_income},
                 {"persons_counted", h.keigen_count},
                 {"earners", h.earners}};
  nlohmann::ordered_json parts = nlohmann::ordered_json::object();
  for (Part p : LeviedParts(r.rules)) {
    const PartLevy& l = res.parts[static_cast<int>(p)];
    nlohmann::ordered_json pj;
    pj["months"] = l.months;
    for (const Row& row : kRows) pj[row.key] = l.*row.field;
    parts[PartKey(p)] = pj;
  }
  j["parts"] = parts;
  j["rounding_total"] = res.rounding_total;
  j["total"] = res.total;
  j["unconfirmed_rules"] = r.rules.unconfirmed;
  if (!r.levy.explanation.empty()) {
    nlohmann::ordered_json steps = nlohmann::ordered_json::array();
    for (const auto& e : r.levy.explanation)
      steps.push_back({{"step", e.step}, {"text", e.formula}, {"source", e.source}});
    j["explanation"] = steps;
  }
  return j;
}

}  // namespace kokuho
