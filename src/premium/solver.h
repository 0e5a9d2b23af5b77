// The rate solver (`kokuho solve-rates`): the rates a municipality needs so that the levy
// over its population meets a target 賦課総額 for one 分, under its 応能:応益 and 均等:平等
// ratios — honestly, after the caps.
//
// Definition of the levy that must meet the target (docs/premium-rules.md "solve-rates"):
//   kBeforeKeigen (default): every household levied as if it had no 7割/5割/2割 軽減 (the
//     軽減 tiers replaced by "none"; caps and the other reductions applied).
//   kBilledPlusKeigen: what households are billed plus their 7/5/2割軽減額 — the 課税総額 as
//     地方税法 703条の4③ defines it ("…減額するものとした場合には、その減額することとなる額を
//     含む"), the part of it the 軽減 removes being paid back by 保険基盤安定繰入金
//     (保険料軽減分, 国保法 72条の3). It differs from kBeforeKeigen where a household with
//     軽減 is at its cap (its 軽減額 is counted although the cap held the bill anyway) and
//     where a later reduction (未就学児 ½) works on the reduced amount.
//   kAfterKeigen: what households are billed.
//
// Method: rates proportional to a scale s — 所得割率 = s·a·T / Σ所得割基礎, 均等割 =
// s·(1−a)·e·T / Σ被保険者, 平等割 = s·(1−a)(1−e)·T / Σ世帯 — bracketed over the whole range
// the rates files allow (所得割率 ≤ 50%, 均等割・平等割 ≤ 1,000,000円) and bisected on the
// exact levy (monotone in s). The exact rates are the smallest scale's, rounded up to 1 ppm
// and 1 yen. The published rates (PublishedRounding::kUp, the default) are the smallest
// scale whose rates, each rounded up to its published step, meet the target; then any rate
// that can come down one step with the levy still meeting the target does so (所得割率,
// 均等割, 平等割 in turn, until none can), so no published rate can be lowered by one step
// without missing the target. kNearest rounds the exact scale's rates to the nearest step
// instead (a rounding the user forces; the shortfall says by how much it misses).
// The scale and the trial rates are doubles only to steer the search: every levy compared
// with the target is computed in integer yen by the kernel.
#pragma once

#include <vector>

#include "core/part.h"
#include "core/rational.h"
#include "premium/prepared.h"
#include "premium/rules.h"
#include "premium/schedule.h"

namespace kokuho::premium {

enum class SolveBasis { kBeforeKeigen, kBilledPlusKeigen, kAfterKeigen };
enum class PublishedRounding { kUp, kNearest };

/// The range of rates the rates files accept (readers/rate_schedule_loader.cc), searched whole.
inline constexpr Ppm kMaxSolvedIncomeRate = kPpmOne / 2;  ///< 所得割率 ≤ 50%
inline constexpr Yen kMaxSolvedAmount = 1'000'000;  ///< 均等割・平等割 ≤ 1,000,000円

struct SolveRequest {
  Part part = Part::kIryo;
  Yen target = 0;             ///< 賦課総額 to meet
  Rational income_share;      ///< 応能割合 a (所得割 / total), in [0, 1]
  Rational per_capita_share;  ///< 均等割 / (均等割 + 平等割), in (0, 1]
  SolveBasis basis = SolveBasis::kBeforeKeigen;
  Ppm rate_step = 100;    ///< publish 所得割率 in steps of 0.01%
  Yen amount_step = 100;  ///< publish 均等割/平等割 in steps of 100円
  PublishedRounding rounding = PublishedRounding::kUp;
};

struct SolvedRates {
  Ppm income_rate = 0;
  Yen per_capita = 0;
  Yen per_household = 0;
  Yen levy = 0;  ///< the levy over the population at these rates (basis above)
  Yen income = 0, per_capita_total = 0, household_total = 0;  ///< before reductions
  Yen keigen = 0;  ///< 7/5/2割軽減額 (0 under kBeforeKeigen)
  Yen over_cap = 0;
  std::int64_t capped_households = 0;
};

struct SolveResult {
  SolvedRates exact;      ///< rates to 1 ppm and 1 yen: the smallest scale meeting the target
  SolvedRates published;  ///< at the published steps (see PublishedRounding)
  Yen shortfall = 0;      ///< target − published.levy (negative: a surplus)
  int iterations = 0;     ///< levies evaluated
};

/// The levy of `request.part` over `households` at the given rates, on the request's basis
/// (what the solver compares with the target; exposed for tests and reports).
SolvedRates LevyAt(const std::vector<PreparedHousehold>& households, const RateSchedule& base,
                   const NationalRules& rules, const SolveRequest& request, Ppm income_rate,
                   Yen per_capita, Yen per_household);

/// `households`: the municipality's prepared households (their municipality index is
/// ignored). `base`: its schedule (the other 分 and the options are kept; this 分's rates
/// are replaced). Throws CalculationError when the 分 is not levied in the rules' year, when
/// the population has nothing to levy, or when no rates within the range meet the target.
SolveResult SolveRates(const std::vector<PreparedHousehold>& households, const RateSchedule& base,
                       const NationalRules& rules, const SolveRequest& request);

}  // namespace kokuho::premium
