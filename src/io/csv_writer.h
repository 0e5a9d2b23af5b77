// CSV output for reports: UTF-8 with BOM and CRLF, so that Excel on Japanese
// Windows opens it without garbling (文字化け) and other tools read it as RFC 4180; or
// CP932 (no BOM) on request, for municipal systems that take only Shift_JIS.
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

/// The bytes of a CSV file.
enum class CsvEncoding {
  kUtf8Bom,  ///< UTF-8 with a byte order mark (the default)
  kCp932,    ///< CP932 (Windows Shift_JIS), no BOM
};

/// FormatCsv(rows) in `encoding`. For CP932, a character it has no code for is an error
/// (std::runtime_error, in Japanese) naming `file`, the line and column and the character,
/// never a replacement: the output must say what the data says.
std::string EncodeCsv(const std::vector<std::vector<std::string>>& rows, CsvEncoding encoding,
                      const std::string& file);

/// Writes EncodeCsv(rows, encoding) to `path` with WriteFileAtomic. Throws
/// std::runtime_error when the file cannot be written or encoded.
void WriteCsv(const std::string& path, const std::vector<std::vector<std::string>>& rows,
              CsvEncoding encoding = CsvEncoding::kUtf8Bom);

}  // namespace kokuho
