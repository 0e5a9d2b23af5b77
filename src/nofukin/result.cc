#include "nofukin/result.h"

namespace kokuho::nofukin {

const PartResult* Result::part(Part p) const {
  for (const auto& pr : parts)
    if (pr.part == p) return &pr;
  return nullptr;
}

Yen Result::nofukin_total() const {
  Yen total = 0;
  for (const auto& m : municipalities) total = AddYen(total, m.nofukin_total, "Σ納付金");
  return total;
}

}  // namespace kokuho::nofukin
