#include "nofukin/relief.h"

#include <algorithm>

#include "core/largest_remainder.h"

namespace kokuho::nofukin {

ReliefOutcome ComputeRelief(const ReliefPolicy& policy,
                            const std::vector<ReliefCandidate>& candidates) {
  const size_t n = candidates.size();
  ReliefOutcome out;
  out.need.assign(n, 0);
  out.relief.assign(n, 0);
  out.contribution.assign(n, 0);
  out.limit.assign(n, std::nullopt);
  out.summary.enabled = policy.enabled;
  for (const auto& pool : policy.pools) out.summary.pools.push_back({pool.name, pool.budget, 0});
  if (!policy.enabled) return out;

  const Rational one(1);
  std::vector<Yen> need(n, 0), offer(n, 0);
  for (size_t i = 0; i < n; ++i) {
    const ReliefCandidate& c = candidates[i];
    if (!c.base) continue;
    const Rational base(*c.base);
    const Rational limit = base * (one + policy.natural_growth + policy.allowance);
    out.limit[i] = limit;
    const Rational scale = Rational(c.insured) * c.conversion;
    if (c.metric > limit) need[i] = ((c.metric - limit) * scale).ToYen(RoundingMode::kCeil);
    // A municipality above its cap never also gives up a decrease (possible only when the
    // cap lies below the floor, which the loader refuses).
    if (policy.decrease_floor && need[i] == 0) {
      const Rational floor_limit = base * (one + *policy.decrease_floor);
      if (c.metric < floor_limit) offer[i] = ((floor_limit - c.metric) * scale).Floor();
    }
  }
  Yen total_need = 0, total_offer = 0, total_budget = 0;
  for (size_t i = 0; i < n; ++i) total_need += need[i], total_offer += offer[i];
  for (const auto& pool : policy.pools) total_budget += pool.budget;
  ReliefSummary& s = out.summary;
  s.needed = total_need;
  out.need = need;
  for (Yen v : need) s.municipalities_relieved += v > 0 ? 1 : 0;

  const Yen available = total_offer + total_budget;
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
