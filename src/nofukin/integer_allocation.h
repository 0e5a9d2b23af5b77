// The 納付金基礎額 allocation (allocation.h) in integers: every weight over one common
// denominator per 分, with no GMP rational in the loop over municipalities.
//
// With α = a/Dα, β = b/Dβ, e = g/De, ε_i = P_i/Lε (Lε the lcm of the ε denominators) and the
// shares sI_i = X_i/DX, sN_i = N_i/DN, sH_i = H_i/DH (DX = ΣX etc., or 10^d when the shares are
// rounded to d places), the weight of allocation.h is
//
//   w_i = U_i·F_i / Q,   U_i = (Dα − a)·Lε + a·P_i                   ({1 + α(ε_i − 1)}·Dα·Lε)
//                        F_i = b·De·X_i·DN·DH + Dβ·g·N_i·DX·DH + Dβ·(De − g)·H_i·DX·DN
//                        Q   = Dα·Lε·(Dβ + b)·De·DX·DN·DH,
//
// so W_i = U_i·F_i is an integer (about 160–200 bits for a prefecture: core/wide_uint.h).
// Then, exactly as the rational path:
//   γ·10^d = ⌊(2·10^d·Q + ΣW) / (2·ΣW)⌋          (half-up to RoundingPolicy::gamma_decimals)
//   closed_i = C·w_i·γ × C / Σ_j C·w_j·γ = C·W_i / ΣW   (γ cancels: allocation.h's closing)
//   B_i = ⌊C·W_i / ΣW⌋, then the residual yen one each to the largest remainders
//         C·W_i mod ΣW (one denominator, so the order is an integer comparison; ties keep
//         case order, as core/largest_remainder.h).
// Every product and sum is checked; when a value leaves the integer range (a very long
// decimal, ε with unrelated denominators, the base-split reading of 高額医療費, negative
// inputs), TryAllocateBaseInteger returns nullopt and AllocateBase takes the rational path,
// which gives the same Allocation (tests/nofukin/integer_allocation_test.cc).
#pragma once

#include <optional>

#include "nofukin/allocation.h"

namespace kokuho::nofukin {

/// AllocateBase in integers, or nullopt when the inputs leave the integer path. With
/// `detail` false, Allocation::weight, exact and closed are left empty (the per-municipality
/// exact figures only a trace or the Python module reads); everything else is filled.
std::optional<Allocation> TryAllocateBaseInteger(Yen c, const Rational& alpha, const Rational& beta,
                                                 const Rational& equal_share_index,
                                                 Yen high_cost_amount,
                                                 const RoundingPolicy& rounding,
                                                 const AllocationInputs& in, bool detail);

}  // namespace kokuho::nofukin
