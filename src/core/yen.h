// Yen: an amount of money in whole yen. Never a double.
//
// kokuho keeps every amount as an integer number of yen (int64: ±9.2e18 yen is
// far beyond any 国保 budget). Fractions of a yen exist only inside exact
// rational intermediates (core/rational.h) and become yen through an explicit,
// documented rounding (core/rounding.h).
#pragma once

#include <cstdint>
#include <string>

namespace kokuho {

/// Whole yen. Plain int64 so that arrays of it stay columnar and cheap.
using Yen = std::int64_t;

/// "1,234,567" (thousands separators, minus sign for negatives).
std::string FormatYen(Yen amount);

}  // namespace kokuho
