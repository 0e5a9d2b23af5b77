// 予防・健康づくり支援 事業費連動分: the rule (YAML; an empty first part: the embedded rule
// of R7) and the data table, split at "\n%%%%\n", allocated.
#include "incentive/prevention.h"

#include <optional>

#include "core/error.h"
#include "fuzz/fuzz_target.h"
#include "readers/prevention_loader.h"

KOKUHO_FUZZ_TARGET(prevention) {
  using namespace kokuho::fuzz;
  const auto parts = SplitParts(AsText(data, size), 2);
  const kokuho::FiscalYear year = *kokuho::FiscalYear::TryParse("R7");
  // The embedded rule is parsed once (the suite covers it).
  static const kokuho::incentive::PreventionRule embedded = kokuho::LoadPreventionRule(year);
  try {
    std::optional<kokuho::incentive::PreventionRule> parsed;
    if (!parts[0].empty()) parsed = kokuho::ParsePreventionRule(parts[0], "rule.yaml", year);
    const kokuho::incentive::PreventionRule& rule = parsed ? *parsed : embedded;
    const auto bodies = kokuho::LoadPreventionData(WriteScratch("data.csv", parts[1]), rule);
    kokuho::incentive::AllocatePrevention(rule, bodies, 1'000'000'000);
  } catch (const kokuho::InputError&) {
  } catch (const kokuho::CalculationError&) {
  }
}
