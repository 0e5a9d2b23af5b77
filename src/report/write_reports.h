// Writes the report files of a result into a folder, all or nothing: files are
// staged in a temporary folder and renamed into place only when every one is written.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "io/csv_writer.h"
#include "report/report_table.h"

namespace kokuho {

struct ReportFormats {
  bool csv = false;  ///< one CSV per table (<key>.csv), UTF-8 with BOM unless csv_encoding
  CsvEncoding csv_encoding = CsvEncoding::kUtf8Bom;  ///< --encoding cp932 for CP932
  bool xlsx = false;  ///< one workbook, one sheet per table (<stem>.xlsx)
  bool json = false;  ///< <stem>.json
};

/// A file written with the reports (e.g. report.html): a plain name and its bytes, or a
/// file already written elsewhere on the same filesystem (`path`, e.g. a large CSV streamed
/// to a temporary folder), moved into place with the others.
struct ExtraFile {
  std::string name;
  std::string bytes;
  std::string path;  ///< when not empty: move this file instead of writing `bytes`
};

/// Returns the paths written. `extra` files are staged and committed with the others.
std::vector<std::string> WriteReports(const std::string& dir, const std::string& stem,
                                      const ReportFormats& formats,
                                      const std::vector<ReportTable>& tables,
                                      const nlohmann::ordered_json& json,
                                      const std::vector<ExtraFile>& extra = {});

}  // namespace kokuho
