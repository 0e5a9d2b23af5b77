// Which 分 are levied in a fiscal year: data/nofukin/parts.yaml (embedded at build time,
// format docs/parameters.md).
#pragma once

#include <vector>

#include "core/fiscal_year.h"
#include "core/parameter_notes.h"
#include "core/part.h"

namespace kokuho {

/// The 分 in force in `year`, in the canonical order (医療, 支援, 介護, 子ども); empty before
/// the first entry (FY2018). Notes any unconfirmed value used.
std::vector<Part> PartsInForce(FiscalYear year, ParameterNotes& notes);

/// The first fiscal year in which `p` is levied (for messages).
FiscalYear FirstYearLevied(Part p);

}  // namespace kokuho
