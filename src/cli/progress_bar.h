// A progress bar on the terminal (stderr) for long runs; silent when stderr is not a
// terminal (CI logs, pipes).
//
//   ProgressBar bar("世帯の準備");
//   premium::PrepareAll(pop, rules, 0, bar.Callback());
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <string>

namespace kokuho::cli {

class ProgressBar {
 public:
  explicit ProgressBar(std::string label);
  ~ProgressBar();
  /// A callback for premium::Progress (done, total).
  std::function<void(std::size_t, std::size_t)> Callback();

 private:
  void Draw(std::size_t done, std::size_t total);
  std::string label_;
  bool enabled_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point start_;
};

}  // namespace kokuho::cli
