// A small xlsx writer for reports (libxlsxwriter): one table per sheet, with a bold
// shaded header row that stays visible (frozen panes) and has an autofilter. Every cell
// is in the Japanese font 游ゴシック 11pt (kXlsxFontName); a sheet whose last row is a
// 合計 row can have that row's money and count columns written as =SUM(...) formulas.
//
//   XlsxSheet sheet;
//   sheet.name = "納付金";
//   sheet.title = "令和9年度 納付金 (仮係数)";        // optional: row 1; header then in row 3
//   sheet.header = {"団体コード", "市町村名", "納付金額"};
//   sheet.rows.push_back({XlsxCell::Text("102016"), XlsxCell::Text("前橋市"),
//                         XlsxCell::Integer(12'345'678'901)});
//   WriteXlsx(stage.PathFor("nofukin.xlsx"), {sheet});
//
// Integers are written as numbers with the "#,##0" format, so Excel shows thousands
// separators and can sum them; decimals carry their own number format. Numbers are
// right-aligned, text left-aligned.
//
//   sheet.rows.push_back({XlsxCell::Empty(), XlsxCell::Text("合計"), XlsxCell::Integer(total)});
//   sheet.total_columns = {2};  // C of the 合計 row: =SUM(C4:C38), cached value `total`
#pragma once

#include <string>
#include <vector>

namespace kokuho {

/// One cell of an XlsxSheet. Build it with the static helpers.
struct XlsxCell {
  /// What the cell holds.
  enum Kind { kText, kInteger, kDecimal, kEmpty };

  Kind kind = kEmpty;
  std::string text;           ///< kText: UTF-8 text
  long long integer = 0;      ///< kInteger: the value
  double number = 0;          ///< kDecimal: the value
  std::string number_format;  ///< kInteger / kDecimal: Excel number format
  /// kInteger / kDecimal, optional: an Excel formula ("=B{row}/C{row}", "{row}" standing for
  /// this cell's own sheet row) written with the value as its cached result. The caller
  /// vouches that the formula computes that value (see XlsxFormulaRow below).
  std::string formula;

  /// A text cell (written as a string even if it looks like a number, e.g. "01").
  static XlsxCell Text(std::string s);
  /// An integer written as a number, by default with thousands separators. Values
  /// beyond ±2^53 (not exact in Excel's doubles) are written as text instead.
  static XlsxCell Integer(long long v, std::string format = "#,##0");
  /// A decimal written as a number with `format` (e.g. "0.00", "0.0000000000000",
  /// "0.00%"), stored to 15 significant digits as Excel keeps it (52.6, not
  /// 52.59999999999999).
  static XlsxCell Decimal(double v, std::string format = "0.00");
  /// A cell left blank.
  static XlsxCell Empty();
};

/// `formula` with every "{row}" replaced by the 1-based sheet row `row`.
std::string XlsxFormulaRow(const std::string& formula, int row);

/// The font of every cell (see xlsx_writer.cc for why this one).
inline constexpr const char* kXlsxFontName = "游ゴシック";
/// Its size in points.
inline constexpr double kXlsxFontSize = 11;

/// One worksheet: an optional title, a header row and data rows.
struct XlsxSheet {
  std::string name;                         ///< sheet name, at most 31 characters
  std::vector<std::string> header;          ///< column names (bold, shaded, frozen)
  std::vector<std::vector<XlsxCell>> rows;  ///< data rows below the header
  std::vector<double> column_widths;        ///< optional: width per column (characters)
  std::string title;                        ///< optional: if set, row 1; header in row 3
  /// Optional: the last row is a 合計 row, and in these columns (0-based) its cell is the
  /// sum of the integer cells above it. Each is written as the formula =SUM(<first data
  /// row>:<row above>) with the cell's integer as the cached result, so a reader that does
  /// not recalculate (or kokuho's own xlsx reader) sees the same number. WriteXlsx throws
  /// std::logic_error if that integer is not the sum of the cells above (a programming
  /// error in the table, never silently a different figure).
  std::vector<size_t> total_columns;
};

/// Writes `sheets` (in order) to the workbook `path`, replacing it. Column widths
/// not given in column_widths are estimated from the display width of the contents
/// (CJK characters count 2). Throws std::runtime_error for an invalid or repeated
/// sheet name (empty, over 31 characters, one of []:*?/\) and for libxlsxwriter
/// errors (e.g. the file cannot be created).
void WriteXlsx(const std::string& path, const std::vector<XlsxSheet>& sheets);

}  // namespace kokuho
