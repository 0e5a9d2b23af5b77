// The population as a table (docs/population-format.md §1): one row per person, the
// rows of a household contiguous under one 世帯番号, Japanese column headers. Read from
// CSV (UTF-8, BOM or CP932; streamed, so millions of rows read in seconds) or xlsx, and
// written as CSV (UTF-8 with BOM, CRLF).
//
//   premium::Population p = ReadPopulationTable("pop.csv", 2026);
//   WritePopulationCsv("copy.csv", p);  // reads back to the same columns
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "premium/population.h"

namespace kokuho {

/// The column names a population table may have, in the order WritePopulationCsv
/// writes them (年齢 is read but never written: 生年月日 is).
const std::vector<std::string_view>& PopulationColumnNames();

/// Reads a .csv/.txt (streamed) or .xlsx/.xlsm (via ReadTable) population. `fiscal_year`
/// turns 年齢 into a birth date (4月2日 of fiscal_year − age) and bounds the ages of
/// insured members (0–74 on 4月1日). Throws InputError at file:line:column saying what
/// was expected; messages never contain an income or other amount from the file.
premium::Population ReadPopulationTable(const std::string& path, int fiscal_year);

/// Writes every column as CSV (UTF-8 with BOM, CRLF), atomically. Municipalities without
/// households are not carried (a CSV names municipalities only on member rows).
void WritePopulationCsv(const std::string& path, const premium::Population& pop);

}  // namespace kokuho
