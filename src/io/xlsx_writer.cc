#include "io/xlsx_writer.h"

#include <fmt/format.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <ctime>
#include <map>
#include <stdexcept>
#include <string>

#include "core/text.h"

namespace kokuho {
namespace {

constexpr long long kMaxExactInteger = 9007199254740992LL;  // 2^53
constexpr lxw_color_t kHeaderFill = 0xDDEBF7;               // light blue
constexpr double kMinWidth = 6;
constexpr double kMaxWidth = 60;

// The font: 游ゴシック (Yu Gothic) 11pt is the default body font of Japanese Excel since
// Office 2016 and ships with Windows 8.1+ and macOS, so a kokuho workbook looks like the
// ones staff make themselves. Meiryo is Windows-only and Noto Sans JP is not installed on
// most office PCs. Where 游ゴシック is missing (LibreOffice on Linux), the application
// substitutes another font; family 2 (a sans-serif) says which kind. (libxlsxwriter 1.1.4
// does not write a font's charset, so no SHIFTJIS_CHARSET hint is possible.) No font scheme
// is set: the theme's minor font is Calibri, which Excel would otherwise use for Latin text.
constexpr uint8_t kFontFamilySwiss = 2;

// A new format in the workbook's font.
lxw_format* AddFontFormat(lxw_workbook* wb) {
  lxw_format* f = workbook_add_format(wb);
  format_set_font_name(f, kXlsxFontName);
  format_set_font_size(f, kXlsxFontSize);
  format_set_font_family(f, kFontFamilySwiss);
  return f;
}

// The formats of a workbook, shared by its sheets.
struct Formats {
  lxw_format* header = nullptr;
  lxw_format* title = nullptr;
  lxw_format* text = nullptr;
  std::map<std::string, lxw_format*> numbers;  // by number format
};

// docProps/core.xml carries a creation time; libxlsxwriter writes the current time unless
// told otherwise, so two runs on the same input would differ. kokuho writes
// SOURCE_DATE_EPOCH when it is set to a valid time (reproducible-builds.org convention),
// else a fixed 1980-01-01T00:00:00Z (the earliest zip time, which libxlsxwriter also uses
// for the archive entries), so every output is byte-identical on re-run.
constexpr std::time_t kFixedCreated = 315532800;  // 1980-01-01T00:00:00Z

std::time_t CreatedTime() {
  const char* env = std::getenv("SOURCE_DATE_EPOCH");
  if (env == nullptr || *env == '\0') return kFixedCreated;
  char* end = nullptr;
  errno = 0;
  const long long v = std::strtoll(env, &end, 10);
  // Not a whole number of seconds, or 0 (which libxlsxwriter reads as "now"): ignored.
  if (errno != 0 || *end != '\0' || v <= 0) return kFixedCreated;
  return static_cast<std::time_t>(v);
}

// A write that failed: the file system (space, permissions) is the usual cause; the
// library's own words follow in parentheses for a bug report.
constexpr char kCannotWrite[] =
    "Excel ファイル (xlsx) を書けません。空き容量と書き込みの権限を確かめてください";

// Owns a libxlsxwriter workbook until it is closed.
class Workbook {
 public:
  explicit Workbook(const std::string& path) : path_(path), wb_(workbook_new(path.c_str())) {
    if (wb_ == nullptr)
      throw std::runtime_error(path + ": " + kCannotWrite + " (cannot create the workbook)");
    lxw_doc_properties properties{};
    properties.created = CreatedTime();
    if (lxw_error error = workbook_set_properties(wb_, &properties); error != LXW_NO_ERROR) {
      lxw_workbook_free(wb_);
      wb_ = nullptr;
      Check(error, "cannot set the properties");
    }
  }
  ~Workbook() {
    if (wb_ != nullptr) lxw_workbook_free(wb_);
  }
  Workbook(const Workbook&) = delete;
  Workbook& operator=(const Workbook&) = delete;

  lxw_workbook* get() { return wb_; }

  void Close() {
    lxw_error error = workbook_close(wb_);  // frees the workbook in every case
    wb_ = nullptr;
    Check(error, "cannot close the workbook");
  }

