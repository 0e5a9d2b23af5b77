// Levy for one household (`kokuho levy`): Prepare + Compile + the inline kernel, with the
// explanation of every step (`--explain`). The microsimulation (batch.h) runs the same
// kernel over many households.
//
//   HouseholdLevy l = LevyOne(household, schedule, rules, /*explain=*/true);
//   l.result.total;  // 円
#pragma once

#include "premium/explain.h"
#include "premium/household.h"
#include "premium/levy_kernel.h"
#include "premium/prepared.h"
#include "premium/rules.h"
#include "premium/schedule.h"

namespace kokuho::premium {

struct HouseholdLevy {
  PreparedHousehold prepared;
  LevyResult result;
  Explanation explanation;  ///< empty unless asked for
};

HouseholdLevy LevyOne(const Household& h, const RateSchedule& s, const NationalRules& rules,
                      bool explain);

/// "7.25%" for 72'500 ppm (as many decimals as needed, at least two).
std::string PpmPercent(Ppm rate);

}  // namespace kokuho::premium
