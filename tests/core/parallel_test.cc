#include "core/parallel.h"

#include <gtest/gtest.h>

#include <atomic>
#include <numeric>
#include <stdexcept>
#include <vector>

namespace kokuho {
namespace {

TEST(ParallelFor, CoversEveryIndexOnceInContiguousChunks) {
  std::vector<int> hits(1000, 0);
  ParallelFor(hits.size(), 4, [&](std::size_t begin, std::size_t end, unsigned) {
    for (std::size_t i = begin; i < end; ++i) ++hits[i];
  });
  for (int h : hits) ASSERT_EQ(h, 1);
}

TEST(ParallelFor, RethrowsTheTasksExceptionAfterEveryTaskEnded) {
  std::atomic<int> ended{0};
  EXPECT_THROW(ParallelFor(8, 4,
                           [&](std::size_t begin, std::size_t, unsigned) {
                             ended.fetch_add(1);
                             if (begin == 0) throw std::runtime_error("first chunk");
                           }),
               std::runtime_error);
  EXPECT_EQ(ended.load(), 4);
}

// Regression (CI, fuzz_kpop): a worker counted down and then locked a mutex of the caller's
// frame, which the caller could already have left. Thousands of tiny calls in a row make
// the window likely; under ASan/TSan the old code fails here.
TEST(ParallelFor, ManyTinyCallsInARowNeverTouchAFinishedCall) {
  long long total = 0;
  for (int round = 0; round < 20000; ++round) {
    std::vector<long long> sums(2, 0);
    ParallelFor(2, 2, [&](std::size_t begin, std::size_t end, unsigned worker) {
      for (std::size_t i = begin; i < end; ++i) sums[worker] += static_cast<long long>(i) + 1;
    });
    total += sums[0] + sums[1];
  }
  EXPECT_EQ(total, 20000LL * 3);
}

TEST(ParallelForEach, NestedCallsRunSeriallyInsideATask) {
  std::vector<long long> out(16, 0);
  ParallelForEach(out.size(), 4, [&](std::size_t k) {
    std::vector<long long> inner(10, 0);
    ParallelFor(inner.size(), 4, [&](std::size_t b, std::size_t e, unsigned) {
      for (std::size_t i = b; i < e; ++i) inner[i] = static_cast<long long>(k * i);
    });
    out[k] = std::accumulate(inner.begin(), inner.end(), 0LL);
  });
  for (std::size_t k = 0; k < out.size(); ++k) EXPECT_EQ(out[k], static_cast<long long>(k * 45));
}

}  // namespace
}  // namespace kokuho
