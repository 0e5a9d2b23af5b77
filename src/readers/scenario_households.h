// What a roadmap run reads besides the scenario file (docs/scenario-format.md,
// "Households"): the household population, the national levy rules of the first year and,
// for RatesRule::kGiven, each year's rate schedules. Shared by `kokuho scenario run`,
// `kokuho report` and the Python module.
//
//   scenario::Scenario s = LoadScenario("examples/gunma-roadmap/scenario.yaml");
//   scenario::Run run = RunScenarioWithHouseholds(s, "pop.kpop", 0, YearPolicy{true});
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "core/parameter_notes.h"
#include "premium/population.h"
#include "scenario/run.h"
#include "scenario/scenario.h"

namespace kokuho {

struct ScenarioHouseholds {
  std::unique_ptr<premium::Population> population;
  std::optional<scenario::HouseholdInputs> inputs;  ///< points into population
};

/// Loads the population named by `override_path`, else by the scenario's households
/// section; nothing when neither is given. A municipality of the population missing from
/// the case is an InputError naming the population file. `policy` decides whether the
/// national levy rules of a year past the data files may be carried forward.
ScenarioHouseholds LoadScenarioHouseholds(scenario::Scenario& s, const std::string& override_path,
                                          const YearPolicy& policy);

/// The same with a population already in memory (`population` must outlive the result's
/// use; the scenario's households section gives the rates rule). `name` stands for the
/// population in messages.
ScenarioHouseholds ScenarioHouseholdsFor(scenario::Scenario& s,
                                         const premium::Population& population,
                                         const std::string& name, const YearPolicy& policy);

/// Runs `s` with its households (LoadScenarioHouseholds) on `threads` (0 = all cores).
scenario::Run RunScenarioWithHouseholds(scenario::Scenario& s,
                                        const std::string& population_override, unsigned threads,
                                        const YearPolicy& policy);

}  // namespace kokuho
