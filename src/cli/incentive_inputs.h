// What `kokuho incentive score` and the roadmap report's 保険者努力支援 section read and
// compute: the definitions of the year (embedded or --rules), the data, an optional
// national average, the scores and the grants within a budget (docs/incentive-format.md).
//
//   IncentiveRun run;  run.data_path = "examples/incentive-sample/data.csv";
//   run.year.text = "R3";
//   IncentiveOutcome o = ComputeIncentive(run);
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "cli/year_option.h"
#include "core/yen.h"
#include "incentive/national_average.h"
#include "incentive/rules.h"
#include "incentive/scoring.h"
#include "report/incentive_tables.h"

namespace kokuho::cli {

struct IncentiveRun {
  std::string data_path;
  YearOption year;         ///< --year R3 (and --carry-forward)
  std::string rules_path;  ///< empty: the embedded definitions of the year
  std::string budget;      ///< empty: no allocation
  std::string national_path;
  std::string out_dir;
  std::string formats = "table";
};

/// What `incentive score` computes: the definitions, scores, optional grants and national
/// average, owned together (Report() borrows them).
struct IncentiveOutcome {
  incentive::IncentiveRules rules;
  incentive::ScoreResult scores;
  std::optional<Yen> budget;
  std::vector<Yen> grants;
  std::optional<incentive::NationalAverage> national;

  IncentiveReport Report() const { return {rules, scores, budget, grants, national}; }
};

/// Loads and scores (no output); also used by `kokuho report` for a scenario's
/// `incentive:` entry. Every input is read and checked first.
IncentiveOutcome ComputeIncentive(const IncentiveRun& run);

}  // namespace kokuho::cli
