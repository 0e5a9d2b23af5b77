// One household (YAML or JSON, docs/household-format.md), levied under the sample rates of
// 前橋市 for FY2026 with the national rules.
#include "core/error.h"
#include "fuzz/fuzz_target.h"
#include "io/encoding.h"
#include "premium/levy.h"
#include "readers/household_loader.h"
#include "readers/premium_rules_loader.h"
#include "readers/rate_schedule_loader.h"

namespace {

struct Setup {
  kokuho::premium::NationalRules rules = kokuho::LoadNationalRules(2026);
  std::vector<kokuho::premium::RateSchedule> schedules = kokuho::LoadRateSchedules(
      kokuho::fuzz::SourceDir() + "/examples/levy/rates-gunma-sample.csv", 2026);
};

}  // namespace

KOKUHO_FUZZ_TARGET(household) {
  static const Setup setup;
  try {
    const std::string text =
        kokuho::DecodeToUtf8(kokuho::fuzz::AsText(data, size), "household.json");
    const kokuho::premium::Household h = kokuho::ParseHousehold(text, "household.json", 2026);
    kokuho::premium::LevyOne(h, setup.schedules.front(), setup.rules, true);
  } catch (const kokuho::InputError&) {
  } catch (const kokuho::CalculationError&) {
  }
}
