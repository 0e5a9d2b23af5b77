#include "scenario/year_case.h"

#include <fmt/format.h>

#include <algorithm>

namespace kokuho::scenario {
namespace {

using nofukin::Case;

// Growth rounding (docs/scenario-format.md): every amount × factor is rounded half-up to the
// yen, every count to a whole person or household, line by line; the sums follow the lines.
Yen Grow(Yen amount, const Rational& factor) {
  return (Rational(amount) * factor).ToYen(RoundingMode::kHalfUp);
}
std::int64_t GrowCount(std::int64_t count, const Rational& factor) {
  return (Rational(count) * factor).ToYen(RoundingMode::kHalfUp);
}

void GrowCase(const Growth& g, Case& c) {
  const Rational one(1);
  const Rational cost_factor = (one + g.cost_per_capita) * g.insured;
  const Rational income_factor = (one + g.income_per_capita) * g.insured;
  for (Part p : c.parts) {
    nofukin::PartPolicy& policy = c.policy(p);
    for (auto& e : policy.expenses) e.amount = Grow(e.amount, cost_factor);
    for (auto& f : policy.public_funds) f.amount = Grow(f.amount, cost_factor);
    policy.high_cost_shared_amount = Grow(policy.high_cost_shared_amount, cost_factor);
  }
  // National per-capita costs by age band grow with 1人当たり医療費, so ε stays the
  // municipality's relative level (the scenario moves levels, not the index).
  for (auto& [band, cost] : c.national_cost_per_capita) cost = cost * (one + g.cost_per_capita);
  for (auto& [band, cost] : c.national_cost_per_capita_excluding_high_cost)
    cost = cost * (one + g.cost_per_capita);
  for (auto& m : c.municipalities) {
    for (Part p : c.parts) {
      nofukin::MunicipalityPartInput& mp = m.part(p);
      mp.insured = GrowCount(mp.insured, g.insured);
      mp.households = GrowCount(mp.households, g.insured);
      mp.asset_base = Grow(mp.asset_base, g.insured);
      // The 3-year income window moves one year on: the newest year grown, the oldest dropped.
      if (!mp.income_years.empty()) {
        const Yen next = Grow(mp.income_years.back(), income_factor);
        if (mp.income_years.size() >= 3) mp.income_years.erase(mp.income_years.begin());
        mp.income_years.push_back(next);
      }
    }
    for (auto& b : m.age_bands) {
      b.insured = GrowCount(b.insured, g.insured);
      b.cost = Grow(b.cost, cost_factor);
      b.cost_above_threshold = Grow(b.cost_above_threshold, cost_factor);
    }
    for (Yen& item : m.item_amounts) item = Grow(item, cost_factor);
  }
}

// The 丈比べ base of the year: the year before's metric per head, rounded half-up to the yen
// (the unit 前年度1人当たり額 is given in, docs/case-format.md).
void SetReliefBase(const nofukin::Result& previous, Case& c) {
  const bool premium = c.relief.metric == nofukin::ReliefMetric::kPerCapitaPremium;
  for (auto& m : c.municipalities) {
    auto it = std::find_if(previous.municipalities.begin(), previous.municipalities.end(),
                           [&](const auto& r) { return r.code == m.code; });
    if (it == previous.municipalities.end() || it->insured == 0) continue;
    Rational metric(0);
    for (const auto& pr : previous.parts)
      metric += premium ? it->part(pr.part).levy_total : Rational(it->part(pr.part).nofukin);
    m.relief_base_per_capita = (metric / Rational(it->insured)).ToYen(RoundingMode::kHalfUp);
  }
}

// 準統一 and after: the 個別加減算 items not kept municipality-specific are borne by the
// prefecture as a whole. A 標準保険料率-stage cost (加算) becomes a prefecture expense, a fund
// (減算) a prefecture public fund, so Σ S_i is unchanged; a 納付金-stage item no longer
// moves 納付金 between municipalities (Σ P_i was the total either way).
void PoolItems(const std::set<std::string>& municipal_items, Case& c) {
  for (size_t k = 0; k < c.items.size(); ++k) {
    const nofukin::IndividualItem& item = c.items[k];
    if (municipal_items.count(item.name)) continue;
    Yen total = 0;
    for (auto& m : c.municipalities) {
      total += m.item_amounts[k];
      m.item_amounts[k] = 0;
    }
    // The case loader refuses items of a 分 the case does not compute, so the part is there.
    if (total == 0 || item.stage != nofukin::ItemStage::kStandardRate) continue;
    nofukin::PartPolicy& policy = c.policy(item.part);
    auto& lines = item.sign > 0 ? policy.expenses : policy.public_funds;
    lines.push_back({"統一により県全体で負担: " + item.name, total});
  }
}

void SetCollectionRates(const CollectionRatePlan& plan, Case& c) {
  const Rational one(1);
  for (auto& m : c.municipalities) {
    for (Part p : c.parts) {
      Rational& r = m.part(p).collection_rate;
      if (plan.uniform) r = *plan.uniform;
      if (plan.change) r = std::min(one, r + *plan.change);
      if (r.Sign() <= 0)
        throw CalculationError(fmt::format(
            "{} {}: 標準的な収納率が {} になり、0以下になります。収納率の変化を見直してください",
            m.code.str(), m.name, r.ToString()));
    }
  }
}

}  // namespace

void ApplyPlan(const YearPlan& plan, const std::set<std::string>& municipal_items, Case& c) {
  c.fiscal_year = plan.year;
  if (plan.alpha && c.HasPart(Part::kIryo)) c.policy(Part::kIryo).alpha = *plan.alpha;
  for (Part p : c.parts) {
    const int i = static_cast<int>(p);
    if (plan.beta_prime[i]) c.policy(p).beta_prime = *plan.beta_prime[i];
    if (plan.equal_share_index[i]) c.policy(p).equal_share_index = *plan.equal_share_index[i];
  }
  SetCollectionRates(plan.collection, c);
  if (plan.relief) c.relief = *plan.relief;
  if (plan.stage >= Stage::kNofukinBase && c.HasPart(Part::kIryo))
    c.policy(Part::kIryo).alpha = Rational(0);
  if (plan.stage >= Stage::kSemiUnified) PoolItems(municipal_items, c);
  if (plan.stage == Stage::kUnified && !plan.collection.uniform) {
    // 完全統一: one 標準的な収納率 per 分, the prefecture's (the rate of the
    // 都道府県標準保険料率), unless the plan names one.
    for (auto& m : c.municipalities)
      for (Part p : c.parts) m.part(p).collection_rate = c.policy(p).prefecture_collection_rate;
  }
}

Case FirstYearCase(const Scenario& s, const YearPlan& plan) {
  Case c = s.base;
  ApplyPlan(plan, s.municipal_items, c);
  return c;
}

Case GrowYear(const Scenario& s, const Case& previous) {
  Case c = previous;
  GrowCase(s.growth, c);
  return c;
}

Case FinishYear(const Scenario& s, const YearPlan& plan, Case grown,
                const nofukin::Result& previous_result) {
  ApplyPlan(plan, s.municipal_items, grown);
  if (grown.relief.base_is_previous_year) SetReliefBase(previous_result, grown);
  return grown;
}

Case NextYearCase(const Scenario& s, const YearPlan& plan, const Case& previous,
                  const nofukin::Result& previous_result) {
  return FinishYear(s, plan, GrowYear(s, previous), previous_result);
}

}  // namespace kokuho::scenario
