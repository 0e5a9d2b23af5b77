// 納付金基礎額 B_i: the formula allocation of C among municipalities
// (docs/nofukin-rules.md; guideline R3.9 §3(2), 算定政令 第9条–第11条):
//
//   w_i = {1 + α(ε_i − 1)} · {β·sI_i + e·sN_i + (1−e)·sH_i} / (1 + β)
//   γ   = 1 / Σ_j w_j            (rounded half-up to RoundingPolicy::gamma_decimals)
//   B_i = C · w_i · γ            (to the yen by the largest-remainder rule, Σ B_i = C)
//
// The rounding of γ leaves Σ C·w_i·γ off C by a proportional error; it is spread over the
// municipalities in proportion to their amounts before the yen rounding, so Σ B_i = C holds
// for any gamma_decimals (Allocation::closed; docs/nofukin-rules.md step 8).
//
// 2方式 allocation uses e = 1. Under the base-split reading of 高額医療費の共同
// 負担, the high-cost amount is allocated with α = 0 and its own γ, the rest with α.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "core/rational.h"
#include "core/yen.h"
#include "nofukin/model.h"

namespace kokuho::nofukin {

/// Per-municipality factors of one 分, in case order.
struct AllocationInputs {
  std::vector<std::int64_t> insured;     ///< N_i
  std::vector<std::int64_t> households;  ///< H_i
  std::vector<Rational> income;          ///< I_i
  std::vector<Rational> epsilon;         ///< ε_i (all 1 when α is not used)
};

/// The shares as the integer path forms them: numerators over one denominator per family
/// (sI_i = income[i] / income_den, …; see integer_allocation.h). The rates reuse them.
struct IntegerShares {
  std::vector<std::uint64_t> income, insured, households;
  std::uint64_t income_den = 0, insured_den = 0, households_den = 0;
};

struct Allocation {
  std::vector<Rational> share_insured, share_households, share_income;
  std::vector<Rational> weight;  ///< w_i (with α)
  Rational weight_sum, gamma_exact, gamma;
  std::vector<Rational> exact;      ///< C·w_i·γ (summed over both pieces under base split)
  Rational gamma_difference;        ///< C − Σ exact (what the rounding of γ left unallocated)
  std::vector<Rational> closed;     ///< exact × C / Σ exact: Σ closed = C exactly
  std::vector<Yen> base;            ///< B_i: closed to the yen by the largest-remainder rule
  Yen floor_sum = 0, residual = 0;  ///< Σ ⌊closed⌋ and C − that (0 ≤ residual < n)
  std::optional<IntegerShares> integer_shares;  ///< set by the integer path only
};

/// Shares N_i/ΣN (etc.), rounded half-up to `decimals` places when given.
std::vector<Rational> Shares(const std::vector<Rational>& values,
                             const std::optional<int>& decimals);

/// Allocates C for one 分. `alpha` is 0 for parts other than 医療分; `high_cost_amount`
/// is the base-split part of C (0 when not splitting). Computed in integers over one
/// common denominator (integer_allocation.h) when the inputs allow it, else with exact
/// rationals (AllocateBaseRational); both give the same Allocation. With `detail` false the
/// integer path leaves Allocation::weight, exact and closed empty (the rational path always
/// fills them).
Allocation AllocateBase(Yen c, const Rational& alpha, const Rational& beta,
                        const Rational& equal_share_index, Yen high_cost_amount,
                        const RoundingPolicy& rounding, const AllocationInputs& in,
                        bool detail = true);

/// The same allocation with GMP rationals throughout: the fallback of AllocateBase, and the
/// reference its integer path is tested against.
Allocation AllocateBaseRational(Yen c, const Rational& alpha, const Rational& beta,
                                const Rational& equal_share_index, Yen high_cost_amount,
                                const RoundingPolicy& rounding, const AllocationInputs& in);

}  // namespace kokuho::nofukin
