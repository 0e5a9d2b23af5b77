#include "cli/serve_inputs.h"

#include <exception>
#include <map>

#include "core/error.h"
#include "core/parameter_notes.h"
#include "readers/case_loader.h"
#include "readers/premium_rules_loader.h"
#include "readers/rate_schedule_loader.h"
#include "readers/scenario_loader.h"

namespace kokuho::cli {
namespace {

// The years tried for the household calculator: from the 2018 reform to the last year
// data/premium/national.yaml knows (the loop stops at the first year past known_through).
constexpr int kFirstLevyYear = 2018;
constexpr int kLastLevyYear = 2040;

std::map<int, server::LevyYear> LoadLevyYears(const std::string& rates_path) {
  std::map<int, server::LevyYear> years;
  std::exception_ptr last_error;
  for (int y = kFirstLevyYear; y <= kLastLevyYear; ++y) {
    premium::NationalRules rules;
    try {
      rules = LoadNationalRules(y);
    } catch (const CalculationError&) {
      continue;  // no national rules for this year
    } catch (const YearNotKnownError&) {
      break;  // past the years data/premium/national.yaml knows (docs/parameters.md)
    }
    // A year the file has no rows for is an InputError too; a malformed file fails every
    // year, and the last error is reported below.
    try {
      auto schedules = LoadRateSchedules(rates_path, y);
      if (!schedules.empty())
        years.emplace(y, server::LevyYear{std::move(rules), std::move(schedules)});
    } catch (const InputError&) {
      last_error = std::current_exception();
    }
  }
  if (years.empty()) {
    if (last_error) std::rethrow_exception(last_error);
    throw InputError({rates_path, 0, 0},
                     "料率表のどの年度にも、kokuho に国の規則 (賦課限度額・軽減判定など) "
                     "がありません。料率表の年度を確かめてください");
  }
  return years;
}

}  // namespace

server::AppData LoadServeData(const std::string& case_path, const std::string& rates_path,
                              const std::string& scenario_path) {
  std::optional<scenario::Run> run;
  if (!scenario_path.empty()) run = scenario::RunScenario(LoadScenario(scenario_path), {});
  return server::MakeAppData(
      LoadCase(case_path),
      rates_path.empty() ? std::map<int, server::LevyYear>{} : LoadLevyYears(rates_path),
      std::move(run));
}

}  // namespace kokuho::cli
