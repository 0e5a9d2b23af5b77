// ReportTable: a result table with typed cells, rendered to the terminal, CSV and
// xlsx by the writers beside it, so every format shows the same figures.
#pragma once

#include <string>
#include <vector>

#include "core/rational.h"
#include "core/yen.h"

namespace kokuho {

struct ReportCell {
  enum Kind { kText, kInteger, kDecimal, kEmpty };
  Kind kind = kEmpty;
  std::string text;
  long long integer = 0;
  Rational decimal;
  int places = 0;  ///< kDecimal: digits after the point
  /// kInteger / kDecimal, optional: in the xlsx, an Excel formula computing this value from
  /// other cells ("{row}" is the cell's own row, as XlsxCell::formula); the value is its
  /// cached result. CSV and the terminal show the value.
  std::string formula;

  static ReportCell Text(std::string s);
  static ReportCell Integer(long long v);
  static ReportCell Decimal(const Rational& v, int places);
  /// A parameter as given (α, β, 収納率): a decimal with as many places as its shortest exact
  /// form needs ("0.75" → 2 places), so it is a right-aligned number in the terminal and
  /// xlsx and the same text as Rational::ToString in CSV; a value with no finite decimal
  /// form (1/3) stays the text "1/3".
  static ReportCell Shortest(const Rational& v);
  static ReportCell Empty();

  /// Plain text for CSV: integers without separators, decimals with `places` digits.
  std::string Plain() const;
  /// Text for the terminal: integers with thousands separators.
  std::string Display() const;
};

struct ReportTable {
  std::string key;    ///< file stem, e.g. "nofukin" (nofukin.csv)
  std::string title;  ///< Japanese title (first line in the terminal and the xlsx sheet)
  std::string sheet;  ///< xlsx sheet name (≤ 31 characters)
  std::vector<std::string> header;
  std::vector<std::vector<ReportCell>> rows;
  /// Optional: the last row is the 合計 row and these columns (0-based) hold the sum of
  /// the integer cells above; the xlsx writes them as =SUM(...) formulas whose cached
  /// value is this integer (XlsxSheet::total_columns). Leave out columns that are not
  /// sums (a 1人当たり figure, a rate).
  std::vector<size_t> total_columns = {};
};

/// Renders a table for the terminal, columns aligned by display width (CJK = 2),
/// numbers right-aligned. (table_fit.h fits it to a terminal's width.)
std::string RenderText(const ReportTable& table);

/// The display width of each column as RenderText pads it: the widest of its header
/// and its cells' Display() text.
std::vector<int> ColumnWidths(const ReportTable& table);

}  // namespace kokuho
