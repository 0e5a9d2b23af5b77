// CSV output for reports: UTF-8 with BOM and CRLF, so that Excel on Japanese
// Windows opens it without garbling (文字化け) and other tools read it as RFC 4180.
//
//   WriteCsv(stage.PathFor("nofukin.csv"), {{"団体コード", "納付金"}, {"102016", "1234567"}});
//   // file bytes: EF BB BF "団体コード,納付金\r\n102016,1234567\r\n"
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace kokuho {

/// Formats rows as CSV: a UTF-8 BOM first, each row ended by CRLF, and a field
/// quoted (with "" for a quote) when it contains a comma, quote, CR or LF. A field that
/// begins with = + - @, a tab or a CR and is not a number (NeedsFormulaGuard) is written
/// quoted with a leading apostrophe, so that Excel shows it as text instead of running it
/// as a formula (OWASP, "CSV Injection"): "=1+2" → "'=1+2", while -1234 stays -1234.
std::string FormatCsv(const std::vector<std::vector<std::string>>& rows);

/// Whether `s` is a plain number as kokuho writes them: optional sign, digits with an
/// optional decimal part, an optional exponent, an optional '%' ("-1234", "-0.25", "5%").
bool IsCsvNumber(std::string_view s);

/// Whether FormatCsv prefixes `field` with an apostrophe (see above).
bool NeedsFormulaGuard(std::string_view field);

/// Writes FormatCsv(rows) to `path` with WriteFileAtomic. Throws std::runtime_error
/// when the file cannot be written.
void WriteCsv(const std::string& path, const std::vector<std::vector<std::string>>& rows);

}  // namespace kokuho
