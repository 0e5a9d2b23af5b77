// WideUint: a fixed-width unsigned integer (N 64-bit limbs) for exact sums and products that
// outgrow 128 bits, with no allocation and an overflow flag instead of wrapping.
//
// The 納付金 allocation (nofukin/integer_allocation.h) puts every municipality's weight over
// one common denominator per 分; its integer numerators are products of a handful of 64-bit
// factors (β's 13-decimal numerator, income and insured totals), about 160–200 bits. Only
// what that needs is here: building a number by multiplying by 64-bit factors, adding,
// subtracting, comparing, and an approximate value as long double (to guess a small quotient
// that is then checked exactly). Every operation that could leave the N limbs returns false,
// and the caller falls back to exact GMP rationals (core/rational.h).
//
//   WideUint<6> w(1'234'567);
//   bool ok = w.MulSmall(10'000'000'000'000ull) && w.Add(WideUint<6>(5));
#pragma once

#include <gmpxx.h>

#include <array>
#include <cmath>
#include <cstdint>

namespace kokuho {

template <int N>
class WideUint {
 public:
  WideUint() = default;
  explicit WideUint(std::uint64_t v) { limb_[0] = v; }

  /// *this *= f. False (value unspecified) when the product needs more than N limbs.
  [[nodiscard]] bool MulSmall(std::uint64_t f) {
    unsigned __int128 carry = 0;
    for (int k = 0; k < N; ++k) {
      const unsigned __int128 t = static_cast<unsigned __int128>(limb_[k]) * f + carry;
      limb_[k] = static_cast<std::uint64_t>(t);
      carry = t >> 64;
    }
    return carry == 0;
  }
  /// *this += o. False when the sum needs more than N limbs.
  [[nodiscard]] bool Add(const WideUint& o) {
    unsigned __int128 carry = 0;
    for (int k = 0; k < N; ++k) {
      const unsigned __int128 t = static_cast<unsigned __int128>(limb_[k]) + o.limb_[k] + carry;
      limb_[k] = static_cast<std::uint64_t>(t);
      carry = t >> 64;
    }
    return carry == 0;
  }
  /// *this −= o; requires *this ≥ o (the callers compare first).
  void Sub(const WideUint& o) {
    std::uint64_t borrow = 0;
    for (int k = 0; k < N; ++k) {
      const std::uint64_t a = limb_[k], b = o.limb_[k];
      const std::uint64_t d = a - b - borrow;
      borrow = (a < b || (a == b && borrow)) ? 1 : 0;
      limb_[k] = d;
    }
  }
  int Compare(const WideUint& o) const {
    for (int k = N - 1; k >= 0; --k)
      if (limb_[k] != o.limb_[k]) return limb_[k] < o.limb_[k] ? -1 : 1;
    return 0;
  }
  bool operator<(const WideUint& o) const { return Compare(o) < 0; }
  bool operator==(const WideUint& o) const { return Compare(o) == 0; }
  bool IsZero() const {
    for (int k = 0; k < N; ++k)
      if (limb_[k]) return false;
    return true;
  }
  /// The value to about 64 bits of precision (for estimates only).
  long double Approx() const {
    int top = N - 1;
    while (top > 0 && limb_[top] == 0) --top;
    // The two highest limbs carry more than long double's 64-bit mantissa.
    long double x = limb_[top];
    if (top == 0) return x;
    x = x * 18446744073709551616.0L + limb_[top - 1];
    return std::ldexp(x, 64 * (top - 1));
  }
  /// The exact value as a GMP integer (for the exact figures a trace or report asks for).
  mpz_class ToMpz() const {
    mpz_class z;
    mpz_import(z.get_mpz_t(), N, -1, sizeof(std::uint64_t), 0, 0, limb_.data());
    return z;
  }

 private:
  std::array<std::uint64_t, N> limb_{};
};

/// ⌊a·m / d⌋ for a quotient known to fit in int64 (d > 0), with the remainder a·m − q·d;
/// false when a·m or q·d leaves N limbs, or the quotient does not fit. The quotient is
/// estimated in long double and corrected exactly, so no wide division is needed.
template <int N>
[[nodiscard]] bool FloorDivSmallQuotient(const WideUint<N>& a, std::uint64_t m,
                                         const WideUint<N>& d, std::int64_t& q,
                                         WideUint<N>& remainder) {
  WideUint<N> prod = a;
  if (!prod.MulSmall(m)) return false;
  const long double est = prod.Approx() / d.Approx();
  if (!(est < 9.0e18L)) return false;  // also false for NaN
  std::uint64_t guess = static_cast<std::uint64_t>(est);
  if (guess > 0) --guess;  // start from below; the loop steps up
  WideUint<N> t = d;
  if (!t.MulSmall(guess)) return false;
  // The estimate is within a step or two of the quotient; more steps mean it was not
  // (a bug, never a silent answer): give up and let the caller take the GMP path.
  for (int steps = 0; prod < t; ++steps) {
    if (steps == 4 || guess == 0) return false;
    --guess;
    t.Sub(d);
  }
  prod.Sub(t);
  for (int steps = 0; !(prod < d); ++steps) {
    if (steps == 4) return false;
    prod.Sub(d);
    ++guess;
  }
  if (guess > static_cast<std::uint64_t>(INT64_MAX)) return false;
  q = static_cast<std::int64_t>(guess);
  remainder = prod;
  return true;
}

}  // namespace kokuho
