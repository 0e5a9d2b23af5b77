#include "core/rounding.h"

namespace kokuho {

std::optional<RoundingMode> TryParseRoundingMode(std::string_view text) {
  if (text == "floor" || text == "切り捨て" || text == "切捨て" || text == "切捨")
    return RoundingMode::kFloor;
  if (text == "ceil" || text == "切り上げ" || text == "切上げ" || text == "切上")
    return RoundingMode::kCeil;
  if (text == "half_up" || text == "四捨五入") return RoundingMode::kHalfUp;
  return std::nullopt;
}

std::string RoundingModeLabel(RoundingMode mode) {
  switch (mode) {
    case RoundingMode::kFloor:
      return "切り捨て";
    case RoundingMode::kCeil:
      return "切り上げ";
    case RoundingMode::kHalfUp:
      return "四捨五入";
  }
  return "?";
}

}  // namespace kokuho
