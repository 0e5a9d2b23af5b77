// Scoring and grant allocation of 保険者努力支援制度 (取組評価分), docs/incentive-format.md
//
// Score() turns each municipality's values (rates, flags) into points per item and
// indicator by the year's rules (rules.h), sums them, and gives 得点率 = points / 満点
// as an exact Rational (reports show it in percent to 1 decimal, rounded half-up, as
// the MHLW analysis table does: 89/110 → 80.9%). AllocateGrant() shares a budget
// in proportion to max(0, points_i) × 被保険者数_i, to the yen, Σ = budget exactly.
//
//   ScoreResult s = Score(rules, entities);
//   s.municipal[0].total;                    // e.g. 655
//   std::vector<Yen> g = AllocateGrant(400'000'000, s.municipal);
//
// Sources: allocation by (points × 被保険者数) — H30 notice 保国発0711第1号 (2017-07-11)
// [V, docs/incentive-format.md]; a negative total counts as 0 [K, docs/incentive-format.md]
// (kokuho's rule until the notice text is read); the rounding to the yen is kokuho's (largest
// remainder, as for 納付金, core/largest_remainder.h) since the notice's 端数 rule was not read.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/rational.h"
#include "core/yen.h"
#include "incentive/rules.h"

namespace kokuho::incentive {

/// One scored body: a municipality (市町村分) or the prefecture (都道府県分).
struct Entity {
  std::string code;  ///< 団体コード (6 digits)
  std::string name;  ///< 名称 (may be empty)
  Level level = Level::kMunicipal;
  std::int64_t insured = 0;                ///< 被保険者数 (退職被保険者を含む)
  std::map<std::string, Rational> values;  ///< by data column; flags as 1 / 0
  std::map<std::string, SourcePos> where;  ///< the cell of each value (for messages)
  SourcePos pos;                           ///< the row
};

/// Points of one indicator and of each of its items (in rule order).
struct IndicatorScore {
  Rational points;
  std::vector<Rational> items;
};

struct EntityScore {
  std::string code;
  std::string name;
  Level level = Level::kMunicipal;
  std::int64_t insured = 0;
  std::string size_class;                  ///< SizeClass key (municipalities)
  std::vector<IndicatorScore> indicators;  ///< in rule order
  Rational total;
  Rational rate;  ///< total / the level's 満点 (may be negative)
};

struct ScoreResult {
  std::vector<EntityScore> municipal;     ///< in data order
  std::optional<EntityScore> prefecture;  ///< the 都道府県分, when the data has its row
  /// Simple mean over the municipalities (市町村平均, as in Nagano's table), per indicator
  /// and in total. Zero when there are no municipalities.
  std::vector<Rational> municipal_average;
  Rational municipal_average_total;
};

/// Points of one item for one entity. `peers` are the municipalities of the data (for
/// kPercentile and kRank ranks within the size class, and kShare shares). Throws CalculationError
/// when a value is missing (the loader guarantees it is not).
Rational ScoreItem(const IncentiveRules& rules, const Item& item, const Entity& e,
                   const std::vector<const Entity*>& peers);

/// Scores every entity. Entities of kPrefectural level: at most one.
ScoreResult Score(const IncentiveRules& rules, const std::vector<Entity>& entities);

/// points / max (exact). max must be positive.
Rational PointRate(const Rational& points, const Rational& max);

/// budget × w_i / Σw with w_i = max(0, total_i) × insured_i, to the yen by the
/// largest-remainder rule (Σ = budget). Throws CalculationError when Σw = 0 (no body
/// with positive points: nothing to share by) or budget < 0.
std::vector<Yen> AllocateGrant(Yen budget, const std::vector<EntityScore>& scores);

/// The weights max(0, total_i) × insured_i of AllocateGrant.
std::vector<Rational> GrantWeights(const std::vector<EntityScore>& scores);

/// 予防・健康づくり支援交付金 事業費連動分 (R7, docs/incentive-format.md): shares `budget` in
/// proportion to `weights` (points × 被保険者数), but no share may exceed caps[i]
/// (= 2 × 事業費分_i); the excess goes to the uncapped ones in proportion to their
/// weights, repeated until no cap binds. Exact shares are then rounded to the yen by
/// the largest remainder (a share at its cap stays at the cap: caps are whole yen).
/// Throws CalculationError when Σ caps < budget or Σ weights = 0.
std::vector<Yen> AllocateWithCaps(Yen budget, const std::vector<Rational>& weights,
                                  const std::vector<Yen>& caps);

}  // namespace kokuho::incentive
