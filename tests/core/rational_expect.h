// GoogleTest comparisons for kokuho::Rational that print the values as decimals
// (GoogleTest would otherwise print the raw bytes of the GMP object).
//
//   EXPECT_RAT_EQ(pr.gamma, Rational::Parse("0.9973985824028"));
//   EXPECT_RAT_LE(Abs(x), Rational(1, 1'000'000'000'000)) << "case #12";
#pragma once

#include <gtest/gtest.h>

#include <functional>
#include <string>

#include "core/rational.h"

namespace kokuho::test_util {

/// "0.75", or "1.088235294117647… (37/34)" when the value has no short exact form.
inline std::string ShowRational(const Rational& r) {
  std::string exact = r.ToString();
  if (exact.size() <= 40 && exact.find('/') == std::string::npos) return exact;
  std::string text = r.ToDecimalString(15) + "…";
  if (exact.size() <= 40) text += " (" + exact + ")";
  return text;
}

template <typename Op>
::testing::AssertionResult RationalCompare(const char* op_text, const char* a_text,
                                           const char* b_text, const Rational& a, const Rational& b,
                                           Op op) {
  if (op(a, b)) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure()
         << "Expected: " << a_text << " " << op_text << " " << b_text << "\n  " << a_text << " = "
         << ShowRational(a) << "\n  " << b_text << " = " << ShowRational(b);
}

}  // namespace kokuho::test_util

#define KOKUHO_RAT_CMP_(kind, op, functor, a, b) \
  kind##_TRUE(::kokuho::test_util::RationalCompare(#op, #a, #b, (a), (b), functor))
#define EXPECT_RAT_EQ(a, b) KOKUHO_RAT_CMP_(EXPECT, ==, std::equal_to<>(), a, b)
#define EXPECT_RAT_LT(a, b) KOKUHO_RAT_CMP_(EXPECT, <, std::less<>(), a, b)
#define EXPECT_RAT_LE(a, b) KOKUHO_RAT_CMP_(EXPECT, <=, std::less_equal<>(), a, b)
#define EXPECT_RAT_GT(a, b) KOKUHO_RAT_CMP_(EXPECT, >, std::greater<>(), a, b)
#define EXPECT_RAT_GE(a, b) KOKUHO_RAT_CMP_(EXPECT, >=, std::greater_equal<>(), a, b)
#define ASSERT_RAT_GT(a, b) KOKUHO_RAT_CMP_(ASSERT, >, std::greater<>(), a, b)
