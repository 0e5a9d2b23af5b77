// 激変緩和措置 (transition relief), spec/nofukin.md §2; guideline R3.9 §6(2).
//
// 丈比べ: each municipality's per-capita metric (1人当たり保険料 or 納付金) is
// compared with its base (基準年度 or 前年度). Where it exceeds
//   limit_i = base_i × (1 + 自然増 + x)
// the 納付金 is reduced by need_i = ⌈(metric_i − limit_i) × N_i × κ_i⌉ yen, where κ_i
// converts the metric back into 納付金 (1 for 納付金; for 保険料, ΣP/Σ(P/r): the
// 納付金 that lowers the levy F = S/r by one yen). Rounding up makes the limit hold.
//
// Funding, in this order: held-back decreases (when a decrease floor f < 0 is set,
// a municipality whose metric falls below base × (1 + f) gives up
// ⌊(base × (1 + f) − metric) × N × κ⌋ yen, only as far as needed), then each pool
// up to its budget. When the funds fall short, every need is granted in the same
// proportion (available / Σ need), to the yen by the largest-remainder rule, and the
// summary says so.
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
  Rational conversion{1};    ///< κ_i
};

struct ReliefOutcome {
  std::vector<Yen> need;          ///< needed to bring the metric to the limit
  std::vector<Yen> relief;        ///< granted (reduces P_i)
  std::vector<Yen> contribution;  ///< held back (increases P_i)
  std::vector<std::optional<Rational>> limit;
  ReliefSummary summary;
};

ReliefOutcome ComputeRelief(const ReliefPolicy& policy,
                            const std::vector<ReliefCandidate>& candidates);

}  // namespace kokuho::nofukin
