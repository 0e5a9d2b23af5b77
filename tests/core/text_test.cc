// Unit tests for core/text.h: 全角 → 半角, trimming with U+3000, display width.
#include "core/text.h"

#include <gtest/gtest.h>

namespace kokuho {
namespace {

TEST(Text, NormalizeWidthDigitsAndPunctuation) {
  EXPECT_EQ(NormalizeWidth("１２３．４５％"), "123.45%");
  EXPECT_EQ(NormalizeWidth("１，０００"), "1,000");
  EXPECT_EQ(NormalizeWidth("ＡＢＣｘｙｚ"), "ABCxyz");
  EXPECT_EQ(NormalizeWidth("－１．５"), "-1.5");  // U+FF0D FULLWIDTH HYPHEN-MINUS
  EXPECT_EQ(NormalizeWidth("−１．５"), "-1.5");   // U+2212 MINUS SIGN
  EXPECT_EQ(NormalizeWidth("１／３"), "1/3");
  EXPECT_EQ(NormalizeWidth("令和\u3000９年度"), "令和 9年度");  // U+3000 → space
}

TEST(Text, NormalizeWidthLeavesOtherTextAlone) {
  EXPECT_EQ(NormalizeWidth("前橋市"), "前橋市");
  EXPECT_EQ(NormalizeWidth("abc 123"), "abc 123");
  EXPECT_EQ(NormalizeWidth(""), "");
  EXPECT_EQ(NormalizeWidth("ｱｲｳ"), "ｱｲｳ");  // 半角カナ are not ASCII: unchanged
}

TEST(Text, NormalizeWidthLeavesLongVowelMarkAlone) {
  // text.h: the katakana "ー" is a letter in names and is never guessed as a minus.
  EXPECT_EQ(NormalizeWidth("ー１００"), "ー100");
  EXPECT_EQ(NormalizeWidth("ラーメン"), "ラーメン");
}

TEST(Text, TrimAsciiAndIdeographicSpace) {
  EXPECT_EQ(Trim("  abc\t\r\n"), "abc");
  EXPECT_EQ(Trim("\u3000前橋市\u3000"), "前橋市");
  EXPECT_EQ(Trim(" \u3000 高崎市 \u3000\u3000"), "高崎市");
  EXPECT_EQ(Trim("前橋\u3000市"), "前橋\u3000市");  // inner spaces stay
  EXPECT_EQ(Trim("\u3000\u3000"), "");
  EXPECT_EQ(Trim(""), "");
}

TEST(Text, DisplayWidth) {
  EXPECT_EQ(DisplayWidth("前橋市"), 6);
  EXPECT_EQ(DisplayWidth("abc"), 3);
  EXPECT_EQ(DisplayWidth("前橋市 10"), 9);
  EXPECT_EQ(DisplayWidth("１２"), 4);  // 全角 digits are wide
  EXPECT_EQ(DisplayWidth("ｱｲｳ"), 3);   // 半角カナ are narrow
  EXPECT_EQ(DisplayWidth("\u3000"), 2);
  EXPECT_EQ(DisplayWidth(""), 0);
}

TEST(Text, IsValidUtf8) {
  EXPECT_TRUE(IsValidUtf8("前橋市 abc"));
  EXPECT_TRUE(IsValidUtf8(""));
  EXPECT_FALSE(IsValidUtf8("\xff"));
  EXPECT_FALSE(IsValidUtf8("\xe5\x89"));      // truncated 前
  EXPECT_FALSE(IsValidUtf8("\xc0\xaf"));      // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xed\xa0\x80"));  // surrogate U+D800
}

TEST(Text, AsciiLowerLowersOnlyAsciiLetters) {
  EXPECT_EQ(AsciiLower(".XLSX"), ".xlsx");
  EXPECT_EQ(AsciiLower("Gzip;Q=0"), "gzip;q=0");
  EXPECT_EQ(AsciiLower("@[`{"), "@[`{");                // the bytes beside A–Z and a–z stay
  EXPECT_EQ(AsciiLower("ＴＲＵＥ 真"), "ＴＲＵＥ 真");  // UTF-8 (full-width letters too) untouched
  EXPECT_EQ(AsciiLower(""), "");
}

}  // namespace
}  // namespace kokuho
