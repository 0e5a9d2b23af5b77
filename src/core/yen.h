// Yen: an amount of money in whole yen. Never a double.
//
// kokuho keeps every amount as an integer number of yen (int64: ±9.2e18 yen is
// far beyond any 国保 budget). Fractions of a yen exist only inside exact
// rational intermediates (core/rational.h) and become yen through an explicit,
// documented rounding (core/rounding.h).
//
// Sums and products of yen are checked: an overflow is an input error at the position
// of the value that caused it, never a wrap (int64 overflow is undefined behaviour and,
// in practice, a plausible wrong total). The Try forms return nullopt so a caller can
// name that position itself; the throwing forms take the position (InputError) or,
// where the amount has none, only a description (CalculationError).
//
//   Yen total = 0;
//   for (const auto& e : expenses) total = AddYen(total, e.amount, e.pos, "歳出の合計");
//   if (auto s = TryAddYen(a, b); !s) throw InputError(pos, "…");
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.h"

namespace kokuho {

/// Whole yen. Plain int64 so that arrays of it stay columnar and cheap.
using Yen = std::int64_t;

/// The largest amount a user may write: 18 digits (999,999,999,999,999,999 yen). Readers
/// refuse more, so that a handful of input amounts can be added without reaching the
/// int64 limit and the "more than 18 digits" message means what it says.
inline constexpr Yen kMaxInputYen = 999'999'999'999'999'999;

/// "1,234,567" (thousands separators, minus sign for negatives).
std::string FormatYen(Yen amount);

/// a + b, a − b, a × b; nullopt when the result leaves int64.
[[nodiscard]] std::optional<Yen> TryAddYen(Yen a, Yen b);
[[nodiscard]] std::optional<Yen> TrySubYen(Yen a, Yen b);
[[nodiscard]] std::optional<Yen> TryMulYen(Yen a, std::int64_t b);

/// a + b (a − b, a × b); throws InputError at `pos`: "<what>: the result exceeds the range
/// of 64-bit yen (±9,223,372,036,854,775,807円)". `pos` is where the amount that made it
/// overflow was written.
Yen AddYen(Yen a, Yen b, const SourcePos& pos, std::string_view what);
Yen SubYen(Yen a, Yen b, const SourcePos& pos, std::string_view what);
Yen MulYen(Yen a, std::int64_t b, const SourcePos& pos, std::string_view what);

/// Throws the overflow error of the forms above: InputError at `pos`, or CalculationError when
/// `pos` names no file. For callers that check with the Try forms and build their message only
/// when it fails (loops over every municipality or household).
[[noreturn]] void ThrowYenOverflow(const SourcePos& pos, std::string_view what);

/// The same for amounts with no position in a user's file (derived figures): throws
/// CalculationError naming `what`.
Yen AddYen(Yen a, Yen b, std::string_view what);
Yen SubYen(Yen a, Yen b, std::string_view what);
Yen MulYen(Yen a, std::int64_t b, std::string_view what);

}  // namespace kokuho
