// CSV output for reports: UTF-8 with BOM and CRLF, so that Excel on Japanese
// Windows opens it without garbling (文字化け) and other tools read it as RFC 4180.
//
//   WriteCsv(stage.PathFor("nofukin.csv"), {{"団体コード", "納付金"}, {"102016", "1234567"}});
//   // file bytes: EF BB BF "団体コード,納付金\r\n102016,1234567\r\n"
#pragma once

#include <string>
#include <vector>

namespace kokuho {

/// Formats rows as CSV: a UTF-8 BOM first, each row ended by CRLF, and a field
/// quoted (with "" for a quote) when it contains a comma, quote, CR or LF.
std::string FormatCsv(const std::vector<std::vector<std::string>>& rows);

/// Writes FormatCsv(rows) to `path` with WriteFileAtomic. Throws std::runtime_error
/// when the file cannot be written.
void WriteCsv(const std::string& path, const std::vector<std::vector<std::string>>& rows);

}  // namespace kokuho
