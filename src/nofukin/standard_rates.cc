#include "nofukin/standard_rates.h"

#include "core/error.h"

namespace kokuho::nofukin {
namespace {

// Rounds the exact figures as the prefecture publishes them (spec §1.5.2 step 8:
// % to 2 decimals and yen are typical; the units and modes are configuration).
RateSet Finish(LevyMethod method, const Rational& income, const Rational& per_capita,
               const Rational& per_household, const std::optional<Rational>& asset,
               const RoundingPolicy& r) {
  RateSet s;
  s.method = method;
  s.income_rate_exact = income;
  s.per_capita_exact = per_capita;
  s.per_household_exact = per_household;
  s.income_rate_percent =
      (income * Rational(100)).RoundToDecimals(r.income_rate_decimals, r.income_rate_mode);
  s.per_capita = per_capita.ToYenUnit(r.per_capita_unit, r.per_capita_mode);
  s.per_household = per_household.ToYenUnit(r.per_capita_unit, r.per_capita_mode);
  if (asset)
    s.asset_rate_percent =
        (*asset * Rational(100)).RoundToDecimals(r.income_rate_decimals, r.income_rate_mode);
  return s;
}

}  // namespace

RateSet MunicipalStandardRate(const Rational& levy_total, LevyMethod method,
                              const Rational& beta_prime, const Rational& equal_share_index,
                              const Rational& asset_share, const RateBasis& b,
                              const RoundingPolicy& rounding) {
  const bool four = method == LevyMethod::kFour;
  const Rational e = method == LevyMethod::kTwo ? Rational(1) : equal_share_index;
  const Rational q = four ? asset_share : Rational(0);
  const Rational one(1);
  Rational ability = (one - q) * b.share_income;
  if (four) ability += q * b.share_assets;
  const Rational d = beta_prime * ability + e * b.share_insured + (one - e) * b.share_households;
  if (d.IsZero()) throw CalculationError("the rate basis D_i is zero");
  const Rational k = levy_total / d;  // K_i = F_i / D_i
  std::optional<Rational> asset;
  if (four) asset = k * beta_prime * q / b.total_assets;
  return Finish(method, k * beta_prime * (one - q) / b.total_income, k * e / b.total_insured,
                k * (one - e) / b.total_households, asset, rounding);
}

RateSet PrefectureStandardRate(const Rational& premium_need_total, const Rational& collection_rate,
                               const Rational& beta, const Rational& total_income,
                               std::int64_t total_insured, const RoundingPolicy& rounding) {
  const Rational f = premium_need_total / collection_rate;
  const Rational one_plus_beta = Rational(1) + beta;
  return Finish(LevyMethod::kTwo, f * beta / (one_plus_beta * total_income),
                f / (one_plus_beta * Rational(total_insured)), Rational(0), std::nullopt, rounding);
}

RateSet OwnBasisRate(Yen premium_need, const OwnBasis& own, const Rational& income,
                     std::int64_t insured, std::int64_t households, Yen asset_base,
                     const RoundingPolicy& rounding) {
  const bool four = own.method == LevyMethod::kFour;
  const Rational one(1);
  const Rational f = Rational(premium_need) / own.collection_rate;
  const Rational a = own.ability_share;
  const Rational e = own.method == LevyMethod::kTwo ? one : own.equal_share;
  const Rational q = four ? own.asset_share : Rational(0);
  std::optional<Rational> asset;
  if (four) asset = f * a * q / Rational(asset_base);
  const Rational per_household = own.method == LevyMethod::kTwo
                                     ? Rational(0)
                                     : f * (one - a) * (one - e) / Rational(households);
  return Finish(own.method, f * a * (one - q) / income, f * (one - a) * e / Rational(insured),
                per_household, asset, rounding);
}

}  // namespace kokuho::nofukin
