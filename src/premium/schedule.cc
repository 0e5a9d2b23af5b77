#include "premium/schedule.h"

#include <fmt/format.h>

#include <algorithm>

#include "core/error.h"

namespace kokuho::premium {
namespace {

Ppm TierRatio(const NationalRules& r, int tier) {
  switch (tier) {
    case kTwo:
      return r.keigen_two;
    case kFive:
      return r.keigen_five;
    case kSeven:
      return r.keigen_seven;
    default:
      return 0;
  }
}

}  // namespace

CompiledSchedule Compile(const RateSchedule& s, const NationalRules& rules) {
  CompiledSchedule out;
  out.total_unit = s.rounding_unit;
  out.round_total = s.rounding_scope == RoundingScope::kTotal;
  out.cap_prorated = s.cap_prorated;
  const Yen u = s.reduction_unit;
  const ReductionRounding side = s.reduction_rounding;
  // The reduction of `amount` by `ratio` under the schedule's unit and side.
  auto reduction = [&](Yen amount, Ppm ratio) { return ReductionOf(amount, ratio, u, side); };
  for (Part part : kAllParts) {
    const int p = static_cast<int>(part);
    const PartRates& in = s.parts[p];
    CompiledPart& cp = out.parts[p];
    if (!rules.levied[p]) {
      if (in.levied)
        throw ScheduleError(
            ScheduleError::kPartNotLevied, part,
            fmt::format("{} {}: {} は {}年度には賦課されません。この分の行を消して"
                        "ください",
                        s.municipality, s.name, PartLabel(part), rules.fiscal_year));
      continue;
    }
    if (!in.levied)
      throw ScheduleError(ScheduleError::kMissingPart, part,
                          fmt::format("{} {}: {}年度の {} の料率がありません。その年度に賦課"
                                      "されるすべての分の行を書いてください",
                                      s.municipality, s.name, rules.fiscal_year, PartLabel(part)));
    cp.levied = true;
    cp.income_rate = in.income_rate;
    cp.asset_rate = in.asset_rate;
    // 旧被扶養者 and 特定世帯: the national parts unless the rate file says otherwise.
    const bool former = in.former_relief.value_or(rules.former_parts[p]);
    const bool tokutei = in.tokutei_relief.value_or(rules.tokutei_parts[p]);
    cp.former_exempt = former;
    out.rounding_unit[p] = in.rounding_unit.value_or(s.rounding_unit);
    cp.reduction_unit = u;
    cp.reduction_rounding = side;
    // 軽減額 on the household's total (keigen_on_total) does not apply to a 条例 table of
    // reduced amounts, which are per member by definition.
    cp.keigen_on_total = s.keigen_on_total && !in.reduced_per_capita;
    for (int t = 0; t < kTierCount; ++t) cp.keigen_ratio[t] = TierRatio(rules, t);
    cp.cap = rules.caps[p];
    if (in.cap) {
      if (*in.cap > rules.caps[p])
        throw ScheduleError(
            ScheduleError::kCapAboveNational, part,
            fmt::format("{} {}: {} の賦課限度額 {}円 は政令の上限 {}円 を超えています。{}円"
                        "以下にしてください",
                        s.municipality, s.name, PartLabel(part), FormatYen(*in.cap),
                        FormatYen(rules.caps[p]), FormatYen(rules.caps[p])));
      cp.cap = *in.cap;
    }
    const bool kodomo = part == Part::kKodomo;
    for (int t = 0; t < kTierCount; ++t) {
      const Ppm ratio = TierRatio(rules, t);
      for (int c = 0; c < kCategoryCount; ++c) {
        const bool under18 = c == kSchool || c == kPreschool;
        Yen base = in.per_capita;
        Yen addon = kodomo && !under18 ? in.adult_addon : 0;
        auto& st = cp.per_capita[t];
        st[0][c] = static_cast<std::int32_t>(base + addon);
        // 子ども分: 18歳未満の均等割 10割軽減 (docs/premium-rules.md, L10).
        // The amount left is truncated to the unit, so a 10割 reduction leaves 0 whatever
        // the reduction unit.
        if (kodomo && under18 && rules.child_part_under18_in_force)
          base -= reduction(base, rules.child_part_under18_ratio);
        st[1][c] = static_cast<std::int32_t>(base + addon);
        if (t == 0)  // the 均等割 subject to 7/5/2 軽減 (keigen_on_total)
          cp.keigen_base[c] =
              static_cast<std::int32_t>(base + (s.keigen_on_adult_addon ? addon : 0));
        // 7割・5割・2割軽減 (施行令 29条の7 第5項 第1号; 地方税法施行令 56条の89): a ratio, or
        // the 条例's table of amounts. The 18歳以上 add-on is its own 額 (朝霞市 lists it as a
        // separate 税率), so its 軽減額 is truncated on its own, like 均等割 and 平等割.
        if (t > 0) {
          if (in.reduced_per_capita && base == in.per_capita)
            base = std::min(base, (*in.reduced_per_capita)[t - 1]);
          else
            base -= reduction(base, ratio);
          if (s.keigen_on_adult_addon) addon -= reduction(addon, ratio);
        }
        Yen v = base + addon;
        st[2][c] = static_cast<std::int32_t>(v);
        // 未就学児: the 減額 is ½ of the 均等割 after 軽減 (施行令 29条の7 第5項, 令和3年改正:
        // "減額する額は … 均等割額に十分の五を乗じて得た額"; docs/premium-rules.md), truncated like
        // every reduction: 海南市's 軽減額 for 均等割 31,800 are 4,800 / 7,900 / 12,700 / 15,900
        // under 7割 / 5割 / 2割 / none, i.e. with unit 100: 7割 31,800 − 22,200 = 9,600 → 4,800;
        // 5割 15,900 → ⌊7,950⌋ = 7,900; 2割 31,800 − 6,300 = 25,500 → ⌊12,750⌋ = 12,700;
        // none ⌊15,900⌋ = 15,900 (tests/premium/reliefs_test.cc derives each).
        if (c == kPreschool && rules.preschool_in_force && rules.preschool_parts[p])
          v -= reduction(v, rules.preschool_ratio);
        st[3][c] = static_cast<std::int32_t>(v);
        // 旧被扶養者: 5割 of the 均等割 when larger than the 軽減 (docs/premium-rules.md); the
        // 減免額 is truncated like every reduction (the payer keeps an odd yen by default).
        if (c == kFormer && former) {
          const Yen gross = st[1][c];
          v = std::min(v, gross - reduction(gross, rules.former_per_capita_ratio));
        }
        st[4][c] = static_cast<std::int32_t>(v);
        for (const MunicipalRelief& r : s.reliefs)
          if (r.parts[p]) v -= reduction(v, r.per_capita_ratio[c]);
        st[5][c] = static_cast<std::int32_t>(v);
      }
      for (int st_i = 0; st_i < kHouseholdStatusCount; ++st_i) {
        const int tok = st_i % 3;
        const bool former_only = st_i >= 3;
        auto& hh = cp.household[t];
        Yen h = in.per_household;
        hh[0][st_i] = static_cast<std::int32_t>(h);
        // 特定世帯 ½ / 特定継続世帯 ¼ off (施行令 29条の7 第2項), before 軽減 (秦野市).
        if (tokutei) {
          if (tok == 1) h -= reduction(h, rules.tokutei_half_ratio);
          if (tok == 2) h -= reduction(h, rules.tokutei_quarter_ratio);
        }
        hh[1][st_i] = static_cast<std::int32_t>(h);
        const Yen after_tokutei = h;
        if (t > 0) {
          if (in.reduced_per_household && h == in.per_household)
            h = std::min(h, (*in.reduced_per_household)[t - 1]);
          else
            h -= reduction(h, ratio);
        }
        hh[2][st_i] = static_cast<std::int32_t>(h);
        if (former_only && former)
          h = std::min(h, after_tokutei - reduction(after_tokutei, rules.former_household_ratio));
        hh[3][st_i] = static_cast<std::int32_t>(h);
        for (const MunicipalRelief& r : s.reliefs)
          if (r.parts[p]) h -= reduction(h, r.household_ratio);
        hh[4][st_i] = static_cast<std::int32_t>(h);
      }
    }
  }
  return out;
}

}  // namespace kokuho::premium
