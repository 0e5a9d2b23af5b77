#include "io/xlsx_reader.h"

#include <gtest/gtest.h>

#include "core/error.h"
#include "io/xlsx_writer.h"
#include "io_test_util.h"

namespace kokuho {
namespace {

using io_test::CatchInputError;

std::vector<std::string> Texts(const TableRow& row) {
  std::vector<std::string> out;
  for (const TableCell& cell : row.cells) out.push_back(cell.text);
  return out;
}

TEST(XlsxNumberText, ShortestPlainDecimal) {
  EXPECT_EQ(XlsxNumberText("0.93500000000000005"), "0.935");
  EXPECT_EQ(XlsxNumberText("52000000000"), "52000000000");
  EXPECT_EQ(XlsxNumberText("5.2E10"), "52000000000");
  EXPECT_EQ(XlsxNumberText("1E-3"), "0.001");
  EXPECT_EQ(XlsxNumberText("-12.5"), "-12.5");
  EXPECT_EQ(XlsxNumberText("0.8027351341274"), "0.8027351341274");
  EXPECT_EQ(XlsxNumberText("-0"), "0");
  EXPECT_EQ(XlsxNumberText("9.9999999999999995E-8"), "0.0000001");
  EXPECT_EQ(XlsxNumberText("0.80273513412740005"), "0.8027351341274");
  EXPECT_EQ(XlsxNumberText("abc"), std::nullopt);
  EXPECT_EQ(XlsxNumberText(""), std::nullopt);
  EXPECT_EQ(XlsxNumberText("1e999"), std::nullopt);
}

// A workbook with two sheets written by WriteXlsx, read back with ReadXlsx.
class XlsxRoundTrip : public ::testing::Test {
 protected:
  void SetUp() override {
    XlsxSheet notes;
    notes.name = "説明";
    notes.header = {"項目"};
    notes.rows = {{XlsxCell::Text("メモ")}};
    XlsxSheet muni;
    muni.name = "市町村";
    muni.header = {"団体コード", "市町村名", "所得1", "標準的な収納率", "備考", "指数"};
    muni.rows = {
        {XlsxCell::Text("102016"), XlsxCell::Text("前橋市"), XlsxCell::Integer(52'000'000'000),
         XlsxCell::Decimal(0.935, "0.0%"), XlsxCell::Empty(), XlsxCell::Decimal(0.9685, "0.0000")},
        {},  // a blank row: skipped
        {XlsxCell::Text("102024"), XlsxCell::Text("高崎市"), XlsxCell::Integer(-3),
         XlsxCell::Decimal(1e-3, "0.000"), XlsxCell::Text("a,\"b\"\nc"),
         XlsxCell::Decimal(0.8027351341274, "0.0000000000000")},
    };
    path_ = dir_.Path("muni.xlsx");
    WriteXlsx(path_, {notes, muni});
  }

  io_test::TempDir dir_;
  std::string path_;
};

TEST_F(XlsxRoundTrip, ReadsNamedSheet) {
  Table t = ReadXlsx(path_, "市町村");
  EXPECT_EQ(t.file, path_ + "[市町村]");
  ASSERT_EQ(t.header.size(), 6u);
  EXPECT_EQ(t.header[3].text, "標準的な収納率");
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(Texts(t.rows[0]),
            (std::vector<std::string>{"102016", "前橋市", "52000000000", "0.935", "", "0.9685"}));
  EXPECT_EQ(Texts(t.rows[1]), (std::vector<std::string>{"102024", "高崎市", "-3", "0.001",
                                                        "a,\"b\"\nc", "0.8027351341274"}));
  const TableCell& income = t.rows[0].cells[2];
  EXPECT_EQ(income.pos.file, path_ + "[市町村]");
  EXPECT_EQ(income.pos.line, 2);
  EXPECT_EQ(income.pos.column, 3);
  EXPECT_EQ(t.rows[1].pos.line, 4);  // row 3 was blank
  EXPECT_EQ(t.rows[1].cells[4].pos.column, 5);
}

TEST_F(XlsxRoundTrip, FirstSheetByDefault) {
  Table t = ReadXlsx(path_);
  EXPECT_EQ(t.file, path_ + "[説明]");
  EXPECT_EQ(t.header[0].text, "項目");
  EXPECT_EQ(t.rows[0].cells[0].text, "メモ");
}

TEST_F(XlsxRoundTrip, UnknownSheetListsSheets) {
  InputError e = CatchInputError([&] { ReadXlsx(path_, "Sheet1"); });
  EXPECT_EQ(e.pos().file, path_);
  EXPECT_NE(e.message().find("シート Sheet1 がありません"), std::string::npos) << e.what();
  EXPECT_NE(e.message().find("'説明', '市町村'"), std::string::npos) << e.what();
}

TEST(ReadXlsx, NotAZip) {
  io_test::TempDir dir;
  io_test::WriteBytes(dir.Path("x.xlsx"), "団体コード,市町村名\n");
  InputError e = CatchInputError([&] { ReadXlsx(dir.Path("x.xlsx")); });
  EXPECT_NE(e.message().find("xlsx のファイルではありません"), std::string::npos);
  io_test::WriteBytes(dir.Path("old.xlsx"), std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8));
  InputError old = CatchInputError([&] { ReadXlsx(dir.Path("old.xlsx")); });
  EXPECT_NE(old.message().find("xlsx のファイルではありません"), std::string::npos);
  EXPECT_NE(old.message().find(".xls"), std::string::npos);
}

TEST(ReadXlsx, ZipWithoutWorkbook) {
  io_test::TempDir dir;
  io_test::WriteZip(dir.Path("z.xlsx"), {{"hello.txt", "hi"}});
  EXPECT_NE(CatchInputError([&] { ReadXlsx(dir.Path("z.xlsx")); })
                .message()
                .find("xlsx のファイルではありません"),
            std::string::npos);
}

TEST(ReadXlsx, MissingFile) {
  InputError e = CatchInputError([] { ReadXlsx("/nonexistent/m.xlsx"); });
  EXPECT_EQ(e.message(), "ファイルがありません。パスを確かめてください");
}

// A minimal hand-made workbook, as other producers (Excel, LibreOffice, .NET) write it.
void WriteHandMadeXlsx(const std::string& path, const std::string& sheet_data) {
  io_test::WriteZip(
      path,
      {{"[Content_Types].xml",
        R"(<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>)"},
       {"_rels/.rels",
        R"(<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>)"},
       {"xl/workbook.xml",
        R"(<?xml version="1.0"?><x:workbook xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><x:sheets><x:sheet name="データ" sheetId="1" r:id="rId7"/></x:sheets></x:workbook>)"},
       {"xl/_rels/workbook.xml.rels",
        R"(<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/data.xml"/><Relationship Id="rId8" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>)"},
       {"xl/sharedStrings.xml",
        R"(<?xml version="1.0"?><x:sst xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:si><x:t>団体コード</x:t><x:rPh sb="0" eb="2"><x:t>ダンタイ</x:t></x:rPh></x:si><x:si><x:r><x:t>市町村</x:t></x:r><x:r><x:rPr><x:b/></x:rPr><x:t xml:space="preserve">名</x:t></x:r></x:si><x:si><x:t>前橋市</x:t></x:si><x:si><x:t xml:space="preserve"> </x:t></x:si><x:si><x:t>a_x000D_b</x:t></x:si></x:sst>)"},
       {"xl/worksheets/data.xml",
        R"(<?xml version="1.0"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>)" +
            sheet_data + "</x:sheetData></x:worksheet>"}});
}

TEST(ReadXlsx, HandMadeWorkbook) {
  io_test::TempDir dir;
  // Header in B2:E2; row 3 blank (a space); row 4 data with a missing D cell.
  WriteHandMadeXlsx(
      dir.Path("h.xlsx"),
      R"(<x:row r="2"><x:c r="B2" t="s"><x:v>0</x:v></x:c><x:c r="C2" t="s"><x:v>1</x:v></x:c>)"
      R"(<x:c r="D2" t="inlineStr"><x:is><x:t>フラグ</x:t></x:is></x:c><x:c r="E2" t="str"><x:v>計算</x:v></x:c></x:row>)"
      R"(<x:row r="3"><x:c r="B3" t="s"><x:v>3</x:v></x:c></x:row>)"
      R"(<x:row r="4"><x:c r="A4" t="s"><x:v>3</x:v></x:c><x:c r="B4"><x:v>102016</x:v></x:c><x:c r="C4" t="s"><x:v>2</x:v></x:c>)"
      R"(<x:c r="E4" t="b"><x:f>1=1</x:f><x:v>1</x:v></x:c></x:row>)"
      R"(<x:row r="5"><x:c r="B5" t="s"><x:v>4</x:v></x:c><x:c r="D5" t="b"><x:v>0</x:v></x:c></x:row>)");
  Table t = ReadXlsx(dir.Path("h.xlsx"), "データ");
  ASSERT_EQ(t.header.size(), 4u);
  EXPECT_EQ(t.header[0].text, "団体コード");  // furigana (rPh) left out
  EXPECT_EQ(t.header[1].text, "市町村名");    // rich-text runs joined
  EXPECT_EQ(t.header[2].text, "フラグ");
  EXPECT_EQ(t.header[3].text, "計算");
  EXPECT_EQ(t.header[0].pos.line, 2);
  EXPECT_EQ(t.header[0].pos.column, 2);
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(Texts(t.rows[0]), (std::vector<std::string>{"102016", "前橋市", "", "TRUE"}));
  EXPECT_EQ(t.rows[0].cells[2].pos.line, 4);
  EXPECT_EQ(t.rows[0].cells[2].pos.column, 4);
  EXPECT_EQ(Texts(t.rows[1]), (std::vector<std::string>{"a\rb", "", "FALSE", ""}));
}

// kokuho's own xlsx (and most prefecture sheets): a title in row 1, row 2 blank, the header
// in row 3. The title is not the header, and an error names the Excel cell (「C5セル」).
TEST(ReadXlsx, TitleAboveTheHeaderIsSkipped) {
  io_test::TempDir dir;
  XlsxSheet sheet;
  sheet.name = "市町村";
  sheet.title = "令和8年度 市町村別データ (単位: 円)";
  sheet.header = {"団体コード", "市町村名", "被保険者数"};
  sheet.rows = {{XlsxCell::Text("102016"), XlsxCell::Text("前橋市"), XlsxCell::Integer(56440)},
                {XlsxCell::Text("102024"), XlsxCell::Text("高崎市"), XlsxCell::Integer(64583)}};
  WriteXlsx(dir.Path("own.xlsx"), {sheet});
  const Table t = ReadXlsx(dir.Path("own.xlsx"));
  ASSERT_EQ(t.header.size(), 3u);
  EXPECT_EQ(t.header[0].text, "団体コード");
  EXPECT_EQ(t.header[0].pos.line, 3);
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(t.rows[1].cells[2].text, "64583");
  EXPECT_EQ(t.rows[1].cells[2].pos.ToString(), dir.Path("own.xlsx") + "[市町村]:5:3 (C5セル)");
  // Without the blank row, a one-cell first row is the header (a one-column table).
  WriteHandMadeXlsx(dir.Path("one.xlsx"),
                    R"(<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c></x:row>)"
                    R"(<x:row r="2"><x:c r="A2"><x:v>1</x:v></x:c></x:row>)");
  const Table one = ReadXlsx(dir.Path("one.xlsx"));
  ASSERT_EQ(one.header.size(), 1u);
  EXPECT_EQ(one.header[0].pos.line, 1);
  EXPECT_EQ(ExcelColumnLetters(28), "AB");
}

TEST(ReadXlsx, ValueOutsideTheHeader) {
  io_test::TempDir dir;
  WriteHandMadeXlsx(
      dir.Path("h.xlsx"),
      R"(<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c></x:row>)"
      R"(<x:row r="2"><x:c r="A2"><x:v>1</x:v></x:c><x:c r="C2"><x:v>5</x:v></x:c></x:row>)");
  InputError e = CatchInputError([&] { ReadXlsx(dir.Path("h.xlsx")); });
  EXPECT_EQ(e.pos().file, dir.Path("h.xlsx") + "[データ]");
  EXPECT_EQ(e.pos().line, 2);
  EXPECT_EQ(e.pos().column, 3);
  EXPECT_EQ(e.message().find('5'), std::string::npos) << "must not echo cell contents";
}

TEST(ReadXlsx, HeaderRules) {
  io_test::TempDir dir;
  WriteHandMadeXlsx(
      dir.Path("dup.xlsx"),
      R"(<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1" t="s"><x:v>0</x:v></x:c></x:row>)"
      R"(<x:row r="2"><x:c r="A2"><x:v>1</x:v></x:c></x:row>)");
  InputError dup = CatchInputError([&] { ReadXlsx(dir.Path("dup.xlsx")); });
  EXPECT_EQ(dup.pos().column, 2);
  EXPECT_NE(dup.message().find("見出し 団体コード が2回あります"), std::string::npos);

