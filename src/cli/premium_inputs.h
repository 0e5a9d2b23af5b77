// Inputs shared by the household levy commands (levy, microsim, solve-rates): the fiscal
// year, the national rules and the rate schedules, with the warnings users must see.
#pragma once

#include <string>
#include <vector>

#include "premium/rules.h"
#include "premium/schedule.h"

namespace kokuho::cli {

/// The --rates default: the bundled synthetic rates of the sample prefecture.
std::string DefaultRatesPath();

/// A 団体コード from the command line (5 or 6 digits); InputError naming `option`.
std::string ParseMunicipalityOption(const std::string& text, const std::string& option);

/// The schedule of `code` among `schedules`; InputError naming the rates file when absent.
const premium::RateSchedule& FindSchedule(const std::vector<premium::RateSchedule>& schedules,
                                          const std::string& code, const std::string& rates_path,
                                          int year);

/// Compiles a schedule; a schedule the year's rules refuse (a 分 without rates, a cap above
/// the national one) is an InputError naming the rates file and the municipality.
premium::CompiledSchedule CompileSchedule(const premium::RateSchedule& s,
                                          const premium::NationalRules& rules,
                                          const std::string& rates_path);

}  // namespace kokuho::cli
