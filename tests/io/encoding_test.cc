#include "io/encoding.h"

#include <gtest/gtest.h>

#include "core/error.h"
#include "io_test_util.h"

namespace kokuho {
namespace {

using io_test::CatchInputError;

TEST(DecodeToUtf8, PassesValidUtf8Through) {
  EXPECT_EQ(DecodeToUtf8("団体コード,市町村名\n", "a.csv"), "団体コード,市町村名\n");
  EXPECT_EQ(DecodeToUtf8("", "a.csv"), "");
}

TEST(DecodeToUtf8, StripsUtf8Bom) {
  EXPECT_EQ(DecodeToUtf8("\xEF\xBB\xBF"
                         "abc",
                         "a.csv"),
            "abc");
}

TEST(DecodeToUtf8, DecodesCp932) {
  // 団体コード,前橋市 in CP932.
  std::string bytes = "\x92\x63\x91\xCC\x83\x52\x81\x5B\x83\x68,\x91\x4F\x8B\xB4\x8E\x73";
  EXPECT_EQ(DecodeToUtf8(bytes, "a.csv"), "団体コード,前橋市");
  EXPECT_EQ(DecodeToUtf8(io_test::ToCp932("所得１,①,髙橋,～\n"), "a.csv"), "所得１,①,髙橋,～\n");
}

TEST(DecodeToUtf8, ReportsFirstUndecodableByte) {
  // Line 2, byte column 3: 0x81 is a CP932 lead byte but 0x20 is no trail byte.
  InputError e = CatchInputError([] { DecodeToUtf8("a,b\nc,\x81 x\n", "m.csv"); });
  EXPECT_EQ(e.pos().file, "m.csv");
  EXPECT_EQ(e.pos().line, 2);
  EXPECT_EQ(e.pos().column, 3);
  EXPECT_NE(e.message().find("UTF-8 の文字としても CP932 (Shift_JIS) の文字としても読めません"),
            std::string::npos);
}

TEST(DecodeToUtf8, ReportsTruncatedSequenceAtEnd) {
  // Line 2 is "団" (0x92 0x63 in CP932) then a lone lead byte: CP932 got further than
  // UTF-8, so the column counts the characters it decoded: 団 is column 1, the bad byte 2.
  InputError e = CatchInputError([] { DecodeToUtf8("abc\n\x92\x63\x91", "m.csv"); });
  EXPECT_EQ(e.pos().line, 2);
  EXPECT_EQ(e.pos().column, 2);
}

TEST(DecodeToUtf8, BrokenUtf8AfterBomIsReportedAsUtf8) {
  InputError e = CatchInputError([] {
    DecodeToUtf8(
        "\xEF\xBB\xBF"
        "ab\xE5\x9B",
        "m.csv");
  });
  EXPECT_EQ(e.pos().line, 1);
  EXPECT_EQ(e.pos().column, 3);
  EXPECT_NE(e.message().find("UTF-8"), std::string::npos);
}

TEST(DecodeToUtf8, RejectsUtf16) {
  InputError bom = CatchInputError([] {
    DecodeToUtf8(std::string("\xFF\xFE"
                             "a\0",
                             4),
                 "u.csv");
  });
  EXPECT_NE(bom.message().find(
                "UTF-16 のファイルは読めません。UTF-8 か CP932 (Shift_JIS) で保存し直してください"),
            std::string::npos);
  InputError nul = CatchInputError([] { DecodeToUtf8(std::string("a\0b\0", 4), "u.csv"); });
  EXPECT_NE(nul.message().find("UTF-16 のファイルは読めません"), std::string::npos);
  EXPECT_EQ(nul.pos().line, 1);
  EXPECT_EQ(nul.pos().column, 2);
}

TEST(ReadFileBytes, MissingFile) {
  InputError e = CatchInputError([] { ReadFileBytes("/nonexistent/kokuho/x.csv"); });
  EXPECT_EQ(e.pos().file, "/nonexistent/kokuho/x.csv");
  EXPECT_EQ(e.message(), "ファイルがありません。パスを確かめてください");
  io_test::TempDir dir;
  EXPECT_THROW(ReadFileBytes(dir.path()), InputError);  // a directory
}

TEST(ReadTextFile, ReadsCp932File) {
  io_test::TempDir dir;
  io_test::WriteBytes(dir.Path("a.csv"), io_test::ToCp932("団体コード\n"));
  EXPECT_EQ(ReadTextFile(dir.Path("a.csv")), "団体コード\n");
}

}  // namespace
}  // namespace kokuho
