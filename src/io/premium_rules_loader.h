// Loads the household levy's national rules for one fiscal year from
// data/premium/national.yaml (embedded in the binary; see that file for the format).
//
//   premium::NationalRules r = LoadNationalRules(2026);
#pragma once

#include <string>

#include "premium/rules.h"

namespace kokuho {

/// Rules in force in fiscal year `fy` (the embedded data file, or `path` when given).
/// Throws InputError for a malformed file and CalculationError for a year before the
/// file's first_fiscal_year.
premium::NationalRules LoadNationalRules(int fy, const std::string& path = "");

}  // namespace kokuho
