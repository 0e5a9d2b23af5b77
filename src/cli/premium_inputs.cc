#include "cli/premium_inputs.h"

#include <fmt/format.h>

#include <iostream>

#include "cli/commands.h"
#include "core/error.h"
#include "core/fiscal_year.h"
#include "core/municipality_code.h"
#include "readers/rate_schedule_loader.h"

namespace kokuho::cli {

std::string DefaultRatesPath() { return ExamplesDir() + "/levy/rates-gunma-sample.csv"; }

std::string ParseMunicipalityOption(const std::string& text, const std::string& option) {
  auto code = MunicipalityCode::TryParse(text);
  if (!code) throw InputError({option, 0, 0}, MunicipalityCodeProblem(text));
  return code->str();
}

const premium::RateSchedule& FindSchedule(const std::vector<premium::RateSchedule>& schedules,
                                          const std::string& code, const std::string& rates_path,
                                          int year) {
  return FindRateSchedule(schedules, code, rates_path, year);
}

premium::CompiledSchedule CompileSchedule(const premium::RateSchedule& s,
                                          const premium::NationalRules& rules,
                                          const std::string& rates_path) {
  return CompileRateSchedule(s, rules, rates_path);
}

}  // namespace kokuho::cli
