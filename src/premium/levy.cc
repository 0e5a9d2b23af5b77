#include "premium/levy.h"

#include <fmt/format.h>

#include <vector>

#include "premium/prepare.h"

namespace kokuho::premium {
namespace {

std::string Y(Yen v) { return FormatYen(v) + "円"; }

/// Explains one 分 of the kernel's result (levy_kernel.h gives the order of the steps).
void ExplainPart(Part part, const PartLevy& l, const CompiledPart& cp, Yen unit,
                 const RateSchedule& s, const PreparedHousehold& h, const NationalRules& rules,
                 Explanation& out) {
  const std::string name = PartLabel(part);
  if (!cp.levied) return;
  if (l.months == 0) {
    out.push_back(LevyLine(name, "この分の対象となる月がないため賦課なし", ""));
    return;
  }
  const bool kaigo = part == Part::kKaigo;
  std::vector<const Segment*> segments;
  h.ForEachSegment(kaigo, [&](const Segment& sg) { segments.push_back(&sg); });
  // A household alike all year: the annual amounts themselves. Otherwise each stretch of
  // months with its household, then each component as Σ(年額 × 月数) ÷ 12 (月割,
  // docs/premium-rules.md).
  const bool whole_year = segments.size() == 1 && segments[0]->months == 12;
  if (!whole_year)
    for (const Segment* sg : segments) {
      const int n = sg->members[kAdult] + sg->members[kSchool] + sg->members[kPreschool] +
                    sg->members[kFormer];
      out.push_back(
          LevyLine(name + " 期間",
                   fmt::format("{}か月: 被保険者 {}人 (18歳以上 {}, 18歳未満 {}, 未就学児 {}, "
                               "旧被扶養者 {}), 所得割の基礎 {}",
                               sg->months, n, sg->members[kAdult], sg->members[kSchool],
                               sg->members[kPreschool], sg->members[kFormer], Y(sg->base)),
                   ""));
    }
  const std::string monthly = whole_year ? "" : " の月割 Σ(年額 × 月数) ÷ 12";
  if (whole_year)
    out.push_back(LevyLine(name + " 所得割",
                           fmt::format("基礎 {} × {} = {} (1円未満切り捨て)", Y(segments[0]->base),
                                       PpmPercent(cp.income_rate), Y(l.income)),
                           s.source));
  else
    out.push_back(LevyLine(name + " 所得割",
                           fmt::format("年額 = 基礎 × {} (1円未満切り捨て){} = {}",
                                       PpmPercent(cp.income_rate), monthly, Y(l.income)),
                           s.source));
  if (cp.asset_rate > 0)
    out.push_back(LevyLine(
        name + " 資産割",
        fmt::format("固定資産税 × {}{} = {}", PpmPercent(cp.asset_rate), monthly, Y(l.asset)),
        s.source));
  const auto& pc0 = cp.per_capita[0][0];
  out.push_back(LevyLine(
      name + " 均等割",
      kaigo ? fmt::format("{} × 介護の被保険者{} = {}", Y(pc0[kAdult]), monthly, Y(l.per_capita))
            : fmt::format("1人あたりの年額 × 被保険者{} = {}", monthly, Y(l.per_capita)),
      s.source));
  out.push_back(LevyLine(
      name + " 平等割", fmt::format("{}{} = {}", Y(cp.household[0][0][0]), monthly, Y(l.household)),
      s.source));
  auto reduction = [&](Yen v, const std::string& what, const std::string& src) {
    if (v != 0) out.push_back(LevyLine(name + " " + what, "− " + Y(v), src));
  };
  reduction(l.child, "18歳未満均等割軽減 (10割)", rules.SourceOf("child_part_under18"));
  reduction(l.tokutei, "特定世帯・特定継続世帯の平等割軽減", rules.SourceOf("tokutei_setai"));
  if (h.tier != kNoKeigen)
    reduction(l.keigen,
              fmt::format("{}軽減 (均等割 {} + 平等割 {})", TierLabel(h.tier),
                          Y(l.keigen - l.keigen_household), Y(l.keigen_household)),
              rules.SourceOf("keigen_ratios"));
  reduction(l.preschool, "未就学児均等割軽減", rules.SourceOf("preschool"));
  reduction(l.former, "旧被扶養者減免", rules.SourceOf("former_dependent"));
  reduction(l.birth, "産前産後期間の免除", rules.SourceOf("birth_exemption"));
  reduction(l.municipal, "独自減免", s.source);
  out.push_back(LevyLine(name + " 小計", Y(l.subtotal), ""));
  out.push_back(LevyLine(name + " 賦課限度額",
                         fmt::format("{}{} → 限度超過 {}", Y(l.cap),
                                     s.cap_prorated && l.months < 12
                                         ? fmt::format(" (年額に対して {}; 月割 {} × {}月 ÷ 12)",
                                                       Y(cp.cap), Y(cp.cap), l.months)
                                         : "",
                                     Y(l.over_cap)),
                         rules.SourceOf("caps")));
  if (s.rounding_scope == RoundingScope::kPart)
    out.push_back(LevyLine(
        name + " 端数処理",
        fmt::format("{}円未満切り捨て: − {} → 賦課額 {}", unit, Y(l.rounding), Y(l.amount)),
        s.kind == LevyKind::kZei ? "地方税法 20条の4の2 第3項" : "市町村の条例"));
}

}  // namespace

std::string PpmPercent(Ppm rate) {
  // rate ppm = rate / 10,000 percent; print with 2–4 decimals.
  std::string s = fmt::format("{}.{:04}", rate / 10'000, rate % 10'000);
  while (s.size() > 0 && s.back() == '0' && s[s.size() - 3] != '.') s.pop_back();
  return s + "%";
}

HouseholdLevy LevyOne(const Household& h, const RateSchedule& s, const NationalRules& rules,
                      bool explain) {
  HouseholdLevy out;
  const CompiledSchedule compiled = Compile(s, rules);
  out.prepared = Prepare(h, rules, 0, explain ? &out.explanation : nullptr);
  out.result = LevyHousehold(out.prepared, compiled);
  if (explain) {
    for (Part p : kAllParts)
      ExplainPart(p, out.result.parts[static_cast<int>(p)], compiled.parts[static_cast<int>(p)],
                  compiled.rounding_unit[static_cast<int>(p)], s, out.prepared, rules,
                  out.explanation);
    if (s.rounding_scope == RoundingScope::kTotal)
      out.explanation.push_back(LevyLine(
          "合計 端数処理",
          fmt::format("{}円未満切り捨て: − {}", s.rounding_unit, Y(out.result.rounding_total)),
          "市町村の条例"));
    out.explanation.push_back(LevyLine("合計", Y(out.result.total), ""));
  }
  return out;
}

}  // namespace kokuho::premium
