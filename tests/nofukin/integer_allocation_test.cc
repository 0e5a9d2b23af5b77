// The integer path of the 納付金基礎額 allocation (nofukin/integer_allocation.h) against the
// rational one (AllocateBaseRational, GMP throughout): the same Allocation, field by field, on
// random 分 — including ones built to leave the integer range, where the integer path must
// decline (nullopt) and AllocateBase must give the rational answer — and a hand-checked case.
#include "nofukin/integer_allocation.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cstdint>
#include <random>

#include "core/wide_uint.h"
#include "nofukin/allocation.h"

namespace kokuho::nofukin {
namespace {

void ExpectSame(const Allocation& fast, const Allocation& ref, const std::string& where) {
  SCOPED_TRACE(where);
  EXPECT_EQ(fast.base, ref.base);
  EXPECT_EQ(fast.floor_sum, ref.floor_sum);
  EXPECT_EQ(fast.residual, ref.residual);
  EXPECT_EQ(fast.gamma, ref.gamma);
  EXPECT_EQ(fast.gamma_exact, ref.gamma_exact);
  EXPECT_EQ(fast.weight_sum, ref.weight_sum);
  EXPECT_EQ(fast.gamma_difference, ref.gamma_difference);
  EXPECT_EQ(fast.share_insured, ref.share_insured);
  EXPECT_EQ(fast.share_households, ref.share_households);
  EXPECT_EQ(fast.share_income, ref.share_income);
  EXPECT_EQ(fast.weight, ref.weight);
  EXPECT_EQ(fast.exact, ref.exact);
  EXPECT_EQ(fast.closed, ref.closed);
}

struct Draw {
  Yen c = 0;
  Rational alpha, beta, e;
  RoundingPolicy rounding;
  AllocationInputs in;
};

// A random 分: prefecture-sized by default; `wild` draws long decimals, ε with unrelated
// denominators, rounded shares, any γ places and totals near int64, many of which leave the
// integer range.
Draw RandomDraw(std::mt19937_64& rng, bool wild) {
  auto uni = [&](std::int64_t lo, std::int64_t hi) {
    return std::uniform_int_distribution<std::int64_t>(lo, hi)(rng);
  };
  auto dec = [&](std::int64_t lo, std::int64_t hi, std::int64_t scale) {
    return Rational(uni(lo, hi), scale);
  };
  Draw d;
  const int n = static_cast<int>(uni(1, wild ? 8 : 180));
  d.alpha = uni(0, 9) == 0 ? Rational(0) : uni(0, 9) == 0 ? Rational(1) : dec(0, 10'000, 10'000);
  d.beta = dec(5'000'000'000'000, 15'000'000'000'000, 10'000'000'000'000);  // 13 places
  d.e = dec(1, 9'999, 10'000);
  d.c = uni(1'000'000'000, 2'000'000'000'000);
  if (uni(0, 3) == 0) d.rounding.share_decimals = 10;
  if (uni(0, 3) == 0) d.rounding.gamma_decimals = static_cast<int>(uni(1, 18));
  const std::int64_t big = wild ? INT64_MAX / 16 : 400'000;
  for (int i = 0; i < n; ++i) {
    const std::int64_t nn = uni(wild ? 0 : 200, big);
    d.in.insured.push_back(nn);
    d.in.households.push_back(wild ? uni(0, big) : std::max<std::int64_t>(1, nn * 2 / 3));
    const std::int64_t years = uni(1, 3);
    d.in.income.push_back(Rational(uni(0, wild ? INT64_MAX / 8 : nn * 3'000'000), years));
    d.in.epsilon.push_back(dec(7'000, 13'000, 10'000));
  }
  if (wild) {
    switch (uni(0, 7)) {
      case 0:  // β with 25 places: its denominator leaves int64
        d.beta = Rational::Parse("0.8027351341274123456789012");
        break;
      case 1:  // ε by age standardisation: unrelated denominators (lcm beyond 2^40)
        for (auto& eps : d.in.epsilon)
          eps = Rational(uni(1, 1'000'000'007), uni(500'000'000, 1'000'000'007));
        break;
      case 2:  // γ to 30 places
        d.rounding.gamma_decimals = static_cast<int>(uni(19, 30));
        break;
      case 3:  // a total near int64
        d.c = uni(INT64_MAX / 4, INT64_MAX / 2);
        break;
      case 4:  // α and e with long decimals
        d.alpha = dec(0, 999'999'999'999'999, 1'000'000'000'000'000);
        d.e = dec(1, 999'999'999'999'999, 1'000'000'000'000'000);
        break;
      default:  // wild magnitudes only
        break;
    }
  }
  // Shares need a non-zero total (the rational path throws otherwise; tested elsewhere).
  d.in.insured[0] = std::max<std::int64_t>(d.in.insured[0], 1);
  d.in.households[0] = std::max<std::int64_t>(d.in.households[0], 1);
  if (d.in.income[0].IsZero()) d.in.income[0] = Rational(1);
  return d;
}

TEST(IntegerAllocation, SameAsRationalOnRandomParts) {
  std::mt19937_64 rng(20270401);
  int fast = 0, declined = 0;
  for (int k = 0; k < 600; ++k) {
    const bool wild = k % 3 == 2;
    const Draw d = RandomDraw(rng, wild);
    const Allocation ref = AllocateBaseRational(d.c, d.alpha, d.beta, d.e, 0, d.rounding, d.in);
    const auto got = TryAllocateBaseInteger(d.c, d.alpha, d.beta, d.e, 0, d.rounding, d.in, true);
    const std::string where = fmt::format("draw {} ({})", k, wild ? "wild" : "prefecture");
    if (got) {
      ++fast;
      ExpectSame(*got, ref, where);
    } else {
      ++declined;
      EXPECT_TRUE(wild) << where << ": a prefecture-sized 分 left the integer path";
    }
    // AllocateBase (what the engine calls) equals the reference either way.
    ExpectSame(AllocateBase(d.c, d.alpha, d.beta, d.e, 0, d.rounding, d.in), ref, where);
    // Without detail, the same yen and per-分 figures, and no per-municipality exact figures.
    if (got) {
      const auto lean =
          TryAllocateBaseInteger(d.c, d.alpha, d.beta, d.e, 0, d.rounding, d.in, false);
      ASSERT_TRUE(lean.has_value());
      EXPECT_EQ(lean->base, ref.base);
      EXPECT_EQ(lean->gamma, ref.gamma);
      EXPECT_EQ(lean->share_income, ref.share_income);
      EXPECT_TRUE(lean->weight.empty() && lean->exact.empty() && lean->closed.empty());
    }
  }
  // Both paths were exercised: every prefecture-sized draw and some wild ones in integers,
  // the rest declined.
  EXPECT_GE(fast, 400);
  EXPECT_GE(declined, 60);
  std::printf("integer path %d, declined (rational) %d\n", fast, declined);
}

// Inputs whose integer numerators need more than WideUint<5>'s 320 bits: N, H, incomes and C
// near 2^62, β, e and ε with 31-bit numerators and denominators, α = 1/3. Then
// Q·10^13·2 ≈ 2·2^30·2^32·2^31·2^62·2^62·2^62·2^44 > 2^320 (and C·W_i ≈ 2^341), so the integer
// path declines and AllocateBase returns the rational result.
TEST(IntegerAllocation, DeclinesOnOverflowAndFallsBack) {
  AllocationInputs in;
  const std::int64_t big = INT64_MAX / 3;
  in.insured = {big, big - 12'345};
  in.households = {big - 7, big / 2};
  in.income = {Rational(big - 1), Rational(big / 3)};
  in.epsilon = {Rational((1 << 30) + 1, 1 << 30), Rational((1 << 30) + 3, 1 << 30)};
  const Rational alpha(1, 3);
  const Rational beta(2'147'483'647, 2'147'483'629);  // two primes near 2^31: b·Dβ-sized
  const Rational e(1'073'741'789, 2'147'483'647);
  RoundingPolicy rounding;
  const Yen c = INT64_MAX / 2;
  EXPECT_FALSE(TryAllocateBaseInteger(c, alpha, beta, e, 0, rounding, in, true));
  const Allocation ref = AllocateBaseRational(c, alpha, beta, e, 0, rounding, in);
  ExpectSame(AllocateBase(c, alpha, beta, e, 0, rounding, in), ref, "overflow");
  EXPECT_EQ(ref.base[0] + ref.base[1], c);

  // The same 分 at prefecture size stays on the integer path.
  in.insured = {300'000, 12'345};
  in.households = {200'000, 8'000};
  in.income = {Rational(90'000'000'000), Rational(3'000'000'000)};
  EXPECT_TRUE(TryAllocateBaseInteger(1'000'000'000'000, alpha, beta, e, 0, rounding, in, true));
}

// The base-split reading of 高額医療費 and a negative total take the rational path.
TEST(IntegerAllocation, DeclinesBaseSplitAndNegativeTotal) {
  AllocationInputs in;
  in.insured = {1000, 2000};
  in.households = {600, 1300};
  in.income = {Rational(1'000'000'000), Rational(3'000'000'000)};
  in.epsilon = {Rational(1), Rational(1)};
  RoundingPolicy r;
  EXPECT_FALSE(TryAllocateBaseInteger(1'000'000, Rational(0), Rational(1), Rational(7, 10), 1000, r,
                                      in, true));
  EXPECT_FALSE(TryAllocateBaseInteger(-1'000'000, Rational(0), Rational(1), Rational(7, 10), 0, r,
                                      in, true));
  EXPECT_TRUE(
      TryAllocateBaseInteger(1'000'000, Rational(0), Rational(1), Rational(7, 10), 0, r, in, true));
}

// By hand: α = 0, β = 1, e = 1/2, two municipalities with N = 1, 3 (sN = 1/4, 3/4), H = 1, 1
// (sH = 1/2, 1/2), I = 1, 1 (sI = 1/2, 1/2):
//   w_1 = (1·1/2 + 1/2·1/4 + 1/2·1/2)/2 = (4/8 + 1/8 + 2/8)/2 = 7/16
//   w_2 = (1·1/2 + 1/2·3/4 + 1/2·1/2)/2 = (4/8 + 3/8 + 2/8)/2 = 9/16;  Σw = 1, γ = 1
//   C = 101: B = 101·7/16 = 44.1875 and 101·9/16 = 56.8125 → floors 44 + 56 = 100, the one
//   residual yen to the larger fraction (.8125): B = 44, 57.
TEST(IntegerAllocation, HandExample) {
  AllocationInputs in;
  in.insured = {1, 3};
  in.households = {1, 1};
  in.income = {Rational(1), Rational(1)};
  in.epsilon = {Rational(1), Rational(1)};
  const auto a =
      TryAllocateBaseInteger(101, Rational(0), Rational(1), Rational(1, 2), 0, {}, in, true);
  ASSERT_TRUE(a.has_value());
  EXPECT_EQ(a->weight, (std::vector<Rational>{Rational(7, 16), Rational(9, 16)}));
  EXPECT_EQ(a->gamma, Rational(1));
  EXPECT_EQ(a->base, (std::vector<Yen>{44, 57}));
  EXPECT_EQ(a->floor_sum, 100);
  EXPECT_EQ(a->residual, 1);
}

TEST(WideUint, OverflowIsReportedNotWrapped) {
  WideUint<2> w(~std::uint64_t{0});
  EXPECT_TRUE(w.MulSmall(~std::uint64_t{0}));  // (2^64−1)^2 < 2^128
  EXPECT_FALSE(w.MulSmall(2));                 // ≥ 2^128
  WideUint<2> x(1);
  for (int k = 0; k < 127; ++k) ASSERT_TRUE(x.MulSmall(2));  // 2^127
  WideUint<2> y = x;
  EXPECT_FALSE(y.Add(x));  // 2^128
  // ⌊(2^127)·3 / 7⌋ needs 2^127·3 (overflow): declined.
  std::int64_t q;
  WideUint<2> r;
  EXPECT_FALSE(FloorDivSmallQuotient(x, 3, WideUint<2>(7), q, r));
  // ⌊1000·3 / 7⌋ = 428 remainder 4.
  ASSERT_TRUE(FloorDivSmallQuotient(WideUint<2>(1000), 3, WideUint<2>(7), q, r));
  EXPECT_EQ(q, 428);
  EXPECT_TRUE(r == WideUint<2>(4));
}

}  // namespace
}  // namespace kokuho::nofukin
