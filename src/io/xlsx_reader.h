// xlsx reader: one worksheet of an Excel workbook as a Table.
//
// Reads the Office Open XML parts directly (libzip + pugixml): the workbook's
// sheet list, shared strings (including rich-text runs, without furigana), and
// the sheet's cells. Every cell becomes UTF-8 text:
//   - strings (shared, inline, formula results) as written;
//   - numbers as the shortest plain decimal that round-trips the stored double
//     ("0.93500000000000005" → "0.935", "5.2E10" → "52000000000", "1E-3" → "0.001");
//   - booleans as "TRUE" / "FALSE"; a missing cell as "".
// The first non-blank row is the header; the table spans the header's first to
// last non-empty column, and entirely blank rows are skipped.
//
//   Table t = ReadXlsx("cases/gunma/municipalities.xlsx", "市町村");
//   // t.rows[0].cells[2].pos == {"cases/gunma/municipalities.xlsx[市町村]", 2, 3}
//
// Positions: file is the path plus "[sheet]", line the sheet row, column the sheet
// column (A = 1). Table::file is that same sheet-qualified name.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "io/table.h"

namespace kokuho {

/// Reads sheet `sheet_name` (the first sheet when empty) of the workbook at `path`.
/// Throws InputError for a missing file (CannotOpenMessage (io/encoding.h)), a file that is not an
/// xlsx workbook ("not an xlsx file"), an unknown sheet name (listing the sheets),
/// a cell holding an Excel error value, and the table rules of ReadCsv (empty sheet,
/// empty or duplicated header name, a value outside the header's columns, no data).
Table ReadXlsx(const std::string& path, const std::string& sheet_name = "");

/// Every non-empty cell of one worksheet, as ReadXlsx reads it (strings as written,
/// numbers as their shortest plain decimal, booleans as TRUE/FALSE), in row then column
/// order. For comparing whole workbooks as text (tests/golden), where a sheet may hold a
/// title above its table.
struct XlsxSheetCells {
  struct Cell {
    int row;     ///< 1-based sheet row
    int column;  ///< 1-based sheet column (A = 1)
    std::string text;
  };
  std::string name;
  std::vector<Cell> cells;
};

/// Every worksheet of the workbook at `path`, in workbook order. Throws InputError as
/// ReadXlsx does for a file that is missing or not a workbook, and for a chart sheet.
std::vector<XlsxSheetCells> ReadXlsxCells(const std::string& path);

/// Converts the stored text of a numeric cell ("0.93500000000000005", "1E-3") to
/// the shortest plain decimal (no exponent) that round-trips its double value
/// ("0.935", "0.001"). Returns nullopt when `stored` is not a finite number.
std::optional<std::string> XlsxNumberText(std::string_view stored);

}  // namespace kokuho
