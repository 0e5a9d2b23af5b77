#include "core/yen.h"

#include <fmt/format.h>

namespace kokuho {

std::string FormatYen(Yen amount) {
  bool negative = amount < 0;
  // Work on the unsigned magnitude so INT64_MIN is safe.
  std::uint64_t magnitude = negative ? ~static_cast<std::uint64_t>(amount) + 1 : amount;
  std::string digits = std::to_string(magnitude);
  std::string out;
  int lead = static_cast<int>(digits.size() % 3);
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i != 0 && (static_cast<int>(i) - lead) % 3 == 0) out += ',';
    out += digits[i];
  }
  return negative ? "-" + out : out;
}

std::optional<Yen> TryAddYen(Yen a, Yen b) {
  Yen out;
  if (__builtin_add_overflow(a, b, &out)) return std::nullopt;
  return out;
}

std::optional<Yen> TrySubYen(Yen a, Yen b) {
  Yen out;
  if (__builtin_sub_overflow(a, b, &out)) return std::nullopt;
  return out;
}

std::optional<Yen> TryMulYen(Yen a, std::int64_t b) {
  Yen out;
  if (__builtin_mul_overflow(a, b, &out)) return std::nullopt;
  return out;
}

namespace {

std::string OverflowMessage(std::string_view what) {
  return fmt::format(
      "{}: 計算結果が扱える金額の範囲 (±9,223,372,036,854,775,807円) を超えます。金額を確かめて"
      "ください",
      what);
}

Yen OrThrow(std::optional<Yen> v, const SourcePos& pos, std::string_view what) {
  if (!v) throw InputError(pos, OverflowMessage(what));
  return *v;
}

Yen OrThrow(std::optional<Yen> v, std::string_view what) {
  if (!v) throw CalculationError(OverflowMessage(what));
  return *v;
}

}  // namespace

void ThrowYenOverflow(const SourcePos& pos, std::string_view what) {
  if (pos.file.empty()) throw CalculationError(OverflowMessage(what));
  throw InputError(pos, OverflowMessage(what));
}

Yen AddYen(Yen a, Yen b, const SourcePos& pos, std::string_view what) {
  return OrThrow(TryAddYen(a, b), pos, what);
}
Yen SubYen(Yen a, Yen b, const SourcePos& pos, std::string_view what) {
  return OrThrow(TrySubYen(a, b), pos, what);
}
Yen MulYen(Yen a, std::int64_t b, const SourcePos& pos, std::string_view what) {
  return OrThrow(TryMulYen(a, b), pos, what);
}
Yen AddYen(Yen a, Yen b, std::string_view what) { return OrThrow(TryAddYen(a, b), what); }
Yen SubYen(Yen a, Yen b, std::string_view what) { return OrThrow(TrySubYen(a, b), what); }
Yen MulYen(Yen a, std::int64_t b, std::string_view what) { return OrThrow(TryMulYen(a, b), what); }

}  // namespace kokuho
