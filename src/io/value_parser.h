// Typed values from users' text (YAML scalars and table cells), with errors that
// name the place and what was expected. Accepts 全角 digits, thousands separators
// ("1,234,567") and percentages ("93.5%"). Messages never echo the value (it may be
// a personal figure); they say what was expected.
//
//   Yen y = ParseYen(cell.text, cell.pos, "被保険者数");       // "７０,５１２" -> 70512
//   Rational r = ParseRate(cell.text, cell.pos, "標準的な収納率", RateRange::kOpenZeroToOne);
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.h"
#include "core/rational.h"
#include "core/yen.h"

namespace kokuho {

/// "1,234.5", "１２３", "93.5%", "-3" → exact value; nullopt if not a number.
std::optional<Rational> TryParseNumber(std::string_view text);

/// Whole yen ≥ min_value (a fraction of a yen is an error).
Yen ParseYen(std::string_view text, const SourcePos& pos, const std::string& what,
             Yen min_value = 0);

/// A count (people, households) ≥ 1 (or ≥ min_value).
std::int64_t ParseCount(std::string_view text, const SourcePos& pos, const std::string& what,
                        std::int64_t min_value = 1);

/// Allowed range of a rate or coefficient.
enum class RateRange {
  kZeroToOne,       ///< [0, 1]     (α)
  kOpenZeroToOne,   ///< (0, 1]     (収納率, 均等割割合)
  kOpenInterval,    ///< (0, 1)     (e under 3方式, 応能割合)
  kZeroToBelowOne,  ///< [0, 1)     (資産割割合)
  kPositive,        ///< (0, ∞)     (β, ε)
  kAny,             ///< any number (自然増, allowance)
};

/// A decimal or percentage within `range`.
Rational ParseRate(std::string_view text, const SourcePos& pos, const std::string& what,
                   RateRange range);

/// "[0, 1]" etc., for messages.
std::string RateRangeText(RateRange range);

}  // namespace kokuho

namespace kokuho {

/// A rate in [0, max] as an exact count of millionths ("7.25%" → 72'500; "0.0725" the
/// same). A rate finer than one millionth is an error (kokuho computes levies with exact
/// integer millionths).
std::int64_t ParseMillionths(std::string_view text, const SourcePos& pos, const std::string& what,
                             const Rational& max = Rational(1));

}  // namespace kokuho
