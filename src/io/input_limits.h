// Resource bounds on users' inputs (docs/limits.md): what any file or request may cost.
//
// Every reader checks what it is about to read or build against one of these limits
// before it allocates, so that a damaged or hostile input ends with a clear InputError
// naming the limit and how to raise it, never with minutes of work or an OOM kill. Each
// limit has a default that is far above any real case and can be raised (or lowered)
// with an environment variable, read once per process:
//
//   KOKUHO_MAX_DOCUMENT_MB=8 kokuho nofukin cases/r9
//
//   const InputLimits& lim = Limits();
//   CheckFileSize(path, size, lim.table_bytes, "a table (CSV/xlsx)", "KOKUHO_MAX_TABLE_MB");
#pragma once

#include <cstdint>
#include <string>

#include "core/error.h"

namespace kokuho {

struct InputLimits {
  /// YAML/JSON documents (prefecture.yaml, scenarios, households, rule and fund files).
  std::uint64_t document_bytes = 8ull << 20;  ///< KOKUHO_MAX_DOCUMENT_MB
  std::uint64_t document_nodes = 1'000'000;   ///< KOKUHO_MAX_DOCUMENT_NODES (aliases expanded)
  int nesting_depth = 64;                     ///< KOKUHO_MAX_NESTING (YAML and JSON)
  /// CSV/xlsx tables read whole (市町村表, rates, KPI, incentive, finance data …).
  std::uint64_t table_bytes = 256ull << 20;  ///< KOKUHO_MAX_TABLE_MB (file on disk)
  std::uint64_t table_rows = 1'048'576;      ///< KOKUHO_MAX_TABLE_ROWS (Excel's maximum)
  std::uint64_t table_columns = 16'384;      ///< KOKUHO_MAX_TABLE_COLUMNS (Excel's maximum)
  /// Cells of one table, header included (each takes about 100 bytes of memory besides its
  /// text, so a file of commas cannot take 100 times its size).
  std::uint64_t table_cells = 32'000'000;  ///< KOKUHO_MAX_TABLE_CELLS
  /// Bytes inflated from one xlsx workbook, all parts together (zip bombs).
  std::uint64_t xlsx_unzipped_bytes = 1ull << 30;  ///< KOKUHO_MAX_XLSX_UNZIPPED_MB
  /// Population files (CSV, xlsx, .kpop): size on disk and household members.
  std::uint64_t population_bytes = 32ull << 30;  ///< KOKUHO_MAX_POPULATION_MB
  std::uint64_t population_rows = 200'000'000;   ///< KOKUHO_MAX_POPULATION_ROWS
  /// Memory that anything sized by an input may take (estimated before allocating, and
  /// the process's data limit in the CLI). Default: the machine's physical memory.
  std::uint64_t memory_bytes = 0;  ///< KOKUHO_MAX_MEMORY_MB
};

/// The limits in force: the defaults above overridden by the environment (read on first
/// use). A malformed value (not a positive whole number) is ignored with the default kept
/// and a warning on stderr.
const InputLimits& Limits();

/// The defaults overridden by the environment variables above (what Limits() starts from).
InputLimits LimitsFromEnvironment();

/// Replaces the limits in force (tests; the fuzz harnesses). Not thread-safe: call it before
/// any reading starts.
void SetLimitsForTesting(const InputLimits& limits);

/// Throws InputError({file, 0, 0}) when `size` exceeds `limit`: "the file is N MiB, more
/// than the limit of M MiB for <what> (KOKUHO_…); raise the limit to read it".
void CheckFileSize(const std::string& file, std::uint64_t size, std::uint64_t limit,
                   const std::string& what, const std::string& env);

/// Throws InputError(pos) when `count` exceeds `limit`: "more than M <what> (KOKUHO_…)".
void CheckCount(const SourcePos& pos, std::uint64_t count, std::uint64_t limit,
                const std::string& what, const std::string& env);

/// Throws InputError({file, 0, 0}) when `bytes` (an estimate of what reading `file` will
/// take) exceeds the memory ceiling, naming KOKUHO_MAX_MEMORY_MB.
void CheckMemory(const std::string& file, std::uint64_t bytes, const std::string& what);

/// Size of the machine's physical memory in bytes (0 if unknown).
std::uint64_t PhysicalMemoryBytes();

/// Sets the process's data limit (RLIMIT_DATA: heap and private mappings) to the memory
/// ceiling unless it is lower already, so that what no estimate foresaw ends in
/// std::bad_alloc — reported by the CLI as a clear error — instead of the kernel's OOM kill.
/// Does nothing in a sanitizer build (the sanitizers map terabytes of shadow memory).
void ApplyMemoryCeiling();

/// The message for std::bad_alloc under the ceiling.
std::string OutOfMemoryMessage();

}  // namespace kokuho
