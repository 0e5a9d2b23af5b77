// What `kokuho scenario run` and `kokuho report` read besides the scenario file: the
// household population, the national rules of the first year and, for RatesRule::kGiven,
// each year's rate schedules.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/parameter_notes.h"
#include "core/rational.h"
#include "premium/population.h"
#include "scenario/run.h"
#include "scenario/scenario.h"

namespace kokuho::cli {

struct ScenarioHouseholds {
  std::unique_ptr<premium::Population> population;
  std::optional<scenario::HouseholdInputs> inputs;  ///< points into population
};

/// Loads the population named by `override_path`, else by the scenario's households
/// section; nothing when neither is given. A municipality of the population missing from
/// the case is an InputError naming the population file.
/// `policy` decides whether the national levy rules of a year past the data files may be
/// carried forward (--carry-forward).
ScenarioHouseholds LoadScenarioHouseholds(scenario::Scenario& s, const std::string& override_path,
                                          const YearPolicy& policy);

/// Runs `s` with its households (LoadScenarioHouseholds) on `threads` (0 = all cores).
scenario::Run RunWithHouseholds(scenario::Scenario& s, const std::string& population_override,
                                unsigned threads, const YearPolicy& policy);

/// "0:1:0.05" (from, to inclusive, step) or "0.5,0.75,1"; exact decimals. A CLI11
/// validation error naming `option` otherwise.
std::vector<Rational> ParseSweepAxis(const std::string& text, const std::string& option);

}  // namespace kokuho::cli
