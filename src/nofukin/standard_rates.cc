#include "nofukin/standard_rates.h"

#include "core/error.h"

namespace kokuho::nofukin {
namespace {

// Rounds the exact figures as the prefecture publishes them (docs/rates-format.md:
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
      income.RoundToDecimals(r.income_rate_decimals + 2, r.income_rate_mode) * Rational(100);
  s.per_capita = per_capita.ToYenUnit(r.per_capita_unit, r.per_capita_mode);
  s.per_household = per_household.ToYenUnit(r.per_capita_unit, r.per_capita_mode);
  if (asset)
    s.asset_rate_percent =
        asset->RoundToDecimals(r.income_rate_decimals + 2, r.income_rate_mode) * Rational(100);
  return s;
}

}  // namespace

UniformRateBasis::UniformRateBasis(LevyMethod method, const Rational& beta_prime,
                                   const Rational& equal_share_index, const Rational& asset_share,
                                   const Rational& total_income, std::int64_t total_insured,
                                   std::int64_t total_households, const Rational& total_assets)
    : method_(method), e_(method == LevyMethod::kTwo ? Rational(1) : equal_share_index) {
  const Rational one(1);
  const Rational q = method == LevyMethod::kFour ? asset_share : Rational(0);
  income_weight_ = beta_prime * (one - q);
  asset_weight_ = beta_prime * q;
  household_weight_ = one - e_;
  // Every rate is K_i = F_i / D_i times one of these prefecture constants.
  c_income_ = income_weight_ / total_income;
  c_insured_ = e_ / Rational(total_insured);
  c_households_ = household_weight_ / Rational(total_households);
  if (method == LevyMethod::kFour) c_assets_ = asset_weight_ / total_assets;
}

RateSet UniformRateBasis::Rates(const Rational& levy_total, const Rational& share_income,
                                const Rational& share_insured, const Rational& share_households,
                                const Rational& share_assets,
                                const RoundingPolicy& rounding) const {
  Rational d =
      income_weight_ * share_income + e_ * share_insured + household_weight_ * share_households;
  if (method_ == LevyMethod::kFour) d += asset_weight_ * share_assets;
  if (d.IsZero())
    throw CalculationError(
        "標準保険料率の算定基礎 D_i が0です (所得・被保険者数・世帯数 (・資産) のシェアと重み"
        "がすべて0)。市町村表と賦課割合を確かめてください");
  const Rational k = levy_total / d;  // K_i = F_i / D_i
  std::optional<Rational> asset;
  if (method_ == LevyMethod::kFour) asset = k * c_assets_;
  return Finish(method_, k * c_income_, k * c_insured_, k * c_households_, asset, rounding);
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
  const bool two = own.method == LevyMethod::kTwo;
  const Rational f = Rational(premium_need) / own.collection_rate;
  const Rational fa = f * own.ability_share;
  const Rational fb = f - fa;  // f·(1−a)
  std::optional<Rational> asset;
  Rational fa_income = fa;
  if (four) {
    const Rational faq = fa * own.asset_share;
    asset = faq / Rational(asset_base);
    fa_income = fa - faq;
  }
  const Rational per_capita =
      two ? fb / Rational(insured) : fb * own.equal_share / Rational(insured);
  const Rational per_household =
      two ? Rational(0) : (fb - fb * own.equal_share) / Rational(households);
  return Finish(own.method, fa_income / income, per_capita, per_household, asset, rounding);
}

}  // namespace kokuho::nofukin
