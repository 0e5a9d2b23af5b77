#include "report/table_fit.h"

#include <algorithm>
#include <numeric>

namespace kokuho {
namespace {

constexpr int kGap = 2;  // RenderText puts two spaces between columns

// Whether every cell of column j is text (or empty): an identifying column.
bool TextColumn(const ReportTable& t, size_t j) {
  for (const auto& row : t.rows)
    if (j < row.size() && row[j].kind != ReportCell::kText && row[j].kind != ReportCell::kEmpty)
      return false;
  return true;
}

// Column indices from the most to the least important (see table_fit.h).
std::vector<size_t> PriorityOrder(const ReportTable& t) {
  const size_t cols = t.header.size();
  std::vector<size_t> order;
  size_t lead = 0;
  while (lead < cols && TextColumn(t, lead)) order.push_back(lead++);
  if (lead == 0 && cols > 0) order.push_back(lead++);  // the first column, whatever it holds
  for (size_t j = lead; j < cols; ++j)
    if (t.header[j].find("計") != std::string::npos) order.push_back(j);
  for (size_t j = lead; j < cols; ++j)
    if (t.header[j].find("計") == std::string::npos) order.push_back(j);
  return order;
}

}  // namespace

int RenderedWidth(const ReportTable& table) {
  const std::vector<int> w = ColumnWidths(table);
  if (w.empty()) return 0;
  return std::accumulate(w.begin(), w.end(), 0) + kGap * static_cast<int>(w.size() - 1);
}

FittedTable FitToWidth(const ReportTable& table, int width) {
  FittedTable out{table, {}};
  if (table.header.empty() || RenderedWidth(table) <= width) return out;
  const std::vector<int> w = ColumnWidths(table);
  std::vector<bool> keep(w.size(), false);
  int used = 0;
  bool first = true;
  for (size_t j : PriorityOrder(table)) {
    const int need = w[j] + (first ? 0 : kGap);
    if (first || used + need <= width) {
      keep[j] = true;
      used += need;
      first = false;
    }
  }
  out.table.header.clear();
  out.table.rows.assign(table.rows.size(), {});
  out.table.total_columns.clear();  // column indices change; the terminal has no formulas
  for (size_t j = 0; j < w.size(); ++j) {
    if (!keep[j]) {
      out.omitted.push_back(table.header[j]);
      continue;
    }
    out.table.header.push_back(table.header[j]);
    for (size_t r = 0; r < table.rows.size(); ++r)  // a short row lacks only trailing columns
      if (j < table.rows[r].size()) out.table.rows[r].push_back(table.rows[r][j]);
  }
  return out;
}

std::string RenderTextFitted(const ReportTable& table, int width) {
  const FittedTable f = FitToWidth(table, width);
  std::string text = RenderText(f.table);
  if (f.omitted.empty()) return text;
  std::string names;
  for (const std::string& h : f.omitted) names += (names.empty() ? "" : "、") + h;
  return text + "（列を省略: " + names + "。--wide ですべて表示）\n";
}

}  // namespace kokuho
