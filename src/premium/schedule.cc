#include "premium/schedule.h"

#include <fmt/format.h>

#include <algorithm>

#include "core/error.h"

namespace kokuho::premium {
namespace {

/// A reduction of `amount` by `ratio`, truncated to `unit` (the payer keeps the fraction
/// of the unit: 端数は軽減しない).
Yen Reduction(Yen amount, Ppm ratio, Yen unit) {
  const Yen exact = static_cast<Yen>(static_cast<__int128>(amount) * ratio / kPpmOne);
  return exact / unit * unit;
}

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
  out.rounding_unit = s.rounding_unit;
  out.round_total = s.rounding_scope == RoundingScope::kTotal;
  out.cap_prorated = s.cap_prorated;
  const Yen u = s.reduction_unit;
  for (Part part : kAllParts) {
    const int p = static_cast<int>(part);
    const PartRates& in = s.parts[p];
    CompiledPart& cp = out.parts[p];
    if (!rules.levied[p]) {
      if (in.levied)
        throw CalculationError(fmt::format("{} {}: {} は {}年度には賦課されません", s.municipality,
                                           s.name, PartLabel(part), rules.fiscal_year));
      continue;
    }
    if (!in.levied)
      throw CalculationError(fmt::format("{} {}: {}年度の {} の料率がありません", s.municipality,
                                         s.name, rules.fiscal_year, PartLabel(part)));
    cp.levied = true;
    cp.income_rate = in.income_rate;
    cp.asset_rate = in.asset_rate;
    cp.former_exempt = rules.former_parts[p];
    cp.cap = rules.caps[p];
    if (in.cap) {
      if (*in.cap > rules.caps[p])
        throw CalculationError(fmt::format(
            "{} {}: {} の賦課限度額 {}円 は政令の上限 {}円 を超えています", s.municipality, s.name,
            PartLabel(part), FormatYen(*in.cap), FormatYen(rules.caps[p])));
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
        // 子ども分: 18歳未満の均等割 10割軽減 (spec §1.1, L10).
        // The amount left is truncated to the unit, so a 10割 reduction leaves 0 whatever
        // the reduction unit.
        if (kodomo && under18 && rules.child_part_under18_in_force) {
          base -= Reduction(base, rules.child_part_under18_ratio, 1);
          base = base / u * u;
        }
        st[1][c] = static_cast<std::int32_t>(base + addon);
        // 7割・5割・2割軽減 (施行令 29条の7 第5項): a ratio, or the 条例's table of amounts.
        if (t > 0) {
          if (in.reduced_per_capita && base == in.per_capita)
            base = std::min(base, (*in.reduced_per_capita)[t - 1]);
          else
            base -= Reduction(base, ratio, u);
          if (s.keigen_on_adult_addon) addon -= Reduction(addon, ratio, u);
        }
        Yen v = base + addon;
        st[2][c] = static_cast<std::int32_t>(v);
        // 未就学児: ½ of the 均等割 after 軽減 (spec §4.1). The amount left (not the
        // reduction) is truncated to the unit: 海南市's table for 均等割 31,800 is 4,800 /
        // 7,900 / 12,700 / 15,900, i.e. 15,900 → 7,950 → 7,900 under 5割 (truncating the
        // reduction instead would give 8,000). With unit 1 nothing changes.
        if (c == kPreschool && rules.preschool_in_force && rules.preschool_parts[p]) {
          v -= Reduction(v, rules.preschool_ratio, 1);
          v = v / u * u;
        }
        st[3][c] = static_cast<std::int32_t>(v);
        // 旧被扶養者: 5割 of the 均等割 when larger than the 軽減 (spec §4.4).
        if (c == kFormer && rules.former_parts[p]) {
          const Yen gross = st[1][c];
          v = std::min(v, gross - Reduction(gross, rules.former_per_capita_ratio, u));
        }
        st[4][c] = static_cast<std::int32_t>(v);
        for (const MunicipalRelief& r : s.reliefs)
          if (r.parts[p]) v -= Reduction(v, r.per_capita_ratio[c], u);
        st[5][c] = static_cast<std::int32_t>(v);
      }
      for (int st_i = 0; st_i < kHouseholdStatusCount; ++st_i) {
        const int tok = st_i % 3;
        const bool former_only = st_i >= 3;
        auto& hh = cp.household[t];
        Yen h = in.per_household;
        hh[0][st_i] = static_cast<std::int32_t>(h);
        // 特定世帯 ½ / 特定継続世帯 ¼ off (施行令 29条の7 第2項), before 軽減 (秦野市).
        if (rules.tokutei_parts[p]) {
          if (tok == 1) h -= Reduction(h, rules.tokutei_half_ratio, u);
          if (tok == 2) h -= Reduction(h, rules.tokutei_quarter_ratio, u);
        }
        hh[1][st_i] = static_cast<std::int32_t>(h);
        const Yen after_tokutei = h;
        if (t > 0) {
          if (in.reduced_per_household && h == in.per_household)
            h = std::min(h, (*in.reduced_per_household)[t - 1]);
          else
            h -= Reduction(h, ratio, u);
        }
        hh[2][st_i] = static_cast<std::int32_t>(h);
        if (former_only && rules.former_parts[p])
          h = std::min(h,
                       after_tokutei - Reduction(after_tokutei, rules.former_household_ratio, u));
        hh[3][st_i] = static_cast<std::int32_t>(h);
        for (const MunicipalRelief& r : s.reliefs)
          if (r.parts[p]) h -= Reduction(h, r.household_ratio, u);
        hh[4][st_i] = static_cast<std::int32_t>(h);
      }
    }
  }
  return out;
}

}  // namespace kokuho::premium
