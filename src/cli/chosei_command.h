// `kokuho chosei DATA --year Y [--coefficients FILE] [--out DIR] [--format table,csv,xlsx,json]`:
// 普通調整交付金 per prefecture (調整対象需要額 − 調整対象収入額, 基礎賦課分) and, for rows
// with a 地域差指数, the Finance Ministry's reform variant (age-adjusted standard cost level)
// with the gain or loss of each prefecture (docs/chosei-format.md).
//
//   kokuho chosei examples/chosei-sample/data.csv --year R5
#pragma once

#include <CLI/CLI.hpp>
#include <string>

#include "cli/commands.h"
#include "cli/year_option.h"

namespace kokuho::cli {

struct ChoseiRun {
  std::string data_path;
  YearOption year;                ///< --year R5 and --carry-forward
  std::string coefficients_path;  ///< empty: the embedded data/chosei/coefficients.yaml
  std::string out_dir;
  std::string formats = "table";
};

/// Loads, computes and writes; every input is read and checked before anything is printed
/// or written.
int RunChosei(const ChoseiRun& run);

}  // namespace kokuho::cli
