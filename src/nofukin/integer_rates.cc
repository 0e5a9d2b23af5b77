#include "nofukin/integer_rates.h"

#include <memory>

#include "nofukin/integer_math.h"

namespace kokuho::nofukin {

using namespace integer;   // NOLINT: the helpers of integer_math.h
using Wide = WideUint<7>;  // 448 bits: a prefecture's ratios need about 340 (4方式)

namespace {

Wide Product(std::initializer_list<u64> factors, bool& ok) {
  Wide w(1);
  for (u64 f : factors) ok = ok && w.MulSmall(f);
  return w;
}

// Rounds a rate (a fraction of income) as Finish() in standard_rates.cc: to
// income_rate_decimals + 2 places with income_rate_mode, then ×100 for percent.
bool PercentRate(const Wide& num, const Wide& den, const RoundingPolicy& r, Rational& out) {
  u64 scale;
  std::int64_t q;
  if (!Pow10(r.income_rate_decimals + 2, scale) ||
      !RoundRatio(num, den, scale, 1, r.income_rate_mode, q))
    return false;
  out = Rational(q, static_cast<std::int64_t>(scale)) * Rational(100);
  return true;
}

// Rounds a per-capita amount to the unit (ToYenUnit).
bool PerCapita(const Wide& num, const Wide& den, const RoundingPolicy& r, Yen& out) {
  if (r.per_capita_unit <= 0) return false;
  std::int64_t q;
  if (!RoundRatio(num, den, 1, static_cast<u64>(r.per_capita_unit), r.per_capita_mode, q) ||
      __builtin_mul_overflow(q, r.per_capita_unit, &out))
    return false;
  return true;
}

}  // namespace

struct IntegerUniformRates::Impl {
  LevyMethod method;
  RoundingPolicy rounding;
  std::vector<Wide> dn;  // Dn_i
  Wide dd;               // Dd
  // Numerator and denominator constants of each rate (header): rate = Fn·Dd·k / (Fd·Dn_i·m).
  u64 income_k, income_m_1, income_m_2;  // ι·Td / (Dι·Tn)
  u64 insured_k, insured_m_1, insured_m_2;
  u64 households_k, households_m_1, households_m_2;
  u64 assets_k, assets_m_1, assets_m_2;
};

std::optional<IntegerUniformRates> IntegerUniformRates::Make(
    LevyMethod method, const Rational& beta_prime, const Rational& equal_share_index,
    const Rational& asset_share, const IntegerShares& shares, const std::vector<Yen>& assets,
    const Rational& total_income, std::int64_t total_insured, std::int64_t total_households,
    const RoundingPolicy& rounding) {
  const bool four = method == LevyMethod::kFour;
  u64 bn, bd, qn = 0, qd = 1, g, de, tn, td;
  if (!Small(beta_prime, bn, bd) || (four && (!Small(asset_share, qn, qd) || qn > qd)) ||
      !Small(method == LevyMethod::kTwo ? Rational(1) : equal_share_index, g, de) || g > de ||
      !Small(total_income, tn, td) || tn == 0 || total_insured <= 0 || total_households <= 0)
    return std::nullopt;
  const size_t n = shares.income.size();
  // 資産 shares A_i / ΣA, rounded like the others (allocation.h Shares) when configured.
  std::vector<u64> a_num;
  u64 a_den = 1, a_total = 0;
  if (four) {
    if (assets.size() != n) return std::nullopt;
    for (Yen a : assets)
      if (a < 0 || !Add(a_total, static_cast<u64>(a), a_total)) return std::nullopt;
    if (a_total == 0) return std::nullopt;
    a_num.resize(n);
    if (rounding.share_decimals) {
      if (!Pow10(*rounding.share_decimals, a_den)) return std::nullopt;
      for (size_t i = 0; i < n; ++i)
        a_num[i] = static_cast<u64>((2 * static_cast<u128>(assets[i]) * a_den + a_total) /
                                    (2 * static_cast<u128>(a_total)));
    } else {
      for (size_t i = 0; i < n; ++i) a_num[i] = static_cast<u64>(assets[i]);
      a_den = a_total;
    }
  }
  // β′(1−q) = ι/Dι, β′q = κ/Dι.
  u64 iota, kappa, d_iota;
  if (!Mul(bn, qd - qn, iota) || !Mul(bn, qn, kappa) || !Mul(bd, qd, d_iota)) return std::nullopt;
  const u64 dx = shares.income_den, dn_ = shares.insured_den, dh = shares.households_den;
  bool ok = true;
  auto impl = std::make_shared<Impl>();
  impl->method = method;
  impl->rounding = rounding;
  impl->dd = Product({d_iota, de, dx, dn_, dh, a_den}, ok);
  u64 c1, c2, c3, c4 = 0;
  if (!Mul(iota, de, c1) || !Mul(d_iota, g, c2) || !Mul(d_iota, de - g, c3) ||
      (four && !Mul(kappa, de, c4)))
    return std::nullopt;
  const Wide k1 = Product({c1, dn_, dh, a_den}, ok);
  const Wide k2 = Product({c2, dx, dh, a_den}, ok);
  const Wide k3 = Product({c3, dx, dn_, a_den}, ok);
  const Wide k4 = four ? Product({c4, dx, dn_, dh}, ok) : Wide();
  if (!ok) return std::nullopt;
  impl->dn.resize(n);
  for (size_t i = 0; i < n; ++i) {
    Wide t1 = k1, t2 = k2, t3 = k3;
    ok = ok && t1.MulSmall(shares.income[i]) && t2.MulSmall(shares.insured[i]) &&
         t3.MulSmall(shares.households[i]) && t1.Add(t2) && t1.Add(t3);
    if (four) {
      Wide t4 = k4;
      ok = ok && t4.MulSmall(a_num[i]) && t1.Add(t4);
    }
    impl->dn[i] = t1;
  }
  if (!ok) return std::nullopt;
  impl->income_k = iota, impl->income_m_1 = d_iota, impl->income_m_2 = tn;
  // ÷ΣI = ×Td/Tn: Td goes with the numerator's constant.
  if (!Mul(iota, td, impl->income_k)) return std::nullopt;
  impl->insured_k = g, impl->insured_m_1 = de, impl->insured_m_2 = static_cast<u64>(total_insured);
  impl->households_k = de - g, impl->households_m_1 = de,
  impl->households_m_2 = static_cast<u64>(total_households);
  impl->assets_k = kappa, impl->assets_m_1 = d_iota, impl->assets_m_2 = a_total;
  IntegerUniformRates out;
  out.impl_ = std::move(impl);
  return out;
}

std::optional<RateSet> IntegerUniformRates::Rates(size_t i, const Rational& levy_total) const {
  const Impl& m = *impl_;
  u64 fn, fd;
  if (!Small(levy_total, fn, fd) || m.dn[i].IsZero()) return std::nullopt;
  bool ok = true;
  Wide base_num = m.dd, base_den = m.dn[i];  // K_i = Fn·Dd / (Fd·Dn_i)
  ok = base_num.MulSmall(fn) && base_den.MulSmall(fd);
  auto ratio = [&](u64 k, u64 m1, u64 m2, Wide& num, Wide& den) {
    num = base_num;
    den = base_den;
    ok = ok && num.MulSmall(k) && den.MulSmall(m1) && den.MulSmall(m2);
  };
  RateSet s;
  s.method = m.method;
  Wide num, den;
  ratio(m.income_k, m.income_m_1, m.income_m_2, num, den);
  ok = ok && PercentRate(num, den, m.rounding, s.income_rate_percent);
  ratio(m.insured_k, m.insured_m_1, m.insured_m_2, num, den);
  ok = ok && PerCapita(num, den, m.rounding, s.per_capita);
  ratio(m.households_k, m.households_m_1, m.households_m_2, num, den);
  ok = ok && PerCapita(num, den, m.rounding, s.per_household);
  if (m.method == LevyMethod::kFour) {
    Rational asset;
    ratio(m.assets_k, m.assets_m_1, m.assets_m_2, num, den);
    ok = ok && PercentRate(num, den, m.rounding, asset);
    s.asset_rate_percent = asset;
  }
  if (!ok) return std::nullopt;
  return s;
}

std::optional<RateSet> TryOwnBasisRateInteger(Yen premium_need, const OwnBasis& own,
                                              const Rational& income, std::int64_t insured,
                                              std::int64_t households, Yen asset_base,
                                              const RoundingPolicy& rounding) {
  const bool four = own.method == LevyMethod::kFour;
  const bool two = own.method == LevyMethod::kTwo;
  u64 rn, rd, an, ad, en = 1, ed = 1, qn = 0, qd = 1, in, id;
  if (premium_need <= 0 || insured <= 0 || !Small(own.collection_rate, rn, rd) || rn == 0 ||
      !Small(own.ability_share, an, ad) || an > ad || !Small(income, in, id) || in == 0 ||
      (!two && (!Small(own.equal_share, en, ed) || en > ed || households <= 0)) ||
      (four && (!Small(own.asset_share, qn, qd) || qn > qd || asset_base <= 0)))
    return std::nullopt;
  const u64 s = static_cast<u64>(premium_need);
  bool ok = true;  // every Product is formed (and checked) before any rounding uses it
  // 所得割率 = S·rd·a·(1−q)·Id / (rn·ad·qd·In)
  const Wide income_num = Product({s, rd, an, qd - qn, id}, ok);
  const Wide income_den = Product({rn, ad, qd, in}, ok);
  // 均等割額 = S·rd·(1−a)·e / (rn·ad·ed·N) (2方式: e = 1)
  const Wide capita_num = Product({s, rd, ad - an, en}, ok);
  const Wide capita_den = Product({rn, ad, ed, static_cast<u64>(insured)}, ok);
  // 平等割額 = S·rd·(1−a)·(1−e) / (rn·ad·ed·H) (0 under 2方式)
  const Wide household_num = two ? Wide() : Product({s, rd, ad - an, ed - en}, ok);
  const Wide household_den =
      two ? Wide(1) : Product({rn, ad, ed, static_cast<u64>(households)}, ok);
  // 資産割率 = S·rd·a·q / (rn·ad·qd·A)
  const Wide asset_num = four ? Product({s, rd, an, qn}, ok) : Wide();
  const Wide asset_den = four ? Product({rn, ad, qd, static_cast<u64>(asset_base)}, ok) : Wide(1);
  if (!ok) return std::nullopt;
  RateSet out;
  out.method = own.method;
  ok = PercentRate(income_num, income_den, rounding, out.income_rate_percent) &&
       PerCapita(capita_num, capita_den, rounding, out.per_capita) &&
       PerCapita(household_num, household_den, rounding, out.per_household);
  if (ok && four) {
    Rational asset;
    ok = PercentRate(asset_num, asset_den, rounding, asset);
    out.asset_rate_percent = asset;
  }
  if (!ok) return std::nullopt;
  return out;
}

}  // namespace kokuho::nofukin
