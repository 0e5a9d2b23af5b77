// The published 標準保険料率 (standard_rates.h) from integers: every rounded figure is
// ⌊·⌋, ⌈·⌉ or 四捨五入 of one ratio of products of small integers, taken with a wide integer
// numerator and denominator (core/wide_uint.h), with no GMP rational per municipality.
//
// 市町村標準保険料率: with the allocation's integer shares (integer_allocation.h) over their
// family denominators DX, DN, DH (and DA for 資産, 4方式), β′(1−q) = ι/Dι, β′q = κ/Dι and
// e = g/De,
//   D_i = Dn_i / Dd,  Dd = Dι·De·DX·DN·DH·DA,
//   Dn_i = ι·De·X_i·DN·DH·DA + Dι·g·N_i·DX·DH·DA + Dι·(De−g)·H_i·DX·DN·DA + κ·De·A_i·DX·DN·DH
// and with F_i = Fn/Fd (S_i/r_i), ΣI = Tn/Td:
//   所得割率 = Fn·Dd·ι·Td / (Fd·Dn_i·Dι·Tn)      均等割額 = Fn·Dd·g / (Fd·Dn_i·De·ΣN)
//   平等割額 = Fn·Dd·(De−g) / (Fd·Dn_i·De·ΣH)    資産割率 = Fn·Dd·κ / (Fd·Dn_i·Dι·ΣA)
// which are standard_rates.h's K_i × prefecture constant, term by term.
// Own 算定基準 (a = 応能割合, q = 資産割 share, e = 均等割 share, f = S_i/r):
//   所得割率 = f·a·(1−q)/I_i, 資産割率 = f·a·q/A_i, 均等割額 = f·(1−a)·e/N_i,
//   平等割額 = f·(1−a)·(1−e)/H_i.
// The RateSets carry the rounded figures only (the *_exact fields stay 0: ComputeOptions::
// detail). Anything outside the integer range, or a zero divisor (the rational path's
// error), returns nullopt and the engine computes the rates with rationals.
#pragma once

#include <memory>
#include <optional>
#include <vector>

#include "nofukin/allocation.h"
#include "nofukin/result.h"

namespace kokuho::nofukin {

class IntegerUniformRates {
 public:
  /// nullopt when the basis leaves the integer path. `assets` (4方式 only) are A_i.
  static std::optional<IntegerUniformRates> Make(
      LevyMethod method, const Rational& beta_prime, const Rational& equal_share_index,
      const Rational& asset_share, const IntegerShares& shares, const std::vector<Yen>& assets,
      const Rational& total_income, std::int64_t total_insured, std::int64_t total_households,
      const RoundingPolicy& rounding);

  /// Municipality i's rates from its F_i, or nullopt (then the rational path).
  std::optional<RateSet> Rates(size_t i, const Rational& levy_total) const;

 private:
  struct Impl;
  std::shared_ptr<const Impl> impl_;
};

/// OwnBasisRate (standard_rates.h) in integers, or nullopt.
std::optional<RateSet> TryOwnBasisRateInteger(Yen premium_need, const OwnBasis& own,
                                              const Rational& income, std::int64_t insured,
                                              std::int64_t households, Yen asset_base,
                                              const RoundingPolicy& rounding);

}  // namespace kokuho::nofukin
