// The levy kernel: one household's premium from its PreparedHousehold and its
// municipality's CompiledSchedule, in integer yen. The single-household `kokuho levy` and
// the microsimulation over millions of households call this same inline function (the
// batch gathers each household from columns; tests/premium/batch_identity_test.cc checks
// that both give identical yen).
//
// Each 分 is levied over the household's segments (prepared.h: the months in which its
// members, bases and 平等割 status stay the same). For each segment the annual amount is
// worked out as if the household were like that all year (docs/premium-rules.md):
//   所得割 = ⌊Σ base × rate⌋ (the annual 所得割, truncated first), 資産割 likewise;
//   均等割 and 平等割 after, in this order, 子ども分 18歳未満 10割, 特定世帯, 7/5/2 軽減,
//   未就学児, 旧被扶養者, 産前産後, 独自減免 (the tables of schedule.h, integer yen);
//   then the cap on the annual amount (賦課限度額; `cap_prorated`).
// 月割 is applied once, to the 分: ⌊Σ segments (annual amount × months) ÷ 12⌋
// (docs/premium-rules.md; 銚子市, 防府市, 鹿島市 26689, 福岡市 06-02: 年額 × 月数 ÷ 12). A
// household that is the same all year has one segment: ⌊min(年額, 限度額) × months ÷ 12⌋. Then the
// rounding per 分 (or on the total).
//
// The displayed components (所得割, 均等割, each reduction) are differences of the running
// total of twelfths, each truncated to the yen, so they always add up to the subtotal.
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
  Yen cap = 0;        ///< the cap applied (× months ÷ 12 when applied to the annual amount)
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

/// ⌊amount × rate⌋ for an annual base (所得割, 資産割): 円未満切り捨て.
inline std::int64_t RatePart(std::int64_t amount, std::int64_t rate) {
  return DivNonNegative(amount * rate, kPpmOne);
}

/// One 分 for one group of members (every member, or the 介護 members) over its segments
/// [first, and more .. more_end): returns the amount after the cap, before the rounding.
/// With kDetail it also fills `out` with every component and reduction.
template <bool kDetail>
inline Yen LevyGroup(const CompiledPart& cp, int tier, const Segment& first, const Segment* more,
                     const Segment* more_end, int categories, bool cap_annual, PartLevy* out) {
  if (!cp.levied) {
    if constexpr (kDetail) {
      int months = first.months;
      for (const Segment* s = more; s != more_end; ++s) months += s->months;
      out->months = static_cast<std::uint8_t>(months);
    }
    return 0;
  }
  const std::int64_t r = cp.income_rate, ar = cp.asset_rate;
  const auto& pc = cp.per_capita[tier];
  const auto& hh = cp.household[tier];
  constexpr int kG = kPerCapitaStages - 1, kH = kHouseholdStages - 1;
  std::int64_t sum = 0, sum_capped = 0;  // twelfths of a yen
  std::int64_t group_sum = 0, group_cap = 0;
  auto close_group = [&] {
    sum_capped += std::min(group_sum, group_cap);
    group_sum = group_cap = 0;
  };
  int months = 0;
  // kDetail: twelfths of each stage, summed over the segments.
  std::int64_t t_inc[3] = {}, t_as[2] = {}, t_g[kPerCapitaStages + 1] = {},
               t_h[kHouseholdStages] = {};
  auto levy = [&](const Segment& sg) {
    const std::int64_t m = sg.months;
    if (m == 0) return;
    months += sg.months;
    const std::int64_t former = cp.former_exempt ? sg.base_former : 0;
    const std::int64_t asset_former = cp.former_exempt ? sg.asset_former : 0;
    const std::int64_t inc = RatePart(sg.base - former - sg.base_birth, r);
    const std::int64_t as = RatePart(sg.asset - asset_former, ar);
    std::int64_t g = 0;
    for (int c = 0; c < categories; ++c) g += std::int64_t{pc[kG][c]} * sg.members[c];
    g -= std::int64_t{pc[kG][kAdult]} * sg.birth;  // 産前産後: the mother's 均等割
    // keigen_on_total: the 7/5/2 軽減 of 均等割 on the household's total instead of the
    // per-member amounts of the tables (the later stages stay per member).
    std::int64_t adjust = 0;
    if (cp.keigen_on_total && tier > 0) {
      std::int64_t per_member = 0, total = 0;
      for (int c = 0; c < categories; ++c) {
        per_member += std::int64_t{pc[1][c] - pc[2][c]} * sg.members[c];
        total += std::int64_t{cp.keigen_base[c]} * sg.members[c];
      }
      const std::int64_t on_total =
          ReductionOf(total, cp.keigen_ratio[tier], cp.reduction_unit, cp.reduction_rounding);
      adjust = std::max<std::int64_t>(per_member - on_total, -g);
      g += adjust;
    }
    const std::int64_t a = inc + as + g + hh[kH][sg.status];
    sum += a * m;
    // The cap on the annual amount: a segment's months against cap × months, together with
    // the previous segment when only 産前産後 tells them apart.
    if (!sg.cap_with_previous) close_group();
    group_sum += a * m;
    group_cap += cp.cap * m;
    if constexpr (kDetail) {
      t_inc[0] += RatePart(sg.base, r) * m;
      t_inc[1] += RatePart(sg.base - former, r) * m;
      t_inc[2] += inc * m;
      t_as[0] += RatePart(sg.asset, ar) * m;
      t_as[1] += as * m;
      for (int k = 0; k < kPerCapitaStages; ++k) {
        std::int64_t v = k >= 2 ? adjust : 0;
        for (int c = 0; c < categories; ++c) v += std::int64_t{pc[k][c]} * sg.members[c];
        t_g[k] += v * m;
      }
      t_g[kPerCapitaStages] += g * m;
      for (int k = 0; k < kHouseholdStages; ++k) t_h[k] += std::int64_t{hh[k][sg.status]} * m;
    }
  };
  levy(first);
  for (const Segment* s = more; s != more_end; ++s) levy(*s);
  close_group();
  if (months == 0) {
    if constexpr (kDetail) out->months = 0;
    return 0;
  }
  const Yen subtotal = DivNonNegative(sum, 12);
  // 賦課限度額 (施行令 29条の7 第2項; 地方税法 703条の4) after the reductions, on the annual
  // amount before 月割 (cap_annual) or on the 月割 amount.
  const Yen capped = cap_annual ? DivNonNegative(sum_capped, 12) : std::min<Yen>(subtotal, cp.cap);
  if constexpr (kDetail) {
    out->months = static_cast<std::uint8_t>(months);
    std::int64_t run = 0;  // the running total in twelfths
    auto add = [&](std::int64_t v) {
      const Yen before = DivNonNegative(run, 12);
      run += v;
      return DivNonNegative(run, 12) - before;
    };
    auto take = [&](std::int64_t v) { return -add(-v); };
    out->income = add(t_inc[0]);
    out->asset = add(t_as[0]);
    out->per_capita = add(t_g[0]);
    out->household = add(t_h[0]);
    out->child = take(t_g[0] - t_g[1]);
    out->tokutei = take(t_h[0] - t_h[1]);
    const Yen keigen_pc = take(t_g[1] - t_g[2]);
    out->keigen_household = take(t_h[1] - t_h[2]);
    out->keigen = keigen_pc + out->keigen_household;
    out->preschool = take(t_g[2] - t_g[3]);
    out->former = take(t_inc[0] - t_inc[1]) + take(t_as[0] - t_as[1]) + take(t_g[3] - t_g[4]) +
                  take(t_h[2] - t_h[3]);
    out->municipal = take(t_g[4] - t_g[5]) + take(t_h[3] - t_h[4]);
    out->birth = take(t_inc[1] - t_inc[2]) + take(t_g[5] - t_g[kPerCapitaStages]);
    out->subtotal = subtotal;
    out->cap = cap_annual ? DivNonNegative(cp.cap * months, 12) : cp.cap;
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
  const Segment* more = h.more.data();
  const Segment* split = more + h.more_all;
  const Segment* end = more + h.more.size();
  for (int p : {0, 1, 3})
    amount[p] = LevyGroup<kDetail>(s.parts[p], t, h.all, more, split, kCategoryCount,
                                   s.cap_prorated, kDetail ? out + p : nullptr);
  amount[2] = LevyGroup<kDetail>(s.parts[2], t, h.kaigo, split, end, 1, s.cap_prorated,
                                 kDetail ? out + 2 : nullptr);
}

}  // namespace detail

