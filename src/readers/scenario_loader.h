// Reads a scenario file (docs/scenario-format.md) and the case it starts from.
//
//   scenario::Scenario s = LoadScenario("examples/gunma-roadmap/scenario.yaml");
//
// Paths inside the file are relative to the file. Every problem is an InputError naming
// file, line and column: years out of order or not consecutive, α outside [0, 1], a stage
// going back, an unknown 個別加減算 item, an unknown key.
#pragma once

#include <string>

#include "scenario/scenario.h"

namespace kokuho {

scenario::Scenario LoadScenario(const std::string& path);

}  // namespace kokuho
