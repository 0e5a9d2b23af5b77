// Rational: an exact fraction, for coefficients, shares and rates.
//
// Guideline coefficients arrive as decimals with up to 13 places (β, γ) and
// shares are ratios of integers; kokuho keeps all of them exact (GMP mpq) and
// rounds only where a rule says so. Example:
//
//   Rational beta = Rational::ParseDecimal("0.8027351341274");
//   Rational share = Rational(40'000'000'000) / Rational(54'500'000'000);
//   Yen b = (c * share).Floor();                    // explicit 切り捨て
//   Rational g = gamma.RoundToDecimals(13, RoundingMode::kHalfUp);
#pragma once

#include <gmpxx.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/rounding.h"
#include "core/yen.h"

namespace kokuho {

class Rational {
 public:
  Rational() = default;
  Rational(std::int64_t value);  // NOLINT: implicit from integers is intended
  Rational(std::int64_t numerator, std::int64_t denominator);
  explicit Rational(mpq_class value) : value_(std::move(value)) { value_.canonicalize(); }

  /// Parses "0.75", "-1.5", "93.25%" (percent divides by 100), "1/3", "12" exactly.
  /// Accepts no exponent and no thousands separators. Returns nullopt on anything else.
  static std::optional<Rational> TryParse(std::string_view text);
  /// Like TryParse, but throws std::invalid_argument (for literals in code and tests).
  static Rational Parse(std::string_view text);

  Rational operator+(const Rational& o) const {
    return Rational(mpq_class(value_ + o.value_), kCanonical);
  }
  Rational operator-(const Rational& o) const {
    return Rational(mpq_class(value_ - o.value_), kCanonical);
  }
  Rational operator*(const Rational& o) const {
    return Rational(mpq_class(value_ * o.value_), kCanonical);
  }
  /// Division by zero throws CalculationError.
  Rational operator/(const Rational& o) const;
  Rational operator-() const { return Rational(mpq_class(-value_), kCanonical); }
  Rational& operator+=(const Rational& o) {
    value_ += o.value_;
    return *this;
  }
  Rational& operator-=(const Rational& o) {
    value_ -= o.value_;
    return *this;
  }
  auto operator<=>(const Rational& o) const { return cmp(value_, o.value_) <=> 0; }
  bool operator==(const Rational& o) const { return value_ == o.value_; }

  bool IsZero() const { return sgn(value_) == 0; }
  int Sign() const { return sgn(value_); }

  /// Rounds to an integer number of yen with the given mode. Throws CalculationError
  /// if the result does not fit in int64.
  Yen ToYen(RoundingMode mode) const;
  Yen Floor() const { return ToYen(RoundingMode::kFloor); }
  /// Rounds to a multiple of `unit` yen (1, 10, 100 …).
  Yen ToYenUnit(Yen unit, RoundingMode mode) const;
  /// Rounds to `places` decimal places (e.g. γ to 13, 所得割率 in % to 2).
  Rational RoundToDecimals(int places, RoundingMode mode) const;

  /// Exact decimal text with `places` digits after the point, rounded half-up for display.
  std::string ToDecimalString(int places) const;
  /// Like ToDecimalString, with thousands separators in the integer part ("1,234.50").
  std::string ToGroupedString(int places) const;
  /// Shortest exact text: "0.75", or "1/3" when the value has no finite decimal form.
  std::string ToString() const;
  double ToDouble() const { return value_.get_d(); }
  const mpq_class& raw() const { return value_; }

 private:
  struct CanonicalTag {};
  static constexpr CanonicalTag kCanonical{};
  Rational(mpq_class value, CanonicalTag) : value_(std::move(value)) {}
  mpq_class value_{0};
};

}  // namespace kokuho
