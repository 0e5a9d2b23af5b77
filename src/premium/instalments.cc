#include "premium/instalments.h"

#include <stdexcept>

namespace kokuho::premium {

std::vector<Yen> SplitInstalments(Yen total, int count, Yen unit) {
  if (count < 1 || count > kMaxInstalments)
    throw std::invalid_argument("instalments: expected a count from 1 to 12");
  if (unit < 1) throw std::invalid_argument("instalments: expected a unit of at least 1 yen");
  if (total < 0) throw std::invalid_argument("instalments: expected a total >= 0");
  // 地方税法 20条の4の2 第6項: each share rounded down to the unit (切り捨て), the fractions
  // (and shares wholly under the unit) added to the first 納期.
  const Yen share = total / count / unit * unit;
  std::vector<Yen> out(static_cast<size_t>(count), share);
  out[0] = total - share * (count - 1);
  return out;
}

}  // namespace kokuho::premium
