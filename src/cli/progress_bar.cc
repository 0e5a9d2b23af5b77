#include "cli/progress_bar.h"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>

namespace kokuho::cli {

ProgressBar::ProgressBar(std::string label)
    : label_(std::move(label)),
      enabled_(isatty(STDERR_FILENO) == 1),
      start_(std::chrono::steady_clock::now()) {}

ProgressBar::~ProgressBar() {
  if (enabled_ && drawn_) std::fputs("\n", stderr);
}

std::function<void(std::size_t, std::size_t)> ProgressBar::Callback() {
  return [this](std::size_t done, std::size_t total) { Draw(done, total); };
}

void ProgressBar::Draw(std::size_t done, std::size_t total) {
  if (!enabled_ || total == 0) return;
  constexpr int kWidth = 30;
  const int filled = static_cast<int>(done * kWidth / total);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  std::fputs(fmt::format("\r{} [{}{}] {:3}% {:.1f}s", label_, std::string(filled, '#'),
                         std::string(kWidth - filled, ' '), done * 100 / total, seconds)
                 .c_str(),
             stderr);
  std::fflush(stderr);
  drawn_ = true;
}

}  // namespace kokuho::cli
