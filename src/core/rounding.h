// How a value is rounded, and the words users write for it.
//
// Every rounding in kokuho names its mode explicitly; there is no default hidden
// in arithmetic. Japanese ordinance wording maps as:
//   切り捨て (切捨て, 未満切捨て) -> kFloor     四捨五入 -> kHalfUp     切り上げ -> kCeil
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace kokuho {

enum class RoundingMode {
  kFloor,   ///< toward −∞ (切り捨て for the non-negative amounts kokuho rounds)
  kCeil,    ///< toward +∞ (切り上げ)
  kHalfUp,  ///< to nearest, halves away from zero (四捨五入)
};

/// Parses "floor", "ceil", "half_up" or the Japanese 切り捨て / 切り上げ / 四捨五入.
std::optional<RoundingMode> TryParseRoundingMode(std::string_view text);

/// "切り捨て", "切り上げ" or "四捨五入".
std::string RoundingModeLabel(RoundingMode mode);

}  // namespace kokuho
