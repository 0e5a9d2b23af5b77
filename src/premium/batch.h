// The microsimulation: every household of a Population prepared once for a fiscal year
// (PrepareAll, on all cores), then levied under the municipalities' compiled schedules
// (LevyAll, on all cores) with per-municipality totals: the 調定額 per 分, 軽減 by tier
// (the 保険基盤安定 amounts), amounts above the caps and capped households, and the
// breakdowns by income decile and household type.
//
// LevyAll runs the same inline LevyHousehold as `kokuho levy`.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <vector>

#include "core/parallel.h"
#include "premium/levy_kernel.h"
#include "premium/population.h"
#include "premium/prepared.h"
#include "premium/rules.h"
#include "premium/schedule.h"

namespace kokuho::premium {

/// Called from one thread now and then with (done, total) households.
using Progress = std::function<void(std::size_t done, std::size_t total)>;

/// Prepares every household (Population::Get + Prepare). `threads` 0 = all cores.
std::vector<PreparedHousehold> PrepareAll(const Population& pop, const NationalRules& rules,
                                          unsigned threads = 0, const Progress& progress = {});

/// Checks household h of a view before it is prepared (throws at the first wrong value).
using HouseholdCheck = std::function<void(std::size_t h)>;

/// The same on a view (columns read in place). With `check`, each household is checked
/// just before it is prepared, on the same thread (one pass over the columns): when a check
/// throws, the rest of its chunk and every household after it are skipped, and the
/// exception of the lowest household is rethrown once every chunk has ended — the error a
/// serial check in row order would have raised.
std::vector<PreparedHousehold> PrepareAll(const PopulationView& pop, const NationalRules& rules,
                                          unsigned threads = 0, const Progress& progress = {},
                                          const HouseholdCheck& check = {});

struct PartTotals {
  Yen amount = 0, income = 0, asset = 0, per_capita = 0, household = 0;
  std::array<Yen, kTierCount> keigen{};  ///< by tier (index 0 unused)
  Yen child = 0, tokutei = 0, preschool = 0, former = 0, birth = 0, municipal = 0;
  Yen over_cap = 0, rounding = 0;
  std::int64_t capped_households = 0;  ///< households whose 分 hit the cap
  std::int64_t levied_households = 0;  ///< households with at least one month in this 分
  void Add(const PartTotals& o);
  /// Adds one household's levy of this 分 (its 軽減 under `tier`).
  void Add(const PartLevy& l, int tier);
};

struct GroupTotals {
  std::int64_t households = 0, members = 0;
  Yen levy = 0;           ///< Σ total
  Yen keigen_income = 0;  ///< Σ 軽減判定所得
};

struct MunicipalityTotals {
  std::int64_t households = 0, members = 0;
  std::array<PartTotals, kPartCount> parts{};
  std::array<std::int64_t, kTierCount> households_by_tier{};
  Yen total = 0, rounding_total = 0;
  std::array<GroupTotals, 10> by_decile{};  ///< by 軽減判定所得 decile of the whole population
  std::array<GroupTotals, kHouseholdTypeCount> by_type{};
  void Add(const MunicipalityTotals& o);
};

/// Households in deciles of 軽減判定所得 by rank (equal-sized groups; ties broken by a fixed
/// scramble of the household's position, so that the quarter of households with no income
/// fill two deciles evenly across municipalities), with each decile's highest income.
struct Deciles {
  std::vector<std::uint8_t> of_household;  ///< 0..9
  std::array<Yen, 10> upper{};             ///< the highest 軽減判定所得 in each decile
};
Deciles AssignDeciles(const std::vector<PreparedHousehold>& prepared);

struct LevyAllResult {
  std::vector<MunicipalityTotals> municipalities;  ///< by municipality index
  std::vector<Yen> household_totals;               ///< per household, when asked for
};

/// Levies every prepared household under schedules[household.municipality].
LevyAllResult LevyAll(const std::vector<PreparedHousehold>& prepared,
                      const std::vector<CompiledSchedule>& schedules, const Deciles& deciles,
                      bool keep_household_totals, unsigned threads = 0,
                      const Progress& progress = {});

/// Where LevyEach writes each household's result: arrays of `prepared.size()` elements
/// owned by the caller (a null pointer skips that column). Household i's values at [i].
struct HouseholdColumns {
  Yen* total = nullptr;                     ///< 年税額・年保険料額
  std::array<Yen*, kPartCount> amount{};    ///< 賦課額 of each 分 (by Part)
  std::array<Yen*, kPartCount> keigen{};    ///< 7・5・2割軽減 of each 分
  std::array<Yen*, kPartCount> over_cap{};  ///< 限度超過額 of each 分
  std::uint8_t* tier = nullptr;             ///< 軽減 tier (KeigenTier)
};

/// Levies every prepared household under schedules[household.municipality] into `out`,
/// column by column (the Python module's per-household arrays; no totals). Without a
/// keigen or over_cap column it runs LevyAmounts (the kernel without the components).
void LevyEach(const std::vector<PreparedHousehold>& prepared,
              const std::vector<CompiledSchedule>& schedules, const HouseholdColumns& out,
              unsigned threads = 0);

/// Σ total over every household, nothing else (the benchmark's and the solver's loop).
Yen LevySum(const std::vector<PreparedHousehold>& prepared,
            const std::vector<CompiledSchedule>& schedules, unsigned threads = 0);

/// The batch loops run on the one pool of core/parallel.h.
using kokuho::ParallelFor;

}  // namespace kokuho::premium
