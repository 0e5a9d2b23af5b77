#include "nofukin/relief.h"

#include <algorithm>

#include "core/largest_remainder.h"

namespace kokuho::nofukin {
namespace {

Yen Sum(const std::vector<Yen>& v, std::string_view what) {
  Yen s = 0;
  for (Yen x : v) s = AddYen(s, x, what);
  return s;
}

// `total` ≤ Σ parts split over the 分 in proportion to `parts` (largest remainder); each
// share stays ≤ its part (a quota below an integer part rounds to at most that part).
std::vector<Yen> SplitOverParts(Yen total, const std::vector<Yen>& parts, Yen parts_total) {
  if (total == parts_total) return parts;
  return AllocateProportionally(total, std::vector<Rational>(parts.begin(), parts.end()));
}

}  // namespace

ReliefOutcome ComputeRelief(const ReliefPolicy& policy,
                            const std::vector<ReliefCandidate>& candidates) {
  const size_t n = candidates.size();
  ReliefOutcome out;
  out.need.assign(n, 0);
  out.relief.assign(n, 0);
  out.contribution.assign(n, 0);
  out.limit.assign(n, std::nullopt);
  out.relief_parts.resize(n);
  out.contribution_parts.resize(n);
  for (size_t i = 0; i < n; ++i) {
    out.relief_parts[i].assign(candidates[i].per_part.size(), 0);
    out.contribution_parts[i].assign(candidates[i].per_part.size(), 0);
  }
  out.summary.enabled = policy.enabled;
  for (const auto& pool : policy.pools)
    out.summary.pools.push_back({pool.name, pool.budget, 0, pool.account});
  if (!policy.enabled) return out;

  const Rational one(1);
  std::vector<Yen> need(n, 0), offer(n, 0);
  std::vector<std::vector<Yen>> need_parts(n), offer_parts(n);
  for (size_t i = 0; i < n; ++i) {
    const ReliefCandidate& c = candidates[i];
    need_parts[i].assign(c.per_part.size(), 0);
    offer_parts[i].assign(c.per_part.size(), 0);
    if (!c.base) continue;
    const Rational base(*c.base);
    const Rational limit = base * (one + policy.natural_growth + policy.allowance);
    out.limit[i] = limit;
    const Rational insured(c.insured);
    if (c.metric > limit) {
      // E = (metric − limit) × N; each 分 rounded up (切り上げ) so the limit holds exactly.
      const Rational excess = (c.metric - limit) * insured;
      for (size_t k = 0; k < c.per_part.size(); ++k)
        need_parts[i][k] = (excess * c.per_part[k]).ToYen(RoundingMode::kCeil);
      need[i] = Sum(need_parts[i], "激変緩和 所要額");
    }
    // A municipality above its cap never also gives up a decrease (possible only when the
    // cap lies below the floor, which the loader refuses).
    if (policy.decrease_floor && need[i] == 0) {
      const Rational floor_limit = base * (one + *policy.decrease_floor);
      if (c.metric < floor_limit) {
        // Each 分 rounded down (切り捨て), so the metric never rises above the floor.
        const Rational room = (floor_limit - c.metric) * insured;
        for (size_t k = 0; k < c.per_part.size(); ++k)
          offer_parts[i][k] = (room * c.per_part[k]).Floor();
        offer[i] = Sum(offer_parts[i], "激変緩和 下げ幅抑制額");
      }
    }
  }
  const Yen total_need = Sum(need, "Σ激変緩和 所要額");
  const Yen total_offer = Sum(offer, "Σ下げ幅抑制額");
  Yen total_budget = 0;
  for (const auto& pool : policy.pools)
    total_budget = AddYen(total_budget, pool.budget, "transition_relief.pools: Σ budget_yen");
  ReliefSummary& s = out.summary;
  s.needed = total_need;
  out.need = need;
  for (Yen v : need) s.municipalities_relieved += v > 0 ? 1 : 0;

  const Yen available = AddYen(total_offer, total_budget, "激変緩和の財源 (下げ幅抑制 + Σ財源)");
  Yen granted_total = total_need;
  if (available < total_need) {
    // Short of funds: every need granted in the same proportion (documented above).
    s.short_of_funds = true;
    s.pro_rata = Rational(available) / Rational(total_need);
    granted_total = available;
    out.relief = AllocateProportionally(available, std::vector<Rational>(need.begin(), need.end()));
  } else {
    out.relief = need;
  }
  // Held-back decreases fund relief first, only as far as needed.
  const Yen from_offers = std::min(total_offer, granted_total);
  if (from_offers > 0)
    out.contribution =
        AllocateProportionally(from_offers, std::vector<Rational>(offer.begin(), offer.end()));
  for (size_t i = 0; i < n; ++i) {
    out.relief_parts[i] = SplitOverParts(out.relief[i], need_parts[i], need[i]);
    out.contribution_parts[i] = SplitOverParts(out.contribution[i], offer_parts[i], offer[i]);
  }
  s.contributions = from_offers;
  Yen remaining = granted_total - from_offers;
  for (auto& draw : s.pools) {
    draw.drawn = std::min(draw.budget, remaining);
    remaining -= draw.drawn;
  }
  s.granted = granted_total;
  return out;
}

}  // namespace kokuho::nofukin
