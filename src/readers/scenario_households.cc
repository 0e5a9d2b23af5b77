#include "readers/scenario_households.h"

#include <fmt/format.h>

#include <algorithm>

#include "core/error.h"
#include "readers/population_io.h"
#include "readers/premium_rules_loader.h"
#include "readers/rate_schedule_loader.h"

namespace kokuho {
namespace {

/// The rules and rates of the panel for `population` (already loaded).
void FillInputs(scenario::Scenario& s, const premium::Population& population,
                const std::string& name, const YearPolicy& policy, ScenarioHouseholds& out) {
  const int first = s.years.front().year.year();
  for (const std::string& code : population.municipalities) {
    const bool known = std::any_of(s.base.municipalities.begin(), s.base.municipalities.end(),
                                   [&](const auto& m) { return m.code.str() == code; });
    if (!known)
      throw InputError({name, 0, 0},
                       fmt::format("被保険者ファイルの団体コード {} は事例にない市町村です", code));
  }
  scenario::HouseholdInputs in;
  in.population = &population;
  in.rules = LoadNationalRules(first, "", policy);
  if (s.households->rule == scenario::RatesRule::kGiven)
    for (const auto& y : s.years) {
      in.given[y.year.year()] = LoadRateSchedules(s.households->rates, y.year.year());
      // Refused here at the cell (a missing 分, a cap above the 政令's), not by the panel.
      for (const premium::RateSchedule& schedule : in.given[y.year.year()])
        CompileRateSchedule(schedule, in.rules, s.households->rates);
    }
  out.inputs = std::move(in);
}

}  // namespace

ScenarioHouseholds LoadScenarioHouseholds(scenario::Scenario& s, const std::string& override_path,
                                          const YearPolicy& policy) {
  ScenarioHouseholds out;
  if (!override_path.empty()) {
    if (!s.households) s.households = scenario::HouseholdPlan{};
    s.households->population = override_path;
  }
  if (!s.households) return out;
  const int first = s.years.front().year.year();
  out.population =
      std::make_unique<premium::Population>(ReadPopulation(s.households->population, first));
  FillInputs(s, *out.population, s.households->population, policy, out);
  return out;
}

ScenarioHouseholds ScenarioHouseholdsFor(scenario::Scenario& s,
                                         const premium::Population& population,
                                         const std::string& name, const YearPolicy& policy) {
  ScenarioHouseholds out;
  if (!s.households) s.households = scenario::HouseholdPlan{};
  FillInputs(s, population, name, policy, out);
  return out;
}

scenario::Run RunScenarioWithHouseholds(scenario::Scenario& s,
                                        const std::string& population_override, unsigned threads,
                                        const YearPolicy& policy) {
  ScenarioHouseholds h = LoadScenarioHouseholds(s, population_override, policy);
  scenario::RunOptions options;
  options.threads = threads;
  options.households = h.inputs ? &*h.inputs : nullptr;
  return scenario::RunScenario(s, options);
}

}  // namespace kokuho
