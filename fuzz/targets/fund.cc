// The 財政安定化基金 plan (docs/finance-format.md §1), its ledger computed.
#include "finance/fund.h"

#include "core/error.h"
#include "fuzz/fuzz_target.h"
#include "readers/finance_loader.h"

KOKUHO_FUZZ_TARGET(fund) {
  const std::string path =
      kokuho::fuzz::WriteScratch("fund.yaml", kokuho::fuzz::AsText(data, size));
  try {
    kokuho::LoadFundPlan(path);
  } catch (const kokuho::InputError&) {
  } catch (const kokuho::CalculationError&) {
  }
}
