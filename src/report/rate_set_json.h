// The one JSON shape of a set of 標準保険料率 (所得割率, 資産割率, 均等割額, 平等割額), used by
// every JSON the product writes (nofukin.json, scenario.json, the web API):
//   {"method": "3方式", "income_rate_percent": 6.06, "per_capita": 50321, "per_household": 0}
// with "asset_rate_percent" under 4方式. Rates are percentages as JSON numbers whose decimal
// text is the published (rounded) rate exactly.
#pragma once

#include <nlohmann/json.hpp>

#include "core/rational.h"
#include "nofukin/result.h"

namespace kokuho {

/// A rounded percentage (e.g. 6.06) as a JSON number.
double PercentNumber(const Rational& rounded_percent);

nlohmann::ordered_json RateSetJson(const nofukin::RateSet& r);

}  // namespace kokuho