  void Check(lxw_error error, const std::string& what) const {
    if (error != LXW_NO_ERROR)
      throw std::runtime_error(
          fmt::format("{}: {} ({}: {})", path_, kCannotWrite, what, lxw_strerror(error)));
  }

 private:
  std::string path_;
  lxw_workbook* wb_;
};

// Digits after the decimal point in a number format ("0.00" -> 2, "#,##0" -> 0).
int FormatDecimals(const std::string& format) {
  size_t point = format.find('.');
  if (point == std::string::npos) return 0;
  int n = 0;
  for (size_t i = point + 1; i < format.size() && (format[i] == '0' || format[i] == '#'); ++i) ++n;
  return n;
}

// Inserts thousands separators into a plain decimal ("-1234567.5" -> "-1,234,567.5").
std::string GroupThousands(std::string s) {
  size_t start = s.empty() || s[0] != '-' ? 0 : 1;
  size_t end = s.find('.');
  if (end == std::string::npos) end = s.size();
  for (size_t i = end; i > start + 3; i -= 3) s.insert(i - 3, ",");
  return s;
}

// Roughly what Excel displays for a cell, for estimating the column width.
std::string DisplayText(const XlsxCell& cell) {
  switch (cell.kind) {
    case XlsxCell::kText:
      return cell.text;
    case XlsxCell::kEmpty:
      return "";
    case XlsxCell::kInteger:
    case XlsxCell::kDecimal: {
      double value =
          cell.kind == XlsxCell::kInteger ? static_cast<double>(cell.integer) : cell.number;
      bool percent = cell.number_format.find('%') != std::string::npos;
      std::string s =
          fmt::format("{:.{}f}", percent ? value * 100 : value, FormatDecimals(cell.number_format));
      if (cell.number_format.find(',') != std::string::npos) s = GroupThousands(s);
      return percent ? s + "%" : s;
    }
  }
  return "";
}

// Widest line of a text, in display columns.
int TextWidth(std::string_view text) {
  int widest = 0;
  size_t start = 0;
  while (start <= text.size()) {
    size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) nl = text.size();
    widest = std::max(widest, DisplayWidth(text.substr(start, nl - start)));
    start = nl + 1;
  }
  return widest;
}

// The range of rows first..last (0-based) in column `col`, e.g. "C4:C38".
std::string ColumnRange(lxw_row_t first, lxw_row_t last, lxw_col_t col) {
  char range[64];
  lxw_rowcol_to_range(range, first, col, last, col);
  return range;
}

// Checks the 合計 row of `sheet` (XlsxSheet::total_columns): each listed cell must be an
// integer equal to the sum of the integer (or empty) cells above it.
void CheckTotals(const XlsxSheet& sheet) {
  if (sheet.total_columns.empty()) return;
  if (sheet.rows.empty())
    throw std::logic_error("sheet " + sheet.name + ": total_columns without a 合計 row");
  const auto& total = sheet.rows.back();
  for (size_t c : sheet.total_columns) {
    if (c >= total.size() || total[c].kind != XlsxCell::kInteger)
      throw std::logic_error(
          fmt::format("sheet {}: the 合計 cell of column {} is not an integer", sheet.name, c + 1));
    long long sum = 0;
    for (size_t r = 0; r + 1 < sheet.rows.size(); ++r) {
      if (c >= sheet.rows[r].size()) continue;
      const XlsxCell& cell = sheet.rows[r][c];
      if (cell.kind == XlsxCell::kEmpty) continue;
      if (cell.kind != XlsxCell::kInteger || __builtin_add_overflow(sum, cell.integer, &sum))
        throw std::logic_error(fmt::format(
            "sheet {}: column {} above the 合計 row is not all integers", sheet.name, c + 1));
    }
    if (sum != total[c].integer)
      throw std::logic_error(
          fmt::format("sheet {}: the 合計 of column {} is {}, the cells sum to {}", sheet.name,
                      c + 1, total[c].integer, sum));
  }
}

void WriteSheet(Workbook& wb, const XlsxSheet& sheet, Formats& formats) {
  lxw_worksheet* ws = workbook_add_worksheet(wb.get(), sheet.name.c_str());
  if (ws == nullptr) throw std::runtime_error("cannot add worksheet " + sheet.name);

  size_t columns = sheet.header.size();
  for (const auto& row : sheet.rows) columns = std::max(columns, row.size());

  lxw_row_t header_row = 0;
  if (!sheet.title.empty()) {
    wb.Check(worksheet_write_string(ws, 0, 0, sheet.title.c_str(), formats.title),
             "cannot write the title of sheet " + sheet.name);
    header_row = 2;
  }
  std::vector<double> widths(columns, 0);
  for (size_t c = 0; c < sheet.header.size(); ++c) {
    wb.Check(worksheet_write_string(ws, header_row, static_cast<lxw_col_t>(c),
                                    sheet.header[c].c_str(), formats.header),
             "cannot write the header of sheet " + sheet.name);
    widths[c] = TextWidth(sheet.header[c]) + 3;  // room for the autofilter button
  }

  auto format_for = [&](const std::string& num_format) {
    auto [it, inserted] = formats.numbers.try_emplace(num_format, nullptr);
    if (inserted) {
      it->second = AddFontFormat(wb.get());
      format_set_num_format(it->second, num_format.c_str());
      format_set_align(it->second, LXW_ALIGN_RIGHT);
    }
    return it->second;
  };

  CheckTotals(sheet);
  const auto first_data_row = static_cast<lxw_row_t>(header_row + 1);
  const auto total_row = static_cast<lxw_row_t>(header_row + sheet.rows.size());
  auto is_total = [&](size_t r, size_t c) {
    return r + 1 == sheet.rows.size() && r > 0 &&
           std::find(sheet.total_columns.begin(), sheet.total_columns.end(), c) !=
               sheet.total_columns.end();
  };

  for (size_t r = 0; r < sheet.rows.size(); ++r) {
    auto row = static_cast<lxw_row_t>(header_row + 1 + r);
    for (size_t c = 0; c < sheet.rows[r].size(); ++c) {
      const XlsxCell& cell = sheet.rows[r][c];
      auto col = static_cast<lxw_col_t>(c);
      lxw_error error = LXW_NO_ERROR;
      switch (cell.kind) {
        case XlsxCell::kText:
          error = worksheet_write_string(ws, row, col, cell.text.c_str(), formats.text);
          break;
        case XlsxCell::kInteger:
          if (cell.integer > kMaxExactInteger || cell.integer < -kMaxExactInteger) {
            error = worksheet_write_string(ws, row, col, std::to_string(cell.integer).c_str(),
                                           formats.text);
          } else if (is_total(r, c)) {
            // The cached result is the engine's exact total (checked by CheckTotals), so a
            // reader that does not recalculate shows the same yen as the CSV.
            const std::string formula =
                "=SUM(" + ColumnRange(first_data_row, total_row - 1, col) + ")";
            error = worksheet_write_formula_num(ws, row, col, formula.c_str(),
                                                format_for(cell.number_format),
                                                static_cast<double>(cell.integer));
          } else if (!cell.formula.empty()) {
            error = worksheet_write_formula_num(
                ws, row, col, XlsxFormulaRow(cell.formula, static_cast<int>(row) + 1).c_str(),
                format_for(cell.number_format), static_cast<double>(cell.integer));
          } else {
            error = worksheet_write_number(ws, row, col, static_cast<double>(cell.integer),
                                           format_for(cell.number_format));
          }
          break;
        case XlsxCell::kDecimal:
          if (!cell.formula.empty()) {
            error = worksheet_write_formula_num(
                ws, row, col, XlsxFormulaRow(cell.formula, static_cast<int>(row) + 1).c_str(),
                format_for(cell.number_format), cell.number);
          } else {
            error =
                worksheet_write_number(ws, row, col, cell.number, format_for(cell.number_format));
          }
          break;
        case XlsxCell::kEmpty:
          break;
      }
      wb.Check(error, fmt::format("cannot write row {} of sheet {}", r + 1, sheet.name));
      widths[c] = std::max(widths[c], static_cast<double>(TextWidth(DisplayText(cell))));
    }
  }

  for (size_t c = 0; c < columns; ++c) {
    double width = c < sheet.column_widths.size() && sheet.column_widths[c] > 0
                       ? sheet.column_widths[c]
                       : std::clamp(widths[c] + 2, kMinWidth, kMaxWidth);
    auto col = static_cast<lxw_col_t>(c);
    wb.Check(worksheet_set_column(ws, col, col, width, formats.text),
             "cannot set a column width of sheet " + sheet.name);
  }
  if (!sheet.header.empty()) {
    worksheet_freeze_panes(ws, header_row + 1, 0);
    // The filter covers the data rows; a 合計 row stays out of it, so that sorting the
    // table never moves the 合計 among the rows it sums.
    const size_t filtered = sheet.rows.size() - (sheet.total_columns.empty() ? 0 : 1);
    wb.Check(worksheet_autofilter(ws, header_row, 0, static_cast<lxw_row_t>(header_row + filtered),
                                  static_cast<lxw_col_t>(sheet.header.size() - 1)),
             "cannot set the autofilter of sheet " + sheet.name);
  }
}

}  // namespace

