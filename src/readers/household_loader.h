// Loads one household for `kokuho levy` from a JSON or YAML file (docs/household-format.md).
// JSON is read through the same strict YAML parser, so every error names the file, the
// line and column, and the path of the value ("members[1].income.salary_revenue").
//
//   premium::Household h = LoadHousehold("examples/levy/family.yaml", 2026);
#pragma once

#include <yaml-cpp/yaml.h>

#include <string>
#include <vector>

#include "premium/household.h"

namespace kokuho {

/// Reads and validates the household. `fiscal_year` turns an `age` into a birth date
/// (4月2日 of fiscal_year − age: that age all year) and bounds the dates. Throws
/// InputError (file:line:column, JSON path, what was expected; never the value).
premium::Household LoadHousehold(const std::string& path, int fiscal_year);

/// Like LoadHousehold, for JSON or YAML text in memory (UTF-8); `name` stands for the file
/// in messages and is the default id.
premium::Household ParseHousehold(const std::string& text, const std::string& name,
                                  int fiscal_year);

/// One household given as a mapping inside another file (an entry of a list of model
/// households, data/handout/model_households.yaml): the same keys and checks as a household
/// file, messages naming it by `where` ("households[2].members[0].age"), and `extra_keys`
/// (e.g. "label") allowed beside the household's own keys for the caller to read.
premium::Household ReadHouseholdNode(const YAML::Node& node, const std::string& file,
                                     int fiscal_year, const std::string& where,
                                     const std::vector<std::string>& extra_keys = {});

}  // namespace kokuho
