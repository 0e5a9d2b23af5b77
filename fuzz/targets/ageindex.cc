// Age standardisation: the standard population table and the data table, split at
// "\n%%%%\n".
#include "core/error.h"
#include "fuzz/fuzz_target.h"
#include "readers/ageindex_loader.h"

KOKUHO_FUZZ_TARGET(ageindex) {
  using namespace kokuho::fuzz;
  const auto parts = SplitParts(AsText(data, size), 2);
  try {
    const auto standard = kokuho::LoadAgeStandard(WriteScratch("standard.csv", parts[0]));
    kokuho::LoadAgeIndexData(WriteScratch("data.csv", parts[1]), standard);
  } catch (const kokuho::InputError&) {
  } catch (const kokuho::CalculationError&) {
  }
}
