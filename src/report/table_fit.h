// Fitting a ReportTable to a terminal: when the table as RenderText prints it is wider
// than the terminal, lower-priority columns are left out and a note names them.
//
//   FittedTable f = FitToWidth(table, 80);
//   std::cout << RenderText(f.table);          // the kept columns, in their order
//   // f.omitted == {"支援金分", "介護分", …}
//   std::cout << RenderTextFitted(table, 80);  // the same, with the note
//   //   （列を省略: 支援金分、介護分。--wide ですべて表示）
//
// Priority: the identifying columns first (the leading run of text columns, such as
// 団体コード and 市町村名), then totals (a header containing 「計」: 合計, 納付金計), then
// the other columns from left to right. Columns are taken in that order while they fit;
// a column too wide for what is left is skipped and a narrower later one can still be
// taken. The first column is always kept, even if it alone is wider than the terminal.
// Widths are display widths (CJK and full-width characters count 2, core/text.h).
#pragma once

#include <string>
#include <vector>

#include "report/report_table.h"

namespace kokuho {

/// A table cut down to a width, and the headers of the columns left out.
struct FittedTable {
  ReportTable table;
  std::vector<std::string> omitted;  ///< headers of the dropped columns, in table order
};

/// The width of `table` as RenderText prints it (its widest line, the title aside).
int RenderedWidth(const ReportTable& table);

/// `table` with the columns that fit in `width` terminal columns (see the overview).
FittedTable FitToWidth(const ReportTable& table, int width);

/// RenderText of FitToWidth(table, width), followed by the line
/// 「（列を省略: A、B。--wide ですべて表示）」 when columns were left out. Equal to
/// RenderText(table) when the table fits.
std::string RenderTextFitted(const ReportTable& table, int width);

}  // namespace kokuho
