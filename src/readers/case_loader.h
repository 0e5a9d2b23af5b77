// Reads a case folder (docs/case-format.md) into a validated nofukin::Case.
//
//   nofukin::Case c = LoadCase("examples/gunma");           // folder with prefecture.yaml
//   nofukin::Case c = LoadCase("cases/r9/prefecture.yaml");  // or the YAML file itself
//
// Every problem is an InputError naming file, line and column; nothing is guessed.
#pragma once

#include <string>

#include "nofukin/model.h"

namespace kokuho {

nofukin::Case LoadCase(const std::string& path);

}  // namespace kokuho
