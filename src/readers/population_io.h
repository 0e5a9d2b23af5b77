// Population files for `kokuho microsim` and `kokuho synth` (docs/population-format.md):
//   - CSV (UTF-8 with or without BOM, or CP932) or xlsx: one row per person, grouped into
//     households by 世帯番号;
//   - kokuho's binary columnar format (.kpop): a versioned header, one contiguous array per
//     column, and a checksum verified on read.
//
//   premium::Population p = ReadPopulation("pop.kpop");
//   WritePopulation("pop.csv", p);
#pragma once

#include <string>

#include "premium/population.h"

namespace kokuho {

/// Reads a population by the file's extension (.kpop, .csv, .xlsx). `fiscal_year` is
/// used to turn ages into birth dates (as in household files). Throws InputError
/// (file:line:column, or the byte offset and what was wrong for .kpop).
premium::Population ReadPopulation(const std::string& path, int fiscal_year);

/// Writes by extension (.kpop or .csv, UTF-8 with BOM), atomically (temporary + rename).
void WritePopulation(const std::string& path, const premium::Population& pop);

}  // namespace kokuho
