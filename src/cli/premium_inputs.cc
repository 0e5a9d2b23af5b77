#include "cli/premium_inputs.h"

#include <fmt/format.h>

#include <iostream>

#include "cli/commands.h"
#include "core/error.h"
#include "core/fiscal_year.h"
#include "core/municipality_code.h"

namespace kokuho::cli {

std::string DefaultRatesPath() { return ExamplesDir() + "/levy/rates-gunma-sample.csv"; }

std::string ParseMunicipalityOption(const std::string& text, const std::string& option) {
  auto code = MunicipalityCode::TryParse(text);
  if (!code)
    throw InputError({option, 0, 0},
                     "expected a 団体コード of 6 digits with a valid check digit (or 5 digits)");
  return code->str();
}

const premium::RateSchedule& FindSchedule(const std::vector<premium::RateSchedule>& schedules,
                                          const std::string& code, const std::string& rates_path,
                                          int year) {
  for (const auto& s : schedules)
    if (s.municipality == code) return s;
  throw InputError({rates_path, 0, 0},
                   fmt::format("no rates for 団体コード {} in fiscal year {}", code, year));
}

premium::CompiledSchedule CompileSchedule(const premium::RateSchedule& s,
                                          const premium::NationalRules& rules,
                                          const std::string& rates_path) {
  try {
    return premium::Compile(s, rules);
  } catch (const premium::ScheduleError& e) {
    // At the cell of the rate file: the 分 of a row not levied this year, the cap above the
    // 政令's, or for a missing 分 the first row of the municipality's year.
    const int p = static_cast<int>(e.part());
    SourcePos at = e.kind() == premium::ScheduleError::kMissingPart     ? s.cells.first_part
                   : e.kind() == premium::ScheduleError::kPartNotLevied ? s.cells.part[p]
                                                                        : s.cells.cap[p];
    if (at.file.empty()) at = {rates_path, 0, 0};
    throw InputError(at, e.what());
  }
}

}  // namespace kokuho::cli
