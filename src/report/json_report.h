// The JSON form of a 納付金 result, with stable keys (documented in docs/output-format.md).
// Yen are integers, rates in percent are numbers, coefficients (α, β, γ …) are exact
// decimal strings so that 13-decimal values survive.
#pragma once

#include <nlohmann/json.hpp>

#include "nofukin/model.h"
#include "nofukin/result.h"

namespace kokuho {

nlohmann::ordered_json NofukinJson(const nofukin::Case& c, const nofukin::Result& r);

}  // namespace kokuho
