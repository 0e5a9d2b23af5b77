#include "finance/deficit.h"

#include <fmt/format.h>

namespace kokuho::finance {

DeficitResult EvaluateDeficits(const DeficitInput& input) {
  DeficitResult out;
  // Actual deficits by (code, year), for the t+1 / t+2 look-ahead.
  std::map<std::pair<std::string, int>, Yen> actual;
  for (const DeficitYear& r : input.rows) actual[{r.code.str(), r.year.year()}] = r.ToEliminate();

  // Each plan's deficit per year: base-year deficit − Σ 削減予定額 so far (docs/finance-format.md).
  std::map<std::pair<std::string, int>, Yen> planned;
  for (const auto& [code, plan] : input.plans) {
    auto base = actual.find({code.str(), plan.base_year.year()});
    if (base == actual.end())
      throw InputError(plan.pos, fmt::format("計画基準年度: {} に {} の行がありません", code.str(),
                                             plan.base_year.ToWareki()));
    Yen left = base->second;
    std::map<int, const DeficitYear*> by_year;
    for (const DeficitYear& r : input.rows)
      if (r.code == code) by_year[r.year.year()] = &r;
    planned[{code.str(), plan.base_year.year()}] = left;
    for (int y = plan.base_year.year() + 1; y <= plan.target_year.year(); ++y) {
      auto it = by_year.find(y);
      if (it != by_year.end() && it->second->planned_reduction) {
        left -= *it->second->planned_reduction;
        if (left < 0)
          throw InputError(it->second->reduction_pos,
                           fmt::format("削減予定額: {} の計画の削減額の合計が {} の赤字額を"
                                       "超えています",
                                       code.str(), plan.base_year.ToWareki()));
      }
      planned[{code.str(), y}] = left;
    }
    out.plans.push_back({&plan, base->second, left,
                         plan.target_year.year() - plan.base_year.year() > kPlanTargetYears});
  }

  std::map<int, DeficitKpiYear> kpis;
  for (const DeficitYear& r : input.rows) {
    DeficitStatus s;
    s.row = &r;
    const int y = r.year.year();
    const std::string code = r.code.str();
    auto plan = input.plans.find(r.code);
    if (plan != input.plans.end()) {
      s.plan_in_force = plan->second.base_year <= r.year && r.year <= plan->second.target_year;
      s.target_over_six_years =
          plan->second.target_year.year() - plan->second.base_year.year() > kPlanTargetYears;
      auto p = planned.find({code, y});
      if (p != planned.end()) s.planned = p->second;
      // Behind schedule: actual > planned (docs/finance-format.md), after the base year.
      s.behind_schedule =
          s.planned && y > plan->second.base_year.year() && r.ToEliminate() > *s.planned;
    }
    // Plan required (Hokkaido [V]): a deficit that cannot be expected to be cleared by
    // 翌々年度. Expected = the actuals of t+1 or t+2 show 0, else the plan shows 0 by t+2;
    // with neither, kokuho assumes it is not cleared ([K]).
    if (r.ToEliminate() > 0) {
      bool cleared = false;
      for (int k = 1; k <= 2; ++k) {
        auto a = actual.find({code, y + k});
        if (a != actual.end() && a->second == 0) cleared = true;
        auto p = planned.find({code, y + k});
        if (a == actual.end() && p != planned.end() && p->second == 0) cleared = true;
      }
      s.plan_required = !cleared;
    }
    DeficitKpiYear& k = kpis[y];
    k.year = r.year;
    k.municipalities += 1;
    k.kessan_total += r.Kessan();
    k.non_statutory_total += r.NonStatutory();
    k.kuriage_total += r.kuriage_increase;
    k.to_eliminate_total += r.ToEliminate();
    k.with_kessan += r.Kessan() > 0;
    k.with_deficit += r.ToEliminate() > 0;
    k.with_plan += s.plan_in_force;
    k.plan_required += s.plan_required;
    k.behind_schedule += s.behind_schedule;
    out.municipalities.push_back(s);
  }
  for (auto& [y, k] : kpis) out.kpis.push_back(k);
  return out;
}

}  // namespace kokuho::finance
