// What `kokuho scenario run` and `kokuho report` read besides the scenario file (loaded by
// readers/scenario_households.h), and the sweep axes of the command line.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/parameter_notes.h"
#include "core/rational.h"
#include "premium/population.h"
#include "readers/scenario_households.h"
#include "scenario/run.h"
#include "scenario/scenario.h"

namespace kokuho::cli {

/// Runs `s` with its households (readers/scenario_households.h) on `threads` (0 = all cores).
scenario::Run RunWithHouseholds(scenario::Scenario& s, const std::string& population_override,
                                unsigned threads, const YearPolicy& policy);

/// "0:1:0.05" (from, to inclusive, step) or "0.5,0.75,1"; exact decimals. A CLI11
/// validation error naming `option` otherwise.
std::vector<Rational> ParseSweepAxis(const std::string& text, const std::string& option);

}  // namespace kokuho::cli
