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
