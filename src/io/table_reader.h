// ReadTable: reads a user's table from CSV or xlsx, chosen by the file extension.
//
//   Table t = ReadTable("cases/gunma/municipalities.xlsx", "市町村");
//   Table u = ReadTable("cases/gunma/age_bands.csv");
#pragma once

#include <string>

#include "io/table.h"

namespace kokuho {

/// Reads `path` with ReadCsv (.csv, .txt) or ReadXlsx (.xlsx, .xlsm; `sheet` empty =
/// first sheet); the extension is matched case-insensitively. `sheet` is ignored for
/// CSV. Any other extension is an InputError ("expected a .csv or .xlsx file").
Table ReadTable(const std::string& path, const std::string& sheet = "");

}  // namespace kokuho
