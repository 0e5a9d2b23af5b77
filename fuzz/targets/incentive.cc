// 保険者努力支援制度: rules (YAML; an empty first part: the embedded R3 rules) and the data
// table, split at "\n%%%%\n", scored.
#include <optional>

#include "core/error.h"
#include "fuzz/fuzz_target.h"
#include "incentive/scoring.h"
#include "io/csv_reader.h"
#include "readers/incentive_loader.h"

KOKUHO_FUZZ_TARGET(incentive) {
  using namespace kokuho::fuzz;
  const auto parts = SplitParts(AsText(data, size), 2);
  const kokuho::FiscalYear year = *kokuho::FiscalYear::TryParse("R3");
  // The embedded rules are parsed once (the suite covers them); re-parsing them for each input
  // was most of the harness's time.
  static const kokuho::incentive::IncentiveRules embedded = kokuho::LoadIncentiveRules(year);
  try {
    std::optional<kokuho::incentive::IncentiveRules> parsed;
    if (!parts[0].empty()) parsed = kokuho::ParseIncentiveRules(parts[0], "rules.yaml", year, {});
    const kokuho::incentive::IncentiveRules& rules = parsed ? *parsed : embedded;
    // In memory: LoadIncentiveData is ReadTable (here ReadCsv: the file's bytes into
    // ParseCsvBytes) and ReadIncentiveData.
    const auto entities =
        kokuho::ReadIncentiveData(kokuho::ParseCsvBytes(parts[1], "data.csv"), rules);
    kokuho::incentive::Score(rules, entities);
  } catch (const kokuho::InputError&) {
  } catch (const kokuho::CalculationError&) {
  }
}
