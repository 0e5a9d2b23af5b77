#include "io/input_limits.h"

#include <fmt/format.h>
#include <sys/resource.h>
#include <unistd.h>

#include <charconv>
#include <cstdlib>
#include <iostream>
#include <optional>
#include <string_view>

namespace kokuho {
namespace {

constexpr std::uint64_t kMiB = 1ull << 20;

/// A positive whole number from the environment variable `name`, if set and well-formed.
std::optional<std::uint64_t> EnvNumber(const char* name) {
  const char* value = std::getenv(name);
  if (value == nullptr || *value == '\0') return std::nullopt;
  std::string_view s(value);
  std::uint64_t n = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
  if (ec != std::errc() || end != s.data() + s.size() || n == 0) {
    std::cerr << "kokuho: 注意: 環境変数 " << name << "=" << s.substr(0, 40)
              << " は正の整数ではないので使わず、既定値で計算します\n";
    return std::nullopt;
  }
  return n;
}

/// `n` MiB in bytes, saturating instead of wrapping.
std::uint64_t MiB(std::uint64_t n) { return n > (UINT64_MAX >> 20) ? UINT64_MAX : n << 20; }

}  // namespace

InputLimits LimitsFromEnvironment() {
  InputLimits l;
  l.memory_bytes = PhysicalMemoryBytes();
  if (l.memory_bytes == 0) l.memory_bytes = 16ull << 30;
  if (auto n = EnvNumber("KOKUHO_MAX_DOCUMENT_MB")) l.document_bytes = MiB(*n);
  if (auto n = EnvNumber("KOKUHO_MAX_DOCUMENT_NODES")) l.document_nodes = *n;
  if (auto n = EnvNumber("KOKUHO_MAX_NESTING")) l.nesting_depth = *n > 10'000 ? 10'000 : int(*n);
  if (auto n = EnvNumber("KOKUHO_MAX_TABLE_MB")) l.table_bytes = MiB(*n);
  if (auto n = EnvNumber("KOKUHO_MAX_TABLE_ROWS")) l.table_rows = *n;
  if (auto n = EnvNumber("KOKUHO_MAX_TABLE_COLUMNS")) l.table_columns = *n;
  if (auto n = EnvNumber("KOKUHO_MAX_TABLE_CELLS")) l.table_cells = *n;
  if (auto n = EnvNumber("KOKUHO_MAX_XLSX_UNZIPPED_MB")) l.xlsx_unzipped_bytes = MiB(*n);
  if (auto n = EnvNumber("KOKUHO_MAX_POPULATION_MB")) l.population_bytes = MiB(*n);
  if (auto n = EnvNumber("KOKUHO_MAX_POPULATION_ROWS")) l.population_rows = *n;
  if (auto n = EnvNumber("KOKUHO_MAX_MEMORY_MB")) l.memory_bytes = MiB(*n);
  return l;
}

namespace {

InputLimits& Current() {
  static InputLimits limits = LimitsFromEnvironment();
  return limits;
}

std::string Size(std::uint64_t bytes) {
  if (bytes >= kMiB) return fmt::format("{} MiB", (bytes + kMiB - 1) / kMiB);
  return fmt::format("{} bytes", bytes);
}

}  // namespace

const InputLimits& Limits() { return Current(); }

void SetLimitsForTesting(const InputLimits& limits) { Current() = limits; }

std::uint64_t PhysicalMemoryBytes() {
  const long pages = sysconf(_SC_PHYS_PAGES);
  const long page = sysconf(_SC_PAGESIZE);
  if (pages <= 0 || page <= 0) return 0;
  return static_cast<std::uint64_t>(pages) * static_cast<std::uint64_t>(page);
}

void ApplyMemoryCeiling() {
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
  return;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) || \
    __has_feature(memory_sanitizer)
  return;
#endif
#endif
  rlimit data{};
  if (getrlimit(RLIMIT_DATA, &data) != 0) return;
  const std::uint64_t ceiling = Limits().memory_bytes;
  if (data.rlim_cur != RLIM_INFINITY && data.rlim_cur <= ceiling) return;
  data.rlim_cur = static_cast<rlim_t>(ceiling);
  if (data.rlim_max != RLIM_INFINITY && data.rlim_cur > data.rlim_max)
    data.rlim_cur = data.rlim_max;
  setrlimit(RLIMIT_DATA, &data);
}

std::string OutOfMemoryMessage() {
  return fmt::format(
      "メモリが足りません: 入力がメモリの上限 {} (KOKUHO_MAX_MEMORY_MB、既定はこの機械の"
      "メモリ) を超えます。機械にメモリがあれば KOKUHO_MAX_MEMORY_MB に大きな数 (MiB) を"
      "設定してください (docs/limits.md)",
      Size(Limits().memory_bytes));
}

void CheckFileSize(const std::string& file, std::uint64_t size, std::uint64_t limit,
                   const std::string& what, const std::string& env) {
  if (size <= limit) return;
  throw InputError({file, 0, 0},
                   fmt::format("ファイルが {} あり、{}の上限 {} ({}) を超えています。読むには"
                               " {} に大きな数 (MiB) を設定してください (docs/limits.md)",
                               Size(size), Size(limit), what, env, env));
}

void CheckCount(const SourcePos& pos, std::uint64_t count, std::uint64_t limit,
                const std::string& what, const std::string& env) {
  if (count <= limit) return;
  throw InputError(pos, fmt::format("{}が上限の{}を超えています ({})。読むには {} に大きな数を"
                                    "設定してください (docs/limits.md)",
                                    what, limit, env, env));
}

void CheckMemory(const std::string& file, std::uint64_t bytes, const std::string& what) {
  const std::uint64_t limit = Limits().memory_bytes;
  if (bytes <= limit) return;
  throw InputError({file, 0, 0},
                   fmt::format("{}にはメモリが約 {} 必要で、上限 {} (KOKUHO_MAX_MEMORY_MB、"
                               "既定はこの機械のメモリ) を超えます。機械にメモリがあれば "
                               "KOKUHO_MAX_MEMORY_MB に大きな数 (MiB) を設定してください "
                               "(docs/limits.md)",
                               what, Size(bytes), Size(limit)));
}

}  // namespace kokuho
