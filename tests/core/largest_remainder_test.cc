// Unit tests for core/largest_remainder.h, with hand examples.
#include "core/largest_remainder.h"

#include <gtest/gtest.h>

#include <numeric>

#include "core/error.h"

namespace kokuho {
namespace {

using V = std::vector<Yen>;

Yen Sum(const V& v) { return std::accumulate(v.begin(), v.end(), Yen{0}); }

TEST(LargestRemainder, HeaderExample) {
  // floors {2, 1} = 3; one yen left; fractions .5 and .5 tie → the earlier entry gets it.
  EXPECT_EQ(AllocateLargestRemainder({Rational(5, 2), Rational(3, 2)}, 4), (V{3, 1}));
}

TEST(LargestRemainder, LargestFractionsFirst) {
  // 10.2 + 20.7 + 30.1 = 61.0: floors 10 + 20 + 30 = 60, one yen to the largest fraction (.7).
  EXPECT_EQ(AllocateLargestRemainder(
                {Rational::Parse("10.2"), Rational::Parse("20.7"), Rational::Parse("30.1")}, 61),
            (V{10, 21, 30}));
  // 1.6 + 2.6 + 3.8 = 8.0: floors 6, two yen to .8 then .6 (tie .6/.6 → earlier one).
  EXPECT_EQ(AllocateLargestRemainder(
                {Rational::Parse("1.6"), Rational::Parse("2.6"), Rational::Parse("3.8")}, 8),
            (V{2, 2, 4}));
}

TEST(LargestRemainder, TiesGoToTheEarlierEntry) {
  const std::vector<Rational> thirds(3, Rational(1, 3));
  EXPECT_EQ(AllocateLargestRemainder(thirds, 1), (V{1, 0, 0}));
  EXPECT_EQ(AllocateLargestRemainder(thirds, 2), (V{1, 1, 0}));
  EXPECT_EQ(AllocateLargestRemainder(thirds, 3), (V{1, 1, 1}));
  // 7 yen in 3 equal parts: 2.333… each, floors 6, the first gets the extra yen.
  EXPECT_EQ(AllocateProportionally(7, {Rational(1), Rational(1), Rational(1)}), (V{3, 2, 2}));
  EXPECT_EQ(AllocateProportionally(10, {Rational(1), Rational(1), Rational(1)}), (V{4, 3, 3}));
}

TEST(LargestRemainder, IntegersAreUnchanged) {
  EXPECT_EQ(AllocateLargestRemainder({Rational(5), Rational(0), Rational(-3)}, 2), (V{5, 0, -3}));
}

TEST(LargestRemainder, SumEqualsTotal) {
  // 1,000,000 yen over weights 1..7 (Σ 28): exact 35,714.28…, 71,428.57…, … .
  std::vector<Rational> w;
  for (int k = 1; k <= 7; ++k) w.push_back(Rational(k));
  V out = AllocateProportionally(1'000'000, w);
  EXPECT_EQ(Sum(out), 1'000'000);
  for (int k = 0; k < 7; ++k) {
    const Rational exact = Rational(1'000'000) * Rational(k + 1) / Rational(28);
    EXPECT_GE(out[k], exact.Floor()) << k;
    EXPECT_LE(out[k], exact.Floor() + 1) << k;
  }
}

TEST(LargestRemainder, TotalBelowFloorsTakesFromSmallestFractions) {
  // 1.2 + 1.7 = 2.9, total 1: floors 2, one yen must go back; the smallest fraction (.2)
  // gives it up.
  EXPECT_EQ(AllocateLargestRemainder({Rational::Parse("1.2"), Rational::Parse("1.7")}, 1),
            (V{0, 1}));
}

TEST(LargestRemainder, ErrorWhenOffByMoreThanN) {
  const std::vector<Rational> x = {Rational::Parse("1.5"), Rational::Parse("1.5")};
  // floors 2; totals 0..4 are within n = 2 yen.
  EXPECT_EQ(AllocateLargestRemainder(x, 4), (V{2, 2}));
  EXPECT_EQ(AllocateLargestRemainder(x, 0), (V{0, 0}));
  EXPECT_THROW(AllocateLargestRemainder(x, 5), CalculationError);
  EXPECT_THROW(AllocateLargestRemainder(x, -1), CalculationError);
}

TEST(LargestRemainder, ProportionalEdgeCases) {
  EXPECT_TRUE(AllocateProportionally(100, {}).empty());
  // All-zero weights: equal split.
  EXPECT_EQ(AllocateProportionally(5, {Rational(0), Rational(0)}), (V{3, 2}));
  // Exact split.
  EXPECT_EQ(AllocateProportionally(100, {Rational(1), Rational(2), Rational(3), Rational(4)}),
            (V{10, 20, 30, 40}));
  // Zero weight gets nothing.
  EXPECT_EQ(AllocateProportionally(9, {Rational(0), Rational(1), Rational(2)}), (V{0, 3, 6}));
  // Pro-rata 5/7 of needs 2,800,000 and 700,000 (relief short of funds, relief_test.cc).
  EXPECT_EQ(AllocateProportionally(2'500'000, {Rational(2'800'000), Rational(700'000)}),
            (V{2'000'000, 500'000}));
}

}  // namespace
}  // namespace kokuho
