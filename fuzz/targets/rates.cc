// A rates table (docs/rates-format.md), each schedule of FY2026 compiled with the national
// rules.
#include "core/error.h"
#include "fuzz/fuzz_target.h"
#include "premium/schedule.h"
#include "readers/premium_rules_loader.h"
#include "readers/rate_schedule_loader.h"

KOKUHO_FUZZ_TARGET(rates) {
  static const kokuho::premium::NationalRules rules = kokuho::LoadNationalRules(2026);
  const std::string path =
      kokuho::fuzz::WriteScratch("rates.csv", kokuho::fuzz::AsText(data, size));
  try {
    for (const auto& s : kokuho::LoadRateSchedules(path, 2026)) {
      try {
        kokuho::premium::Compile(s, rules);
      } catch (const kokuho::CalculationError&) {
      }
    }
  } catch (const kokuho::InputError&) {
  }
}
