// The households of a scenario: one population levied under every year's rates, and the
// distribution of each household's change against the year before and the first year.
//
// The population is a fixed panel: the same households, incomes and ages every year, prepared
// once under one year's national rules. Only the rates move, so every change shown is the
// roadmap's (docs/scenario-format.md, "Households").
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "core/yen.h"
#include "premium/batch.h"
#include "premium/household.h"
#include "premium/population.h"
#include "premium/rules.h"
#include "premium/schedule.h"

namespace kokuho::scenario {

/// Bands of a household's change of levy, in % of the earlier year's levy.
inline constexpr int kChangeBandCount = 9;
/// "20%以上減" … "変化なし" … "20%以上増".
const char* ChangeBandLabel(int band);
/// The band of a change from `before` to `after` yen (before 0 and after > 0: the top band).
int ChangeBand(Yen before, Yen after);

using BandCounts = std::array<std::int64_t, kChangeBandCount>;

struct HouseholdYear {
  std::int64_t households = 0;
  Yen levy_total = 0;                     ///< Σ 調定額
  std::vector<Yen> levy_by_municipality;  ///< by the population's municipality index
  BandCounts change_previous{};           ///< against the year before (all 変化なし in year 1)
  BandCounts change_base{};               ///< against the first year
  std::array<BandCounts, 10> base_by_decile{};  ///< against the first year, by income decile
  std::array<BandCounts, premium::kHouseholdTypeCount> base_by_type{};
  std::array<Yen, 10> levy_by_decile{};
  std::array<Yen, 10> decile_upper{};  ///< the highest 軽減判定所得 of each decile
};

class HouseholdPanel {
 public:
  /// Prepares every household (all cores when threads = 0).
  HouseholdPanel(const premium::Population& population, const premium::NationalRules& rules,
                 unsigned threads = 0);

  /// Levies every household under `schedules` (indexed like population.municipalities) and
  /// compares with the year before and the first year levied.
  HouseholdYear Levy(const std::vector<premium::RateSchedule>& schedules);

  const premium::NationalRules& rules() const { return rules_; }
  const premium::Population& population() const { return population_; }

 private:
  const premium::Population& population_;
  premium::NationalRules rules_;
  unsigned threads_;
  std::vector<premium::PreparedHousehold> prepared_;
  premium::Deciles deciles_;
  std::vector<Yen> base_, previous_;
};

}  // namespace kokuho::scenario
