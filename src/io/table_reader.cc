#include "io/table_reader.h"

#include <algorithm>
#include <cctype>
#include <filesystem>

#include "core/error.h"
#include "io/csv_reader.h"
#include "io/xlsx_reader.h"

namespace kokuho {

Table ReadTable(const std::string& path, const std::string& sheet) {
  std::string ext = std::filesystem::path(path).extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (ext == ".csv" || ext == ".txt") return ReadCsv(path);
  if (ext == ".xlsx" || ext == ".xlsm") return ReadXlsx(path, sheet);
  if (ext == ".xls") {
    throw InputError({path, 0, 0},
                     "expected a .csv or .xlsx file; .xls is the old Excel "
                     "format: save the workbook as .xlsx or CSV");
  }
  throw InputError({path, 0, 0}, "expected a .csv or .xlsx file");
}

}  // namespace kokuho
