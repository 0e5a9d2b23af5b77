// Reads a 激変緩和 policy (docs/case-format.md, transition_relief) from a YAML mapping: the
// case file's transition_relief and a scenario year's relief use the same keys.
#pragma once

#include <yaml-cpp/yaml.h>

#include <string>

#include "nofukin/model.h"

namespace kokuho {

/// Throws InputError naming file, line, column and `where` (e.g. "years[2].relief").
nofukin::ReliefPolicy ParseReliefPolicy(const YAML::Node& node, const std::string& file,
                                        const std::string& where);

}  // namespace kokuho
