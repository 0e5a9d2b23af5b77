#include "scenario/model_households.h"

#include <fmt/format.h>

#include "core/error.h"
#include "premium/levy.h"
#include "scenario/run.h"

namespace kokuho::scenario {

std::vector<ModelHouseholdPremium> ModelHouseholdPremiums(
    const std::vector<ModelHousehold>& households, const nofukin::MunicipalityResult& m,
    const nofukin::Case& c, const premium::NationalRules& rules) {
  if (rules.fiscal_year != c.fiscal_year.year())
    throw CalculationError(fmt::format("モデル世帯: 賦課のルールは {} 年度のもの、事例は {} です",
                                       rules.fiscal_year, c.fiscal_year.ToWareki()));
  const premium::RateSchedule schedule = StandardSchedule(m, c);
  std::vector<ModelHouseholdPremium> out;
  out.reserve(households.size());
  for (const ModelHousehold& h : households) {
    const premium::HouseholdLevy levy =
        premium::LevyOne(h.household, schedule, rules, /*explain=*/false);
    ModelHouseholdPremium row;
    row.label = h.label;
    row.tier = levy.result.tier;
    for (Part p : kAllParts)
      row.parts[static_cast<int>(p)] = levy.result.parts[static_cast<int>(p)].amount;
    // The schedule rounds each 分 (RoundingScope::kPerPart), so the total is Σ 分.
    row.total = levy.result.total;
    out.push_back(std::move(row));
  }
  return out;
}

}  // namespace kokuho::scenario
