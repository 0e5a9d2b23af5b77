// Loads the household levy's national rules for one fiscal year from
// data/premium/national.yaml (embedded in the binary; format: docs/parameters.md).
//
//   premium::NationalRules r = LoadNationalRules(2026);
#pragma once

#include <string>

#include "core/parameter_notes.h"
#include "premium/rules.h"

namespace kokuho {

/// Rules in force in fiscal year `fy` (the embedded data file, or `path` when given).
/// Throws InputError for a malformed file, YearNotKnownError for a year past the file's
/// known_through unless `policy` carries the last values forward (then r.notes says so),
/// and CalculationError for a year before the first entry.
premium::NationalRules LoadNationalRules(int fy, const std::string& path = "",
                                         const YearPolicy& policy = {});

/// The last fiscal year every series of the embedded national rules is known for (the
/// default year of commands such as `kokuho synth` and the demo).
FiscalYear LastKnownLevyYear();

}  // namespace kokuho
