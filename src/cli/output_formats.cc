#include "cli/output_formats.h"

#include <CLI/CLI.hpp>
#include <sstream>

namespace kokuho::cli {

OutputFormats ParseOutputFormats(const std::string& list) {
  OutputFormats f;
  std::stringstream ss(list);
  std::string item;
  while (std::getline(ss, item, ',')) {
    if (item == "table") {
      f.table = true;
    } else if (item == "csv") {
      f.files.csv = true;
    } else if (item == "xlsx") {
      f.files.xlsx = true;
    } else if (item == "json") {
      f.files.json = true;
    } else {
      throw CLI::ValidationError("--format", "expected a comma list of table, csv, xlsx, json");
    }
  }
  return f;
}

}  // namespace kokuho::cli
