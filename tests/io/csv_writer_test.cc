#include "io/csv_writer.h"

#include <gtest/gtest.h>

#include "io/csv_reader.h"
#include "io_test_util.h"

namespace kokuho {
namespace {

TEST(FormatCsv, BomCrLfAndQuoting) {
  EXPECT_EQ(FormatCsv({{"団体コード", "名"}, {"1,234", "say \"hi\"", "a\nb", "plain", ""}}),
            "\xEF\xBB\xBF団体コード,名\r\n\"1,234\",\"say \"\"hi\"\"\",\"a\nb\",plain,\r\n");
  EXPECT_EQ(FormatCsv({}), "\xEF\xBB\xBF");
  EXPECT_EQ(FormatCsv({{"cr\r"}}), "\xEF\xBB\xBF\"cr\r\"\r\n");
}

TEST(WriteCsv, RoundTripsThroughReadCsv) {
  io_test::TempDir dir;
  std::vector<std::vector<std::string>> rows = {
      {"団体コード", "市町村名", "備考"},
      {"102016", "前橋市", "a,\"b\"\nc"},
      {"102024", "高崎市", ""},
  };
  WriteCsv(dir.Path("out.csv"), rows);
  EXPECT_EQ(io_test::ReadBytes(dir.Path("out.csv")), FormatCsv(rows));
  EXPECT_EQ(io_test::ListDir(dir.path()), std::vector<std::string>{"out.csv"});
  Table t = ReadCsv(dir.Path("out.csv"));
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(t.header[2].text, "備考");
  EXPECT_EQ(t.rows[0].cells[2].text, "a,\"b\"\nc");
  EXPECT_EQ(t.rows[1].cells[1].text, "高崎市");
  EXPECT_EQ(t.rows[1].pos.line, 4);
}

// CP932 on request: no BOM, the bytes of CP932 (前 = 0x91 0x4F, 橋 = 0x8B 0xB4), and the
// JIS-variant dashes the reports use (— −) have CP932 codes; it reads back as UTF-8.
TEST(WriteCsv, Cp932OnRequestRoundTrips) {
  io_test::TempDir dir;
  std::vector<std::vector<std::string>> rows = {
      {"団体コード", "市町村名", "増減"}, {"102016", "前橋市", "—"}, {"102024", "髙崎", "−1"}};
  WriteCsv(dir.Path("out.csv"), rows, CsvEncoding::kCp932);
  const std::string bytes = io_test::ReadBytes(dir.Path("out.csv"));
  EXPECT_NE(bytes.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_NE(bytes.find("102016,\x91\x4F\x8B\xB4\x8E\x73,\x81\x5C\r\n"), std::string::npos);
  Table t = ReadCsv(dir.Path("out.csv"));
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(t.rows[0].cells[1].text, "前橋市");
  EXPECT_EQ(t.rows[1].cells[1].text, "髙崎");
}

// A character CP932 has no code for (🙂, ß) stops the write with the file, line, column and
// the character, and leaves no file behind.
TEST(WriteCsv, Cp932RefusesACharacterItCannotEncode) {
  io_test::TempDir dir;
  try {
    WriteCsv(dir.Path("out.csv"), {{"a", "b"}, {"x", "xß"}}, CsvEncoding::kCp932);
    FAIL() << "no error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("out.csv:2:4: 文字「ß」は CP932"), std::string::npos)
        << e.what();
  }
  EXPECT_TRUE(io_test::ListDir(dir.path()).empty());
}

// CSV injection (OWASP): a text cell that Excel would run as a formula is written quoted with
// a leading apostrophe; numbers, negative ones included, stay numbers.
TEST(FormatCsv, FormulaCellsAreGuardedNumbersAreNot) {
  EXPECT_EQ(FormatCsv({{"=1+2", "+81 3", "-cmd|' /C calc'!A0", "@SUM(A1)", "\tx", "\rx", "-",
                        "=HYPERLINK(\"http://x\",\"y\")"}}),
            "\xEF\xBB\xBF\"'=1+2\",\"'+81 3\",\"'-cmd|' /C calc'!A0\",\"'@SUM(A1)\","
            "\"'\tx\",\"'\rx\",\"'-\",\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"\r\n");
  EXPECT_EQ(FormatCsv({{"-1234", "-0.25", "+5", "-1.5E+3", "-12%", "0", "市=町", "a-b"}}),
            "\xEF\xBB\xBF-1234,-0.25,+5,-1.5E+3,-12%,0,市=町,a-b\r\n");
  EXPECT_TRUE(IsCsvNumber("-1234"));
  EXPECT_TRUE(IsCsvNumber("-.5"));
  EXPECT_FALSE(IsCsvNumber("-"));
  EXPECT_FALSE(IsCsvNumber("-1+1"));
  EXPECT_FALSE(IsCsvNumber("-1e"));
  EXPECT_FALSE(NeedsFormulaGuard("-42"));
  EXPECT_TRUE(NeedsFormulaGuard("-42-1"));
  // Read back, the guarded cell keeps its text after the apostrophe.
  io_test::TempDir dir;
  WriteCsv(dir.Path("g.csv"), {{"名前", "額"}, {"=1+2", "-5"}});
  Table t = ReadCsv(dir.Path("g.csv"));
  EXPECT_EQ(t.rows[0].cells[0].text, "'=1+2");
  EXPECT_EQ(t.rows[0].cells[1].text, "-5");
}

}  // namespace
}  // namespace kokuho
