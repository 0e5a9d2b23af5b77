#include "io/value_parser.h"

#include <fmt/format.h>

#include "core/text.h"

namespace kokuho {
namespace {

// Removes thousands separators only where they group digits by three ("1,234,567").
std::optional<std::string> StripThousands(std::string_view s) {
  if (s.find(',') == std::string_view::npos) return std::string(s);
  size_t start = (!s.empty() && (s[0] == '-' || s[0] == '+')) ? 1 : 0;
  size_t end = s.find('.');
  if (end == std::string_view::npos) end = s.size();
  std::string_view integer = s.substr(start, end - start);
  std::string digits;
  size_t group = 0;
  bool first = true;
  for (size_t i = 0; i <= integer.size(); ++i) {
    if (i == integer.size() || integer[i] == ',') {
      if ((first && (group == 0 || group > 3)) || (!first && group != 3)) return std::nullopt;
      first = false;
      group = 0;
      continue;
    }
    digits += integer[i];
    ++group;
  }
  return std::string(s.substr(0, start)) + digits + std::string(s.substr(end));
}

}  // namespace

std::optional<Rational> TryParseNumber(std::string_view raw) {
  std::string normalized = NormalizeWidth(Trim(raw));
  auto stripped = StripThousands(Trim(normalized));
  if (!stripped || stripped->empty()) return std::nullopt;
  if (stripped->find('/') != std::string::npos) return std::nullopt;  // no fractions from users
  return Rational::TryParse(*stripped);
}

Yen ParseYen(std::string_view text, const SourcePos& pos, const std::string& what, Yen min_value) {
  if (Trim(text).empty()) throw InputError(pos, fmt::format("{}: a value is required (yen)", what));
  auto v = TryParseNumber(text);
  if (!v) throw InputError(pos, fmt::format("{}: expected an amount in whole yen", what));
  if (v->raw().get_den() != 1)
    throw InputError(pos, fmt::format("{}: expected whole yen (no fraction of a yen)", what));
  // At most 18 digits (kMaxInputYen), as the message says: int64 would take 19, but sums of a
  // few such amounts would then overflow before any check could name them.
  if (!v->raw().get_num().fits_slong_p() || v->Floor() > kMaxInputYen || v->Floor() < -kMaxInputYen)
    throw InputError(pos, fmt::format("{}: the amount is too large (more than 18 digits)", what));
  Yen y = v->Floor();
  if (y < min_value)
    throw InputError(pos, fmt::format("{}: expected an amount ≥ {}", what, FormatYen(min_value)));
  return y;
}

std::int64_t ParseCount(std::string_view text, const SourcePos& pos, const std::string& what,
                        std::int64_t min_value) {
  if (Trim(text).empty()) throw InputError(pos, fmt::format("{}: a value is required", what));
  auto v = TryParseNumber(text);
  if (!v || v->raw().get_den() != 1)
    throw InputError(pos, fmt::format("{}: expected a whole number", what));
  if (!v->raw().get_num().fits_slong_p() || v->Floor() > kMaxInputYen || v->Floor() < -kMaxInputYen)
    throw InputError(pos, fmt::format("{}: the number is too large (more than 18 digits)", what));
  std::int64_t n = v->Floor();
  if (n < min_value)
    throw InputError(pos,
                     fmt::format("{}: expected a number ≥ {} (found a {} value)", what, min_value,
                                 n == 0  ? "zero"
                                 : n < 0 ? "negative"
                                         : "smaller"));
  return n;
}

std::string RateRangeText(RateRange range) {
  switch (range) {
    case RateRange::kZeroToOne:
      return "in [0, 1]";
    case RateRange::kOpenZeroToOne:
      return "in (0, 1]";
    case RateRange::kOpenInterval:
      return "in (0, 1)";
    case RateRange::kZeroToBelowOne:
      return "in [0, 1)";
    case RateRange::kPositive:
      return "greater than 0";
    case RateRange::kAny:
      return "a number";
  }
  return "";
}

Rational ParseRate(std::string_view text, const SourcePos& pos, const std::string& what,
                   RateRange range) {
  if (Trim(text).empty()) throw InputError(pos, fmt::format("{}: a value is required", what));
  auto v = TryParseNumber(text);
  if (!v)
    throw InputError(
        pos, fmt::format("{}: expected a decimal or a percentage {}", what, RateRangeText(range)));
  const Rational zero(0), one(1);
  bool ok = true;
  switch (range) {
    case RateRange::kZeroToOne:
      ok = *v >= zero && *v <= one;
      break;
    case RateRange::kOpenZeroToOne:
      ok = *v > zero && *v <= one;
      break;
    case RateRange::kOpenInterval:
      ok = *v > zero && *v < one;
      break;
    case RateRange::kZeroToBelowOne:
      ok = *v >= zero && *v < one;
      break;
    case RateRange::kPositive:
      ok = *v > zero;
      break;
    case RateRange::kAny:
      break;
  }
  if (!ok)
    throw InputError(pos, fmt::format("{}: expected a value {} (found {})", what,
                                      RateRangeText(range), v->ToDecimalString(4)));
  return *v;
}

}  // namespace kokuho

namespace kokuho {

std::int64_t ParseMillionths(std::string_view text, const SourcePos& pos, const std::string& what,
                             const Rational& max) {
  const Rational v = ParseRate(text, pos, what, RateRange::kZeroToOne);
  if (v > max)
    throw InputError(pos, fmt::format("{}: expected at most {}", what, max.ToDecimalString(2)));
  const Rational scaled = v * Rational(1'000'000);
  if (scaled != Rational(scaled.Floor()))
    throw InputError(pos, fmt::format("{}: expected at most 6 decimal places (e.g. 0.072500 or "
                                      "7.25%)",
                                      what));
  return scaled.Floor();
}

}  // namespace kokuho
