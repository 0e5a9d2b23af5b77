// CP932 ⇄ UTF-8 tables of the claims reader, and the property that lets it split CP932
// lines on bytes.
#include "claims/cp932.h"

#include <gtest/gtest.h>

#include "../io/io_test_util.h"

namespace kokuho::claims {
namespace {

TEST(Cp932, DecodesLikeIconv) {
  // Every valid single and double byte character decodes as glibc's iconv decodes it
  // (io/encoding.h uses that converter for users' CSV files).
  const std::string text = "テスト　汎用 ｶﾀｶﾅ ①Ⅱ㈱ 髙﨑 ～ ￢∵ 寿限無";
  const std::string bytes = io_test::ToCp932(text);
  std::string out;
  std::size_t bad = 0;
  ASSERT_TRUE(AppendCp932AsUtf8(bytes, out, bad));
  EXPECT_EQ(out, text);
  std::string back;
  ASSERT_TRUE(AppendUtf8AsCp932(out, back, bad));
  EXPECT_EQ(back, bytes);
}

TEST(Cp932, EveryCharacterRoundTrips) {
  // All double-byte codes: those that decode come back to a code that decodes to the same
  // character (NEC and IBM duplicates may come back as the other code of the pair).
  int valid = 0;
  for (int lead = 0x81; lead <= 0xFC; ++lead) {
    for (int trail = 0x40; trail <= 0xFC; ++trail) {
      const char in[2] = {static_cast<char>(lead), static_cast<char>(trail)};
      std::string u;
      std::size_t bad = 0;
      if (!AppendCp932AsUtf8(std::string_view(in, 2), u, bad)) continue;
      ++valid;
      std::string b;
      ASSERT_TRUE(AppendUtf8AsCp932(u, b, bad)) << std::hex << lead << trail;
      std::string u2;
      ASSERT_TRUE(AppendCp932AsUtf8(b, u2, bad));
      EXPECT_EQ(u2, u);
    }
  }
  // JIS X 0208 (6,879) + NEC special (83) + NEC-selected IBM (374) + IBM (388) + 外字
  // (1,880) = 9,604 … less what glibc leaves undefined; at least the JIS X 0208 set.
  EXPECT_GT(valid, 6879);
}

TEST(Cp932, SeparatorsNeverHideInsideACharacter) {
  // No lead byte followed by ',' CR LF '"' or X'1A' is a character: those bytes are never
  // trail bytes (trail bytes are 0x40–0x7E and 0x80–0xFC), so a byte-level split of a CP932
  // line on ',' and line ends is exact.
  for (int lead = 0x81; lead <= 0xFC; ++lead) {
    if (lead >= 0xA0 && lead <= 0xDF) continue;  // single-byte katakana, not lead bytes
    for (char sep : {',', '\r', '\n', '"', '\x1A'}) {
      const char in[2] = {static_cast<char>(lead), sep};
      std::string u;
      std::size_t bad = 99;
      EXPECT_FALSE(AppendCp932AsUtf8(std::string_view(in, 2), u, bad)) << std::hex << lead;
      EXPECT_EQ(bad, 0u);
    }
  }
}

TEST(Cp932, InvalidBytesAreReportedAtTheirOffset) {
  std::string out;
  std::size_t bad = 0;
  EXPECT_FALSE(AppendCp932AsUtf8("AB\xFD", out, bad));
  EXPECT_EQ(bad, 2u);
  EXPECT_EQ(out, "AB");
  out.clear();
  EXPECT_FALSE(AppendCp932AsUtf8("A\x83", out, bad));  // a lead byte at the end
  EXPECT_EQ(bad, 1u);
  EXPECT_FALSE(AppendUtf8AsCp932("a😀", out, bad));  // outside CP932
  EXPECT_EQ(bad, 1u);
  EXPECT_EQ(Utf8CharCount("テスト,1"), 5);
}

}  // namespace
}  // namespace kokuho::claims
