// 保険者努力支援制度: rules (YAML; an empty first part: the embedded R3 rules) and the data
// table, split at "\n%%%%\n", scored.
#include "core/error.h"
#include "fuzz/fuzz_target.h"
#include "incentive/scoring.h"
#include "readers/incentive_loader.h"

KOKUHO_FUZZ_TARGET(incentive) {
  using namespace kokuho::fuzz;
  const auto parts = SplitParts(AsText(data, size), 2);
  try {
    const kokuho::FiscalYear year = *kokuho::FiscalYear::TryParse("R3");
    const kokuho::incentive::IncentiveRules rules =
        parts[0].empty() ? kokuho::LoadIncentiveRules(year)
                         : kokuho::ParseIncentiveRules(parts[0], "rules.yaml", year, {});
    const auto entities = kokuho::LoadIncentiveData(WriteScratch("data.csv", parts[1]), rules);
    kokuho::incentive::Score(rules, entities);
  } catch (const kokuho::InputError&) {
  } catch (const kokuho::CalculationError&) {
  }
}
