// Small helpers of the integer paths (integer_allocation.h, integer_rates.h): checked
// 64-bit products and sums, rationals as small num/den pairs, and the rounding of a wide
// ratio as core/rational.h rounds. Each returns false instead of overflowing; the caller
// then takes the rational path.
#pragma once

#include <cstdint>
#include <numeric>

#include "core/rational.h"
#include "core/rounding.h"
#include "core/wide_uint.h"

namespace kokuho::nofukin::integer {

using u64 = std::uint64_t;
using u128 = unsigned __int128;
constexpr u64 kMax = static_cast<u64>(INT64_MAX);  // values also become int64 Rationals

/// A non-negative rational as num/den with both ≤ int64 max.
inline bool Small(const Rational& r, u64& num, u64& den) {
  const mpq_class& q = r.raw();
  if (sgn(q) < 0 || !q.get_num().fits_slong_p() || !q.get_den().fits_slong_p()) return false;
  num = q.get_num().get_ui();
  den = q.get_den().get_ui();
  return true;
}

inline bool Mul(u64 a, u64 b, u64& out) {
  return !__builtin_mul_overflow(a, b, &out) && out <= kMax;
}
inline bool Add(u64 a, u64 b, u64& out) {
  return !__builtin_add_overflow(a, b, &out) && out <= kMax;
}

/// lcm(a, b) ≤ limit.
inline bool Lcm(u64 a, u64 b, u64 limit, u64& out) {
  const u64 g = std::gcd(a, b);
  return Mul(a / g, b, out) && out <= limit;
}

inline bool Pow10(int places, u64& out) {
  if (places < 0 || places > 18) return false;
  out = 1;
  for (int k = 0; k < places; ++k) out *= 10;
  return true;
}

/// num·scale / (den·unit) rounded to an integer with `mode` (num, den ≥ 0), as
/// Rational's RoundQuotient: 切り捨て ⌊x⌋, 切り上げ ⌈x⌉, 四捨五入 ⌊x + 1/2⌋ (x ≥ 0).
template <int N>
bool RoundRatio(WideUint<N> num, WideUint<N> den, u64 scale, u64 unit, RoundingMode mode,
                std::int64_t& out) {
  if (den.IsZero() || !num.MulSmall(scale) || !den.MulSmall(unit)) return false;
  WideUint<N> rem;
  switch (mode) {
    case RoundingMode::kFloor:
      return FloorDivSmallQuotient(num, 1, den, out, rem);
    case RoundingMode::kCeil:
      if (!FloorDivSmallQuotient(num, 1, den, out, rem)) return false;
      if (!rem.IsZero()) {
        if (out == INT64_MAX) return false;
        ++out;
      }
      return true;
    case RoundingMode::kHalfUp:
      if (!num.MulSmall(2) || !num.Add(den) || !den.MulSmall(2)) return false;
      return FloorDivSmallQuotient(num, 1, den, out, rem);
  }
  return false;
}

}  // namespace kokuho::nofukin::integer
