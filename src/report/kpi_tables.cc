#include "report/kpi_tables.h"

#include <fmt/format.h>

namespace kokuho {
namespace {

using kpi::Unit;

const char* UnitLabel(Unit u) {
  switch (u) {
    case Unit::kPercent:
      return "%";
    case Unit::kYen:
      return "円";
    case Unit::kCount:
      return "件";
    case Unit::kIndex:
      return "指数";
  }
  return "";
}

const char* UnitKey(Unit u) {
  switch (u) {
    case Unit::kPercent:
      return "percent";
    case Unit::kYen:
      return "yen";
    case Unit::kCount:
      return "count";
    case Unit::kIndex:
      return "index";
  }
  return "";
}

// A value in display units: percent ×100 with 2 places (as MHLW publishes rates),
// index with 4 places, yen and counts whole (rounded half-up for display only).
ReportCell Shown(const kpi::Definition& d, const std::optional<Rational>& v) {
  if (!v) return ReportCell::Empty();
  switch (d.unit) {
    case Unit::kPercent:
      return ReportCell::Decimal(*v * Rational(100), 2);
    case Unit::kIndex:
      return ReportCell::Decimal(*v, 4);
    case Unit::kYen:
    case Unit::kCount:
      return ReportCell::Decimal(*v, 0);
  }
  return ReportCell::Empty();
}

ReportCell Whole(const std::optional<Rational>& v) {
  return v ? ReportCell::Decimal(*v, 0) : ReportCell::Empty();
}

std::optional<Rational> TargetValue(const kpi::Assessment& a) {
  if (!a.target) return std::nullopt;
  return a.target->value;
}

ReportCell TargetYear(const kpi::Assessment& a) {
  return a.target ? ReportCell::Text(a.target->year.ToWareki() +
                                     (a.target->confirmed ? "" : " (未確認)"))
                  : ReportCell::Empty();
}

nlohmann::ordered_json Exact(const std::optional<Rational>& v) {
  return v ? nlohmann::ordered_json(v->ToString()) : nlohmann::ordered_json(nullptr);
}

}  // namespace

std::vector<ReportTable> BuildKpiTables(const kpi::Result& r, std::optional<int> year) {
  ReportTable m;
  m.key = "kpi";
  m.title = "KPI 市町村別の実績・目標・判定 (差・前年度差は単位の差: % はポイント)";
  m.sheet = "市町村別のKPI";
  m.header = {"団体コード", "名称", "年度",     "指標", "単位",
              "分子",       "分母", "除外額",   "実績", "目標",
              "目標年度",   "差",   "前年度差", "判定", "目標までの分子 (収納率: 増収額 円)"};
  for (const auto& e : r.municipalities) {
    const kpi::Definition& d = *e.definition;
    const kpi::Observation& o = e.observation;
    if (year && o.year.year() != *year) continue;
    m.rows.push_back({ReportCell::Text(o.code.str()), ReportCell::Text(o.name),
                      ReportCell::Text(o.year.ToWareki()), ReportCell::Text(d.label),
                      ReportCell::Text(UnitLabel(d.unit)), Whole(o.numerator), Whole(o.denominator),
                      o.excluded.IsZero() ? ReportCell::Empty() : Whole(o.excluded),
                      Shown(d, o.value), Shown(d, TargetValue(e.assessment)),
                      TargetYear(e.assessment), Shown(d, e.assessment.gap),
                      Shown(d, e.assessment.change),
                      ReportCell::Text(kpi::StatusLabel(e.assessment.status)), Whole(e.to_target)});
  }
  ReportTable p;
  p.key = "kpi_prefecture";
  p.title = "KPI 県計 (率は Σ分子 ÷ Σ分母; 率の単純平均は用いない)";
  p.sheet = "KPIの県計";
  p.header = {"年度", "指標",     "単位", "市町村数", "分子計", "分母計", "実績",
              "目標", "目標年度", "差",   "前年度差", "判定",   "備考"};
  for (const auto& e : r.prefecture) {
    const kpi::Definition& d = *e.definition;
    if (year && e.year.year() != *year) continue;
    p.rows.push_back({ReportCell::Text(e.year.ToWareki()), ReportCell::Text(d.label),
                      ReportCell::Text(UnitLabel(d.unit)), ReportCell::Integer(e.municipalities),
                      Whole(e.numerator), Whole(e.denominator), Shown(d, e.actual),
                      e.actual ? Shown(d, TargetValue(e.assessment)) : ReportCell::Empty(),
                      e.actual ? TargetYear(e.assessment) : ReportCell::Empty(),
                      Shown(d, e.assessment.gap), Shown(d, e.assessment.change),
                      ReportCell::Text(e.actual ? kpi::StatusLabel(e.assessment.status) : "—"),
                      ReportCell::Text(e.note)});
  }
  return {m, p};
}

nlohmann::ordered_json KpiJson(const kpi::Result& r, std::optional<int> year,
                               const std::string& definitions_file, const std::string& data_file) {
  using J = nlohmann::ordered_json;
  J out;
  out["definitions_file"] = definitions_file;
  out["data_file"] = data_file;
  out["year"] = year ? J(*year) : J(nullptr);
  out["value_note"] =
      "values are exact, in natural units (percent KPIs as fractions: \"0.931\" = 93.1%), "
      "as decimal strings or \"p/q\" when not a finite decimal; \"display\" holds the "
      "rounded figures of the tables (percent x100 with 2 places, index 4, yen whole)";
  // The figures as the tables show them (percent ×100, 2 places; index 4; yen whole).
  auto display = [](const kpi::Definition& d, const std::optional<Rational>& actual,
                    const kpi::Assessment& a) {
    auto text = [&](const std::optional<Rational>& v) {
      return v ? J(Shown(d, v).Plain()) : J(nullptr);
    };
    J j;
    j["actual"] = text(actual);
    j["target"] = text(TargetValue(a));
    j["gap"] = text(a.gap);
    j["change"] = text(a.change);
    return j;
  };
  auto assessment = [](const kpi::Assessment& a, J& j) {
    j["target"] = a.target ? J(a.target->value.ToString()) : J(nullptr);
    j["target_year"] = a.target ? J(a.target->year.year()) : J(nullptr);
    j["target_confirmed"] = a.target ? J(a.target->confirmed) : J(nullptr);
    j["gap"] = Exact(a.gap);
    j["change"] = Exact(a.change);
  };
  J munis = J::array();
  for (const auto& e : r.municipalities) {
    const kpi::Observation& o = e.observation;
    if (year && o.year.year() != *year) continue;
    J j;
    j["code"] = o.code.str();
    j["name"] = o.name;
    j["year"] = o.year.year();
    j["kpi"] = o.key;
    j["unit"] = UnitKey(e.definition->unit);
    j["numerator"] = Exact(o.numerator);
    j["denominator"] = Exact(o.denominator);
    j["excluded"] = o.excluded.ToString();
    j["actual"] = o.value.ToString();
    assessment(e.assessment, j);
    j["status"] = kpi::StatusLabel(e.assessment.status);
    j["to_target"] = Exact(e.to_target);
    j["display"] = display(*e.definition, o.value, e.assessment);
    munis.push_back(std::move(j));
  }
  J pref = J::array();
  for (const auto& e : r.prefecture) {
    if (year && e.year.year() != *year) continue;
    J j;
    j["year"] = e.year.year();
    j["kpi"] = e.definition->key;
    j["unit"] = UnitKey(e.definition->unit);
    j["municipalities"] = e.municipalities;
    j["numerator"] = Exact(e.numerator);
    j["denominator"] = Exact(e.denominator);
    j["actual"] = Exact(e.actual);
    assessment(e.assessment, j);
    j["status"] = e.actual ? J(kpi::StatusLabel(e.assessment.status)) : J(nullptr);
    j["note"] = e.note;
    j["display"] = display(*e.definition, e.actual, e.assessment);
    pref.push_back(std::move(j));
  }
  out["municipalities"] = std::move(munis);
  out["prefecture"] = std::move(pref);
  return out;
}

}  // namespace kokuho
