#include "report/report_table.h"

#include <algorithm>

#include "core/text.h"

namespace kokuho {

ReportCell ReportCell::Text(std::string s) {
  ReportCell c;
  c.kind = kText;
  c.text = std::move(s);
  return c;
}

ReportCell ReportCell::Integer(long long v) {
  ReportCell c;
  c.kind = kInteger;
  c.integer = v;
  return c;
}

ReportCell ReportCell::Decimal(const Rational& v, int places) {
  ReportCell c;
  c.kind = kDecimal;
  c.decimal = v;
  c.places = places;
  return c;
}

ReportCell ReportCell::Shortest(const Rational& v) {
  const std::string exact = v.ToString();
  if (exact.find('/') != std::string::npos) return Text(exact);
  const size_t point = exact.find('.');
  return Decimal(v, point == std::string::npos ? 0 : static_cast<int>(exact.size() - point - 1));
}

ReportCell ReportCell::Empty() { return ReportCell(); }

std::string ReportCell::Plain() const {
  switch (kind) {
    case kText:
      return text;
    case kInteger:
      return std::to_string(integer);
    case kDecimal:
      return decimal.ToDecimalString(places);
    case kEmpty:
      return "";
  }
  return "";
}

// On screen, money and counts carry thousands separators whether whole or not ("12,345.6").
std::string ReportCell::Display() const {
  if (kind == kInteger) return FormatYen(integer);
  if (kind == kDecimal) return decimal.ToGroupedString(places);
  return Plain();
}

std::vector<int> ColumnWidths(const ReportTable& table) {
  const size_t cols = table.header.size();
  std::vector<int> width(cols, 0);
  for (size_t j = 0; j < cols; ++j) width[j] = DisplayWidth(table.header[j]);
  for (const auto& row : table.rows)
    for (size_t j = 0; j < cols && j < row.size(); ++j)
      width[j] = std::max(width[j], DisplayWidth(row[j].Display()));
  return width;
}

std::string RenderText(const ReportTable& table) {
  const size_t cols = table.header.size();
  const std::vector<int> width = ColumnWidths(table);
  auto pad = [](const std::string& s, int w, bool right) {
    std::string fill(static_cast<size_t>(std::max(0, w - DisplayWidth(s))), ' ');
    return right ? fill + s : s + fill;
  };
  std::string out = table.title + "\n";
  for (size_t j = 0; j < cols; ++j) out += (j ? "  " : "") + pad(table.header[j], width[j], j > 1);
  out += "\n";
  int total = 0;
  for (int w : width) total += w + 2;
  for (int k = 0; k < total - 2; ++k) out += "-";
  out += "\n";
  for (const auto& row : table.rows) {
    for (size_t j = 0; j < cols && j < row.size(); ++j) {
      const bool numeric =
          row[j].kind == ReportCell::kInteger || row[j].kind == ReportCell::kDecimal;
      out += (j ? "  " : "") + pad(row[j].Display(), width[j], numeric);
    }
    out += "\n";
  }
  return out;
}

}  // namespace kokuho
