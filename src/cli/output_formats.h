// The --format option every report-writing subcommand shares: a comma list of
// table (printed), csv, xlsx and json (files).
#pragma once

#include <string>

#include "report/write_reports.h"

namespace kokuho::cli {

struct OutputFormats {
  bool table = false;   ///< print the tables
  ReportFormats files;  ///< files to write
};

/// Parses "table,csv,xlsx,json" (any subset); anything else is a CLI11 validation error.
OutputFormats ParseOutputFormats(const std::string& list);

}  // namespace kokuho::cli
