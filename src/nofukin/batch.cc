#include "nofukin/batch.h"

#include "core/parallel.h"

namespace kokuho::nofukin {

std::vector<Result> ComputeAll(const std::vector<Case>& cases, const ComputeOptions& options,
                               unsigned threads) {
  std::vector<Result> results(cases.size());
  // Items handed out one at a time: the cases differ widely in size.
  ParallelForEach(cases.size(), threads,
                  [&](std::size_t k) { results[k] = Compute(cases[k], options); });
  return results;
}

}  // namespace kokuho::nofukin
