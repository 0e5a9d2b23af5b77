#include "io/csv_writer.h"

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

void WriteCsv(const std::string& path, const std::vector<std::vector<std::string>>& rows) {
  WriteFileAtomic(path, FormatCsv(rows));
}

}  // namespace kokuho
