#include "io/xlsx_writer.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <optional>
#include <pugixml.hpp>
#include <random>
#include <regex>
#include <set>
#include <thread>

#include "io/xlsx_reader.h"
#include "io_test_util.h"

namespace kokuho {
namespace {

XlsxSheet SampleSheet() {
  XlsxSheet sheet;
  sheet.name = "納付金";
  sheet.header = {"団体コード", "市町村名", "納付金額", "γ"};
  sheet.rows = {{XlsxCell::Text("102016"), XlsxCell::Text("前橋市"),
                 XlsxCell::Integer(12'345'678'901), XlsxCell::Decimal(0.5, "0.0000000000000")},
                {XlsxCell::Text("102024"), XlsxCell::Text("高崎市"), XlsxCell::Integer(7),
                 XlsxCell::Empty()}};
  return sheet;
}

TEST(WriteXlsx, IntegersAreNumbersWithThousandsSeparators) {
  io_test::TempDir dir;
  WriteXlsx(dir.Path("r.xlsx"), {SampleSheet()});
  std::optional<std::string> xml =
      io_test::ReadZipEntry(dir.Path("r.xlsx"), "xl/worksheets/sheet1.xml");
  ASSERT_TRUE(xml.has_value());
  // C2 is a number cell (no t="s") with a style; the style uses built-in format 3 (#,##0).
  std::smatch m;
  ASSERT_TRUE(
      std::regex_search(*xml, m, std::regex(R"re(<c r="C2" s="(\d+)"><v>12345678901</v></c>)re")))
      << *xml;
  std::optional<std::string> styles = io_test::ReadZipEntry(dir.Path("r.xlsx"), "xl/styles.xml");
  ASSERT_TRUE(styles.has_value());
  std::string cell_xfs = styles->substr(styles->find("<cellXfs"));
  std::vector<std::string> xfs;
  const std::regex xf("<xf [^>]*>");
  for (std::sregex_iterator it(cell_xfs.begin(), cell_xfs.end(), xf), end; it != end; ++it)
    xfs.push_back(it->str());
  size_t index = std::stoul(m[1]);
  ASSERT_LT(index, xfs.size());
  std::smatch id;
  ASSERT_TRUE(std::regex_search(xfs[index], id, std::regex(R"re(numFmtId="(\d+)")re")));
  // Built-in format 3 is #,##0; otherwise a custom format with that code.
  if (id[1] != "3") {
    EXPECT_NE(styles->find("<numFmt numFmtId=\"" + id[1].str() + "\" formatCode=\"#,##0\"/>"),
              std::string::npos)
        << *styles;
  }
}

// 5.26 × 10 in doubles is 52.599999999999994 (not the double nearest 52.6):
// the workbook stores 52.6, Excel's 15 significant digits, not the binary noise.
TEST(WriteXlsx, DecimalsAreStoredToFifteenSignificantDigits) {
  const double noisy = 5.26 * 10;
  ASSERT_NE(noisy, 52.6);  // the premise: the arithmetic is noisy
  XlsxSheet sheet;
  sheet.name = "率";
  sheet.header = {"得点率"};
  sheet.rows = {{XlsxCell::Decimal(noisy, "0.0")}, {XlsxCell::Decimal(1.0 / 3, "0.00")}};
  io_test::TempDir dir;
  WriteXlsx(dir.Path("r.xlsx"), {sheet});
  std::optional<std::string> xml =
      io_test::ReadZipEntry(dir.Path("r.xlsx"), "xl/worksheets/sheet1.xml");
  ASSERT_TRUE(xml.has_value());
  EXPECT_NE(xml->find("<v>52.6</v>"), std::string::npos) << *xml;
  EXPECT_NE(xml->find("<v>0.333333333333333</v>"), std::string::npos) << *xml;
}

TEST(WriteXlsx, HeaderFrozenWithAutofilterAndWidths) {
  io_test::TempDir dir;
  WriteXlsx(dir.Path("r.xlsx"), {SampleSheet()});
  std::string xml = io_test::ReadZipEntry(dir.Path("r.xlsx"), "xl/worksheets/sheet1.xml").value();
  EXPECT_NE(xml.find(R"(topLeftCell="A2")"), std::string::npos) << xml;
  EXPECT_NE(xml.find(R"(state="frozen")"), std::string::npos);
  EXPECT_NE(xml.find(R"(<autoFilter ref="A1:D3"/>)"), std::string::npos) << xml;
  EXPECT_NE(xml.find("<cols>"), std::string::npos);
  std::string styles = io_test::ReadZipEntry(dir.Path("r.xlsx"), "xl/styles.xml").value();
  EXPECT_NE(styles.find("<b/>"), std::string::npos);
  EXPECT_NE(styles.find("FFDDEBF7"), std::string::npos);
}

TEST(WriteXlsx, TitleMovesHeaderToRowThree) {
  io_test::TempDir dir;
  XlsxSheet sheet = SampleSheet();
  sheet.title = "令和9年度 納付金";
  sheet.column_widths = {12, 20};
  WriteXlsx(dir.Path("t.xlsx"), {sheet});
  std::string xml = io_test::ReadZipEntry(dir.Path("t.xlsx"), "xl/worksheets/sheet1.xml").value();
  EXPECT_NE(xml.find(R"(<row r="1")"), std::string::npos);
  EXPECT_NE(xml.find(R"(<c r="A3")"), std::string::npos);
  EXPECT_NE(xml.find(R"(topLeftCell="A4")"), std::string::npos) << xml;
  EXPECT_NE(xml.find(R"(<autoFilter ref="A3:D5"/>)"), std::string::npos) << xml;
  EXPECT_NE(xml.find(R"(width="20.)"), std::string::npos) << xml;
}

TEST(WriteXlsx, HugeIntegersBecomeText) {
  io_test::TempDir dir;
  XlsxSheet sheet;
  sheet.name = "x";
  sheet.header = {"v"};
  sheet.rows = {{XlsxCell::Integer(9'007'199'254'740'993)}};
  WriteXlsx(dir.Path("h.xlsx"), {sheet});
  EXPECT_EQ(ReadXlsx(dir.Path("h.xlsx")).rows[0].cells[0].text, "9007199254740993");
}

TEST(WriteXlsx, RejectsBadSheetNamesWithoutWriting) {
  io_test::TempDir dir;
  XlsxSheet a = SampleSheet();
  XlsxSheet too_long = SampleSheet();
  too_long.name = std::string(32, 'x');
  EXPECT_THROW(WriteXlsx(dir.Path("a.xlsx"), {a, too_long}), std::runtime_error);
  EXPECT_THROW(WriteXlsx(dir.Path("b.xlsx"), {a, a}), std::runtime_error);
  XlsxSheet slash = SampleSheet();
  slash.name = "a/b";
  EXPECT_THROW(WriteXlsx(dir.Path("c.xlsx"), {slash}), std::runtime_error);
  EXPECT_TRUE(io_test::ListDir(dir.path()).empty());
  // 31 characters (Japanese counts per character, not byte) is fine.
  XlsxSheet jp = SampleSheet();
  jp.name = "";
  for (int i = 0; i < 31; ++i) jp.name += "表";
  EXPECT_NO_THROW(WriteXlsx(dir.Path("d.xlsx"), {jp}));
}

TEST(WriteXlsx, UnwritableDirectory) {
  EXPECT_THROW(WriteXlsx("/nonexistent/kokuho/r.xlsx", {SampleSheet()}), std::runtime_error);
}

// SOURCE_DATE_EPOCH set (or unset) for one scope, restored afterwards.
class SourceDateEpoch {
 public:
  explicit SourceDateEpoch(const char* value) {
    if (const char* old = std::getenv("SOURCE_DATE_EPOCH")) old_ = old;
    if (value)
      setenv("SOURCE_DATE_EPOCH", value, 1);
    else
      unsetenv("SOURCE_DATE_EPOCH");
  }
  ~SourceDateEpoch() {
    if (old_)
      setenv("SOURCE_DATE_EPOCH", old_->c_str(), 1);
    else
      unsetenv("SOURCE_DATE_EPOCH");
  }

 private:
  std::optional<std::string> old_;
};

std::string Created(const std::string& path) {
  const std::string core = io_test::ReadZipEntry(path, "docProps/core.xml").value();
  std::smatch m;
  EXPECT_TRUE(std::regex_search(core, m, std::regex(R"(<dcterms:created[^>]*>([^<]*)<)"))) << core;
  return m.size() > 1 ? m[1].str() : "";
}

// Issue 12 item 11: the workbook used to carry the current time in docProps/core.xml, so a
// re-run differed. Two writes more than a second apart (core.xml has seconds) must be
// byte-identical.
TEST(WriteXlsx, ByteIdenticalOnRerun) {
  SourceDateEpoch unset(nullptr);
  io_test::TempDir dir;
  WriteXlsx(dir.Path("a.xlsx"), {SampleSheet()});
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  WriteXlsx(dir.Path("b.xlsx"), {SampleSheet()});
  const std::string a = io_test::ReadBytes(dir.Path("a.xlsx"));
  EXPECT_FALSE(a.empty());
  EXPECT_TRUE(a == io_test::ReadBytes(dir.Path("b.xlsx")));
  // The fixed time: 1980-01-01T00:00:00Z (time_t 315532800).
  EXPECT_EQ(Created(dir.Path("a.xlsx")), "1980-01-01T00:00:00Z");
}

TEST(WriteXlsx, CreatedFromSourceDateEpoch) {
  io_test::TempDir dir;
  {
    // 1,700,000,000 s after the epoch = 2023-11-14T22:13:20Z.
    SourceDateEpoch set("1700000000");
    WriteXlsx(dir.Path("a.xlsx"), {SampleSheet()});
  }
  EXPECT_EQ(Created(dir.Path("a.xlsx")), "2023-11-14T22:13:20Z");
  {
    // Not a number of seconds (or 0, which libxlsxwriter would read as "now"): the fixed time.
    SourceDateEpoch bad("yesterday");
    WriteXlsx(dir.Path("b.xlsx"), {SampleSheet()});
    SourceDateEpoch zero("0");
    WriteXlsx(dir.Path("c.xlsx"), {SampleSheet()});
  }
  EXPECT_EQ(Created(dir.Path("b.xlsx")), "1980-01-01T00:00:00Z");
  EXPECT_EQ(Created(dir.Path("c.xlsx")), "1980-01-01T00:00:00Z");
}

// The font name of every cell of sheet1 (by its style), and whether some cell has no style.
struct CellFonts {
  std::set<std::string> names;
  int unstyled = 0;
};

CellFonts FontsOfCells(const std::string& path) {
  pugi::xml_document styles, sheet;
  EXPECT_TRUE(styles.load_string(io_test::ReadZipEntry(path, "xl/styles.xml").value().c_str()));
  EXPECT_TRUE(
      sheet.load_string(io_test::ReadZipEntry(path, "xl/worksheets/sheet1.xml").value().c_str()));
  std::vector<std::string> fonts;
  for (pugi::xml_node f : styles.child("styleSheet").child("fonts").children("font"))
    fonts.push_back(f.child("name").attribute("val").value());
  std::vector<int> xf_font;
  for (pugi::xml_node xf : styles.child("styleSheet").child("cellXfs").children("xf"))
    xf_font.push_back(xf.attribute("fontId").as_int());
  CellFonts out;
  for (pugi::xml_node row : sheet.child("worksheet").child("sheetData").children("row")) {
    for (pugi::xml_node c : row.children("c")) {
      if (!c.attribute("s")) {
        ++out.unstyled;
        continue;
      }
      out.names.insert(fonts.at(xf_font.at(c.attribute("s").as_int())));
    }
  }
  return out;
}

// Every written cell (title, header, text, integers, decimals) is in 游ゴシック, a sans-serif
// (family 2); none is left in the workbook's default Calibri.
TEST(WriteXlsx, EveryCellIsInTheJapaneseFont) {
  io_test::TempDir dir;
  XlsxSheet sheet = SampleSheet();
  sheet.title = "令和9年度 納付金";
  WriteXlsx(dir.Path("f.xlsx"), {sheet});
  const CellFonts fonts = FontsOfCells(dir.Path("f.xlsx"));
  EXPECT_EQ(fonts.unstyled, 0);
  EXPECT_EQ(fonts.names, std::set<std::string>{kXlsxFontName});
  const std::string styles = io_test::ReadZipEntry(dir.Path("f.xlsx"), "xl/styles.xml").value();
  EXPECT_NE(
      styles.find(
          R"(<sz val="11"/><color theme="1"/><name val="游ゴシック"/><family val="2"/></font>)"),
      std::string::npos)
      << styles;
  // The column formats carry the font too (cells typed later into the table's columns).
  const std::string xml =
      io_test::ReadZipEntry(dir.Path("f.xlsx"), "xl/worksheets/sheet1.xml").value();
  EXPECT_NE(xml.find(R"(<col min="1" max="1" width=")"), std::string::npos);
  EXPECT_NE(xml.find(R"(style=")"), std::string::npos) << xml;
}

// Numbers are right-aligned explicitly, text left-aligned.
TEST(WriteXlsx, NumbersRightTextLeft) {
  io_test::TempDir dir;
  WriteXlsx(dir.Path("a.xlsx"), {SampleSheet()});
  pugi::xml_document styles, sheet;
  ASSERT_TRUE(styles.load_string(
      io_test::ReadZipEntry(dir.Path("a.xlsx"), "xl/styles.xml").value().c_str()));
  ASSERT_TRUE(sheet.load_string(
      io_test::ReadZipEntry(dir.Path("a.xlsx"), "xl/worksheets/sheet1.xml").value().c_str()));
  std::vector<std::string> align;
  for (pugi::xml_node xf : styles.child("styleSheet").child("cellXfs").children("xf"))
    align.push_back(xf.child("alignment").attribute("horizontal").value());
  auto align_of = [&](const char* ref) {
    pugi::xml_node c = sheet.select_node((std::string("//c[@r='") + ref + "']").c_str()).node();
    return align.at(c.attribute("s").as_int());
  };
  EXPECT_EQ(align_of("A2"), "left");   // 団体コード (text)
  EXPECT_EQ(align_of("B2"), "left");   // 前橋市
  EXPECT_EQ(align_of("C2"), "right");  // 12,345,678,901
  EXPECT_EQ(align_of("D2"), "right");  // 0.5
}

// A 合計 row: C and D are =SUM over the rows above with the exact total as the cached value
// (1,000 + 2,345 + 0 (empty) = 3,345; 7 + 8 + 9 = 24), so kokuho's reader (which does not
// recalculate) reads the numbers; the autofilter stops above the 合計 row.
XlsxSheet TotalSheet(long long money_total) {
  XlsxSheet sheet;
  sheet.name = "合計つき";
  sheet.title = "表題";
  sheet.header = {"団体コード", "市町村名", "金額", "人数", "1人当たり"};
  sheet.rows = {{XlsxCell::Text("1"), XlsxCell::Text("甲"), XlsxCell::Integer(1000),
                 XlsxCell::Integer(7), XlsxCell::Integer(142)},
                {XlsxCell::Text("2"), XlsxCell::Text("乙"), XlsxCell::Integer(2345),
                 XlsxCell::Integer(8), XlsxCell::Integer(293)},
                {XlsxCell::Text("3"), XlsxCell::Text("丙"), XlsxCell::Empty(), XlsxCell::Integer(9),
                 XlsxCell::Integer(0)},
                {XlsxCell::Empty(), XlsxCell::Text("合計"), XlsxCell::Integer(money_total),
                 XlsxCell::Integer(24), XlsxCell::Integer(139)}};
  sheet.total_columns = {2, 3};  // 1人当たり (E) is not a sum: a plain value
  return sheet;
}

TEST(WriteXlsx, TotalRowIsSumFormulasWithCachedValues) {
  io_test::TempDir dir;
  WriteXlsx(dir.Path("s.xlsx"), {TotalSheet(3345)});
  const std::string xml =
      io_test::ReadZipEntry(dir.Path("s.xlsx"), "xl/worksheets/sheet1.xml").value();
  // Title row 1, header row 3, data rows 4-6, 合計 row 7.
  EXPECT_NE(xml.find("<f>SUM(C4:C6)</f><v>3345</v>"), std::string::npos) << xml;
  EXPECT_NE(xml.find("<f>SUM(D4:D6)</f><v>24</v>"), std::string::npos) << xml;
  EXPECT_EQ(xml.find("<f>SUM(E"), std::string::npos) << xml;
  EXPECT_NE(xml.find(R"(<autoFilter ref="A3:E6"/>)"), std::string::npos) << xml;
  const std::vector<XlsxSheetCells> sheets = ReadXlsxCells(dir.Path("s.xlsx"));
  ASSERT_EQ(sheets.size(), 1u);
  std::map<std::pair<int, int>, std::string> cell;
  for (const auto& c : sheets[0].cells) cell[{c.row, c.column}] = c.text;
  EXPECT_EQ(cell[std::make_pair(7, 3)], "3345");
  EXPECT_EQ(cell[std::make_pair(7, 4)], "24");
  EXPECT_EQ(cell[std::make_pair(7, 5)], "139");
}

// A 合計 that is not the sum of its column is a programming error: refused, nothing written.
TEST(WriteXlsx, TotalRowThatIsNotTheSumIsRefused) {
  io_test::TempDir dir;
  EXPECT_THROW(WriteXlsx(dir.Path("bad.xlsx"), {TotalSheet(3346)}), std::logic_error);
  XlsxSheet text_above = TotalSheet(3345);
  text_above.rows[0][2] = XlsxCell::Text("1000");
  EXPECT_THROW(WriteXlsx(dir.Path("bad.xlsx"), {text_above}), std::logic_error);
  XlsxSheet decimal_total = TotalSheet(3345);
  decimal_total.rows.back()[2] = XlsxCell::Decimal(3345.0);
  EXPECT_THROW(WriteXlsx(dir.Path("bad.xlsx"), {decimal_total}), std::logic_error);
  EXPECT_TRUE(io_test::ListDir(dir.path()).empty());
}

// Random tables: the 合計 row read back through kokuho's xlsx reader is the exact sum,
// for sums up to the 2^53 limit of exact doubles.
TEST(WriteXlsx, TotalRowPropertyOverRandomTables) {
  io_test::TempDir dir;
  std::mt19937_64 rng(15);
  for (int trial = 0; trial < 20; ++trial) {
    XlsxSheet sheet;
    sheet.name = "t";
    sheet.header = {"名", "額"};
    const int n = 1 + static_cast<int>(rng() % 40);
    long long sum = 0;
    for (int i = 0; i < n; ++i) {
      const long long v =
          static_cast<long long>(rng() % 200'000'000'000'000LL) - 100'000'000'000'000LL;
      sum += v;
      sheet.rows.push_back({XlsxCell::Text("r" + std::to_string(i)), XlsxCell::Integer(v)});
    }
    sheet.rows.push_back({XlsxCell::Text("合計"), XlsxCell::Integer(sum)});
    sheet.total_columns = {1};
    const std::string path = dir.Path("p" + std::to_string(trial) + ".xlsx");
    WriteXlsx(path, {sheet});
    const Table t = ReadXlsx(path);
    ASSERT_EQ(t.rows.size(), static_cast<size_t>(n + 1));
    EXPECT_EQ(t.rows.back().cells[1].text, std::to_string(sum)) << "trial " << trial;
  }
}

}  // namespace
}  // namespace kokuho
