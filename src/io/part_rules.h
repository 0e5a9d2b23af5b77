// Which 分 are levied in a fiscal year: data/nofukin/parts.yaml (embedded at build time).
#pragma once

#include <string>
#include <vector>

#include "core/fiscal_year.h"
#include "core/part.h"

namespace kokuho {

struct PartRule {
  Part part;
  int from_fiscal_year = 0;
  std::string source;  ///< the law that introduced it
};

/// The rules of data/nofukin/parts.yaml, in file order.
const std::vector<PartRule>& PartRules();

/// The 分 in force in `year`, in the canonical order (医療, 支援, 介護, 子ども).
std::vector<Part> PartsInForce(FiscalYear year);

}  // namespace kokuho