std::string XlsxFormulaRow(const std::string& formula, int row) {
  std::string out = formula;
  const std::string mark = "{row}", number = std::to_string(row);
  for (size_t at = out.find(mark); at != std::string::npos; at = out.find(mark, at + number.size()))
    out.replace(at, mark.size(), number);
  return out;
}

XlsxCell XlsxCell::Text(std::string s) {
  XlsxCell cell;
  cell.kind = kText;
  cell.text = std::move(s);
  return cell;
}

XlsxCell XlsxCell::Integer(long long v, std::string format) {
  XlsxCell cell;
  cell.kind = kInteger;
  cell.integer = v;
  cell.number_format = std::move(format);
  return cell;
}

XlsxCell XlsxCell::Decimal(double v, std::string format) {
  XlsxCell cell;
  cell.kind = kDecimal;
  // Excel keeps 15 significant digits: store the value as that decimal, so that noise of
  // binary arithmetic (52.59999999999999 for 52.6) never reaches the workbook.
  cell.number = std::isfinite(v) ? std::strtod(fmt::format("{:.15g}", v).c_str(), nullptr) : v;
  cell.number_format = std::move(format);
  return cell;
}

XlsxCell XlsxCell::Empty() { return XlsxCell{}; }

void WriteXlsx(const std::string& path, const std::vector<XlsxSheet>& sheets) {
  if (sheets.empty()) throw std::runtime_error("cannot write workbook " + path + ": no sheets");
  Workbook wb(path);
  Formats formats;
  formats.header = AddFontFormat(wb.get());
  format_set_bold(formats.header);
  format_set_pattern(formats.header, LXW_PATTERN_SOLID);
  format_set_bg_color(formats.header, kHeaderFill);
  format_set_border(formats.header, LXW_BORDER_THIN);
  format_set_align(formats.header, LXW_ALIGN_CENTER);
  format_set_align(formats.header, LXW_ALIGN_VERTICAL_CENTER);
  formats.title = AddFontFormat(wb.get());
  format_set_bold(formats.title);
  format_set_font_size(formats.title, 12);
  formats.text = AddFontFormat(wb.get());
  format_set_align(formats.text, LXW_ALIGN_LEFT);

  for (const XlsxSheet& sheet : sheets) {
    // workbook_validate_sheet_name sees the sheets already added, so this also
    // catches a name used twice. Nothing is written to `path` before Close().
    if (sheet.name.empty())
      throw std::runtime_error("invalid sheet name for workbook " + path + ": empty");
    lxw_error error = workbook_validate_sheet_name(wb.get(), sheet.name.c_str());
    if (error != LXW_NO_ERROR) {
      throw std::runtime_error(fmt::format("invalid sheet name '{}' for workbook {}: {}",
                                           sheet.name, path, lxw_strerror(error)));
    }
    WriteSheet(wb, sheet, formats);
  }
  wb.Close();
}

}  // namespace kokuho
