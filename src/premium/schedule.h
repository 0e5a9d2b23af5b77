// RateSchedule: one municipality's levy rates for one fiscal year (its 条例 and 告示), as
// read from a rate file (docs/rates-format.md); CompiledSchedule: the same turned into
// per-tier tables of yen amounts the levy kernel multiplies by member-months.
//
// Options where municipalities differ (spec §5, §8) are fields here, each with the
// default kokuho takes and why.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "core/part.h"
#include "core/yen.h"
#include "premium/prepared.h"
#include "premium/rules.h"

namespace kokuho::premium {

/// 保険料 (国保法 76条) or 保険税 (地方税法 703条の4).
enum class LevyKind { kRyo, kZei };

struct PartRates {
  bool levied = false;    ///< a row for this 分 was given
  Ppm income_rate = 0;    ///< 所得割率
  Ppm asset_rate = 0;     ///< 資産割率 (4方式)
  Yen per_capita = 0;     ///< 均等割額
  Yen per_household = 0;  ///< 平等割額 (0 under 2方式)
  Yen adult_addon = 0;  ///< 子ども分: 18歳以上均等割額 added to 均等割 for members 18 and over
  std::optional<Yen> cap;  ///< lower 賦課限度額 by 条例 (<= the national cap)
  /// 軽減 given as a 条例 table of the reduced amounts (2割, 5割, 7割), instead of ratios.
  std::optional<std::array<Yen, 3>> reduced_per_capita;
  std::optional<std::array<Yen, 3>> reduced_per_household;
};

/// A municipal 独自減免 (spec §4.7): a fraction off the 均等割 of some members (after the
/// statutory reliefs), or off the 平等割, in the 分 listed.
struct MunicipalRelief {
  std::string name;
  PartSet parts{};
  std::array<Ppm, kCategoryCount> per_capita_ratio{};  ///< by member category
  Ppm household_ratio = 0;
};

enum class RoundingScope { kPart, kTotal };

struct RateSchedule {
  std::string municipality;  ///< 団体コード
  std::string name;          ///< 市町村名
  int fiscal_year = 0;
  LevyKind kind = LevyKind::kRyo;
  std::array<PartRates, kPartCount> parts{};
  /// Final amount truncated to this unit: 保険税 100円 (地方税法 20条の4の2③); 保険料 1, 10 or
  /// 100円 by 条例.
  Yen rounding_unit = 1;
  /// Per 分 (as every published example found: 豊川, 成田, 名取, 鹿島, 新宮) or on the total.
  RoundingScope rounding_scope = RoundingScope::kPart;
  /// Each reduction (軽減額, 特定世帯 …) truncated to this unit, and for 未就学児 and the
  /// 子ども分 18歳未満 10割 the amount left (1 = to the yen; 100 reproduces 海南市's
  /// table, spec §4.1).
  Yen reduction_unit = 1;
  /// Part-year households: the cap × months ÷ 12 (true: equivalent to capping the annual
  /// amount before 月割, as 銚子市 does) or the full cap (false).
  bool cap_prorated = true;
  /// 子ども分: the 7/5/2 軽減 also reduces the 18歳以上均等割 add-on (spec §3.4 [U]).
  bool keigen_on_adult_addon = true;
  std::vector<MunicipalRelief> reliefs;
  std::string source;  ///< where the rates come from (URL, 条例)
};

inline constexpr int kPerCapitaStages = 6;  ///< gross, 子ども18歳未満, 軽減, 未就学, 旧被扶養, 独自
inline constexpr int kHouseholdStages = 5;  ///< gross, 特定世帯, 軽減, 旧被扶養, 独自

struct CompiledPart {
  bool levied = false;
  Ppm income_rate = 0;
  Ppm asset_rate = 0;
  Yen cap = 0;
  bool former_exempt = false;  ///< 旧被扶養者's 所得割・資産割 exempt in this 分
  /// [tier][stage][category]: a member's annual 均等割 after each stage.
  std::array<std::array<std::array<std::int32_t, kCategoryCount>, kPerCapitaStages>, kTierCount>
      per_capita{};
  /// [tier][stage][status]: the household's annual 平等割 after each stage.
  std::array<std::array<std::array<std::int32_t, kHouseholdStatusCount>, kHouseholdStages>,
             kTierCount>
      household{};
};

struct CompiledSchedule {
  std::array<CompiledPart, kPartCount> parts{};
  Yen rounding_unit = 1;
  bool round_total = false;
  bool cap_prorated = true;
};

/// Checks the schedule against the year's rules (a rate for every 分 in force, caps not
/// above the national ones …) and builds the tables. Throws CalculationError naming the
/// municipality and the 分.
CompiledSchedule Compile(const RateSchedule& s, const NationalRules& rules);

}  // namespace kokuho::premium
