// A household levy's explanation (`kokuho levy --explain`, the web calculator, Python): the
// steps of core/trace.h, built from the prepared household and its levy after they are
// computed (premium/levy.cc, premium/prepare.cc). A levy step carries its heading, the worked
// arithmetic in Japanese ("給与収入 3,000,000円 → 別表第五 … = 2,020,000円") and the rule's
// source (law, notice, data file entry), which may be empty.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "core/trace.h"

namespace kokuho::premium {

using Explanation = std::vector<TraceStep>;

/// One levy step: `step` is the heading ("世帯員1 給与所得", "医療分 均等割"), `arithmetic`
/// the worked figures.
inline TraceStep LevyLine(std::string step, std::string arithmetic, std::string source) {
  TraceStep t;
  t.step = std::move(step);
  t.formula = std::move(arithmetic);
  t.source = std::move(source);
  return t;
}

}  // namespace kokuho::premium