  WriteHandMadeXlsx(
      dir.Path("gap.xlsx"),
      R"(<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="C1" t="s"><x:v>2</x:v></x:c></x:row>)"
      R"(<x:row r="2"><x:c r="A2"><x:v>1</x:v></x:c></x:row>)");
  InputError gap = CatchInputError([&] { ReadXlsx(dir.Path("gap.xlsx")); });
  EXPECT_EQ(gap.pos().line, 1);
  EXPECT_EQ(gap.pos().column, 2);
  EXPECT_NE(gap.message().find("名前のない列があります"), std::string::npos);

  WriteHandMadeXlsx(dir.Path("empty.xlsx"), "");
  EXPECT_NE(CatchInputError([&] { ReadXlsx(dir.Path("empty.xlsx")); }).message().find("空です"),
            std::string::npos);

  WriteHandMadeXlsx(dir.Path("norows.xlsx"),
                    R"(<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c></x:row>)");
  EXPECT_NE(CatchInputError([&] { ReadXlsx(dir.Path("norows.xlsx")); })
                .message()
                .find("データの行がありません"),
            std::string::npos);
}

TEST(ReadXlsx, ExcelErrorValue) {
  io_test::TempDir dir;
  WriteHandMadeXlsx(
      dir.Path("e.xlsx"),
      R"(<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c></x:row>)"
      R"(<x:row r="2"><x:c r="A2" t="e"><x:f>1/0</x:f><x:v>#DIV/0!</x:v></x:c></x:row>)");
  InputError e = CatchInputError([&] { ReadXlsx(dir.Path("e.xlsx")); });
  EXPECT_EQ(e.pos().line, 2);
  EXPECT_EQ(e.pos().column, 1);
  EXPECT_NE(e.message().find("#DIV/0!"), std::string::npos);
}

}  // namespace
}  // namespace kokuho

