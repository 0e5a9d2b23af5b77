// ExplainResult: how every figure of a 納付金 calculation was made, built from the case and
// its result after the engine has computed them (the engine's arithmetic carries no text).
//
// One TraceStep per figure, in the order of the calculation: per 分 the 保険料収納必要総額,
// ε_i, C, γ and its residual, then per municipality the shares, w_i, B_i and the 個別加減算;
// the 激変緩和 per municipality and its funding; per 分 and municipality S_i, F_i and the two
// municipal rates; the 都道府県標準保険料率. `kokuho explain` prints the steps of one
// municipality and 分; the web app shows them.
//
//   nofukin::Result r = nofukin::Compute(c);
//   nofukin::Trace t = nofukin::ExplainResult(c, r, /*with_rates=*/true);
#pragma once

#include "core/trace.h"
#include "nofukin/model.h"
#include "nofukin/result.h"

namespace kokuho::nofukin {

/// `with_rates`: the result has the municipal rates (ComputeOptions::rates), so their steps
/// are written too.
Trace ExplainResult(const Case& c, const Result& r, bool with_rates);

}  // namespace kokuho::nofukin
