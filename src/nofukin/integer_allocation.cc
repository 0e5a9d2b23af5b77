#include "nofukin/integer_allocation.h"

#include <algorithm>
#include <cstdint>
#include <numeric>

#include "core/wide_uint.h"
#include "nofukin/integer_math.h"

namespace kokuho::nofukin {
namespace {

using namespace integer;   // NOLINT: the helpers of integer_math.h
using Wide = WideUint<5>;  // 320 bits: a prefecture needs about 200

// One family of shares (allocation.h Shares): numerators over one denominator.
struct ShareFamily {
  std::vector<u64> num;
  u64 den = 0;
};

// v_i / Σv, or rounded half-up to `decimals` places (numerators over 10^decimals), as Shares().
bool MakeShares(const std::vector<u64>& v, const std::optional<int>& decimals, ShareFamily& s) {
  u64 total = 0;
  for (u64 x : v)
    if (!Add(total, x, total)) return false;
  if (total == 0) return false;  // the rational path throws its error
  if (!decimals) {
    s.num = v;
    s.den = total;
    return true;
  }
  u64 scale;
  if (!Pow10(*decimals, scale)) return false;
  s.num.resize(v.size());
  for (size_t i = 0; i < v.size(); ++i)  // ⌊(2·v·10^d + Σ) / (2Σ)⌋: 四捨五入 of v/Σ to d places
    s.num[i] = static_cast<u64>((2 * static_cast<u128>(v[i]) * scale + total) /
                                (2 * static_cast<u128>(total)));
  s.den = scale;
  return true;
}

Wide Product(std::initializer_list<u64> factors, bool& ok) {
  Wide w(1);
  for (u64 f : factors) ok = ok && w.MulSmall(f);
  return w;
}

Rational Ratio(const Wide& num, const Wide& den) {
  return Rational(mpq_class(num.ToMpz(), den.ToMpz()));  // canonicalized by the constructor
}

}  // namespace

std::optional<Allocation> TryAllocateBaseInteger(Yen c, const Rational& alpha, const Rational& beta,
                                                 const Rational& equal_share_index,
                                                 Yen high_cost_amount,
                                                 const RoundingPolicy& rounding,
                                                 const AllocationInputs& in, bool detail) {
  const size_t n = in.insured.size();
  if (n == 0 || c < 0 || high_cost_amount != 0) return std::nullopt;

  // Coefficients as small fractions: α ∈ [0, 1], β ≥ 0, e ∈ [0, 1].
  u64 a, da, b, db, g, de;
  if (!Small(alpha, a, da) || a > da || !Small(beta, b, db) || !Small(equal_share_index, g, de) ||
      g > de)
    return std::nullopt;
  const bool use_alpha = a != 0;

  // Shares sN, sH and sI (incomes over the lcm of their denominators).
  std::vector<u64> values(n);
  ShareFamily sn, sh, si;
  for (size_t i = 0; i < n; ++i) {
    if (in.insured[i] < 0) return std::nullopt;
    values[i] = static_cast<u64>(in.insured[i]);
  }
  if (!MakeShares(values, rounding.share_decimals, sn)) return std::nullopt;
  for (size_t i = 0; i < n; ++i) {
    if (in.households[i] < 0) return std::nullopt;
    values[i] = static_cast<u64>(in.households[i]);
  }
  if (!MakeShares(values, rounding.share_decimals, sh)) return std::nullopt;
  std::vector<u64> inum(n), iden(n);
  u64 lcm_income = 1;
  for (size_t i = 0; i < n; ++i)
    if (!Small(in.income[i], inum[i], iden[i]) || !Lcm(lcm_income, iden[i], 1u << 20, lcm_income))
      return std::nullopt;
  for (size_t i = 0; i < n; ++i)
    if (!Mul(inum[i], lcm_income / iden[i], values[i])) return std::nullopt;
  if (!MakeShares(values, rounding.share_decimals, si)) return std::nullopt;

  // U_i = (Dα − a)·Lε + a·P_i, with ε_i = P_i / Lε.
  std::vector<u64> u(n, 1);
  u64 lcm_eps = 1;
  if (use_alpha) {
    std::vector<u64> enm(n), edn(n);
    for (size_t i = 0; i < n; ++i)
      if (!Small(in.epsilon[i], enm[i], edn[i]) || !Lcm(lcm_eps, edn[i], u64{1} << 40, lcm_eps))
        return std::nullopt;
    for (size_t i = 0; i < n; ++i) {
      const u128 v =
          static_cast<u128>(da - a) * lcm_eps + static_cast<u128>(a) * enm[i] * (lcm_eps / edn[i]);
      if (v > kMax) return std::nullopt;
      u[i] = static_cast<u64>(v);
    }
  } else {
    da = 1;  // U_i = 1 over Dα·Lε = 1: w_i is the income factor alone
  }

  // F_i = K_I·X_i + K_N·N_i + K_H·H_i and Q (header), with the constants built once.
  bool ok = true;
  u64 c_income, c_insured, c_households, one_plus_beta;
  if (!Mul(b, de, c_income) || !Mul(db, g, c_insured) || !Mul(db, de - g, c_households) ||
      !Add(db, b, one_plus_beta))
    return std::nullopt;
  const Wide k_income = Product({c_income, sn.den, sh.den}, ok);
  const Wide k_insured = Product({c_insured, si.den, sh.den}, ok);
  const Wide k_households = Product({c_households, si.den, sn.den}, ok);
  const Wide q = Product({da, lcm_eps, one_plus_beta, de, si.den, sn.den, sh.den}, ok);
  if (!ok) return std::nullopt;

  std::vector<Wide> w(n);
  Wide w_sum;
  for (size_t i = 0; i < n; ++i) {
    Wide t1 = k_income, t2 = k_insured, t3 = k_households;
    ok = ok && t1.MulSmall(si.num[i]) && t2.MulSmall(sn.num[i]) && t3.MulSmall(sh.num[i]) &&
         t1.Add(t2) && t1.Add(t3) && t1.MulSmall(u[i]) && w_sum.Add(t1);
    w[i] = t1;
  }
  if (!ok || w_sum.IsZero()) return std::nullopt;

  // γ = 1/Σw = Q/ΣW, half-up to gamma_decimals places (算定政令 第9条第8項).
  u64 scale;
  if (!Pow10(rounding.gamma_decimals, scale)) return std::nullopt;
  Wide gamma_num = q, gamma_den = w_sum;
  std::int64_t gamma_units;
  Wide unused;
  if (!gamma_num.MulSmall(scale) || !gamma_num.MulSmall(2) || !gamma_num.Add(w_sum) ||
      !gamma_den.MulSmall(2) ||
      !FloorDivSmallQuotient(gamma_num, 1, gamma_den, gamma_units, unused) || gamma_units == 0)
    return std::nullopt;

  // B_i = ⌊C·W_i/ΣW⌋ and the remainders C·W_i mod ΣW (header).
  Allocation al;
  al.base.resize(n);
  std::vector<Wide> remainder(n);
  Yen floor_sum = 0;
  for (size_t i = 0; i < n; ++i) {
    if (!FloorDivSmallQuotient(w[i], static_cast<u64>(c), w_sum, al.base[i], remainder[i]))
      return std::nullopt;
    floor_sum += al.base[i];  // Σ⌊C·W_i/ΣW⌋ ≤ C: cannot overflow
  }
  al.floor_sum = floor_sum;
  al.residual = c - floor_sum;  // 0 ≤ residual < n
  // 端数調整 (docs/nofukin-rules.md [D]): one yen each to the largest remainders, ties in case
  // order.
  std::vector<size_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t x, size_t y) { return remainder[y] < remainder[x]; });
  for (Yen k = 0; k < al.residual; ++k) al.base[order[static_cast<size_t>(k)]] += 1;

  // The exact figures of the Result (the same values the rational path forms).
  auto to_rationals = [](const ShareFamily& s) {
    std::vector<Rational> r;
    r.reserve(s.num.size());
    for (u64 x : s.num)
      r.emplace_back(static_cast<std::int64_t>(x), static_cast<std::int64_t>(s.den));
    return r;
  };
  al.share_insured = to_rationals(sn);
  al.share_households = to_rationals(sh);
  al.share_income = to_rationals(si);
  al.weight_sum = Ratio(w_sum, q);
  al.gamma_exact = Ratio(q, w_sum);
  al.gamma = Rational(gamma_units, static_cast<std::int64_t>(scale));
  const Rational c_gamma = Rational(c) * al.gamma;
  al.gamma_difference = Rational(c) - c_gamma * al.weight_sum;
  al.integer_shares = IntegerShares{
      std::move(si.num), std::move(sn.num), std::move(sh.num), si.den, sn.den, sh.den};
  if (detail) {
    al.weight.reserve(n);
    al.exact.reserve(n);
    al.closed.reserve(n);
    for (size_t i = 0; i < n; ++i) {
      al.weight.push_back(Ratio(w[i], q));
      al.exact.push_back(c_gamma * al.weight.back());
      Wide cw = w[i];
      if (!cw.MulSmall(static_cast<u64>(c))) return std::nullopt;  // checked above already
      al.closed.push_back(Ratio(cw, w_sum));
    }
  }
  return al;
}

}  // namespace kokuho::nofukin
