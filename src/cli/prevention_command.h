// `kokuho incentive allocate DATA --year Y --budget YEN [--rules FILE] [--out DIR]
//  [--format table,csv,xlsx,json]`: 予防・健康づくり支援交付金 事業費連動分 — shares a budget
// among prefectures by 点数 × 合計被保険者数, capped from R7 at 2 × each prefecture's
// 事業費分 with the excess redistributed (docs/incentive-format.md §6).
//
//   kokuho incentive allocate examples/incentive-sample/prevention_r7.csv --year R7
//       --budget 1000000000
#pragma once

#include <CLI/CLI.hpp>
#include <string>

#include "cli/commands.h"
#include "cli/year_option.h"

namespace kokuho::cli {

struct PreventionRun {
  std::string data_path;
  YearOption year;
  std::string rules_path;  ///< empty: the embedded data/incentive/prevention.yaml
  std::string budget;
  std::string out_dir;
  std::string formats = "table";
};

int RunPrevention(const PreventionRun& run);

/// Adds `allocate` to the `incentive` command group.
void RegisterPreventionAllocate(CLI::App& incentive_group, Action& action);

}  // namespace kokuho::cli
