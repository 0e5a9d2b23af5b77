#include "io/csv_writer.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <stdexcept>

#include "io/encoding.h"
#include "io/output_files.h"

namespace kokuho {

bool IsCsvNumber(std::string_view s) {
  size_t i = 0;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
  size_t digits = 0;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i, ++digits;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i, ++digits;
  }
  if (digits == 0) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
    size_t exponent = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i, ++exponent;
    if (exponent == 0) return false;
  }
  if (i < s.size() && s[i] == '%') ++i;
  return i == s.size();
}

bool NeedsFormulaGuard(std::string_view field) {
  if (field.empty()) return false;
  const char c = field.front();
  if (c != '=' && c != '+' && c != '-' && c != '@' && c != '\t' && c != '\r') return false;
  return !IsCsvNumber(field);
}

std::string FormatCsv(const std::vector<std::vector<std::string>>& rows) {
  std::string out = "\xEF\xBB\xBF";
  for (const std::vector<std::string>& row : rows) {
    for (size_t i = 0; i < row.size(); ++i) {
      if (i > 0) out += ',';
      const std::string& field = row[i];
      // A text cell that a spreadsheet would run as a formula (CSV injection) gets a leading
      // apostrophe and quotes, as OWASP's "CSV Injection" page recommends; numbers such as
      // -1234 stay numbers.
      const bool guard = NeedsFormulaGuard(field);
      if (!guard && field.find_first_of(",\"\r\n") == std::string::npos) {
        out += field;
        continue;
      }
      out += '"';
      if (guard) out += '\'';
      for (char c : field) {
        if (c == '"') out += '"';
        out += c;
      }
      out += '"';
    }
    out += "\r\n";
  }
  return out;
}

std::string EncodeCsv(const std::vector<std::vector<std::string>>& rows, CsvEncoding encoding,
                      const std::string& file) {
  std::string text = FormatCsv(rows);
  if (encoding == CsvEncoding::kUtf8Bom) return text;
  text.erase(0, 3);  // no BOM in CP932
  std::string out;
  size_t bad = 0;
  if (TryEncodeUtf8AsCp932(text, out, bad)) return out;
  // Line and column (in characters) of the character, and the character itself.
  const size_t line_start = text.rfind('\n', bad == 0 ? 0 : bad - 1);
  const size_t from = line_start == std::string::npos ? 0 : line_start + 1;
  const auto line = 1 + std::count(text.begin(), text.begin() + static_cast<long>(from), '\n');
  size_t column = 1;
  for (size_t i = from; i < bad; ++i)
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++column;
  size_t len = 1;
  while (bad + len < text.size() && (static_cast<unsigned char>(text[bad + len]) & 0xC0) == 0x80)
    ++len;
  throw std::runtime_error(fmt::format(
      "{}:{}:{}: 文字「{}」は CP932 (Shift_JIS) で表せないため、CSV を CP932 で書けません。"
      "--encoding utf8 (BOM 付き UTF-8、既定) で出力してください",
      file, line, column, text.substr(bad, len)));
}

void WriteCsv(const std::string& path, const std::vector<std::vector<std::string>>& rows,
              CsvEncoding encoding) {
  WriteFileAtomic(path, EncodeCsv(rows, encoding, std::filesystem::path(path).filename().string()));
}

}  // namespace kokuho
