// 期別の納付額 (premium/instalments.h): worked examples and the sum over random totals.
#include "premium/instalments.h"

#include <gtest/gtest.h>

#include <numeric>
#include <random>
#include <stdexcept>

namespace kokuho::premium {
namespace {

// 580,800円 in 10 納期, unit 1,000円: 580,800 / 10 = 58,080 → 58,000 (切り捨て) for 第2〜10期;
// 第1期 = 580,800 − 9 × 58,000 = 58,800.
TEST(Instalments, FractionsGoToTheFirst) {
  const std::vector<Yen> v = SplitInstalments(580'800, 10, 1'000);
  ASSERT_EQ(v.size(), 10u);
  EXPECT_EQ(v[0], 58'800);
  for (size_t i = 1; i < v.size(); ++i) EXPECT_EQ(v[i], 58'000);
  // Unit 100円: 58,080 → 58,000 as well; unit 1円: 58,080 each.
  EXPECT_EQ(SplitInstalments(580'800, 10, 100)[0], 58'800);
  EXPECT_EQ(SplitInstalments(580'800, 10, 1), std::vector<Yen>(10, 58'080));
  // 8 納期, unit 100円: 580,800 / 8 = 72,600 exactly.
  EXPECT_EQ(SplitInstalments(580'800, 8, 100), std::vector<Yen>(8, 72'600));
}

// A share wholly under 1,000円 goes to the first 納期 (20条の4の2 第6項): 7,000 / 10 = 700.
TEST(Instalments, SmallTotalIsPaidAtOnce) {
  const std::vector<Yen> v = SplitInstalments(7'000, 10, 1'000);
  EXPECT_EQ(v[0], 7'000);
  for (size_t i = 1; i < v.size(); ++i) EXPECT_EQ(v[i], 0);
  EXPECT_EQ(SplitInstalments(0, 4, 1'000), std::vector<Yen>(4, 0));
  EXPECT_EQ(SplitInstalments(123'456, 1, 1'000), std::vector<Yen>{123'456});
}

TEST(Instalments, RefusesCountsAndUnitsOutOfRange) {
  EXPECT_THROW(SplitInstalments(1'000, 0, 1'000), std::invalid_argument);
  EXPECT_THROW(SplitInstalments(1'000, 13, 1'000), std::invalid_argument);
  EXPECT_THROW(SplitInstalments(1'000, 10, 0), std::invalid_argument);
  EXPECT_THROW(SplitInstalments(-1, 10, 1'000), std::invalid_argument);
}

// Σ = the yearly amount to the yen; later shares are equal multiples of the unit and the
// first is at least as large and exceeds them by less than count × unit.
TEST(Instalments, SumIsTheTotalForRandomInputs) {
  std::mt19937_64 rng(20261207);
  const Yen units[] = {1, 100, 1'000};
  for (int i = 0; i < 10'000; ++i) {
    const Yen total = static_cast<Yen>(rng() % 20'000'000);
    const int count = 1 + static_cast<int>(rng() % 12);
    const Yen unit = units[rng() % 3];
    const std::vector<Yen> v = SplitInstalments(total, count, unit);
    ASSERT_EQ(std::accumulate(v.begin(), v.end(), Yen{0}), total);
    for (size_t k = 1; k < v.size(); ++k) {
      ASSERT_EQ(v[k], v[1]);
      ASSERT_EQ(v[k] % unit, 0);
    }
    if (count > 1) {
      ASSERT_GE(v[0], v[1]);
      ASSERT_LT(v[0] - v[1], static_cast<Yen>(count) * unit);
    }
  }
}

}  // namespace
}  // namespace kokuho::premium
