// CSV tables (市町村表 and every other table): UTF-8 with or without BOM, or CP932.
#include "core/error.h"
#include "fuzz/fuzz_target.h"
#include "io/csv_reader.h"

KOKUHO_FUZZ_TARGET(csv) {
  try {
    kokuho::ParseCsvBytes(kokuho::fuzz::AsText(data, size), "fuzz.csv");
  } catch (const kokuho::InputError&) {
  }
}
