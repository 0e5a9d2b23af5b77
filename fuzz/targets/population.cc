// A population table (docs/population-format.md): CSV, or xlsx when the input is a zip ("PK").
#include "core/error.h"
#include "fuzz/fuzz_target.h"
#include "readers/population_table.h"

KOKUHO_FUZZ_TARGET(population) {
  const std::string text = kokuho::fuzz::AsText(data, size);
  const bool zip = text.rfind("PK", 0) == 0;
  const std::string path = kokuho::fuzz::WriteScratch(zip ? "pop.xlsx" : "pop.csv", text);
  try {
    kokuho::ReadPopulationTable(path, 2026);
  } catch (const kokuho::InputError&) {
  }
}
