// Reading 保険者努力支援制度 inputs: the indicator definitions of a fiscal year
// (data/incentive/definitions.yaml, embedded at build time, or a user's file of the same
// form, docs/parameters.md),
// the municipality data table (CSV or xlsx, wide or long) and an optional national
// average file. Formats: docs/incentive-format.md.
//
//   incentive::IncentiveRules r = LoadIncentiveRules(FiscalYear(2021));
//   std::vector<incentive::Entity> e = LoadIncentiveData("examples/incentive-sample/data.csv", r);
//   NationalAverage avg = LoadNationalAverage("national_r3.yaml", r);
//
// Every problem is an InputError naming file, line and column; nothing is guessed and
// no value is defaulted. The loader asserts that the indicator maxima add up to the
// total the source states (市町村分 R3: 1,000; 都道府県分 R3: 296).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/fiscal_year.h"
#include "core/parameter_notes.h"
#include "core/rational.h"
#include "incentive/national_average.h"
#include "incentive/rules.h"
#include "incentive/scoring.h"
#include "io/table.h"

namespace kokuho {

/// The embedded definitions for `year` (data/incentive/definitions.yaml, an entry per
/// 評価年度); an InputError naming the years available when there is none, and a
/// YearNotKnownError past the last one unless `policy` carries it forward.
incentive::IncentiveRules LoadIncentiveRules(FiscalYear year, const YearPolicy& policy = {});

/// Definitions from a user's file of the same format (UTF-8 or CP932): the entry in force
/// in `year`.
incentive::IncentiveRules LoadIncentiveRulesFile(const std::string& path, FiscalYear year,
                                                 const YearPolicy& policy = {});

/// Definitions from YAML text; `file` names it in messages.
incentive::IncentiveRules ParseIncentiveRules(const std::string& utf8, const std::string& file,
                                              FiscalYear year, const YearPolicy& policy = {});

/// The fiscal years with embedded definitions.
std::vector<FiscalYear> IncentiveYears();

/// The municipality data (and optionally the prefecture's row, 団体コード ending in
/// 000 + check digit) as entities; every value the rules need must be given.
std::vector<incentive::Entity> ReadIncentiveData(const Table& table,
                                                 const incentive::IncentiveRules& rules);
std::vector<incentive::Entity> LoadIncentiveData(const std::string& path,
                                                 const incentive::IncentiveRules& rules);

/// National average points per indicator and in total (incentive/national_average.h).
incentive::NationalAverage LoadNationalAverage(const std::string& path,
                                               const incentive::IncentiveRules& rules);

}  // namespace kokuho
