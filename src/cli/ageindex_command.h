// `kokuho age-index DATA --standard FILE [--mode indirect|direct] [--epsilon]
//  [--out DIR] [--format table,csv,xlsx,json]`: age-standardised indices per
// municipality (docs/ageindex-format.md).
//
//   indirect: observed ÷ expected against the standard's band rates (年齢調整後医療費指数
//             ε for costs, a standardised ratio like an SMR for cases);
//   direct:   age-adjusted rate against a standard population (年齢調整 有病率).
//
// --epsilon (indirect, 医療費) adds ageindex_epsilon.csv with the columns 団体コード,
// 市町村名, 医療費指数 of the 納付金 case table (docs/case-format.md).
//
//   kokuho age-index examples/ageindex-sample/data_cases.csv
//       --standard examples/ageindex-sample/standard_cases.csv --mode direct
#pragma once

#include <CLI/CLI.hpp>
#include <string>

#include "cli/commands.h"

namespace kokuho::cli {

struct AgeIndexRun {
  std::string data_path;
  std::string standard_path;
  std::string mode = "indirect";
  bool epsilon = false;
  std::string out_dir;
  std::string formats = "table";
};

/// Loads, computes and writes; every input is read and checked before anything is
/// printed or written.
int RunAgeIndex(const AgeIndexRun& run);

}  // namespace kokuho::cli
