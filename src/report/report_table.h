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

  static ReportCell Text(std::string s);
  static ReportCell Integer(long long v);
  static ReportCell Decimal(const Rational& v, int places);
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
};

/// Renders a table for the terminal, columns aligned by display width (CJK = 2),
/// numbers right-aligned.
std::string RenderText(const ReportTable& table);

}  // namespace kokuho