namespace kokuho {
namespace {

// Every cell of every sheet, a title row above the table included (ReadXlsx would refuse the
// sheet: the title spans fewer columns than the table).
TEST(ReadXlsxCells, EverySheetAndCellIncludingTheTitle) {
  io_test::TempDir dir;
  XlsxSheet a;
  a.name = "納付金";
  a.title = "令和9年度 納付金";
  a.header = {"団体コード", "納付金額"};
  a.rows = {{XlsxCell::Text("102016"), XlsxCell::Integer(12'345'678'901)},
            {XlsxCell::Text("102024"), XlsxCell::Empty()}};
  XlsxSheet b;
  b.name = "係数";
  b.header = {"γ"};
  b.rows = {{XlsxCell::Decimal(0.935, "0.000")}};
  WriteXlsx(dir.Path("x.xlsx"), {a, b});
  const std::vector<XlsxSheetCells> sheets = ReadXlsxCells(dir.Path("x.xlsx"));
  ASSERT_EQ(sheets.size(), 2u);
  EXPECT_EQ(sheets[0].name, "納付金");
  std::string text;
  for (const auto& c : sheets[0].cells)
    text += std::to_string(c.row) + ":" + std::to_string(c.column) + "=" + c.text + " ";
  EXPECT_EQ(text,
            "1:1=令和9年度 納付金 3:1=団体コード 3:2=納付金額 4:1=102016 4:2=12345678901 "
            "5:1=102024 ");
  ASSERT_EQ(sheets[1].cells.size(), 2u);
  EXPECT_EQ(sheets[1].cells[1].text, "0.935");
  EXPECT_THROW(ReadXlsxCells(dir.Path("missing.xlsx")), InputError);
}

}  // namespace
}  // namespace kokuho
