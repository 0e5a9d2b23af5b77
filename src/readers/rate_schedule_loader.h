// Loads municipal rate schedules (one row per municipality × fiscal year × 分) from CSV
// or xlsx (docs/rates-format.md).
//
//   std::vector<premium::RateSchedule> s = LoadRateSchedules("rates.csv", 2026);
#pragma once

#include <string>
#include <vector>

#include "premium/rules.h"
#include "premium/schedule.h"

namespace kokuho {

/// The schedules of fiscal year `fiscal_year` (rows of other years are checked and
/// skipped). Throws InputError at the cell for a malformed value, a 分 given twice, or
/// inconsistent 料/税 or rounding settings within one municipality.
std::vector<premium::RateSchedule> LoadRateSchedules(const std::string& path, int fiscal_year);

/// The schedule of `code` among `schedules`; InputError naming the rates file when absent.
const premium::RateSchedule& FindRateSchedule(const std::vector<premium::RateSchedule>& schedules,
                                              const std::string& code,
                                              const std::string& rates_path, int fiscal_year);

/// Compiles a schedule; a schedule the year's rules refuse (a 分 without rates, a cap above
/// the national one) is an InputError at the cell of the rates file.
premium::CompiledSchedule CompileRateSchedule(const premium::RateSchedule& s,
                                              const premium::NationalRules& rules,
                                              const std::string& rates_path);

}  // namespace kokuho
