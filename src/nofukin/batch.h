// Many cases at once: a nation is 47 independent prefecture cases, computed on all
// cores. The batch is a loop over the same Compute (engine.h), never a second path.
//
//   std::vector<nofukin::Result> results = nofukin::ComputeAll(prefectures);
#pragma once

#include <vector>

#include "nofukin/engine.h"

namespace kokuho::nofukin {

/// Computes every case (results in the same order) on `threads` threads (0: one per
/// core). The first CalculationError of any case is rethrown after all threads end.
std::vector<Result> ComputeAll(const std::vector<Case>& cases, const ComputeOptions& options = {},
                               unsigned threads = 0);

}  // namespace kokuho::nofukin
