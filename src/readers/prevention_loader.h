// Reading the inputs of `kokuho incentive allocate` (予防・健康づくり支援交付金
// 事業費連動分): the allocation rule of a fiscal year (data/incentive/prevention.yaml,
// embedded, or a user's file of the same form) and the prefecture table (CSV or xlsx).
// Format: docs/incentive-format.md §6. Every problem is an InputError at file:line:column.
//
//   incentive::PreventionRule r = LoadPreventionRule(FiscalYear(2025));
//   auto bodies = LoadPreventionData("examples/incentive-sample/prevention_r7.csv", r);
#pragma once

#include <string>
#include <vector>

#include "core/fiscal_year.h"
#include "core/parameter_notes.h"
#include "incentive/prevention.h"

namespace kokuho {

/// The rule in force in `year`: the latest entry whose `from` ≤ year (an InputError
/// when the year is before the first entry, i.e. before the 事業費連動分 existed; a
/// YearNotKnownError past known_through unless `policy` carries the rule forward).
incentive::PreventionRule LoadPreventionRule(FiscalYear year, const YearPolicy& policy = {});
/// The same from a user's YAML file (docs/parameters.md).
incentive::PreventionRule LoadPreventionRuleFile(const std::string& path, FiscalYear year,
                                                 const YearPolicy& policy = {});
/// The same from YAML text; `file` names it in messages.
incentive::PreventionRule ParsePreventionRule(const std::string& utf8, const std::string& file,
                                              FiscalYear year, const YearPolicy& policy = {});

/// The prefecture table: 都道府県コード, optional 都道府県名, 点数, 被保険者数 and, when the
/// rule has a cap, 事業費分交付額. One row per prefecture, each code once.
std::vector<incentive::PreventionBody> LoadPreventionData(const std::string& path,
                                                          const incentive::PreventionRule& rule);

}  // namespace kokuho
