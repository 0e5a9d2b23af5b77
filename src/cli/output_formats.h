// The --format option every report-writing subcommand shares: a comma list of
// table (printed), csv, xlsx and json (files); and --wide, which prints tables whole
// where they would otherwise be fitted to the terminal (terminal_width.h, table_fit.h).
#pragma once

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "report/write_reports.h"

namespace kokuho::cli {

struct OutputFormats {
  bool table = false;   ///< print the tables
  bool wide = false;    ///< --wide: print every column even when the terminal is narrower
  ReportFormats files;  ///< files to write
};

/// Adds --out DIR, --format LIST, --encoding utf8|cp932 (of the CSV files) and --wide to a
/// subcommand.
void AddOutputOptions(CLI::App& cmd, std::string& out_dir, std::string& formats);

/// The --format default when none was given: the table alone, or every format with --out.
/// Also carries --encoding into `formats` (as an "encoding=…" item) and --wide (as "wide"), so
/// that every command that passes its format list on writes its CSV in that encoding and
/// prints its tables whole.
void DefaultOutputFormats(const CLI::App& cmd, const std::string& out_dir, std::string& formats);

/// Parses "table,csv,xlsx,json" (any subset, plus "encoding=utf8|cp932" and "wide"); anything
/// else is a CLI11 validation error.
OutputFormats ParseOutputFormats(const std::string& list);

/// A table as printed on standard output (RenderText): fitted to TableFitWidth() with a note
/// naming the columns left out, unless `wide` or there is nothing to fit to (a pipe).
std::string PrintedTable(const ReportTable& table, bool wide);

/// What every report-writing command does with its tables and JSON under --format/--out:
/// JSON alone without --out goes to standard output; otherwise the tables are printed
/// (`printed` instead when given, e.g. an abridged view) and the files written all or
/// nothing into --out (default kokuho-output) as <key>.csv, <stem>.xlsx, <stem>.json.
/// `warnings` (the ParameterNotes of the computation) go into every output: a first
/// 注意事項 table, the JSON's "warnings", and 「注意: …」 lines on stderr. `extra` files
/// (e.g. HTML pages) are written with the other files, all or nothing, whenever files are.
int EmitReports(const std::string& out_dir, const std::string& formats, const std::string& stem,
                const std::vector<ReportTable>& tables, const nlohmann::ordered_json& json,
                const std::vector<ReportTable>* printed = nullptr,
                const std::vector<std::string>& warnings = {},
                const std::vector<ExtraFile>& extra = {});

}  // namespace kokuho::cli
