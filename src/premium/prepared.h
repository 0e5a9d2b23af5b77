// PreparedHousehold: what the levy kernel needs of one household, as integer aggregates
// that do not depend on the municipality's rates — only on the fiscal year's national
// rules. Prepare (prepare.h) derives it from a Household; the microsimulation derives it
// once for every household and then levies under any number of rate schedules (the rate
// solver's loop).
//
// The months of the fiscal year in which a member is insured on the month's last day count
// (月割, docs/premium-rules.md). A 分 is levied on "segments": the months (not always consecutive)
// in which the group it is levied on (every member, or the 介護 members) does not change — the same
// members by category, the same 所得割 bases, the same 平等割 status. A segment holds the household
// as it is in those months (annual bases, head counts) and how many months it lasts; the kernel
// levies each segment's annual amount and applies 月割 once to the part:
//   分 = ⌊Σ segments (annual amount, capped) × months ÷ 12⌋.
// A household that does not change during the year has one segment per group. Categories
// split the members by the 均等割 rules that apply:
//   kAdult     18 and over, not a 旧被扶養者 in their reduction period
//   kSchool    under 18 (born on or after 4/2 of FY−18), not 未就学
//   kPreschool 未就学児 (born on or after 4/2 of FY−6)
//   kFormer    旧被扶養者 within the months of their 均等割 reduction
// The 平等割 status of a segment is 特定世帯 (½) or 特定継続世帯 (¾), each with or without
// "every member is a 旧被扶養者".
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "core/yen.h"
#include "premium/household.h"

namespace kokuho::premium {

enum MemberCategory { kAdult = 0, kSchool = 1, kPreschool = 2, kFormer = 3 };
inline constexpr int kCategoryCount = 4;

/// 平等割 status of a household-month: tokutei (0 none, 1 特定世帯, 2 特定継続世帯) + 3 ×
/// former-only.
inline constexpr int kHouseholdStatusCount = 6;

/// 軽減 tier: 0 none, 1 2割, 2 5割, 3 7割.
enum KeigenTier : std::uint8_t { kNoKeigen = 0, kTwo = 1, kFive = 2, kSeven = 3 };
inline constexpr int kTierCount = 4;
/// "なし", "2割", "5割", "7割".
const char* TierLabel(int tier);

/// The household as it is during some months of the year, for one group of members (every
/// member for 医療・支援・子ども分, the members aged 40–64 for 介護分). Amounts are annual.
struct Segment {
  std::int64_t base = 0;          ///< Σ 所得割 base of the group's members
  std::int64_t base_former = 0;   ///< part of base exempt as 旧被扶養者
  std::int64_t base_birth = 0;    ///< part of base exempt as 産前産後 (not former)
  std::int64_t asset = 0;         ///< Σ 固定資産税
  std::int64_t asset_former = 0;  ///< part of asset exempt as 旧被扶養者
  std::array<std::uint8_t, kCategoryCount> members{};  ///< members by category
  std::uint8_t birth = 0;   ///< adult members whose 均等割 is exempt as 産前産後
  std::uint8_t status = 0;  ///< 平等割 status (0 .. kHouseholdStatusCount − 1)
  std::uint8_t months = 0;  ///< how many months of the year are like this (0: none)
  /// The household of this segment differs from the previous segment's only by 産前産後
  /// months: the two are capped together, because the exemption is taken off the annual
  /// amount before the cap (大川市: still above the cap after it, the premium is unchanged).
  bool cap_with_previous = false;
  bool operator==(const Segment&) const = default;
  /// Alike apart from the months and the 産前産後 exemption.
  bool SameHousehold(const Segment& o) const {
    return base == o.base && base_former == o.base_former && asset == o.asset &&
           asset_former == o.asset_former && members == o.members && status == o.status;
  }
};

struct PreparedHousehold {
  std::uint16_t municipality = 0;  ///< index into the rate schedules
  std::uint8_t tier = kNoKeigen;
  std::uint8_t type = 0;  ///< HouseholdType
  // Descriptive (not used by the levy); here to fill the first 8 bytes.
  std::uint16_t members = 0;      ///< insured members with at least one month
  std::uint8_t earners = 0;       ///< E (給与所得者等)
  std::uint8_t keigen_count = 0;  ///< N (被保険者 + 特定同一世帯所属者 at the 判定日)

  /// 医療・支援・子ども分 (every member) and 介護納付金分 (members aged 40–64, by month; spec
  /// §5.3): the first segment of each (months 0 when the group has no month), then the
  /// others in `more` — [0, more_all) for every member, the rest for 介護. Most households
  /// have one segment each and `more` empty.
  Segment all, kaigo;
  std::vector<Segment> more;
  std::uint8_t more_all = 0;  ///< `more`: [0, more_all) for every member, the rest 介護

  std::int64_t keigen_income = 0;  ///< 軽減判定所得 (descriptive)

  /// The segments of a group (kaigo: the 介護 members), the first one included.
  template <typename Fn>
  void ForEachSegment(bool kaigo_group, Fn&& fn) const {
    const Segment& first = kaigo_group ? kaigo : all;
    if (first.months) fn(first);
    const std::size_t b = kaigo_group ? more_all : 0, e = kaigo_group ? more.size() : more_all;
    for (std::size_t i = b; i < e; ++i) fn(more[i]);
  }
  /// Σ base × months (the 所得割 base-months), Σ members × months and the months of a group.
  std::int64_t BaseMonths(bool kaigo_group) const {
    std::int64_t v = 0;
    ForEachSegment(kaigo_group, [&](const Segment& s) { v += s.base * s.months; });
    return v;
  }
  std::int64_t MemberMonths(bool kaigo_group) const {
    std::int64_t v = 0;
    ForEachSegment(kaigo_group, [&](const Segment& s) {
      for (std::uint8_t n : s.members) v += std::int64_t{n} * s.months;
    });
    return v;
  }
  int Months(bool kaigo_group) const {
    int v = 0;
    ForEachSegment(kaigo_group, [&](const Segment& s) { v += s.months; });
    return v;
  }
};

}  // namespace kokuho::premium
