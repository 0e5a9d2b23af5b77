// Checked yen arithmetic (core/yen.h): a sum or product beyond int64 is an error at a
// position, never a wrap (issue 12 item 8).
#include "core/yen.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <random>

namespace kokuho {
namespace {

constexpr Yen kMax = std::numeric_limits<Yen>::max();  // 9,223,372,036,854,775,807
constexpr Yen kMin = std::numeric_limits<Yen>::min();

TEST(CheckedYen, Boundaries) {
  EXPECT_EQ(TryAddYen(kMax - 1, 1), kMax);
  EXPECT_FALSE(TryAddYen(kMax, 1).has_value());
  EXPECT_EQ(TryAddYen(kMin + 1, -1), kMin);
  EXPECT_FALSE(TryAddYen(kMin, -1).has_value());
  EXPECT_EQ(TrySubYen(0, kMax), -kMax);
  EXPECT_FALSE(TrySubYen(-2, kMax).has_value());
  EXPECT_EQ(TryMulYen(3'074'457'345'618'258'602, 3), 9'223'372'036'854'775'806);
  EXPECT_FALSE(TryMulYen(3'074'457'345'618'258'603, 3).has_value());
  // Nine of the largest amounts a reader accepts (18 digits) add up; a tenth leaves int64.
  Yen sum = 0;
  for (int i = 0; i < 9; ++i) sum = *TryAddYen(sum, kMaxInputYen);
  EXPECT_EQ(sum, 8'999'999'999'999'999'991);
  EXPECT_FALSE(TryAddYen(sum, kMaxInputYen).has_value());
}

TEST(CheckedYen, ThrowingFormsNameThePosition) {
  try {
    AddYen(kMax, 1, SourcePos{"prefecture.yaml", 27, 11}, "parts.iryo.expenses: Σexpenses");
    FAIL() << "no throw";
  } catch (const InputError& e) {
    EXPECT_EQ(e.pos().line, 27);
    EXPECT_EQ(e.pos().column, 11);
    EXPECT_NE(std::string(e.what()).find("prefecture.yaml:27:11: parts.iryo.expenses"),
              std::string::npos)
        << e.what();
    EXPECT_NE(std::string(e.what()).find("扱える金額の範囲"), std::string::npos);
  }
  EXPECT_THROW(SubYen(kMin, 1, "Σ"), CalculationError);
  EXPECT_THROW(MulYen(kMax, 2, "Σ"), CalculationError);
  EXPECT_EQ(AddYen(1, 2, "Σ"), 3);
}

// Property: over random pairs the checked result is the exact (128-bit) one when it fits,
// and nullopt exactly when it does not.
TEST(CheckedYen, AgreesWithExactArithmetic) {
  std::mt19937_64 rng(20270401);
  std::uniform_int_distribution<Yen> any(kMin, kMax);
  std::uniform_int_distribution<int> shift(0, 62);
  const __int128 lo = kMin, hi = kMax;
  for (int i = 0; i < 200'000; ++i) {
    // Mix full-range values with smaller ones so both outcomes occur often.
    const Yen a = any(rng) >> (i % 2 ? shift(rng) : 0);
    const Yen b = any(rng) >> (i % 3 ? shift(rng) : 0);
    const __int128 sum = __int128(a) + b, diff = __int128(a) - b, prod = __int128(a) * b;
    auto check = [&](std::optional<Yen> got, __int128 exact, const char* op) {
      if (exact < lo || exact > hi) {
        EXPECT_FALSE(got.has_value()) << a << op << b;
      } else {
        ASSERT_TRUE(got.has_value()) << a << op << b;
        EXPECT_EQ(__int128(*got), exact) << a << op << b;
      }
    };
    check(TryAddYen(a, b), sum, " + ");
    check(TrySubYen(a, b), diff, " - ");
    check(TryMulYen(a, b), prod, " * ");
  }
}

}  // namespace
}  // namespace kokuho
