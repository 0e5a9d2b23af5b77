// PreparedHousehold: what the levy kernel needs of one household, as integer aggregates
// that do not depend on the municipality's rates — only on the fiscal year's national
// rules. Prepare (prepare.h) derives it from a Household; the microsimulation derives it
// once for every household and then levies under any number of rate schedules (the rate
// solver's loop).
//
// "Member-months" (mm) count, over the twelve months of the fiscal year, the months in
// which a member is insured on the month's last day (月割, spec §5.2); "base × months"
// sums weight each member's 所得割 base by their months, so that 所得割 = Σ base × m / 12
// × rate. Categories split the member-months by the 均等割 rules that apply:
//   kAdult     18 and over, not a 旧被扶養者 in their reduction period
//   kSchool    under 18 (born on or after 4/2 of FY−18), not 未就学
//   kPreschool 未就学児 (born on or after 4/2 of FY−6)
//   kFormer    旧被扶養者 within the months of their 均等割 reduction
// Household-months split the months in which the household has a member by the 平等割
// status: 特定世帯 (½) or 特定継続世帯 (¾), each with or without "every member is a
// 旧被扶養者".
#pragma once

#include <array>
#include <cstdint>

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

struct PreparedHousehold {
  std::uint16_t municipality = 0;  ///< index into the rate schedules
  std::uint8_t tier = kNoKeigen;
  std::uint8_t type = 0;  ///< HouseholdType

  // 医療・支援・子ども分 (every member).
  std::int64_t base_mm = 0;         ///< Σ 所得割 base × months
  std::int64_t base_mm_former = 0;  ///< part of base_mm exempt as 旧被扶養者
  std::int64_t base_mm_birth = 0;   ///< part of base_mm exempt as 産前産後 (not former)
  std::int64_t asset_mm = 0;        ///< Σ 固定資産税 × months
  std::int64_t asset_mm_former = 0;
  std::array<std::uint16_t, kCategoryCount> mm{};  ///< member-months by category
  std::uint16_t mm_birth = 0;                      ///< adult member-months exempt as 産前産後
  std::array<std::uint8_t, kHouseholdStatusCount> hm{};  ///< household-months by status

  // 介護納付金分 (members aged 40–64, by month; spec §5.3).
  std::int64_t base_mm_kaigo = 0;
  std::int64_t base_mm_kaigo_birth = 0;
  std::int64_t asset_mm_kaigo = 0;
  std::uint16_t mm_kaigo = 0;
  std::uint16_t mm_kaigo_birth = 0;
  std::uint8_t hm_kaigo = 0;

  // Descriptive (not used by the levy).
  std::int64_t keigen_income = 0;  ///< 軽減判定所得
  std::uint16_t members = 0;       ///< insured members with at least one month
  std::uint8_t earners = 0;        ///< E (給与所得者等)
  std::uint8_t keigen_count = 0;  ///< N (被保険者 + 特定同一世帯所属者 at the 判定日)
};

}  // namespace kokuho::premium
