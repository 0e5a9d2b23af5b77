#include "core/yen.h"

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

}  // namespace kokuho
