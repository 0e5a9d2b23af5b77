// Table: a user's tabular file (CSV in UTF-8/CP932, or an xlsx sheet) as UTF-8
// text cells, each cell remembering where it came from.
//
// Readers (csv_reader.h, xlsx_reader.h) produce a Table; the case loader turns
// cells into typed values and reports errors at cell.pos (file, line, column).
//
//   Table t = ReadTable("examples/gunma/municipalities.csv");
//   for (const TableRow& row : t.rows)
//     std::string_view code = row.cells[t.ColumnIndex("団体コード").value()].text;
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace kokuho {

/// One cell: its UTF-8 text (not trimmed, not width-normalised) and its position.
/// For CSV, line is the physical line where the cell starts and column is the
/// 1-based field number; for xlsx, line is the sheet row and column the sheet column.
struct TableCell {
  std::string text;
  SourcePos pos;
};

struct TableRow {
  std::vector<TableCell> cells;  ///< exactly as many as the header has columns
  SourcePos pos;                 ///< the row (column 0)
};

struct Table {
  std::string file;               ///< path as the user gave it (for messages)
  std::vector<TableCell> header;  ///< the header row (trimmed, 全角 normalised)
  std::vector<TableRow> rows;     ///< data rows; blank rows are skipped

  /// Index of the header cell equal to `name`, if any.
  std::optional<size_t> ColumnIndex(std::string_view name) const;
};

/// Checks a header against a fixed set of columns: a header cell not in `known` is an
/// InputError at that cell ("unknown column 'X': expected A, B, …"), a column given twice
/// too; then each of `required` that is missing is an InputError at line 1.
void CheckColumns(const Table& t, const std::vector<std::string>& known,
                  const std::vector<std::string>& required);

}  // namespace kokuho
