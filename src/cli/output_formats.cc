#include "cli/output_formats.h"

#include <CLI/CLI.hpp>
#include <iostream>
#include <sstream>

#include "cli/terminal_width.h"
#include "report/table_fit.h"
#include "report/warnings_table.h"

namespace kokuho::cli {

void AddOutputOptions(CLI::App& cmd, std::string& out_dir, std::string& formats) {
  cmd.add_option("--out", out_dir, "出力ファイルのフォルダ");
  cmd.add_option("--format", formats, "table, csv, xlsx, json をカンマ区切りで")
      ->default_str("table (--out があれば table,csv,xlsx,json)");
  cmd.add_option("--encoding", "CSV の文字コード: utf8 (BOM 付き、既定) または cp932 (Shift_JIS)")
      ->check(CLI::IsMember({"utf8", "cp932"}));
  cmd.add_flag("--wide")->description("表の列をすべて表示する (端末の幅に合わせて列を省略しない)");
}

void DefaultOutputFormats(const CLI::App& cmd, const std::string& out_dir, std::string& formats) {
  if (cmd.count("--format") == 0) formats = out_dir.empty() ? "table" : "table,csv,xlsx,json";
  const CLI::Option* encoding = cmd.get_option_no_throw("--encoding");
  if (encoding && encoding->count() > 0) formats += ",encoding=" + encoding->as<std::string>();
  const CLI::Option* wide = cmd.get_option_no_throw("--wide");
  if (wide && wide->count() > 0) formats += ",wide";
}

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
    } else if (item == "wide") {
      f.wide = true;
    } else if (item == "encoding=utf8") {
      f.files.csv_encoding = CsvEncoding::kUtf8Bom;
    } else if (item == "encoding=cp932") {
      f.files.csv_encoding = CsvEncoding::kCp932;
    } else {
      throw CLI::ValidationError("--format", "「" + item +
                                                 "」は使えません。table、csv、xlsx、json をカンマで"
                                                 "区切って指定してください");
    }
  }
  return f;
}

std::string PrintedTable(const ReportTable& table, bool wide) {
  if (wide) return RenderText(table);
  const std::optional<int> width = TableFitWidth();
  return width ? RenderTextFitted(table, *width) : RenderText(table);
}

int EmitReports(const std::string& out_dir, const std::string& formats, const std::string& stem,
                const std::vector<ReportTable>& tables_in, const nlohmann::ordered_json& json_in,
                const std::vector<ReportTable>* printed_in,
                const std::vector<std::string>& warnings, const std::vector<ExtraFile>& extra) {
  const OutputFormats f = ParseOutputFormats(formats);
  std::vector<ReportTable> tables = tables_in;
  nlohmann::ordered_json json = json_in;
  AddWarnings(warnings, tables, json);
  std::vector<ReportTable> printed_copy;
  const std::vector<ReportTable>* printed = nullptr;
  if (printed_in) {
    printed_copy = *printed_in;
    nlohmann::ordered_json unused = nlohmann::ordered_json::object();
    AddWarnings(warnings, printed_copy, unused);
    printed = &printed_copy;
  }
  for (const std::string& w : warnings) std::cerr << "注意: " << w << "\n";
  const bool files = f.files.csv || f.files.xlsx || f.files.json;
  if (f.files.json && !f.files.csv && !f.files.xlsx && out_dir.empty()) {
    std::cout << json.dump(2) << "\n";
    return 0;
  }
  if (f.table)
    for (const auto& t : printed ? *printed : tables) std::cout << PrintedTable(t, f.wide) << "\n";
  if (files) {
    const std::string dir = out_dir.empty() ? "kokuho-output" : out_dir;
    const std::vector<std::string> paths = WriteReports(dir, stem, f.files, tables, json, extra);
    for (std::size_t i = 0; i < paths.size(); ++i) {
      if (i == 20 && paths.size() > 21) {  // e.g. one HTML page per finding
        std::cerr << "wrote … and " << paths.size() - 20 << " more files in " << dir << "\n";
        break;
      }
      std::cerr << "wrote " << paths[i] << "\n";
    }
  }
  return 0;
}

}  // namespace kokuho::cli
