#include "cli/scenario_inputs.h"

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <algorithm>

#include "cli/premium_inputs.h"
#include "core/error.h"
#include "core/text.h"
#include "io/population_io.h"
#include "io/premium_rules_loader.h"
#include "io/rate_schedule_loader.h"
#include "scenario/sweep.h"

namespace kokuho::cli {
namespace {

std::vector<std::string> Split(const std::string& text, char sep) {
  std::vector<std::string> out(1);
  for (char ch : text) {
    if (ch == sep) {
      out.emplace_back();
    } else {
      out.back() += ch;
    }
  }
  return out;
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
  for (const std::string& code : out.population->municipalities) {
    const bool known = std::any_of(s.base.municipalities.begin(), s.base.municipalities.end(),
                                   [&](const auto& m) { return m.code.str() == code; });
    if (!known)
      throw InputError({s.households->population, 0, 0},
                       fmt::format("municipality {} of the population is not in the case", code));
  }
  scenario::HouseholdInputs in;
  in.population = out.population.get();
  in.rules = LoadNationalRules(first, "", policy);
  if (s.households->rule == scenario::RatesRule::kGiven)
    for (const auto& y : s.years) {
      in.given[y.year.year()] = LoadRateSchedules(s.households->rates, y.year.year());
      // Refused here at the cell (a missing 分, a cap above the 政令's), not by the panel.
      for (const premium::RateSchedule& schedule : in.given[y.year.year()])
        CompileSchedule(schedule, in.rules, s.households->rates);
    }
  out.inputs = std::move(in);
  return out;
}

scenario::Run RunWithHouseholds(scenario::Scenario& s, const std::string& population_override,
                                unsigned threads, const YearPolicy& policy) {
  ScenarioHouseholds h = LoadScenarioHouseholds(s, population_override, policy);
  scenario::RunOptions options;
  options.threads = threads;
  options.households = h.inputs ? &*h.inputs : nullptr;
  return scenario::RunScenario(s, options);
}

std::vector<Rational> ParseSweepAxis(const std::string& text, const std::string& option) {
  auto number = [&](std::string_view part) {
    auto v = Rational::TryParse(Trim(part));
    if (!v)
      throw CLI::ValidationError(option,
                                 "expected FROM:TO:STEP or a comma list of numbers, e.g. "
                                 "0:1:0.05");
    return *v;
  };
  const std::vector<std::string> colon = Split(text, ':');
  if (colon.size() == 3) {
    const Rational from = number(colon[0]), to = number(colon[1]), step = number(colon[2]);
    if (step.Sign() <= 0 || to < from)
      throw CLI::ValidationError(option, "expected FROM ≤ TO and a STEP above 0");
    return scenario::RangeValues(from, to, step);
  }
  if (colon.size() != 1) throw CLI::ValidationError(option, "expected FROM:TO:STEP");
  std::vector<Rational> out;
  for (const auto& part : Split(text, ',')) out.push_back(number(part));
  return out;
}

}  // namespace kokuho::cli
