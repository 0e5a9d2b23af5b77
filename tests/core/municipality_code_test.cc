// Unit tests for core/municipality_code.h: the 総務省 check digit
//   c = (11 − (6a + 5b + 4c + 3d + 2e) mod 11) mod 10.
#include "core/municipality_code.h"

#include <gtest/gtest.h>

namespace kokuho {
namespace {

std::string Parsed(const char* text) {
  auto code = MunicipalityCode::TryParse(text);
  return code ? code->str() : "<none>";
}

TEST(MunicipalityCode, CheckDigitsByHand) {
  // 前橋市 10201: 6·1 + 5·0 + 4·2 + 3·0 + 2·1 = 16; 16 mod 11 = 5; 11 − 5 = 6 → 102016.
  EXPECT_EQ(MunicipalityCode::CheckDigit("10201"), 6);
  // 高崎市 10202: 6 + 0 + 8 + 0 + 4 = 18; 18 mod 11 = 7; 11 − 7 = 4 → 102024.
  EXPECT_EQ(MunicipalityCode::CheckDigit("10202"), 4);
  // 邑楽町 10525: 6·1 + 5·0 + 4·5 + 3·2 + 2·5 = 42; 42 mod 11 = 9; 11 − 9 = 2 → 105252.
  EXPECT_EQ(MunicipalityCode::CheckDigit("10525"), 2);
  // 札幌市 01100: 6·0 + 5·1 + 4·1 + 3·0 + 2·0 = 9; 9 mod 11 = 9; 11 − 9 = 2 → 011002.
  EXPECT_EQ(MunicipalityCode::CheckDigit("01100"), 2);
  // 那覇市 47201: 6·4 + 5·7 + 4·2 + 3·0 + 2·1 = 69; 69 mod 11 = 3; 11 − 3 = 8 → 472018.
  EXPECT_EQ(MunicipalityCode::CheckDigit("47201"), 8);
  // Sum ≡ 0 (mod 11) → (11 − 0) mod 10 = 1: 11000: 6 + 5 = 11 → 1.
  EXPECT_EQ(MunicipalityCode::CheckDigit("11000"), 1);
  // Sum ≡ 1 (mod 11) → (11 − 1) mod 10 = 0: 10003: 6·1 + 2·3 = 12 ≡ 1 → 0.
  EXPECT_EQ(MunicipalityCode::CheckDigit("10003"), 0);
}

TEST(MunicipalityCode, FiveDigitsGetTheCheckDigit) {
  EXPECT_EQ(Parsed("10201"), "102016");
  EXPECT_EQ(Parsed("10202"), "102024");
  EXPECT_EQ(Parsed("10525"), "105252");
  EXPECT_EQ(Parsed("01100"), "011002");
}

TEST(MunicipalityCode, SixDigitsAreChecked) {
  EXPECT_EQ(Parsed("102016"), "102016");
  EXPECT_EQ(Parsed("102024"), "102024");
  EXPECT_EQ(Parsed("105252"), "105252");
  EXPECT_EQ(Parsed("011002"), "011002");
  EXPECT_EQ(Parsed("102017"), "<none>");  // wrong check digit
  EXPECT_EQ(Parsed("102020"), "<none>");
  EXPECT_EQ(Parsed("011001"), "<none>");
}

TEST(MunicipalityCode, PrefectureMustExist) {
  EXPECT_EQ(Parsed("00100"), "<none>");
  EXPECT_EQ(Parsed("48201"), "<none>");
  EXPECT_EQ(Parsed("99999"), "<none>");
  EXPECT_EQ(Parsed("47201"), "472018");
  EXPECT_EQ(MunicipalityCode::TryParse("102016")->prefecture(), "10");
  EXPECT_EQ(MunicipalityCode::TryParse("011002")->prefecture(), "01");
}

TEST(MunicipalityCode, FullWidthAndMalformed) {
  EXPECT_EQ(Parsed("１０２０１６"), "102016");
  EXPECT_EQ(Parsed("１０２０１"), "102016");
  EXPECT_EQ(Parsed(" 102016 "), "102016");
  EXPECT_EQ(Parsed("１０２０１７"), "<none>");
  EXPECT_EQ(Parsed(""), "<none>");
  EXPECT_EQ(Parsed("1020"), "<none>");
  EXPECT_EQ(Parsed("1020160"), "<none>");
  EXPECT_EQ(Parsed("10a01"), "<none>");
  EXPECT_EQ(Parsed("-10201"), "<none>");
}

TEST(MunicipalityCode, Ordering) {
  EXPECT_LT(*MunicipalityCode::TryParse("102016"), *MunicipalityCode::TryParse("102024"));
  EXPECT_EQ(*MunicipalityCode::TryParse("10201"), *MunicipalityCode::TryParse("102016"));
}

}  // namespace
}  // namespace kokuho
