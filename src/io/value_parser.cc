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
  // The value is never repeated: an amount may be a household's income (personal figure).
  if (Trim(text).empty())
    throw InputError(pos, fmt::format("{}: 値がありません。金額 (円) を入力してください", what));
  auto v = TryParseNumber(text);
  if (!v)
    throw InputError(pos,
                     fmt::format("{}: 金額を整数 (円) で入力してください (例: 4,800,000)", what));
  if (v->raw().get_den() != 1)
    throw InputError(pos, fmt::format("{}: 円未満の端数のない整数で入力してください", what));
  // At most 18 digits (kMaxInputYen), as the message says: int64 would take 19, but sums of a
  // few such amounts would then overflow before any check could name them.
  if (!v->raw().get_num().fits_slong_p() || v->Floor() > kMaxInputYen || v->Floor() < -kMaxInputYen)
    throw InputError(
        pos, fmt::format("{}: 金額が大きすぎます (19桁以上)。18桁以下で入力してください", what));
  Yen y = v->Floor();
  if (y < min_value)
    throw InputError(
        pos, fmt::format("{}: {}円以上の金額を入力してください", what, FormatYen(min_value)));
  return y;
}

std::int64_t ParseCount(std::string_view text, const SourcePos& pos, const std::string& what,
                        std::int64_t min_value) {
  if (Trim(text).empty())
    throw InputError(pos, fmt::format("{}: 値がありません。整数を入力してください", what));
  auto v = TryParseNumber(text);
  if (!v || v->raw().get_den() != 1)
    throw InputError(pos, fmt::format("{}: 整数で入力してください (例: 1,234)", what));
  if (!v->raw().get_num().fits_slong_p() || v->Floor() > kMaxInputYen || v->Floor() < -kMaxInputYen)
    throw InputError(
        pos, fmt::format("{}: 数が大きすぎます (19桁以上)。18桁以下で入力してください", what));
  std::int64_t n = v->Floor();
  if (n < min_value)
    throw InputError(pos, fmt::format("{}: {}以上の整数を入力してください ({})", what, min_value,
                                      n == 0  ? "0 になっています"
                                      : n < 0 ? "負の数になっています"
                                              : "小さすぎます"));
  return n;
}

std::string RateRangeText(RateRange range) {
  switch (range) {
    case RateRange::kZeroToOne:
      return "0以上1以下";
    case RateRange::kOpenZeroToOne:
      return "0より大きく1以下";
    case RateRange::kOpenInterval:
      return "0より大きく1未満";
    case RateRange::kZeroToBelowOne:
      return "0以上1未満";
    case RateRange::kPositive:
      return "0より大きい";
    case RateRange::kAny:
      return "";
  }
  return "";
}

Rational ParseRate(std::string_view text, const SourcePos& pos, const std::string& what,
                   RateRange range) {
  if (Trim(text).empty())
    throw InputError(pos, fmt::format("{}: 値がありません。小数か百分率 (例: 0.5、50%) を入力"
                                      "してください",
                                      what));
  // "0以上1以下の値", "0より大きい値" (an adjective takes no の).
  const std::string expected = range == RateRange::kAny        ? ""
                               : range == RateRange::kPositive ? RateRangeText(range)
                                                               : RateRangeText(range) + "の";
  auto v = TryParseNumber(text);
  if (!v)
    throw InputError(pos, fmt::format("{}: {}は数として読めません。{}小数か百分率 (例: 0.5、"
                                      "50%) を入力してください",
                                      what, Quoted(text), expected));
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
    throw InputError(pos, fmt::format("{}: {}は範囲外です。{}値を入力してください", what,
                                      Quoted(text), expected));
  return *v;
}

}  // namespace kokuho

namespace kokuho {

std::int64_t ParseMillionths(std::string_view text, const SourcePos& pos, const std::string& what,
                             const Rational& max) {
  const Rational v = ParseRate(text, pos, what, RateRange::kZeroToOne);
  if (v > max)
    throw InputError(pos, fmt::format("{}: {}は大きすぎます。{}以下の値を入力してください", what,
                                      Quoted(text), max.ToDecimalString(2)));
  const Rational scaled = v * Rational(1'000'000);
  if (scaled != Rational(scaled.Floor()))
    throw InputError(pos, fmt::format("{}: {}は小数点以下が7桁以上あります。小数点以下6桁までで"
                                      "入力してください (例: 0.072500 または 7.25%)",
                                      what, Quoted(text)));
  return scaled.Floor();
}

}  // namespace kokuho
