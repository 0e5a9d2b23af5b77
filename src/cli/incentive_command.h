// `kokuho incentive score DATA --year Y [--rules FILE] [--budget YEN]
//  [--national-average FILE] [--out DIR] [--format table,csv,xlsx,json]`:
// 保険者努力支援制度 (取組評価分) points per municipality and for the prefecture,
// totals, 得点率, the comparison with a national average and the 市町村分 grant within
// a budget in proportion to points × 被保険者数 (docs/incentive-format.md).
//
//   kokuho incentive score examples/incentive-sample/data.csv --year R3 --budget 400000000
#pragma once

#include <CLI/CLI.hpp>
#include <optional>
#include <string>

#include "cli/commands.h"
#include "cli/year_option.h"
#include "core/yen.h"
#include "incentive/scoring.h"
#include "io/incentive_loader.h"
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
  std::optional<NationalAverage> national;

  IncentiveReport Report() const { return {rules, scores, budget, grants, national}; }
};

/// Loads and scores (no output); also used by `kokuho report` for a scenario's
/// `incentive:` entry. Every input is read and checked first.
IncentiveOutcome ComputeIncentive(const IncentiveRun& run);

/// Computes, then prints and writes.
int RunIncentive(const IncentiveRun& run);

}  // namespace kokuho::cli
