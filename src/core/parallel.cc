#include "core/parallel.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace kokuho {
namespace {

thread_local bool in_pool_task = false;

// Workers wait for tasks; a caller queues its tasks, runs one itself and waits for the rest.
class Pool {
 public:
  static Pool& Get() {
    static Pool pool;
    return pool;
  }

  // Runs every task (the caller takes part) and rethrows the first exception.
  void Run(std::vector<std::function<void()>>& tasks) {
    if (tasks.empty()) return;
    if (Forked()) {
      // A child forked after the workers started (the fuzz regression tests fork): it has
      // none of their threads, so it runs the tasks itself, in order.
      for (auto& task : tasks) task();
      return;
    }
    std::exception_ptr error;
    std::mutex error_mutex;
    std::size_t left = tasks.size();  // guarded by done_mutex
    std::mutex done_mutex;
    std::condition_variable done;
    auto wrap = [&](std::function<void()>& task) {
      return [&, task_ptr = &task] {
        in_pool_task = true;
        try {
          (*task_ptr)();
        } catch (...) {
          std::lock_guard<std::mutex> lock(error_mutex);
          if (!error) error = std::current_exception();
        }
        in_pool_task = false;
        // Count down under the lock: the caller may return (and destroy these locals) as soon
        // as it sees 0, so nothing here may touch them after the lock is released.
        std::lock_guard<std::mutex> lock(done_mutex);
        if (--left == 0) done.notify_all();
      };
    };
    EnsureWorkers(tasks.size() - 1);
    {
      std::lock_guard<std::mutex> lock(mutex_);
      for (std::size_t i = 1; i < tasks.size(); ++i) queue_.push_back(wrap(tasks[i]));
    }
    cv_.notify_all();
    wrap(tasks[0])();
    {
      std::unique_lock<std::mutex> lock(done_mutex);
      done.wait(lock, [&] { return left == 0; });
    }
    if (error) std::rethrow_exception(error);
  }

  ~Pool() {
    if (Forked()) {
      // The workers' threads live in the parent only: nothing to stop or join here.
      new std::vector<std::thread>(std::move(workers_));  // NOLINT: left to the OS at exit
      return;
    }
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stopping_ = true;
    }
    cv_.notify_all();
    for (auto& t : workers_) t.join();
  }

 private:
  bool Forked() const { return owner_ != 0 && getpid() != owner_; }

  void EnsureWorkers(std::size_t wanted) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (workers_.empty()) owner_ = getpid();
    while (workers_.size() < wanted) workers_.emplace_back([this] { Work(); });
  }

  void Work() {
    for (;;) {
      std::function<void()> task;
      {
        std::unique_lock<std::mutex> lock(mutex_);
        cv_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
        if (queue_.empty()) return;  // stopping
        task = std::move(queue_.front());
        queue_.pop_front();
      }
      task();
    }
  }

  std::mutex mutex_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> queue_;
  std::vector<std::thread> workers_;
  bool stopping_ = false;
  pid_t owner_ = 0;  ///< the process whose threads the workers are
};

unsigned Resolve(unsigned threads, std::size_t n) {
  if (threads == 0) threads = HardwareThreads();
  return static_cast<unsigned>(std::min<std::size_t>(threads, std::max<std::size_t>(1, n)));
}

}  // namespace

unsigned HardwareThreads() { return std::max(1u, std::thread::hardware_concurrency()); }

void ParallelFor(std::size_t n, unsigned threads,
                 const std::function<void(std::size_t, std::size_t, unsigned)>& fn) {
  threads = Resolve(threads, n);
  if (threads <= 1 || in_pool_task) {
    fn(0, n, 0);
    return;
  }
  std::vector<std::function<void()>> tasks;
  for (unsigned t = 0; t < threads; ++t) {
    const std::size_t begin = n * t / threads, end = n * (t + 1) / threads;
    tasks.emplace_back([&fn, begin, end, t] { fn(begin, end, t); });
  }
  Pool::Get().Run(tasks);
}

void ParallelForEach(std::size_t n, unsigned threads, const std::function<void(std::size_t)>& fn) {
  threads = Resolve(threads, n);
  if (threads <= 1 || in_pool_task) {
    for (std::size_t k = 0; k < n; ++k) fn(k);
    return;
  }
  std::atomic<std::size_t> next{0};
  std::vector<std::function<void()>> tasks(threads, [&] {
    for (std::size_t k; (k = next.fetch_add(1)) < n;) fn(k);
  });
  Pool::Get().Run(tasks);
}

}  // namespace kokuho
