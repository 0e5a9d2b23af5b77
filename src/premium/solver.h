// The rate solver (`kokuho solve-rates`): the rates a municipality needs so that the levy
// over its population meets a target 賦課総額 for one 分, under its 応能:応益 and 均等:平等
// ratios — honestly, after the caps.
//
// Definition of the levy that must meet the target (docs/premium-rules.md):
//   kBeforeKeigen (default): after the caps and the other statutory reductions, before the
//     7割/5割/2割 軽減. This is the 賦課総額 of the 標準保険料率 step: the 軽減 is paid back
//     to the municipality by 保険基盤安定繰入金 (国保法 72条の3), so it is not a shortfall.
//   kAfterKeigen: after the 軽減 too (what households are billed).
//
// Method: rates proportional to a scale s — 所得割率 = s·a·T / Σ所得割基礎, 均等割 =
// s·(1−a)·e·T / Σ被保険者, 平等割 = s·(1−a)(1−e)·T / Σ世帯 — with s found by bisection on
// the exact levy (monotone in s), then rounded to the units the municipality publishes.
// The scale and the trial rates are doubles only to steer the search: every levy it
// compares with the target is computed in integer yen by the kernel.
#pragma once

#include <vector>

#include "core/part.h"
#include "core/rational.h"
#include "premium/prepared.h"
#include "premium/rules.h"
#include "premium/schedule.h"

namespace kokuho::premium {

enum class SolveBasis { kBeforeKeigen, kAfterKeigen };

struct SolveRequest {
  Part part = Part::kIryo;
  Yen target = 0;             ///< 賦課総額 to meet
  Rational income_share;      ///< 応能割合 a (所得割 / total), in [0, 1]
  Rational per_capita_share;  ///< 均等割 / (均等割 + 平等割), in (0, 1]
  SolveBasis basis = SolveBasis::kBeforeKeigen;
  Ppm rate_step = 100;    ///< publish 所得割率 in steps of 0.01%
  Yen amount_step = 100;  ///< publish 均等割/平等割 in steps of 100円
};

struct SolvedRates {
  Ppm income_rate = 0;
  Yen per_capita = 0;
  Yen per_household = 0;
  Yen levy = 0;  ///< the levy over the population at these rates (basis above)
  Yen income = 0, per_capita_total = 0, household_total = 0;  ///< before reductions
  Yen over_cap = 0;
  std::int64_t capped_households = 0;
};

struct SolveResult {
  SolvedRates exact;      ///< rates to 1 ppm and 1 yen: the smallest scale meeting the target
  SolvedRates published;  ///< rounded to the steps (nearest)
  Yen shortfall = 0;      ///< target − published.levy (negative: a surplus)
  int iterations = 0;
};

/// `households`: the municipality's prepared households (their municipality index is
/// ignored). `base`: its schedule (the other 分 and the options are kept; this 分's rates
/// are replaced). Throws CalculationError when the population has nothing to levy.
SolveResult SolveRates(const std::vector<PreparedHousehold>& households, const RateSchedule& base,
                       const NationalRules& rules, const SolveRequest& request);

}  // namespace kokuho::premium
