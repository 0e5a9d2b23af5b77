#include "incentive/prevention.h"

#include <algorithm>

#include "core/largest_remainder.h"
#include "incentive/scoring.h"

namespace kokuho::incentive {

PreventionAllocation AllocatePrevention(const PreventionRule& rule,
                                        const std::vector<PreventionBody>& bodies, Yen budget) {
  if (budget < 0) throw CalculationError("事業費連動: 予算は0以上にしてください");
  PreventionAllocation a;
  Rational weight_sum = 0;
  for (const PreventionBody& b : bodies) {
    if (b.points.Sign() < 0 || b.insured < 1)
      throw CalculationError("事業費連動: 点数は0以上、被保険者数は1以上にしてください");
    a.weights.push_back(b.points * Rational(b.insured));
    weight_sum += a.weights.back();
    if (rule.cap_multiple) {
      if (!b.project_grant)
        throw CalculationError("事業費連動: 上限の計算には、すべての都道府県の事業費分が必要です");
      // Caps are whole yen: floor of multiple × 事業費分 (exact for the R7 multiple 2).
      a.caps.push_back((*rule.cap_multiple * Rational(*b.project_grant)).Floor());
    } else {
      a.caps.push_back(std::nullopt);
    }
  }
  if (weight_sum.IsZero())
    throw CalculationError("事業費連動: 総得点 (点数 × 被保険者数) がすべて0で、配分できません");
  a.uncapped = AllocateProportionally(budget, a.weights);
  if (rule.cap_multiple) {
    std::vector<Yen> caps;
    for (const auto& c : a.caps) caps.push_back(*c);
    a.grants = AllocateWithCaps(budget, a.weights, caps);
  } else {
    a.grants = a.uncapped;
  }
  for (size_t i = 0; i < bodies.size(); ++i)
    a.at_cap.push_back(a.caps[i] && a.grants[i] == *a.caps[i]);
  return a;
}

}  // namespace kokuho::incentive