/// The levy of one prepared household under one municipality's compiled schedule, with
/// every component (`kokuho levy`, `microsim`'s totals).
inline LevyResult LevyHousehold(const PreparedHousehold& h, const CompiledSchedule& s) {
  LevyResult r;
  r.tier = h.tier;
  Yen amount[kPartCount];
  detail::LevyParts<true>(h, s, amount, r.parts.data());
  // Rounding (地方税法 20条の4の2③ for 保険税; the 条例 for 保険料), per 分 at its unit or on
  // the total.
  Yen sum = 0;
  for (int p = 0; p < kPartCount; ++p) {
    PartLevy& l = r.parts[p];
    if (!s.round_total) {
      const Yen rounded = detail::RoundDown(l.amount, s.rounding_unit[p]);
      l.rounding = l.amount - rounded;
      l.amount = rounded;
    }
    sum += l.amount;
  }
  r.total = s.round_total ? detail::RoundDown(sum, s.total_unit) : sum;
  r.rounding_total = sum - r.total;
  return r;
}

namespace detail {
/// The total from the 分's capped amounts: rounded per 分 or on the total.
inline Yen RoundedTotal(const Yen (&amount)[kPartCount], const CompiledSchedule& s) {
  Yen sum = 0;
  for (int p = 0; p < kPartCount; ++p)
    sum += s.round_total ? amount[p] : RoundDown(amount[p], s.rounding_unit[p]);
  return s.round_total ? RoundDown(sum, s.total_unit) : sum;
}
}  // namespace detail

/// Each 分's 賦課額 (LevyHousehold(h, s).parts[p].amount) into `amount` and the total, through
/// the same arithmetic without the components (the Python module's per-household columns).
inline Yen LevyAmounts(const PreparedHousehold& h, const CompiledSchedule& s,
                       Yen (&amount)[kPartCount]) {
  detail::LevyParts<false>(h, s, amount, nullptr);
  Yen sum = 0;
  for (int p = 0; p < kPartCount; ++p) {
    if (!s.round_total) amount[p] = detail::RoundDown(amount[p], s.rounding_unit[p]);
    sum += amount[p];
  }
  return s.round_total ? detail::RoundDown(sum, s.total_unit) : sum;
}

/// LevyHousehold(h, s).total through the same arithmetic, computing nothing else (the
/// batch's sum and the rate solver's loop).
inline Yen LevyTotal(const PreparedHousehold& h, const CompiledSchedule& s) {
  Yen amount[kPartCount];
  detail::LevyParts<false>(h, s, amount, nullptr);
  return detail::RoundedTotal(amount, s);
}

}  // namespace kokuho::premium
