// RateSchedule: one municipality's levy rates for one fiscal year (its 条例 and 告示), as
// read from a rate file (docs/rates-format.md); CompiledSchedule: the same turned into
// per-tier tables of yen amounts the levy kernel multiplies by member-months.
//
// Options where municipalities differ (docs/premium-rules.md) are fields here, each with the
// default kokuho takes and why.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/part.h"
#include "core/yen.h"
#include "premium/prepared.h"
#include "premium/rules.h"

namespace kokuho::premium {

/// 保険料 (国保法 76条) or 保険税 (地方税法 703条の4).
enum class LevyKind { kRyo, kZei };

/// Which side of a reduction is truncated to the reduction unit. The 政令 defines each
/// reduction as the amount taken off ("減額する額は … 均等割額に十分の五を乗じて得た額":
/// 令和3年 施行令改正の概要, 未就学児), so kokuho truncates that amount and the payer keeps the
/// fraction (kReduction: 海南市 lists its 未就学児 軽減額 as 4,800 / 7,900 / 12,700 / 15,900,
/// i.e. ⌊15,900 ÷ 2⌋ = 7,950 → 7,900 taken off under 5割). Some municipalities truncate the
/// amount left instead (kRemainder: 富士川町's table takes 5,700 off 11,300, leaving 5,600).
enum class ReductionRounding { kReduction, kRemainder };

/// The reduction of `amount` by `ratio` (ppm), truncated on `side` to `unit`. A full
/// reduction (ratio 1, the 子ども分 10割) removes the whole amount whatever the unit.
inline Yen ReductionOf(Yen amount, Ppm ratio, Yen unit, ReductionRounding side) {
  if (ratio >= kPpmOne) return amount;
  if (side == ReductionRounding::kReduction) {
    const Yen exact = static_cast<Yen>(static_cast<__int128>(amount) * ratio / kPpmOne);
    return exact / unit * unit;
  }
  const Yen left = static_cast<Yen>(static_cast<__int128>(amount) * (kPpmOne - ratio) / kPpmOne);
  return amount - left / unit * unit;
}

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
  /// This 分's amount truncated to this unit instead of the schedule's (1 / 10 / 100円; a
  /// 条例 may round 分 differently).
  std::optional<Yen> rounding_unit;
  /// 旧被扶養者減免 and 特定世帯 軽減 in this 分, instead of the national default
  /// (data/premium/national.yaml `former_dependent.parts`, `tokutei_setai.parts`): the
  /// 子ども分 questions of docs/premium-rules.md, where 条例 may differ.
  std::optional<bool> former_relief;
  std::optional<bool> tokutei_relief;
};

/// A municipal 独自減免 (docs/premium-rules.md): a fraction off the 均等割 of some members (after
/// the statutory reliefs), or off the 平等割, in the 分 listed. The member categories say who:
/// kSchool and kPreschool for every member under 18 (二本松市, 鳩山町), kSchool alone for the
/// members under 18 other than 未就学児 (昭島市, whose 未就学児 have the national ½).
struct MunicipalRelief {
  std::string name;
  PartSet parts{};
  std::array<Ppm, kCategoryCount> per_capita_ratio{};  ///< by member category
  Ppm household_ratio = 0;
};

enum class RoundingScope { kPart, kTotal };

/// Where a schedule was read from (readers/rate_schedule_loader.cc), so that a schedule the
/// year's rules refuse is reported at its cell; empty for a schedule built in code.
struct ScheduleCells {
  SourcePos first_part;                      ///< the 分 cell of the first row of the year
  std::array<SourcePos, kPartCount> part{};  ///< the 分 cell of each 分's row
  std::array<SourcePos, kPartCount> cap{};   ///< the 賦課限度額 cell of each 分's row
};

/// A schedule the fiscal year's national rules refuse (Compile): the 分 and what is wrong.
class ScheduleError : public CalculationError {
 public:
  enum Kind { kMissingPart, kPartNotLevied, kCapAboveNational };
  ScheduleError(Kind kind, Part part, const std::string& message)
      : CalculationError(message), kind_(kind), part_(part) {}
  Kind kind() const { return kind_; }
  Part part() const { return part_; }

 private:
  Kind kind_;
  Part part_;
};

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
  /// Each reduction (7/5/2 軽減額, 未就学児, 特定世帯, 旧被扶養者, 独自減免) truncated to this
  /// unit on the side `reduction_rounding` says (1 = to the yen; 100 reproduces 海南市's
  /// 未就学児 table, docs/premium-rules.md). A full reduction (子ども分 18歳未満 10割) takes
  /// everything.
  Yen reduction_unit = 1;
  ReductionRounding reduction_rounding = ReductionRounding::kReduction;
  /// 7/5/2 軽減額 of 均等割 on the household's total 均等割 (成田市's page: 21,000 × 3 =
  /// 63,000 − 2割 12,600) instead of per member (the 条例準則's table of amounts per person,
  /// the default). The two differ only when a member's 軽減額 has a fraction of a yen.
  bool keigen_on_total = false;
  /// The cap applies to the annual amount before 月割 (true: 銚子市, 福岡市 "1年分の保険料 ×
  /// 加入月数 ÷ 12", so a part-year household's cap is 限度額 × months ÷ 12) or to the amount
  /// after 月割 (false: the full cap).
  bool cap_prorated = true;
  /// 子ども分: the 7/5/2 軽減 also reduces the 18歳以上均等割 add-on (docs/premium-rules.md [U]).
  bool keigen_on_adult_addon = true;
  std::vector<MunicipalRelief> reliefs;
  std::string source;  ///< where the rates come from (URL, 条例)
  ScheduleCells cells;
};

inline constexpr int kPerCapitaStages = 6;  ///< gross, 子ども18歳未満, 軽減, 未就学, 旧被扶養, 独自
inline constexpr int kHouseholdStages = 5;  ///< gross, 特定世帯, 軽減, 旧被扶養, 独自

struct CompiledPart {
  bool levied = false;
  Ppm income_rate = 0;
  Ppm asset_rate = 0;
  Yen cap = 0;
  bool former_exempt = false;  ///< 旧被扶養者's 所得割・資産割 exempt in this 分
  /// keigen_on_total: the 7/5/2 軽減 of 均等割 worked out on the household's total of
  /// `keigen_base` (a member's 均等割 subject to 軽減, by category) at the tier's ratio.
  bool keigen_on_total = false;
  std::array<Ppm, kTierCount> keigen_ratio{};
  std::array<std::int32_t, kCategoryCount> keigen_base{};
  Yen reduction_unit = 1;
  ReductionRounding reduction_rounding = ReductionRounding::kReduction;
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
  std::array<Yen, kPartCount> rounding_unit{1, 1, 1, 1};  ///< per 分
  Yen total_unit = 1;                                     ///< round_total: the unit of the total
  bool round_total = false;
  bool cap_prorated = true;
};

/// Checks the schedule against the year's rules (a rate for every 分 in force, caps not
/// above the national ones …) and builds the tables. Throws ScheduleError naming the
/// municipality and the 分 (`cells` tells a front end where that is in the rate file).
CompiledSchedule Compile(const RateSchedule& s, const NationalRules& rules);

}  // namespace kokuho::premium
