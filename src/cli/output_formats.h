// The --format option every report-writing subcommand shares: a comma list of
// table (printed), csv, xlsx and json (files).
#pragma once

#include <CLI/CLI.hpp>
#include <string>

#include "report/write_reports.h"

namespace kokuho::cli {

struct OutputFormats {
  bool table = false;   ///< print the tables
  ReportFormats files;  ///< files to write
};

/// Adds --out DIR and --format LIST to a subcommand.
void AddOutputOptions(CLI::App& cmd, std::string& out_dir, std::string& formats);

/// The --format default when none was given: the table alone, or every format with --out.
void DefaultOutputFormats(const CLI::App& cmd, const std::string& out_dir, std::string& formats);

/// Parses "table,csv,xlsx,json" (any subset); anything else is a CLI11 validation error.
OutputFormats ParseOutputFormats(const std::string& list);

}  // namespace kokuho::cli
