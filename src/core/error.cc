#include "core/error.h"

#include <fmt/format.h>

namespace kokuho {

std::string ExcelColumnLetters(int column) {
  std::string s;
  for (; column > 0; column = (column - 1) / 26)
    s.insert(s.begin(), static_cast<char>('A' + (column - 1) % 26));
  return s;
}

std::string SourcePos::ToString() const {
  if (line <= 0) return file;
  if (column <= 0) return fmt::format("{}:{}", file, line);
  // A sheet of a workbook (io/xlsx_reader.h names it "path[sheet]"): the cell as Excel
  // shows it too, for users who look for it there.
  if (!file.empty() && file.back() == ']' && file.find('[') != std::string::npos)
    return fmt::format("{}:{}:{} ({}{}セル)", file, line, column, ExcelColumnLetters(column), line);
  return fmt::format("{}:{}:{}", file, line, column);
}

InputError::InputError(SourcePos pos, const std::string& message)
    : std::runtime_error(pos.ToString() + ": " + message),
      pos_(std::move(pos)),
      message_(message) {}

}  // namespace kokuho
