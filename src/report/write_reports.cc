#include "report/write_reports.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "io/csv_writer.h"
#include "io/output_files.h"
#include "io/xlsx_writer.h"

namespace kokuho {
namespace {

constexpr char kCannotWrite[] = "書き込めません。空き容量と書き込みの権限を確かめてください";

XlsxCell ToXlsxValue(const ReportCell& c) {
  switch (c.kind) {
    case ReportCell::kText:
      return XlsxCell::Text(c.text);
    case ReportCell::kInteger:
      return XlsxCell::Integer(c.integer);
    case ReportCell::kDecimal: {
      const std::string format =
          c.places == 0 ? "0" : "0." + std::string(static_cast<size_t>(c.places), '0');
      // A formula's cached result is the value it computes (Excel keeps every digit); a
      // value is the decimal as published (the CSV's text, e.g. Σw to 13 places), so the
      // workbook and the CSV hold the same number.
      if (!c.formula.empty()) return XlsxCell::Decimal(c.decimal.ToDouble(), format);
      return XlsxCell::Decimal(std::strtod(c.Plain().c_str(), nullptr), format);
    }
    case ReportCell::kEmpty:
      return XlsxCell::Empty();
  }
  return XlsxCell::Empty();
}

XlsxCell ToXlsx(const ReportCell& c) {
  XlsxCell x = ToXlsxValue(c);
  if (c.kind == ReportCell::kInteger || c.kind == ReportCell::kDecimal) x.formula = c.formula;
  return x;
}

}  // namespace

std::vector<std::string> WriteReports(const std::string& dir, const std::string& stem,
                                      const ReportFormats& formats,
                                      const std::vector<ReportTable>& tables,
                                      const nlohmann::ordered_json& json,
                                      const std::vector<ExtraFile>& extra) {
  OutputStage stage(dir);
  std::vector<std::string> names;
  if (formats.csv) {
    for (const auto& t : tables) {
      std::vector<std::vector<std::string>> rows = {t.header};
      for (const auto& row : t.rows) {
        std::vector<std::string> out;
        for (const auto& c : row) out.push_back(c.Plain());
        rows.push_back(std::move(out));
      }
      WriteCsv(stage.PathFor(t.key + ".csv"), rows, formats.csv_encoding);
      names.push_back(t.key + ".csv");
    }
  }
  if (formats.xlsx) {
    std::vector<XlsxSheet> sheets;
    for (const auto& t : tables) {
      XlsxSheet s;
      s.name = t.sheet;
      s.title = t.title;
      s.header = t.header;
      s.total_columns = t.total_columns;
      for (const auto& row : t.rows) {
        std::vector<XlsxCell> out;
        for (const auto& c : row) out.push_back(ToXlsx(c));
        s.rows.push_back(std::move(out));
      }
      sheets.push_back(std::move(s));
    }
    WriteXlsx(stage.PathFor(stem + ".xlsx"), sheets);
    names.push_back(stem + ".xlsx");
  }
  if (formats.json) {
    std::ofstream out(stage.PathFor(stem + ".json"), std::ios::binary);
    out << json.dump(2) << "\n";
    if (!out) throw std::runtime_error(stem + ".json: " + kCannotWrite);
    names.push_back(stem + ".json");
  }
  for (const auto& f : extra) {
    if (!f.path.empty()) {
      std::filesystem::rename(f.path, stage.PathFor(f.name));  // same filesystem
      names.push_back(f.name);
      continue;
    }
    std::ofstream out(stage.PathFor(f.name), std::ios::binary);
    out << f.bytes;
    if (!out) throw std::runtime_error(f.name + ": " + kCannotWrite);
    names.push_back(f.name);
  }
  stage.Commit();
  std::vector<std::string> paths;
  for (const auto& n : names) paths.push_back((std::filesystem::path(dir) / n).string());
  return paths;
}

}  // namespace kokuho
