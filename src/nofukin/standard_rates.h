// 標準保険料率: the three kinds (docs/nofukin-rules.md; 国保法 §82条の3).
//
// 市町村標準保険料率 (prefecture-uniform basis, §1.5.2): with
//   D_i = β′·{(1−q)·sI_i + q·sA_i} + e·sN_i + (1−e)·sH_i     (q = 資産割 share, 4方式)
//   所得割率 = F_i·β′·(1−q) / (D_i·ΣI)   資産割率 = F_i·β′·q / (D_i·ΣA)
//   均等割額 = F_i·e / (D_i·ΣN)          平等割額 = F_i·(1−e) / (D_i·ΣH)
// so every rate is F_i/D_i times a prefecture constant (the Mie R7 structure, §4.5).
//
// 都道府県標準保険料率 (national basis, §1.5.3): 2方式 with the state β and the
// prefecture's 収納率: F = ΣS_i / r, 所得割率 = F·β/((1+β)·ΣI), 均等割額 = F/((1+β)·ΣN).
//
// Own 算定基準 (§1.5.4): the municipality's own method and ratios on its own totals:
//   所得割率 = F·a·(1−q)/I_i, 資産割率 = F·a·q/A_i, 均等割額 = F·(1−a)·e/N_i,
//   平等割額 = F·(1−a)·(1−e)/H_i, with F = S_i / own 収納率 and a = 応能割合.
//
// Rounding (RoundingPolicy): rates in % to n decimals, 均等割/平等割 to the unit.
#pragma once

#include <cstdint>
#include <optional>

#include "core/rational.h"
#include "nofukin/model.h"
#include "nofukin/result.h"

namespace kokuho::nofukin {

/// The prefecture-uniform basis of one 分 (市町村標準保険料率): β′, e, q and the
/// prefecture totals, with the per-分 constants every municipality's rates share.
class UniformRateBasis {
 public:
  UniformRateBasis(LevyMethod method, const Rational& beta_prime, const Rational& equal_share_index,
                   const Rational& asset_share, const Rational& total_income,
                   std::int64_t total_insured, std::int64_t total_households,
                   const Rational& total_assets);

  /// The municipality's rates from its levy F_i and shares (sA only used under 4方式).
  /// Throws CalculationError when D_i is zero.
  RateSet Rates(const Rational& levy_total, const Rational& share_income,
                const Rational& share_insured, const Rational& share_households,
                const Rational& share_assets, const RoundingPolicy& rounding) const;

  /// e as used (1 under 2方式).
  const Rational& equal_share() const { return e_; }

 private:
  LevyMethod method_;
  Rational e_;
  Rational income_weight_;                                   // β′(1−q)
  Rational asset_weight_;                                    // β′q
  Rational household_weight_;                                // 1−e
  Rational c_income_, c_insured_, c_households_, c_assets_;  // weight / prefecture total
};

RateSet PrefectureStandardRate(const Rational& premium_need_total, const Rational& collection_rate,
                               const Rational& beta, const Rational& total_income,
                               std::int64_t total_insured, const RoundingPolicy& rounding);

RateSet OwnBasisRate(Yen premium_need, const OwnBasis& own, const Rational& income,
                     std::int64_t insured, std::int64_t households, Yen asset_base,
                     const RoundingPolicy& rounding);

}  // namespace kokuho::nofukin
