// The report of `kokuho incentive score`: tables for the terminal, CSV and xlsx, and the
// JSON form (docs/incentive-format.md §5). Points are shown to 2 decimals (exact in
// JSON), 得点率 in percent to 1 decimal, rounded half-up (89/110 → 80.9%).
//
//   IncentiveReport rep{rules, scores, grants, national};
//   std::vector<ReportTable> t = BuildIncentiveTables(rep);
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <vector>

#include "core/yen.h"
#include "incentive/national_average.h"
#include "incentive/rules.h"
#include "incentive/scoring.h"
#include "report/report_table.h"

namespace kokuho {

struct IncentiveReport {
  const incentive::IncentiveRules& rules;
  const incentive::ScoreResult& scores;
  std::optional<Yen> budget;  ///< 市町村分 budget, when allocated
  std::vector<Yen> grants;    ///< per municipality (empty: no allocation)
  std::optional<incentive::NationalAverage> national;
};

/// The short name of an indicator for column headers: its label up to the first space
/// ("共通①").
std::string ShortLabel(const incentive::Indicator& ind);

/// 得点率 in percent, rounded half-up to 1 decimal (exact Rational in, exact out).
Rational RatePercent(const Rational& rate);

/// incentive_municipal (per municipality), incentive_indicators (per indicator, the
/// prefecture's and the municipal average against the national average) and
/// incentive_items (every item's points).
std::vector<ReportTable> BuildIncentiveTables(const IncentiveReport& rep);

nlohmann::ordered_json IncentiveJson(const IncentiveReport& rep);

}  // namespace kokuho
