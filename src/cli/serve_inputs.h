// What `kokuho serve` reads before it listens: the case folder, the rate schedules of the
// household calculator (every fiscal year the rates file and data/premium/national.yaml both
// cover) and the roadmap scenario, run once. The server itself reads no file.
//
//   server::AppData d = LoadServeData("examples/gunma", "examples/levy/rates-gunma-sample.csv",
//                                     "examples/gunma-roadmap/scenario.yaml");
#pragma once

#include <string>

#include "server/api.h"

namespace kokuho::cli {

/// `rates_path` / `scenario_path` empty: no household calculator / no scenario history.
/// Throws InputError / CalculationError.
server::AppData LoadServeData(const std::string& case_path, const std::string& rates_path,
                              const std::string& scenario_path);

}  // namespace kokuho::cli
