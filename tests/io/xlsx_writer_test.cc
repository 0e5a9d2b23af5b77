#include "io/xlsx_writer.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <regex>

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

}  // namespace
}  // namespace kokuho
