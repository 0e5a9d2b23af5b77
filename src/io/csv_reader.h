// CSV reader: a municipality table (市町村表) or age-band table as a Table.
//
// Accepts RFC 4180 CSV in UTF-8 (with or without BOM) or CP932, LF or CRLF line
// ends, quoted fields with "" escapes and embedded commas and newlines. The first
// non-blank line is the header (見出し行); entirely blank rows are skipped.
//
//   Table t = ReadCsv("examples/gunma/municipalities.csv");
//   // t.header[0].text == "団体コード"; t.rows[0].cells[0].pos == {file, 2, 1}
//
// Cell positions: line is the physical line where the field starts, column the
// 1-based field number. Errors are InputErrors naming file, line and column.
#pragma once

#include <string>
#include <string_view>

#include "io/table.h"

namespace kokuho {

/// Reads and parses a CSV file. Throws InputError({path, 0, 0}, CannotOpenMessage (io/encoding.h))
/// when it cannot be read, and the errors of DecodeToUtf8 and ParseCsvText.
Table ReadCsv(const std::string& path);

/// ReadCsv for bytes already in memory (UTF-8 with or without BOM, or CP932); `file` names
/// them in positions.
Table ParseCsvBytes(std::string_view bytes, const std::string& file);

/// Parses CSV text that is already UTF-8 (no BOM); `file` names it in positions.
/// Header cells are trimmed and width-normalised (全角 → 半角); data cells are kept
/// as written. Throws InputError for an empty file, an empty or duplicated header
/// name, a row whose field count differs from the header's, an unterminated quoted
/// field, text after a closing quote, a header without data rows, and more rows, columns
/// or cells than the limits (input_limits.h).
Table ParseCsvText(std::string_view utf8, const std::string& file);

}  // namespace kokuho
