#include "cli/terminal_width.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>

namespace kokuho::cli {
namespace {

constexpr int kDefaultWidth = 80;  // a terminal that does not report its size

std::optional<int> ColumnsVariable() {
  const char* env = std::getenv("COLUMNS");
  if (env == nullptr || *env == '\0') return std::nullopt;
  char* end = nullptr;
  errno = 0;
  const long v = std::strtol(env, &end, 10);
  if (errno != 0 || *end != '\0' || v < 1 || v > 100'000) return std::nullopt;
  return static_cast<int>(v);
}

}  // namespace

std::optional<int> TableFitWidth() {
  if (std::optional<int> columns = ColumnsVariable()) return columns;
  if (isatty(STDOUT_FILENO) != 1) return std::nullopt;
  winsize ws{};
  if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col;
  return kDefaultWidth;
}

}  // namespace kokuho::cli
