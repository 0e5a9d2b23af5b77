// Unit tests for core/rational.h: exact parsing, every rounding mode (including the
// negative half cases), 100円-unit rounding and text forms.
#include "core/rational.h"

#include <gtest/gtest.h>

#include <stdexcept>

#include "core/error.h"
#include "rational_expect.h"

namespace kokuho {
namespace {

TEST(RationalParse, Decimals) {
  EXPECT_RAT_EQ(Rational::Parse("0.75"), Rational(3, 4));
  EXPECT_RAT_EQ(Rational::Parse("-1.5"), Rational(-3, 2));
  EXPECT_RAT_EQ(Rational::Parse("+1.5"), Rational(3, 2));
  EXPECT_RAT_EQ(Rational::Parse("12"), Rational(12));
  EXPECT_RAT_EQ(Rational::Parse("0"), Rational(0));
  // 13-decimal coefficient (Aomori H30 β 医療) is kept exactly.
  EXPECT_RAT_EQ(Rational::Parse("0.8027351341274"),
                Rational(8'027'351'341'274, 10'000'000'000'000));
}

TEST(RationalParse, Percent) {
  // "93.5%" = 93.5 / 100 = 0.935 = 187/200.
  EXPECT_RAT_EQ(Rational::Parse("93.5%"), Rational(187, 200));
  EXPECT_RAT_EQ(Rational::Parse("50%"), Rational(1, 2));
  EXPECT_RAT_EQ(Rational::Parse("92.77%"), Rational::Parse("0.9277"));
}

TEST(RationalParse, Fraction) {
  EXPECT_RAT_EQ(Rational::Parse("1/3"), Rational(1, 3));
  EXPECT_RAT_EQ(Rational::Parse("0.9/1.9"), Rational(9, 19));
  EXPECT_FALSE(Rational::TryParse("1/0"));
}

TEST(RationalParse, RejectsNonDecimals) {
  for (const char* bad : {"1e3", "abc", "", "1,000", ".", "-", "%", "1.2.3", "0x10", " 1"}) {
    EXPECT_FALSE(Rational::TryParse(bad)) << "'" << bad << "'";
    EXPECT_THROW(Rational::Parse(bad), std::invalid_argument) << "'" << bad << "'";
  }
}

TEST(RationalArithmetic, DivisionByZeroThrows) {
  EXPECT_THROW(Rational(1) / Rational(0), CalculationError);
  EXPECT_THROW(Rational(1, 0), CalculationError);
}

TEST(RationalRounding, PositiveEveryMode) {
  const Rational x = Rational::Parse("2.345");
  EXPECT_RAT_EQ(x.RoundToDecimals(2, RoundingMode::kFloor), Rational::Parse("2.34"));
  EXPECT_RAT_EQ(x.RoundToDecimals(2, RoundingMode::kCeil), Rational::Parse("2.35"));
  EXPECT_RAT_EQ(x.RoundToDecimals(2, RoundingMode::kHalfUp), Rational::Parse("2.35"));
  const Rational y = Rational::Parse("2.344");
  EXPECT_RAT_EQ(y.RoundToDecimals(2, RoundingMode::kHalfUp), Rational::Parse("2.34"));
  EXPECT_RAT_EQ(y.RoundToDecimals(2, RoundingMode::kCeil), Rational::Parse("2.35"));
  // Exact values are unchanged in every mode.
  for (auto mode : {RoundingMode::kFloor, RoundingMode::kCeil, RoundingMode::kHalfUp})
    EXPECT_RAT_EQ(Rational::Parse("2.34").RoundToDecimals(2, mode), Rational::Parse("2.34"));
}

TEST(RationalRounding, NegativeHalfCases) {
  // 四捨五入 takes halves away from zero; floor goes to −∞, ceil to +∞.
  const Rational x = Rational::Parse("-2.345");
  EXPECT_RAT_EQ(x.RoundToDecimals(2, RoundingMode::kHalfUp), Rational::Parse("-2.35"));
  EXPECT_RAT_EQ(x.RoundToDecimals(2, RoundingMode::kFloor), Rational::Parse("-2.35"));
  EXPECT_RAT_EQ(x.RoundToDecimals(2, RoundingMode::kCeil), Rational::Parse("-2.34"));
  EXPECT_RAT_EQ(Rational::Parse("-2.344").RoundToDecimals(2, RoundingMode::kHalfUp),
                Rational::Parse("-2.34"));
  EXPECT_RAT_EQ(Rational::Parse("-0.5").RoundToDecimals(0, RoundingMode::kHalfUp), Rational(-1));
  EXPECT_EQ(Rational::Parse("-0.5").ToYen(RoundingMode::kHalfUp), -1);
  EXPECT_EQ(Rational::Parse("-2.5").ToYen(RoundingMode::kHalfUp), -3);
  EXPECT_EQ(Rational::Parse("-2.5").ToYen(RoundingMode::kFloor), -3);
  EXPECT_EQ(Rational::Parse("-2.5").ToYen(RoundingMode::kCeil), -2);
  EXPECT_EQ(Rational::Parse("-2.4").ToYen(RoundingMode::kHalfUp), -2);
  EXPECT_EQ(Rational::Parse("2.5").ToYen(RoundingMode::kHalfUp), 3);
  EXPECT_EQ(Rational::Parse("2.5").Floor(), 2);
}

TEST(RationalRounding, GammaTo13Decimals) {
  // γ = 1/Σw from the §1.6 worked example: 1/1.0026082026214… → 0.9973985824028.
  const Rational g = Rational(1) / Rational::Parse("1.0026082026214");
  EXPECT_EQ(g.RoundToDecimals(13, RoundingMode::kHalfUp).ToDecimalString(13), "0.9973985824028");
  // One third to 13 places: 0.3333333333333 (half-up) and …4 (ceil).
  EXPECT_RAT_EQ(Rational(1, 3).RoundToDecimals(13, RoundingMode::kHalfUp),
                Rational::Parse("0.3333333333333"));
  EXPECT_RAT_EQ(Rational(1, 3).RoundToDecimals(13, RoundingMode::kCeil),
                Rational::Parse("0.3333333333334"));
}

TEST(RationalRounding, ToYenUnit100) {
  // 100円 unit, as some municipalities round 均等割/平等割 (Nara R6: 27,600 / 20,000).
  EXPECT_EQ(Rational::Parse("27611.4").ToYenUnit(100, RoundingMode::kFloor), 27'600);
  EXPECT_EQ(Rational(27'699).ToYenUnit(100, RoundingMode::kFloor), 27'600);
  EXPECT_EQ(Rational(27'600).ToYenUnit(100, RoundingMode::kFloor), 27'600);
  EXPECT_EQ(Rational(27'650).ToYenUnit(100, RoundingMode::kHalfUp), 27'700);
  EXPECT_EQ(Rational::Parse("27649.99").ToYenUnit(100, RoundingMode::kHalfUp), 27'600);
  EXPECT_EQ(Rational(27'601).ToYenUnit(100, RoundingMode::kCeil), 27'700);
  EXPECT_EQ(Rational(-12'345).ToYenUnit(100, RoundingMode::kFloor), -12'400);
  EXPECT_EQ(Rational(-12'350).ToYenUnit(100, RoundingMode::kHalfUp), -12'400);
  EXPECT_EQ(Rational(12'345).ToYenUnit(10, RoundingMode::kFloor), 12'340);
  EXPECT_THROW(Rational(1).ToYenUnit(0, RoundingMode::kFloor), CalculationError);
}

TEST(RationalText, ToStringFiniteAndFraction) {
  EXPECT_EQ(Rational(3, 4).ToString(), "0.75");
  EXPECT_EQ(Rational(-3, 2).ToString(), "-1.5");
  EXPECT_EQ(Rational(3).ToString(), "3");
  EXPECT_EQ(Rational(1, 20).ToString(), "0.05");
  EXPECT_EQ(Rational(1, 8).ToString(), "0.125");
  EXPECT_EQ(Rational::Parse("0.8027351341274").ToString(), "0.8027351341274");
  EXPECT_EQ(Rational(1, 3).ToString(), "1/3");
  EXPECT_EQ(Rational(-2, 3).ToString(), "-2/3");
}

TEST(RationalText, DecimalAndGroupedStrings) {
  EXPECT_EQ(Rational(1, 3).ToDecimalString(2), "0.33");
  EXPECT_EQ(Rational(2, 3).ToDecimalString(4), "0.6667");
  EXPECT_EQ(Rational::Parse("-0.005").ToDecimalString(2), "-0.01");
  EXPECT_EQ(Rational(5).ToDecimalString(0), "5");
  EXPECT_EQ(Rational::Parse("1234567.891").ToGroupedString(2), "1,234,567.89");
  EXPECT_EQ(Rational(-1'234).ToGroupedString(0), "-1,234");
  EXPECT_EQ(Rational(123).ToGroupedString(1), "123.0");
}

TEST(RationalCompare, Ordering) {
  EXPECT_RAT_LT(Rational(1, 3), Rational::Parse("0.3333333333334"));
  EXPECT_RAT_GT(Rational(1, 3), Rational::Parse("0.3333333333333"));
  EXPECT_RAT_EQ(Rational(2, 4), Rational(1, 2));
  EXPECT_TRUE(Rational(0).IsZero());
  EXPECT_EQ(Rational(-5, 7).Sign(), -1);
}

}  // namespace
}  // namespace kokuho
