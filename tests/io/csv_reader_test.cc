#include "io/csv_reader.h"

#include <gtest/gtest.h>

#include "core/error.h"
#include "io_test_util.h"

namespace kokuho {
namespace {

using io_test::CatchInputError;

std::vector<std::string> Texts(const TableRow& row) {
  std::vector<std::string> out;
  for (const TableCell& cell : row.cells) out.push_back(cell.text);
  return out;
}

TEST(ParseCsvText, HeaderRowsAndPositions) {
  Table t = ParseCsvText(
      "団体コード,市町村名,被保険者数\n102016,前橋市,70512\n102024,高崎市,80000\n", "m.csv");
  EXPECT_EQ(t.file, "m.csv");
  ASSERT_EQ(t.header.size(), 3u);
  EXPECT_EQ(t.header[1].text, "市町村名");
  EXPECT_EQ(t.header[1].pos.line, 1);
  EXPECT_EQ(t.header[1].pos.column, 2);
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(Texts(t.rows[1]), (std::vector<std::string>{"102024", "高崎市", "80000"}));
  EXPECT_EQ(t.rows[1].pos.line, 3);
  EXPECT_EQ(t.rows[1].cells[2].pos.file, "m.csv");
  EXPECT_EQ(t.rows[1].cells[2].pos.line, 3);
  EXPECT_EQ(t.rows[1].cells[2].pos.column, 3);
  EXPECT_EQ(t.ColumnIndex("被保険者数"), 2u);
}

TEST(ParseCsvText, QuotedFields) {
  Table t = ParseCsvText(
      "a,b,c\n"
      "\"1,234\",\"say \"\"hi\"\"\",\"two\nlines\"\n"
      "x,\"\",z\n",
      "q.csv");
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(Texts(t.rows[0]), (std::vector<std::string>{"1,234", "say \"hi\"", "two\nlines"}));
  EXPECT_EQ(t.rows[0].cells[2].pos.line, 2);
  // The embedded newline moves the next record to physical line 4.
  EXPECT_EQ(t.rows[1].pos.line, 4);
  EXPECT_EQ(t.rows[1].cells[1].text, "");
}

TEST(ParseCsvText, CrLfLineEnds) {
  Table t = ParseCsvText("a,b\r\n1,\"x\r\ny\"\r\n2,3\r\n", "c.csv");
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(Texts(t.rows[0]), (std::vector<std::string>{"1", "x\ny"}));
  EXPECT_EQ(Texts(t.rows[1]), (std::vector<std::string>{"2", "3"}));
  EXPECT_EQ(t.rows[1].pos.line, 4);
}

TEST(ParseCsvText, NoFinalNewline) {
  Table t = ParseCsvText("a,b\n1,2", "c.csv");
  ASSERT_EQ(t.rows.size(), 1u);
  EXPECT_EQ(Texts(t.rows[0]), (std::vector<std::string>{"1", "2"}));
}

TEST(ParseCsvText, HeaderIsTrimmedAndWidthNormalised) {
  Table t = ParseCsvText(" 団体コード　,所得１, Ａ列 \n1, 2 ,3\n", "h.csv");
  EXPECT_EQ(t.header[0].text, "団体コード");
  EXPECT_EQ(t.header[1].text, "所得1");
  EXPECT_EQ(t.header[2].text, "A列");
  // Data cells are kept as written.
  EXPECT_EQ(t.rows[0].cells[1].text, " 2 ");
}

TEST(ParseCsvText, SkipsBlankLinesAndRows) {
  Table t = ParseCsvText("\n\n a,b\n\n1,2\n , \n,\n3,4\n\n", "b.csv");
  EXPECT_EQ(t.header[0].pos.line, 3);
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(t.rows[0].pos.line, 5);
  EXPECT_EQ(t.rows[1].pos.line, 8);
}

TEST(ParseCsvText, RaggedRow) {
  InputError e = CatchInputError([] { ParseCsvText("a,b\n1,2\n3,4,5\n", "file.csv"); });
  EXPECT_NE(std::string(e.what()).find("file.csv:3:"), std::string::npos) << e.what();
  EXPECT_NE(e.message().find("この行は3列ありますが、見出し行は2列です"), std::string::npos)
      << e.what();
  InputError fewer = CatchInputError([] { ParseCsvText("a,b,c\n1,2\n", "file.csv"); });
  EXPECT_NE(fewer.message().find("この行は2列ありますが、見出し行は3列です"), std::string::npos);
  EXPECT_EQ(fewer.pos().line, 2);
}

TEST(ParseCsvText, DuplicateHeader) {
  InputError e = CatchInputError([] { ParseCsvText("所得1,市町村名,所得１\n1,2,3\n", "d.csv"); });
  EXPECT_EQ(e.pos().line, 1);
  EXPECT_EQ(e.pos().column, 3);
  EXPECT_NE(e.message().find("見出し 所得1 が2回あります"), std::string::npos) << e.what();
  EXPECT_NE(e.message().find("(最初は1列目)"), std::string::npos) << e.what();
}

TEST(ParseCsvText, EmptyHeaderCell) {
  InputError e = CatchInputError([] { ParseCsvText("a,　,c\n1,2,3\n", "d.csv"); });
  EXPECT_EQ(e.pos().line, 1);
  EXPECT_EQ(e.pos().column, 2);
  EXPECT_NE(e.message().find("名前のない列があります"), std::string::npos);
}

TEST(ParseCsvText, EmptyFileAndNoRows) {
  EXPECT_NE(CatchInputError([] { ParseCsvText("", "e.csv"); }).message().find("ファイルが空です"),
            std::string::npos);
  EXPECT_NE(
      CatchInputError([] { ParseCsvText(" \n\r\n", "e.csv"); }).message().find("ファイルが空です"),
      std::string::npos);
  EXPECT_NE(CatchInputError([] { ParseCsvText("a,b\n,\n", "e.csv"); })
                .message()
                .find("データの行がありません"),
            std::string::npos);
}

TEST(ParseCsvText, UnterminatedQuote) {
  InputError e = CatchInputError([] { ParseCsvText("a,b\n1,2\n3,\"4\n5,6\n", "u.csv"); });
  EXPECT_EQ(e.pos().line, 3);
  EXPECT_EQ(e.pos().column, 2);
  EXPECT_NE(e.message().find("が閉じていません"), std::string::npos);
}

TEST(ParseCsvText, TextAfterClosingQuote) {
  InputError e = CatchInputError([] { ParseCsvText("a,b\n\"1\"x,2\n", "u.csv"); });
  EXPECT_EQ(e.pos().line, 2);
  EXPECT_EQ(e.pos().column, 1);
  // Spaces after a closing quote are tolerated.
  EXPECT_EQ(ParseCsvText("a,b\n\"1\" ,2\n", "u.csv").rows[0].cells[0].text, "1");
}

TEST(ReadCsv, Utf8WithBom) {
  io_test::TempDir dir;
  io_test::WriteBytes(dir.Path("m.csv"), "\xEF\xBB\xBF団体コード,市町村名\r\n102016,前橋市\r\n");
  Table t = ReadCsv(dir.Path("m.csv"));
  EXPECT_EQ(t.file, dir.Path("m.csv"));
  EXPECT_EQ(t.header[0].text, "団体コード");
  EXPECT_EQ(t.rows[0].cells[1].text, "前橋市");
}

TEST(ReadCsv, Cp932) {
  io_test::TempDir dir;
  io_test::WriteBytes(
      dir.Path("m.csv"),
      "\x92\x63\x91\xCC\x83\x52\x81\x5B\x83\x68,x\r\n102016,\x91\x4F\x8B\xB4\x8E\x73\r\n");
  Table t = ReadCsv(dir.Path("m.csv"));
  EXPECT_EQ(t.header[0].text, "団体コード");
  EXPECT_EQ(t.rows[0].cells[1].text, "前橋市");
  EXPECT_EQ(t.ColumnIndex("団体コード"), 0u);
}

TEST(ReadCsv, BrokenEncodingPosition) {
  io_test::TempDir dir;
  io_test::WriteBytes(dir.Path("m.csv"), "a,b\n1,2\n3,4\x81\x7F\n");
  InputError e = CatchInputError([&] { ReadCsv(dir.Path("m.csv")); });
  EXPECT_EQ(e.pos().file, dir.Path("m.csv"));
  EXPECT_EQ(e.pos().line, 3);
  EXPECT_EQ(e.pos().column, 2);  // like every CSV position: the field number ("4\x81\x7F")
}

TEST(ReadCsv, MissingFile) {
  InputError e = CatchInputError([] { ReadCsv("/nonexistent/m.csv"); });
  EXPECT_EQ(e.pos().file, "/nonexistent/m.csv");
  EXPECT_EQ(e.pos().line, 0);
  EXPECT_EQ(e.message(), "ファイルがありません。パスを確かめてください");
}

TEST(ReadCsv, EmptyFile) {
  io_test::TempDir dir;
  io_test::WriteBytes(dir.Path("e.csv"), "");
  EXPECT_NE(CatchInputError([&] { ReadCsv(dir.Path("e.csv")); }).message().find("ファイルが空です"),
            std::string::npos);
  io_test::WriteBytes(dir.Path("bom.csv"), "\xEF\xBB\xBF");
  EXPECT_NE(
      CatchInputError([&] { ReadCsv(dir.Path("bom.csv")); }).message().find("ファイルが空です"),
      std::string::npos);
}

}  // namespace
}  // namespace kokuho
