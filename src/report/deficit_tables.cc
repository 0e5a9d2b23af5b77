#include "report/deficit_tables.h"

#include <fmt/format.h>

namespace kokuho {
namespace {

std::string NameOf(const finance::DeficitInput& in, const MunicipalityCode& code) {
  auto it = in.names.find(code);
  return it == in.names.end() ? "" : it->second;
}

std::string Flags(const finance::DeficitStatus& s) {
  std::string out;
  auto add = [&](const char* f) { out += (out.empty() ? "" : "・") + std::string(f); };
  if (s.plan_required) add("要計画");
  if (s.plan_in_force) add("計画期間中");
  if (s.target_over_six_years) add("目標6年超");
  if (s.behind_schedule) add("計画未達");
  return out;
}

}  // namespace

std::vector<ReportTable> BuildDeficitTables(const finance::DeficitInput& in,
                                            const finance::DeficitResult& r) {
  auto yen = [](Yen v) { return ReportCell::Integer(v); };
  ReportTable m;
  m.key = "deficits";
  m.title = "法定外繰入と削減・解消すべき赤字 (市町村別, 円)";
  m.sheet = "市町村別の赤字";
  m.header = {"団体コード",
              "市町村名",
              "年度",
              "決算補填目的",
              "保険者の政策",
              "過年度の赤字",
              "決算補填等目的計",
              "決算補填等以外",
              "法定外繰入計",
              "繰上充用新規増加分",
              "削減・解消すべき赤字",
              "計画上の赤字",
              "判定"};
  for (const auto& s : r.municipalities) {
    const auto& d = *s.row;
    m.rows.push_back({ReportCell::Text(d.code.str()), ReportCell::Text(NameOf(in, d.code)),
                      ReportCell::Text(d.year.ToWareki()), yen(d.settlement), yen(d.policy),
                      yen(d.past_deficit), yen(d.Kessan()), yen(d.other), yen(d.NonStatutory()),
                      yen(d.kuriage_increase), yen(d.ToEliminate()),
                      s.planned ? yen(*s.planned) : ReportCell::Empty(),
                      ReportCell::Text(Flags(s))});
  }
  ReportTable p;
  p.key = "deficit_plans";
  p.title = "赤字削減・解消計画 (目標年度が基準年度から6年超なら「目標6年超」)";
  p.sheet = "赤字削減・解消計画";
  p.header = {"団体コード", "市町村名",       "計画基準年度",     "解消目標年度",
              "年数",       "基準年度の赤字", "目標年度の計画残", "判定"};
  for (const auto& ps : r.plans) {
    const auto& plan = *ps.plan;
    std::string flag = ps.target_over_six_years ? "目標6年超" : "";
    if (ps.planned_at_target > 0)
      flag += std::string(flag.empty() ? "" : "・") + "目標年度に解消しない";
    p.rows.push_back({ReportCell::Text(plan.code.str()), ReportCell::Text(NameOf(in, plan.code)),
                      ReportCell::Text(plan.base_year.ToWareki()),
                      ReportCell::Text(plan.target_year.ToWareki()),
                      ReportCell::Integer(plan.target_year.year() - plan.base_year.year()),
                      yen(ps.base_deficit), yen(ps.planned_at_target), ReportCell::Text(flag)});
  }
  ReportTable k;
  k.key = "deficit_kpis";
  k.title = "改革工程表 KPI (法定外繰入等の額・市町村数) 年度別";
  k.sheet = "改革工程表KPI";
  k.header = {"年度",
              "市町村数",
              "決算補填等目的額",
              "法定外繰入額",
              "繰上充用新規増加分",
              "削減・解消すべき赤字",
              "決算補填等目的の繰入市町村数",
              "赤字市町村数",
              "計画のある市町村数",
              "要計画市町村数",
              "計画未達市町村数"};
  for (const auto& y : r.kpis)
    k.rows.push_back({ReportCell::Text(y.year.ToWareki()), ReportCell::Integer(y.municipalities),
                      yen(y.kessan_total), yen(y.non_statutory_total), yen(y.kuriage_total),
                      yen(y.to_eliminate_total), ReportCell::Integer(y.with_kessan),
                      ReportCell::Integer(y.with_deficit), ReportCell::Integer(y.with_plan),
                      ReportCell::Integer(y.plan_required),
                      ReportCell::Integer(y.behind_schedule)});
  return {m, p, k};
}

nlohmann::ordered_json DeficitJson(const finance::DeficitInput& in,
                                   const finance::DeficitResult& r) {
  using J = nlohmann::ordered_json;
  J out;
  out["file"] = in.file;
  J munis = J::array();
  for (const auto& s : r.municipalities) {
    const auto& d = *s.row;
    munis.push_back({{"code", d.code.str()},
                     {"name", NameOf(in, d.code)},
                     {"year", d.year.year()},
                     {"settlement", d.settlement},
                     {"policy", d.policy},
                     {"past_deficit", d.past_deficit},
                     {"kessan", d.Kessan()},
                     {"other", d.other},
                     {"non_statutory", d.NonStatutory()},
                     {"kuriage_increase", d.kuriage_increase},
                     {"to_eliminate", d.ToEliminate()},
                     {"planned", s.planned ? J(*s.planned) : J(nullptr)},
                     {"plan_in_force", s.plan_in_force},
                     {"plan_required", s.plan_required},
                     {"target_over_six_years", s.target_over_six_years},
                     {"behind_schedule", s.behind_schedule}});
  }
  out["municipalities"] = std::move(munis);
  J plans = J::array();
  for (const auto& ps : r.plans)
    plans.push_back({{"code", ps.plan->code.str()},
                     {"base_year", ps.plan->base_year.year()},
                     {"target_year", ps.plan->target_year.year()},
                     {"base_deficit", ps.base_deficit},
                     {"planned_at_target", ps.planned_at_target},
                     {"target_over_six_years", ps.target_over_six_years}});
  out["plans"] = std::move(plans);
  J kpis = J::array();
  for (const auto& y : r.kpis)
    kpis.push_back({{"year", y.year.year()},
                    {"municipalities", y.municipalities},
                    {"kessan_total", y.kessan_total},
                    {"non_statutory_total", y.non_statutory_total},
                    {"kuriage_total", y.kuriage_total},
                    {"to_eliminate_total", y.to_eliminate_total},
                    {"with_kessan", y.with_kessan},
                    {"with_deficit", y.with_deficit},
                    {"with_plan", y.with_plan},
                    {"plan_required", y.plan_required},
                    {"behind_schedule", y.behind_schedule}});
  out["kpis"] = std::move(kpis);
  return out;
}

}  // namespace kokuho
