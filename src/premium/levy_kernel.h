// The levy kernel: one household's premium from its PreparedHousehold and its
// municipality's CompiledSchedule, in integer yen. The single-household `kokuho levy` and
// the microsimulation over millions of households call this same inline function (the
// batch gathers each household from columns; tests/premium/batch_identity_test.cc checks
// that both give identical yen).
//
// Order of the steps in each 分 (spec §5.4; docs/premium-rules.md):
//   所得割 = ⌊Σ base × months × rate ÷ 12⌋, 資産割 likewise; 均等割 and 平等割 by
//   member-months and household-months ÷ 12; then, in this order, 子ども分 18歳未満 10割,
//   特定世帯, 7/5/2 軽減, 未就学児, 旧被扶養者, 産前産後, 独自減免; then the cap
//   (賦課限度額 × months ÷ 12 unless the schedule says otherwise); then the rounding.
// Each displayed reduction is the difference of two amounts each truncated to the yen, so
// the components always add up to the subtotal exactly.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>

#include "premium/prepared.h"
#include "premium/schedule.h"

namespace kokuho::premium {

struct PartLevy {
  Yen income = 0;            ///< 所得割 (before reductions)
  Yen asset = 0;             ///< 資産割
  Yen per_capita = 0;        ///< 均等割 (gross, with 月割)
  Yen household = 0;         ///< 平等割 (gross, with 月割)
  Yen child = 0;             ///< 子ども分 18歳未満均等割軽減
  Yen tokutei = 0;           ///< 特定世帯・特定継続世帯 軽減
  Yen keigen = 0;            ///< 7割・5割・2割軽減 (均等割 + 平等割)
  Yen keigen_household = 0;  ///< of which 平等割
  Yen preschool = 0;         ///< 未就学児均等割軽減
  Yen former = 0;     ///< 旧被扶養者減免 (所得割・資産割・均等割・平等割)
  Yen birth = 0;      ///< 産前産後 免除
  Yen municipal = 0;  ///< 独自減免
  Yen subtotal = 0;   ///< after reductions, before the cap
  Yen cap = 0;        ///< the cap applied (× months ÷ 12 when prorated)
  Yen over_cap = 0;   ///< 限度超過額
  Yen rounding = 0;   ///< removed by rounding (端数)
  Yen amount = 0;     ///< 賦課額
  std::uint8_t months = 0;  ///< household-months of this 分
};

struct LevyResult {
  std::array<PartLevy, kPartCount> parts{};
  std::uint8_t tier = 0;
  Yen rounding_total = 0;  ///< rounding on the total (RoundingScope::kTotal)
  Yen total = 0;
};

namespace detail {

inline constexpr std::int64_t kRateDen = 12 * kPpmOne;  // months × ppm

/// x truncated to a multiple of unit; the usual units as constants (a multiply, not a
/// division).
inline Yen RoundDown(Yen x, Yen unit) {
  const std::uint64_t v = static_cast<std::uint64_t>(x);  // amounts are >= 0
  switch (unit) {
    case 1:
      return x;
    case 10:
      return static_cast<Yen>(v / 10 * 10);
    case 100:
      return static_cast<Yen>(v / 100 * 100);
    case 1000:
      return static_cast<Yen>(v / 1000 * 1000);
    default:
      return static_cast<Yen>(v / static_cast<std::uint64_t>(unit) * unit);
  }
}

/// x ÷ d truncated, for x >= 0 (every amount of the kernel): unsigned, so a division by a
/// constant is a multiply and a shift with no sign correction.
inline std::int64_t DivNonNegative(std::int64_t x, std::uint64_t d) {
  return static_cast<std::int64_t>(static_cast<std::uint64_t>(x) / d);
}

/// One 分 for one group of members (every member, or the 介護 members): returns the
/// amount after the cap, before the rounding. With kDetail it also fills `out` with every
/// component and reduction; without, it computes the final stages only (the batch's sum).
template <bool kDetail>
inline Yen LevyGroup(const CompiledPart& cp, int tier, std::int64_t base_mm,
                     std::int64_t base_former, std::int64_t base_birth, std::int64_t asset_mm,
                     std::int64_t asset_former, const std::uint16_t* mm, int categories,
                     std::int64_t mm_birth, const std::uint8_t* hm, int statuses, bool cap_prorated,
                     PartLevy* out) {
  int months = 0;
  for (int s = 0; s < statuses; ++s) months += hm[s];
  if constexpr (kDetail) out->months = static_cast<std::uint8_t>(months);
  if (!cp.levied || months == 0) return 0;
  if (!cp.former_exempt) base_former = asset_former = 0;
  // 所得割 and 資産割: one truncation each after Σ base × months × rate ÷ 12.
  const std::int64_t r = cp.income_rate, ar = cp.asset_rate;
  const std::int64_t inc2 = DivNonNegative((base_mm - base_former - base_birth) * r, kRateDen);
  const std::int64_t as1 = DivNonNegative((asset_mm - asset_former) * ar, kRateDen);
  // 均等割 (twelfths of a yen) and 平等割 after every reduction stage.
  const auto& pc = cp.per_capita[tier];
  const auto& hh = cp.household[tier];
  std::int64_t g_last = 0, h_last = 0;
  for (int c = 0; c < categories; ++c) g_last += std::int64_t{pc[kPerCapitaStages - 1][c]} * mm[c];
  for (int s = 0; s < statuses; ++s) h_last += std::int64_t{hh[kHouseholdStages - 1][s]} * hm[s];
  // 産前産後: the mother's 均等割 (adult category, after every other reduction).
  const std::int64_t g_birth = g_last - std::int64_t{pc[kPerCapitaStages - 1][kAdult]} * mm_birth;
  const Yen subtotal = inc2 + as1 + DivNonNegative(g_birth, 12) + DivNonNegative(h_last, 12);
  // 賦課限度額 (施行令 29条の7 第2項; 地方税法 703条の4), after the reductions.
  const Yen cap = cap_prorated ? DivNonNegative(cp.cap * months, 12) : cp.cap;
  const Yen capped = std::min(subtotal, cap);
  if constexpr (kDetail) {
    const std::int64_t inc0 = base_mm * r / kRateDen;
    const std::int64_t inc1 = (base_mm - base_former) * r / kRateDen;
    const std::int64_t as0 = asset_mm * ar / kRateDen;
    std::int64_t g[kPerCapitaStages];
    for (int k = 0; k < kPerCapitaStages; ++k) {
      std::int64_t sum = 0;
      for (int c = 0; c < categories; ++c) sum += std::int64_t{pc[k][c]} * mm[c];
      g[k] = sum;
    }
    std::int64_t h[kHouseholdStages];
    for (int k = 0; k < kHouseholdStages; ++k) {
      std::int64_t sum = 0;
      for (int s = 0; s < statuses; ++s) sum += std::int64_t{hh[k][s]} * hm[s];
      h[k] = sum;
    }
    out->income = inc0;
    out->asset = as0;
    out->per_capita = g[0] / 12;
    out->household = h[0] / 12;
    out->child = g[0] / 12 - g[1] / 12;
    out->tokutei = h[0] / 12 - h[1] / 12;
    out->keigen_household = h[1] / 12 - h[2] / 12;
    out->keigen = g[1] / 12 - g[2] / 12 + out->keigen_household;
    out->preschool = g[2] / 12 - g[3] / 12;
    out->former = (inc0 - inc1) + (as0 - as1) + (g[3] / 12 - g[4] / 12) + (h[2] / 12 - h[3] / 12);
    out->municipal = g[4] / 12 - g[5] / 12 + h[3] / 12 - h[4] / 12;
    out->birth = (inc1 - inc2) + (g[5] / 12 - g_birth / 12);
    out->subtotal = subtotal;
    out->cap = cap;
    out->over_cap = subtotal - capped;
    out->amount = capped;
  }
  return capped;
}

/// Every 分 of a household: 医療・支援・子ども over every member, 介護 over the members aged
/// 40–64 (adults, never 旧被扶養者, who are 65+). `out` is null without kDetail.
template <bool kDetail>
inline void LevyParts(const PreparedHousehold& h, const CompiledSchedule& s,
                      Yen (&amount)[kPartCount], PartLevy* out) {
  const int t = h.tier;
  for (int p : {0, 1, 3})
    amount[p] =
        LevyGroup<kDetail>(s.parts[p], t, h.base_mm, h.base_mm_former, h.base_mm_birth, h.asset_mm,
                           h.asset_mm_former, h.mm.data(), kCategoryCount, h.mm_birth, h.hm.data(),
                           kHouseholdStatusCount, s.cap_prorated, kDetail ? out + p : nullptr);
  const std::uint16_t mm_kaigo[1] = {h.mm_kaigo};
  const std::uint8_t hm_kaigo[1] = {h.hm_kaigo};
  amount[2] = LevyGroup<kDetail>(s.parts[2], t, h.base_mm_kaigo, 0, h.base_mm_kaigo_birth,
                                 h.asset_mm_kaigo, 0, mm_kaigo, 1, h.mm_kaigo_birth, hm_kaigo, 1,
                                 s.cap_prorated, kDetail ? out + 2 : nullptr);
}

}  // namespace detail

/// The levy of one prepared household under one municipality's compiled schedule, with
/// every component (`kokuho levy`, `microsim`'s totals).
inline LevyResult LevyHousehold(const PreparedHousehold& h, const CompiledSchedule& s) {
  LevyResult r;
  r.tier = h.tier;
  Yen amount[kPartCount];
  detail::LevyParts<true>(h, s, amount, r.parts.data());
  // Rounding (地方税法 20条の4の2③ for 保険税; the 条例 for 保険料).
  Yen sum = 0;
  for (PartLevy& p : r.parts) {
    if (!s.round_total) {
      const Yen rounded = detail::RoundDown(p.amount, s.rounding_unit);
      p.rounding = p.amount - rounded;
      p.amount = rounded;
    }
    sum += p.amount;
  }
  r.total = s.round_total ? detail::RoundDown(sum, s.rounding_unit) : sum;
  r.rounding_total = sum - r.total;
  return r;
}

namespace detail {
/// The total from the 分's capped amounts: rounded per 分 or on the total.
inline Yen RoundedTotal(const Yen (&amount)[kPartCount], const CompiledSchedule& s) {
  Yen sum = 0;
  for (Yen a : amount) sum += s.round_total ? a : RoundDown(a, s.rounding_unit);
  return s.round_total ? RoundDown(sum, s.rounding_unit) : sum;
}
}  // namespace detail

/// LevyHousehold(h, s).total through the same arithmetic, computing nothing else (the
/// batch's sum and the rate solver's loop).
inline Yen LevyTotal(const PreparedHousehold& h, const CompiledSchedule& s) {
  Yen amount[kPartCount];
  detail::LevyParts<false>(h, s, amount, nullptr);
  return detail::RoundedTotal(amount, s);
}

}  // namespace kokuho::premium
