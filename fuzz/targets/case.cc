// A case folder: prefecture.yaml, municipalities.csv and age_bands.csv from one input split at
// "\n%%%%\n" (fuzz_target.h), loaded and computed (納付金, rates, relief, trace).
#include "core/error.h"
#include "fuzz/fuzz_target.h"
#include "nofukin/engine.h"
#include "readers/case_loader.h"

KOKUHO_FUZZ_TARGET(case) {
  using namespace kokuho::fuzz;
  const auto parts = SplitParts(AsText(data, size), 3);
  WriteScratch("prefecture.yaml", parts[0]);
  WriteScratch("municipalities.csv", parts[1]);
  WriteScratch("age_bands.csv", parts[2]);
  try {
    const kokuho::nofukin::Case c = kokuho::LoadCase(ScratchDir());
    // The trace (kokuho explain) triples the engine's time: every fourth input only.
    kokuho::nofukin::Compute(c, {.trace = size % 4 == 0});
  } catch (const kokuho::InputError&) {
  } catch (const kokuho::CalculationError&) {
  }
}
