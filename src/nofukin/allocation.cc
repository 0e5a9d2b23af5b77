#include "nofukin/allocation.h"

#include "core/error.h"
#include "core/largest_remainder.h"
#include "nofukin/integer_allocation.h"

namespace kokuho::nofukin {
namespace {

template <typename T>
std::vector<Rational> ToRationals(const std::vector<T>& v) {
  return std::vector<Rational>(v.begin(), v.end());
}

}  // namespace

std::vector<Rational> Shares(const std::vector<Rational>& values,
                             const std::optional<int>& decimals) {
  Rational total(0);
  for (const auto& v : values) total += v;
  if (total.IsZero())
    throw CalculationError(
        "按分の基になる値 (被保険者数・世帯数・所得・資産のどれか) の合計が0のため、シェアを"
        "計算できません。市町村表の値を確かめてください");
  std::vector<Rational> shares;
  shares.reserve(values.size());
  for (const auto& v : values) {
    Rational s = v / total;
    // Optional share rounding (docs/nofukin-rules.md, Q4): published γ ≠ 1 for 支援/介護 implies
    // shares rounded at about 10 decimals before γ.
    shares.push_back(decimals ? s.RoundToDecimals(*decimals, RoundingMode::kHalfUp) : s);
  }
  return shares;
}

Allocation AllocateBase(Yen c, const Rational& alpha, const Rational& beta,
                        const Rational& equal_share_index, Yen high_cost_amount,
                        const RoundingPolicy& rounding, const AllocationInputs& in, bool detail) {
  if (auto fast = TryAllocateBaseInteger(c, alpha, beta, equal_share_index, high_cost_amount,
                                         rounding, in, detail))
    return std::move(*fast);
  return AllocateBaseRational(c, alpha, beta, equal_share_index, high_cost_amount, rounding, in);
}

Allocation AllocateBaseRational(Yen c, const Rational& alpha, const Rational& beta,
                                const Rational& equal_share_index, Yen high_cost_amount,
                                const RoundingPolicy& rounding, const AllocationInputs& in) {
  const size_t n = in.insured.size();
  Allocation a;
  a.share_insured = Shares(ToRationals(in.insured), rounding.share_decimals);
  a.share_households = Shares(ToRationals(in.households), rounding.share_decimals);
  a.share_income = Shares(in.income, rounding.share_decimals);

  // Per-part constants hoisted out of the loop: β/(1+β), e/(1+β), (1−e)/(1+β), C·γ.
  const Rational& e = equal_share_index;
  const Rational one(1);
  const Rational one_plus_beta = one + beta;
  const Rational k_income = beta / one_plus_beta, k_insured = e / one_plus_beta,
                 k_households = (one - e) / one_plus_beta;
  const Rational one_minus_alpha = one - alpha;
  const bool use_alpha = !alpha.IsZero();
  const bool split = high_cost_amount != 0;
  std::vector<Rational> income_factor(n);  // {β·sI + e·sN + (1−e)·sH} / (1+β)
  a.weight.resize(n);
  Rational plain_sum(0);
  a.weight_sum = Rational(0);
  for (size_t i = 0; i < n; ++i) {
    income_factor[i] = k_income * a.share_income[i] + k_insured * a.share_insured[i] +
                       k_households * a.share_households[i];
    // 医療費指数反映: 1 + α(ε_i − 1) = (1 − α) + α·ε_i (guideline §3(2); α = 0 outside 医療分).
    a.weight[i] =
        use_alpha ? (one_minus_alpha + alpha * in.epsilon[i]) * income_factor[i] : income_factor[i];
    a.weight_sum += a.weight[i];
    if (split) plain_sum += income_factor[i];
  }
  // γ 基礎額調整係数 closes Σ B_i = C (算定政令 第9条第8項; 納付金等省令).
  a.gamma_exact = one / a.weight_sum;
  a.gamma = a.gamma_exact.RoundToDecimals(rounding.gamma_decimals, RoundingMode::kHalfUp);
  Rational plain_gamma =
      split ? (one / plain_sum).RoundToDecimals(rounding.gamma_decimals, RoundingMode::kHalfUp)
            : Rational(0);
  const Rational rest_gamma = Rational(c - high_cost_amount) * a.gamma;
  const Rational shared_gamma = Rational(high_cost_amount) * plain_gamma;
  a.exact.resize(n);
  for (size_t i = 0; i < n; ++i) {
    a.exact[i] = rest_gamma * a.weight[i];
    if (split) a.exact[i] += shared_gamma * income_factor[i];
  }
  // Σ C·w_i·γ from the sums already known (cheaper than adding n exact rationals).
  const Rational exact_sum =
      split ? rest_gamma * a.weight_sum + shared_gamma * plain_sum : rest_gamma * a.weight_sum;
  // The rounding of γ leaves Σ C·w_i·γ = C·γ·Σw a little off C (by C × at most half a unit of
  // γ's last place: < 0.01円 at 13 places on a 10兆円 total, tens or hundreds of yen at 8).
  // That difference is a proportional error of γ, so it is spread over the municipalities in
  // proportion to their amounts (closed_i = C·w_i·γ × C / Σ C·w_j·γ); the closed amounts add
  // up to C exactly, and the yen rounding below (floor, then the residual yen one each to the
  // largest fractions, docs/nofukin-rules.md [D]) then always closes Σ B_i = C, for every accepted
  // gamma_decimals (issue 12 item 7).
  a.gamma_difference = Rational(c) - exact_sum;
  if (a.gamma_difference.IsZero() || exact_sum.IsZero()) {
    a.closed = a.exact;
  } else {
    const Rational scale = Rational(c) / exact_sum;
    a.closed.reserve(n);
    for (const auto& x : a.exact) a.closed.push_back(x * scale);
  }
  a.base = AllocateLargestRemainder(a.closed, c);
  for (const auto& x : a.closed) a.floor_sum = AddYen(a.floor_sum, x.Floor(), "Σ⌊B_i⌋");
  a.residual = c - a.floor_sum;
  return a;
}

}  // namespace kokuho::nofukin
