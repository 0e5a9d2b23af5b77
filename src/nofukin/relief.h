// 激変緩和措置 (transition relief), docs/nofukin-rules.md; guideline R3.9 §6(2).
//
// 丈比べ: each municipality's per-capita metric (1人当たり保険料 or 納付金) is
// compared with its base (基準年度 or 前年度). Where it exceeds
//   limit_i = base_i × (1 + 自然増 + x)
// the excess E_i = (metric_i − limit_i) × N_i (yen of the metric) is removed from the
// 納付金 of its 分: 分 k is reduced by need_ik = ⌈E_i × c_ik⌉ yen, where c_ik is the 納付金
// of 分 k that removes one yen of the metric (the candidate's per_part factors, set by the
// engine from ReliefSplit). Each 分 is rounded up on its own, so Σ_k need_ik / (yen of 納付金
// per yen of metric in k) ≥ E_i and the limit holds exactly — rounding the total up and then
// splitting it over 分 with different 収納率 could leave the metric a fraction of a yen above
// (issue 12 item 9). need_i = Σ_k need_ik.
//
// Funding, in this order: held-back decreases (when a decrease floor f < 0 is set,
// a municipality whose metric falls below base × (1 + f) gives up
// Σ_k ⌊(base × (1 + f) − metric) × N × c_ik⌋ yen, only as far as needed, so the metric never
// rises above the floor), then each pool up to its budget. When the funds fall short,
// every need is granted in the same proportion (available / Σ need), to the yen by the
// largest-remainder rule, and the summary says so. A municipality's granted relief (or
// held-back amount) below its need is split over its 分 in proportion to need_ik (largest
// remainder), which never gives a 分 more than its need_ik.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "core/rational.h"
#include "nofukin/model.h"
#include "nofukin/result.h"

namespace kokuho::nofukin {

struct ReliefCandidate {
  std::int64_t insured = 0;  ///< N_i
  Rational metric;           ///< per-capita metric before relief
  std::optional<Yen> base;   ///< per-capita base (none: not compared)
  /// c_ik per 分 (in Case::parts order): the 納付金 of 分 k removed per yen of metric × N.
  /// Σ_k c_ik = κ_i (1 for the 納付金 metric; for the 保険料 metric the 納付金 that lowers
  /// Σ F = Σ S/r by one yen).
  std::vector<Rational> per_part;
};

struct ReliefOutcome {
  std::vector<Yen> need;                             ///< needed to bring the metric to the limit
  std::vector<Yen> relief;                           ///< granted (reduces P)
  std::vector<Yen> contribution;                     ///< held back (increases P)
  std::vector<std::vector<Yen>> relief_parts;        ///< relief per 分 (Case::parts order)
  std::vector<std::vector<Yen>> contribution_parts;  ///< held back per 分
  std::vector<std::optional<Rational>> limit;
  ReliefSummary summary;
};

/// Throws CalculationError when a sum of yen leaves int64.
ReliefOutcome ComputeRelief(const ReliefPolicy& policy,
                            const std::vector<ReliefCandidate>& candidates);

}  // namespace kokuho::nofukin
