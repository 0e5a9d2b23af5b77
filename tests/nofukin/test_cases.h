// Small cases for the engine tests, built in code.
#pragma once

#include <string>
#include <vector>

#include "nofukin/model.h"

namespace kokuho::nofukin::testing {

/// The three-municipality example of spec/nofukin.md §1.6 (医療分 only, C = 7,500,000,000円,
/// β = 0.9, e = 0.7, the given ε, items, 保健事業費, 保険者支援分 and 収納率).
Case WorkedExample(const std::string& alpha);

/// A municipality code in prefecture 10 with a valid check digit, from a 3-digit number.
MunicipalityCode CodeFor(int n);

}  // namespace kokuho::nofukin::testing
