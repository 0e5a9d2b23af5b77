#include "nofukin/batch.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>

namespace kokuho::nofukin {

std::vector<Result> ComputeAll(const std::vector<Case>& cases, const ComputeOptions& options,
                               unsigned threads) {
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  threads = std::min<unsigned>(threads, static_cast<unsigned>(std::max<size_t>(1, cases.size())));
  std::vector<Result> results(cases.size());
  std::atomic<size_t> next{0};
  std::exception_ptr error;
  std::mutex error_mutex;
  auto work = [&] {
    // Each thread takes the next case until none is left (cases differ widely in size).
    for (size_t k; (k = next.fetch_add(1)) < cases.size();) {
      try {
        results[k] = Compute(cases[k], options);
      } catch (...) {
        std::lock_guard<std::mutex> lock(error_mutex);
        if (!error) error = std::current_exception();
      }
    }
  };
  std::vector<std::thread> helpers;
  for (unsigned t = 1; t < threads; ++t) helpers.emplace_back(work);
  work();  // the calling thread works too
  for (auto& t : helpers) t.join();
  if (error) std::rethrow_exception(error);
  return results;
}

}  // namespace kokuho::nofukin
