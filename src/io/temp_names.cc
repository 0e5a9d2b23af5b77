#include "io/temp_names.h"

#include <fmt/format.h>
#include <signal.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <charconv>
#include <climits>
#include <filesystem>
#include <string_view>
#include <system_error>

namespace kokuho {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kTag = "kokuho-tmp-";

/// 8 hex digits naming this machine: FNV-1a (32-bit) of the host name.
const std::string& HostId() {
  static const std::string id = [] {
    char name[HOST_NAME_MAX + 1] = {};
    if (gethostname(name, sizeof name - 1) != 0) name[0] = '\0';
    std::uint32_t h = 2166136261u;
    for (const char* p = name; *p; ++p) {
      h ^= static_cast<unsigned char>(*p);
      h *= 16777619u;
    }
    return fmt::format("{:08x}", h);
  }();
  return id;
}

/// Whether process `pid` exists (EPERM: it exists, owned by someone else).
bool ProcessExists(pid_t pid) { return kill(pid, 0) == 0 || errno != ESRCH; }

/// The process id in `rest` = "<host>-<pid>-XXXXXX" when <host> is this machine's.
bool OwnPid(std::string_view rest, pid_t& pid) {
  const std::string& host = HostId();
  if (rest.size() < host.size() + 1 || rest.substr(0, host.size()) != host ||
      rest[host.size()] != '-')
    return false;
  rest.remove_prefix(host.size() + 1);
  const size_t dash = rest.find('-');
  if (dash == std::string_view::npos || dash == 0 || rest.size() - dash - 1 != 6) return false;
  for (char c : rest.substr(dash + 1))
    if (!std::isalnum(static_cast<unsigned char>(c))) return false;
  long value = 0;
  auto [end, ec] = std::from_chars(rest.data(), rest.data() + dash, value);
  if (ec != std::errc() || end != rest.data() + dash || value <= 1 || value > INT_MAX) return false;
  pid = static_cast<pid_t>(value);
  return true;
}

}  // namespace

std::string TempNameInfix() {
  return fmt::format("{}{}-{}-", kTag, HostId(), static_cast<long>(getpid()));
}

void RemoveStaleTemps(const std::string& dir, const std::string& prefix, bool directories) {
  std::error_code ec;
  fs::directory_iterator it(dir.empty() ? "." : dir, ec);
  if (ec) return;
  const std::string start = prefix + std::string(kTag);
  for (; it != fs::directory_iterator(); it.increment(ec)) {
    if (ec) return;
    const std::string name = it->path().filename().string();
    if (name.size() <= start.size() || name.compare(0, start.size(), start) != 0) continue;
    pid_t pid = 0;
    if (!OwnPid(std::string_view(name).substr(start.size()), pid) || pid == getpid() ||
        ProcessExists(pid))
      continue;
    std::error_code status_error;
    const fs::file_status st = it->symlink_status(status_error);
    if (status_error) continue;
    std::error_code remove_error;
    if (directories && fs::is_directory(st)) {
      fs::remove_all(it->path(), remove_error);
    } else if (!directories && fs::is_regular_file(st)) {
      fs::remove(it->path(), remove_error);
    }
  }
}

}  // namespace kokuho
