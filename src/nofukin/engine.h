// The 納付金 and 標準保険料率 engine: a pure function of a Case.
//
// For every 分 of the case (docs/nofukin-rules.md):
//   1. 保険料収納必要総額 = Σ expenses − Σ public funds
//   2. C = 保険料収納必要総額 + Σ個別減算 − Σ個別加算          (納付金-stage items)
//   3. B_i = C·{1+α(ε_i−1)}·{β·sI_i + e·sN_i + (1−e)·sH_i}/(1+β)·γ (allocation.h)
//   4. P_i = B_i + 個別加算_i − 個別減算_i − 激変緩和_i         (relief.h, over all 分)
//   5. S_i = P_i + own costs − public funds received            (標準保険料率-stage items)
//   6. F_i = S_i / r_i, and the three kinds of 標準保険料率     (standard_rates.h)
// Σ_i P_i equals the 保険料収納必要総額 to the yen, less the relief paid from pools.
//
//   nofukin::Result r = nofukin::Compute(my_case, {.trace = true});
//   for (const auto& m : r.municipalities) fmt::print("{} {}\n", m.name, m.nofukin_total);
#pragma once

#include "nofukin/model.h"
#include "nofukin/result.h"

namespace kokuho::nofukin {

struct ComputeOptions {
  bool trace = false;  ///< record a TraceStep for every figure (for `kokuho explain`)
  /// Compute each municipality's 標準保険料率 (市町村標準 and own basis). Off: only
  /// F_i = S_i / r_i and the 都道府県標準保険料率, for callers that need the levy totals
  /// alone (sweeps, the web app's recompute); the municipalities' RateSets stay empty.
  bool rates = true;
  /// Keep each municipality's exact w_i, C·w_i·γ and closed amount (MunicipalityPartResult::
  /// weight, base_exact, base_closed) in the Result. Off: those stay 0 (they are formed from
  /// integers only on request: nofukin/integer_allocation.h); every yen, rate and per-分
  /// figure is the same. The trace turns it on.
  bool detail = true;
};

/// Computes the case. Throws CalculationError when a rule cannot be satisfied
/// (e.g. a premium need S_i ≤ 0, or zero totals); input validation is the loader's job.
Result Compute(const Case& input, const ComputeOptions& options = {});

}  // namespace kokuho::nofukin
