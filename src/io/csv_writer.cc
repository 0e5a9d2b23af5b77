#include "io/csv_writer.h"

#include "io/output_files.h"

namespace kokuho {

std::string FormatCsv(const std::vector<std::vector<std::string>>& rows) {
  std::string out = "\xEF\xBB\xBF";
  for (const std::vector<std::string>& row : rows) {
    for (size_t i = 0; i < row.size(); ++i) {
      if (i > 0) out += ',';
      const std::string& field = row[i];
      if (field.find_first_of(",\"\r\n") == std::string::npos) {
        out += field;
        continue;
      }
      out += '"';
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
