// 年齢調整後医療費指数 ε_i by indirect age standardisation (docs/nofukin-rules.md):
//
//   ε_i = Σ_a M_{i,a} / Σ_a (n_{i,a} × m_a)
//
// with M the municipality's medical cost, n its 被保険者数 and m the national
// per-capita cost of age band a (a state-supplied coefficient, guideline §8).
// With high-cost exclusion (高額医療費の共同負担, reading 1 of §1.2.6), M excludes
// the part of claims above the threshold and m is the national cost excluding it.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/rational.h"
#include "nofukin/model.h"

namespace kokuho::nofukin {

/// Exact ε_i. Throws CalculationError when a band has no national cost or the
/// expected cost is zero.
Rational AgeAdjustedIndex(const std::vector<AgeBand>& bands,
                          const std::map<std::string, Rational>& national_per_capita,
                          bool exclude_high_cost);

}  // namespace kokuho::nofukin
