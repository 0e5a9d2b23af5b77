// The binary columnar population file (.kpop, docs/population-format.md).
#include "core/error.h"
#include "fuzz/fuzz_target.h"
#include "io/kpop_format.h"

KOKUHO_FUZZ_TARGET(kpop) {
  const std::string path = kokuho::fuzz::WriteScratch("pop.kpop", kokuho::fuzz::AsText(data, size));
  try {
    const kokuho::premium::Population pop = kokuho::ReadKpop(path);
    for (std::size_t h = 0; h < pop.households(); ++h) pop.Get(h);
  } catch (const kokuho::InputError&) {
  }
}
