#include "io/table_reader.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <filesystem>

#include "core/error.h"
#include "core/text.h"
#include "io/csv_reader.h"
#include "io/xlsx_reader.h"

namespace kokuho {

Table ReadTable(const std::string& path, const std::string& sheet) {
  const std::string ext = AsciiLower(std::filesystem::path(path).extension().string());
  if (ext == ".csv" || ext == ".txt") return ReadCsv(path);
  if (ext == ".xlsx" || ext == ".xlsm") return ReadXlsx(path, sheet);
  if (ext == ".xls") {
    throw InputError({path, 0, 0},
                     ".xls は古い Excel の形式で読めません。ブックを .xlsx か CSV で保存し直して"
                     "ください");
  }
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec))
    throw InputError({path, 0, 0},
                     "これはフォルダです。表のファイル (.csv か .xlsx) を指定してください");
  throw InputError(
      {path, 0, 0},
      fmt::format("拡張子 {} の表は読めません。.csv か .xlsx のファイルを指定してください",
                  ext.empty() ? "なし" : ext));
}

}  // namespace kokuho
