#include "core/rational.h"

#include <limits>
#include <stdexcept>

#include "core/error.h"
#include "core/gmp_pool.h"

namespace kokuho {
namespace {

[[maybe_unused]] const bool gmp_pool_installed = (InstallGmpPool(), true);

mpz_class Pow10(int places) {
  mpz_class p;
  mpz_ui_pow_ui(p.get_mpz_t(), 10, static_cast<unsigned long>(places));
  return p;
}

// Integer rounding of num/den (den > 0) with the given mode.
mpz_class RoundQuotient(const mpz_class& num, const mpz_class& den, RoundingMode mode) {
  mpz_class q;
  switch (mode) {
    case RoundingMode::kFloor:
      mpz_fdiv_q(q.get_mpz_t(), num.get_mpz_t(), den.get_mpz_t());
      return q;
    case RoundingMode::kCeil:
      mpz_cdiv_q(q.get_mpz_t(), num.get_mpz_t(), den.get_mpz_t());
      return q;
    case RoundingMode::kHalfUp: {
      // |x| + 1/2, floored, sign restored: halves go away from zero (四捨五入).
      mpz_class abs_num = abs(num);
      mpz_class twice = 2 * abs_num + den;
      mpz_fdiv_q(q.get_mpz_t(), twice.get_mpz_t(), mpz_class(2 * den).get_mpz_t());
      return sgn(num) < 0 ? mpz_class(-q) : q;
    }
  }
  return q;
}

Yen ToInt64(const mpz_class& z) {
  if (!z.fits_slong_p()) throw CalculationError("金額が扱える範囲 (64ビットの円) を超えます");
  return static_cast<Yen>(z.get_si());
}

bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

Rational::Rational(std::int64_t value) : value_(mpz_class(static_cast<long>(value))) {}

Rational::Rational(std::int64_t numerator, std::int64_t denominator) {
  if (denominator == 0)
    throw CalculationError("0で割る計算になりました (割る数の元になる値が0です)");
  value_ =
      mpq_class(mpz_class(static_cast<long>(numerator)), mpz_class(static_cast<long>(denominator)));
  value_.canonicalize();
}

std::optional<Rational> Rational::TryParse(std::string_view text) {
  if (text.empty()) return std::nullopt;
  bool percent = false;
  if (text.back() == '%') {
    percent = true;
    text.remove_suffix(1);
    if (text.empty()) return std::nullopt;  // "%" alone (text[0] below would be out of range)
  }
  if (auto slash = text.find('/'); slash != std::string_view::npos && !percent) {
    auto num = TryParse(text.substr(0, slash));
    auto den = TryParse(text.substr(slash + 1));
    if (!num || !den || den->IsZero()) return std::nullopt;
    return *num / *den;
  }
  bool negative = false;
  size_t i = 0;
  if (text[0] == '-' || text[0] == '+') {
    negative = text[0] == '-';
    i = 1;
  }
  std::string digits;
  int decimals = 0;
  bool seen_point = false, seen_digit = false;
  for (; i < text.size(); ++i) {
    char c = text[i];
    if (IsAsciiDigit(c)) {
      digits += c;
      seen_digit = true;
      if (seen_point) ++decimals;
    } else if (c == '.' && !seen_point) {
      seen_point = true;
    } else {
      return std::nullopt;
    }
  }
  if (!seen_digit) return std::nullopt;
  mpz_class num(digits, 10);
  if (negative) num = -num;
  mpz_class den = Pow10(decimals + (percent ? 2 : 0));
  return Rational(mpq_class(num, den));
}

Rational Rational::Parse(std::string_view text) {
  auto r = TryParse(text);
  if (!r) throw std::invalid_argument("not a decimal number: " + std::string(text));
  return *r;
}

Rational Rational::operator/(const Rational& o) const {
  if (o.IsZero()) throw CalculationError("0で割る計算になりました (割る数の元になる値が0です)");
  return Rational(mpq_class(value_ / o.value_), kCanonical);
}

Yen Rational::ToYen(RoundingMode mode) const {
  return ToInt64(RoundQuotient(value_.get_num(), value_.get_den(), mode));
}

Yen Rational::ToYenUnit(Yen unit, RoundingMode mode) const {
  if (unit <= 0) throw CalculationError("rounding unit must be positive");
  mpz_class q = RoundQuotient(value_.get_num(), value_.get_den() * unit, mode);
  return ToInt64(q * unit);
}

Rational Rational::RoundToDecimals(int places, RoundingMode mode) const {
  mpz_class scale = Pow10(places);
  mpz_class q = RoundQuotient(value_.get_num() * scale, value_.get_den(), mode);
  return Rational(mpq_class(q, scale));
}

std::string Rational::ToDecimalString(int places) const {
  mpz_class scale = Pow10(places);
  mpz_class q = RoundQuotient(value_.get_num() * scale, value_.get_den(), RoundingMode::kHalfUp);
  bool negative = sgn(q) < 0;
  std::string digits = mpz_class(abs(q)).get_str();
  if (places > 0) {
    if (static_cast<int>(digits.size()) <= places)
      digits.insert(0, static_cast<size_t>(places) + 1 - digits.size(), '0');
    digits.insert(digits.size() - static_cast<size_t>(places), ".");
  }
  return negative ? "-" + digits : digits;
}

std::string Rational::ToGroupedString(int places) const {
  std::string plain = ToDecimalString(places);
  size_t start = plain[0] == '-' ? 1 : 0;
  size_t point = plain.find('.');
  if (point == std::string::npos) point = plain.size();
  for (size_t i = point; i > start + 3; i -= 3) plain.insert(i - 3, ",");
  return plain;
}

std::string Rational::ToString() const {
  // A finite decimal exists iff the reduced denominator has only factors 2 and 5.
  mpz_class den = value_.get_den();
  int twos = 0, fives = 0;
  while (mpz_divisible_ui_p(den.get_mpz_t(), 2)) den /= 2, ++twos;
  while (mpz_divisible_ui_p(den.get_mpz_t(), 5)) den /= 5, ++fives;
  if (den != 1) return value_.get_str();
  std::string s = ToDecimalString(std::max(twos, fives));
  return s;
}

}  // namespace kokuho
