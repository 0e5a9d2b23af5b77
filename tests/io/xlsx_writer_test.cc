#include "io/xlsx_writer.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <regex>
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

}  // namespace
}  // namespace kokuho
