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

}  // namespace
}  // namespace kokuho
