// The one thread pool of kokuho: engines split work over it instead of starting their own
// threads. Workers are started once, on first use, and reused by every call (a sweep of a
// thousand variants does not start a thousand sets of threads).
//
//   ParallelFor(households.size(), threads, [&](size_t begin, size_t end, unsigned worker) {
//     for (size_t i = begin; i < end; ++i) Levy(households[i], sums[worker]);
//   });
//   ParallelForEach(cases.size(), threads, [&](size_t k) { results[k] = Compute(cases[k]); });
//
// `threads` 0 means every core. A call made from inside a pool task runs serially on the
// calling thread (no deadlock, no oversubscription). The first exception thrown by a task
// is rethrown to the caller after every task has ended.
#pragma once

#include <cstddef>
#include <functional>

namespace kokuho {

/// The number of cores (at least 1).
unsigned HardwareThreads();

/// fn(begin, end, worker) over [0, n) in `threads` contiguous chunks (fewer when n is
/// small); worker is the chunk's index in [0, threads), for per-worker accumulators.
void ParallelFor(std::size_t n, unsigned threads,
                 const std::function<void(std::size_t, std::size_t, unsigned)>& fn);

/// fn(k) for every k in [0, n), items handed out one at a time (for items of very
/// different sizes, such as the prefectures of a nation).
void ParallelForEach(std::size_t n, unsigned threads, const std::function<void(std::size_t)>& fn);

}  // namespace kokuho
