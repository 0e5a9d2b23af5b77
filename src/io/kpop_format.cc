#include "io/kpop_format.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xxhash.h>

#include <algorithm>
#include <atomic>
#include <bit>
#include <cerrno>
#include <cstring>
#include <functional>
#include <map>
#include <stdexcept>
#include <thread>
#include <type_traits>
#include <vector>

#include "core/error.h"
#include "core/parallel.h"
#include "io/atomic_file_writer.h"
#include "io/encoding.h"
#include "io/input_limits.h"
#include "io/positioned_read.h"

namespace kokuho {
namespace {

// The columns are the host's integers written as they lie in memory.
static_assert(std::endian::native == std::endian::little,
              ".kpop files are little-endian; add byte swapping for big-endian hosts");

using premium::Population;

constexpr char kMagic[10] = {'K', 'O', 'K', 'U', 'H', 'O', 'P', 'O', 'P', '\0'};
constexpr std::uint64_t kHeaderSize = 64, kEntrySize = 64, kAlign = 64, kNameSize = 32;
constexpr std::uint32_t kMaxColumns = 4096;

// Header fields (byte offsets).
constexpr std::size_t kVersionAt = 12, kHouseholdsAt = 16, kMembersAt = 24,
                      kMunicipalityCountAt = 32, kColumnCountAt = 36, kDirectoryAt = 40,
                      kFileSizeAt = 48, kChecksumAt = 56;
// Directory entry fields.
constexpr std::size_t kTypeAt = 32, kElementSizeAt = 33, kCountAt = 40, kOffsetAt = 48,
                      kColumnChecksumAt = 56;

/// Which count a column has: one per household, households + 1, or one per member.
enum class Extent { kHouseholds, kOffsets, kMembers };

/// Calls f(name, extent, vector) for every column, in file order.
template <typename P, typename F>
void ForEachColumn(P& p, F&& f) {
  f("household_id", Extent::kHouseholds, p.household_id);
  f("municipality", Extent::kHouseholds, p.municipality);
  f("tokutei_since", Extent::kHouseholds, p.tokutei_since);
  f("member_offset", Extent::kOffsets, p.member_offset);
  f("birth_date", Extent::kMembers, p.birth_date);
  f("flags", Extent::kMembers, p.flags);
  f("joined", Extent::kMembers, p.joined);
  f("left", Extent::kMembers, p.left);
  f("salary_revenue", Extent::kMembers, p.salary_revenue);
  f("family_salary", Extent::kMembers, p.family_salary);
  f("pension_revenue", Extent::kMembers, p.pension_revenue);
  f("business", Extent::kMembers, p.business);
  f("family_salary_paid", Extent::kMembers, p.family_salary_paid);
  f("other_income", Extent::kMembers, p.other_income);
  f("land_gains", Extent::kMembers, p.land_gains);
  f("land_gains_deduction", Extent::kMembers, p.land_gains_deduction);
  f("total_income", Extent::kMembers, p.total_income);
  f("reduction_income", Extent::kMembers, p.reduction_income);
  f("fixed_asset_tax", Extent::kMembers, p.fixed_asset_tax);
  f("former_dependent_since", Extent::kMembers, p.former_dependent_since);
  f("unemployment_separation", Extent::kMembers, p.unemployment_separation);
  f("unemployment_reason", Extent::kMembers, p.unemployment_reason);
  f("birth_month", Extent::kMembers, p.birth_month);
}

template <typename T>
constexpr char TypeCode() {
  return std::is_signed_v<T> ? 'i' : 'u';
}

std::uint64_t AlignUp(std::uint64_t x) { return (x + kAlign - 1) / kAlign * kAlign; }

template <typename T>
void Put(std::string& buf, std::size_t at, T v) {
  std::memcpy(buf.data() + at, &v, sizeof v);
}
template <typename T>
T Get(const std::string& buf, std::size_t at) {
  T v;
  std::memcpy(&v, buf.data() + at, sizeof v);
  return v;
}

/// The element count a column must have.
std::uint64_t ExpectedCount(Extent e, std::uint64_t households, std::uint64_t members) {
  switch (e) {
    case Extent::kHouseholds:
      return households;
    case Extent::kOffsets:
      return households == 0 ? 0 : households + 1;
    case Extent::kMembers:
      return members;
  }
  return 0;
}

/// XXH64 of the metadata [0, end) with the checksum field taken as zero.
std::uint64_t MetadataChecksum(std::string meta) {
  Put<std::uint64_t>(meta, kChecksumAt, 0);
  return XXH64(meta.data(), meta.size(), 0);
}

[[noreturn]] void Fail(const std::string& path, std::uint64_t offset, const std::string& what) {
  throw InputError({path, 0, 0}, fmt::format("{}バイト目: {}", offset, what));
}

/// A structural fault of a .kpop file: the detail (for a bug report) in parentheses.
[[noreturn]] void Damaged(const std::string& path, std::uint64_t offset,
                          const std::string& detail) {
  Fail(path, offset,
       "ファイルが壊れています。kokuho synth などで作り直してください (" + detail + ")");
}

/// An open file descriptor, closed on scope exit.
struct Fd {
  int fd = -1;
  ~Fd() {
    if (fd >= 0) close(fd);
  }
};

struct Entry {
  char type = 0;
  std::uint8_t element_size = 0;
  std::uint64_t count = 0, offset = 0, checksum = 0;
};

/// Runs the tasks on up to two threads, largest first; rethrows the error of the
/// first failing task in task order (so the message does not depend on timing).
void RunTasks(std::vector<std::pair<std::uint64_t, std::function<void()>>>& tasks) {
  std::vector<std::size_t> order(tasks.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return tasks[a].first > tasks[b].first; });
  std::vector<std::exception_ptr> errors(tasks.size());
  // Two writers at most: the disk, not the CPU, bounds this.
  ParallelForEach(order.size(), 2, [&](std::size_t k) {
    try {
      tasks[order[k]].second();
    } catch (...) {
      errors[order[k]] = std::current_exception();
    }
  });
  for (auto& e : errors)
    if (e) std::rethrow_exception(e);
}

void CheckConsistent(const Population& pop) {
  const std::uint64_t hh = pop.households(), mm = pop.members();
  ForEachColumn(pop, [&](const char* name, Extent e, const auto& v) {
    if (v.size() != ExpectedCount(e, hh, mm) &&
        !(e == Extent::kOffsets && hh == 0 && v.size() == 1))
      throw std::invalid_argument(fmt::format("WriteKpop: column {} has {} elements, expected {}",
                                              name, v.size(), ExpectedCount(e, hh, mm)));
  });
  if (hh > 0 && pop.member_offset.back() != mm)
    throw std::invalid_argument("WriteKpop: member_offset does not end at the member count");
  if (pop.municipalities.size() > 65535)
    throw std::invalid_argument("WriteKpop: more than 65,535 municipalities");
}

}  // namespace

void WriteKpop(const std::string& path, const Population& pop) {
  CheckConsistent(pop);
  const std::uint64_t hh = pop.households(), mm = pop.members();

  // Municipality table: uint16 length + bytes per code.
  std::string table;
  for (const std::string& code : pop.municipalities) {
    if (code.size() > 65535) throw std::invalid_argument("WriteKpop: municipality code too long");
    const std::uint16_t n = static_cast<std::uint16_t>(code.size());
    table.append(reinterpret_cast<const char*>(&n), 2);
    table += code;
  }
  std::uint32_t columns = 0;
  ForEachColumn(pop, [&](const char*, Extent, const auto&) { ++columns; });
  const std::uint64_t directory = AlignUp(kHeaderSize + table.size());
  const std::uint64_t meta_end = directory + columns * kEntrySize;

  std::string meta(meta_end, '\0');
  std::memcpy(meta.data(), kMagic, sizeof kMagic);
  Put<std::uint32_t>(meta, kVersionAt, kKpopVersion);
  Put<std::uint64_t>(meta, kHouseholdsAt, hh);
  Put<std::uint64_t>(meta, kMembersAt, mm);
  Put<std::uint32_t>(meta, kMunicipalityCountAt,
                     static_cast<std::uint32_t>(pop.municipalities.size()));
  Put<std::uint32_t>(meta, kColumnCountAt, columns);
  Put<std::uint64_t>(meta, kDirectoryAt, directory);
  std::memcpy(meta.data() + kHeaderSize, table.data(), table.size());

  // Directory entries; column data follows at 64-byte aligned offsets, and the file ends
  // right after the last column.
  std::uint64_t offset = AlignUp(meta_end), file_size = meta_end;
  std::size_t k = 0;
  ForEachColumn(pop, [&](const char* name, Extent, const auto& v) {
    using T = typename std::decay_t<decltype(v)>::value_type;
    const std::size_t at = directory + k * kEntrySize;
    std::memcpy(meta.data() + at, name, std::strlen(name));
    meta[at + kTypeAt] = TypeCode<T>();
    meta[at + kElementSizeAt] = static_cast<char>(sizeof(T));
    Put<std::uint64_t>(meta, at + kCountAt, v.size());
    Put<std::uint64_t>(meta, at + kOffsetAt, offset);
    Put<std::uint64_t>(meta, at + kColumnChecksumAt, XXH64(v.data(), v.size() * sizeof(T), 0));
    file_size = offset + v.size() * sizeof(T);
    offset = AlignUp(file_size);
    ++k;
  });
  Put<std::uint64_t>(meta, kFileSizeAt, file_size);
  Put<std::uint64_t>(meta, kChecksumAt, MetadataChecksum(meta));

  AtomicFileWriter out(path);
  out.Write(meta.data(), meta.size());
  ForEachColumn(pop, [&](const char*, Extent, const auto& v) {
    using T = typename std::decay_t<decltype(v)>::value_type;
    out.WriteZeros(AlignUp(out.size()) - out.size());
    out.Write(v.data(), v.size() * sizeof(T));
  });
  out.Commit();
}

Population ReadKpop(const std::string& path) {
  Fd f;
  f.fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  struct stat st;
  if (f.fd < 0 || fstat(f.fd, &st) != 0 || !S_ISREG(st.st_mode))
    throw InputError({path, 0, 0}, CannotOpenMessage(path));
  const std::uint64_t actual = static_cast<std::uint64_t>(st.st_size);

  std::string header(kHeaderSize, '\0');
  const std::size_t got = static_cast<std::size_t>(std::min<std::uint64_t>(actual, kHeaderSize));
  if (!ReadAt(f.fd, header.data(), got, 0))
    throw InputError({path, 0, 0}, "ファイルを読めません (読み取り中の失敗)");
  if (got < sizeof kMagic || std::memcmp(header.data(), kMagic, sizeof kMagic) != 0)
    Fail(path, 0,
         "kokuho の被保険者ファイル (.kpop) ではありません (先頭に \"KOKUHOPOP\" がありません)");
  if (got < kHeaderSize)
    Fail(path, got,
         fmt::format("ファイルが途中で切れています ({}バイトで、ヘッダーの{}バイトより短い)",
                     actual, kHeaderSize));
  const std::uint32_t version = Get<std::uint32_t>(header, kVersionAt);
  if (version != kKpopVersion)
    Fail(path, kVersionAt,
         fmt::format("形式の版 {} は読めません (この kokuho が読むのは版 {})。この kokuho で"
                     "ファイルを作り直してください",
                     version, kKpopVersion));
  const std::uint64_t hh = Get<std::uint64_t>(header, kHouseholdsAt);
  const std::uint64_t mm = Get<std::uint64_t>(header, kMembersAt);
  const std::uint32_t municipality_count = Get<std::uint32_t>(header, kMunicipalityCountAt);
  const std::uint32_t columns = Get<std::uint32_t>(header, kColumnCountAt);
  const std::uint64_t directory = Get<std::uint64_t>(header, kDirectoryAt);
  const std::uint64_t file_size = Get<std::uint64_t>(header, kFileSizeAt);
  if (actual < file_size)
    Fail(path, actual,
         fmt::format("ファイルが途中で切れています (ヘッダーでは{}バイト、実際は{}バイト)",
                     file_size, actual));
  if (actual > file_size)
    Fail(path, file_size,
         fmt::format("ヘッダーの示す終わりの後に余分な{}バイトがあります", actual - file_size));
  // Overflow-safe: directory + columns·64 ≤ file_size without computing a sum that can wrap
  // (a directory offset near 2^64 would otherwise pass and point past the buffer).
  if (columns > kMaxColumns || directory < kHeaderSize || directory > file_size ||
      std::uint64_t{columns} * kEntrySize > file_size - directory)
    Fail(path, kDirectoryAt, "列の目次がファイルの外を指しています。ファイルが壊れています");
  CheckFileSize(path, file_size, Limits().population_bytes, "被保険者ファイル (.kpop)",
                "KOKUHO_MAX_POPULATION_MB");
  CheckMemory(path, file_size, "この被保険者ファイルの読み込み");
  CheckCount({path, 0, 0}, mm, Limits().population_rows, "世帯員の数",
             "KOKUHO_MAX_POPULATION_ROWS");
  const std::uint64_t meta_end = directory + std::uint64_t{columns} * kEntrySize;

  std::string meta(meta_end, '\0');
  if (!ReadAt(f.fd, meta.data(), meta.size(), 0)) Fail(path, 0, "メタデータを読めません");
  if (MetadataChecksum(meta) != Get<std::uint64_t>(meta, kChecksumAt))
    Fail(path, kChecksumAt,
         "ヘッダー・市町村表・列の目次のチェックサムが合いません。ファイルが壊れています");

  Population pop;
  std::size_t at = kHeaderSize;
  for (std::uint32_t i = 0; i < municipality_count; ++i) {
    if (at + 2 > directory) Damaged(path, at, "municipality table runs into the column directory");
    const std::uint16_t n = Get<std::uint16_t>(meta, at);
    if (at + 2 + n > directory)
      Damaged(path, at, "municipality table runs into the column directory");
    pop.municipalities.emplace_back(meta.data() + at + 2, n);
    at += 2 + n;
  }

  std::map<std::string, Entry, std::less<>> entries;
  for (std::uint32_t i = 0; i < columns; ++i) {
    const std::size_t e = directory + std::size_t{i} * kEntrySize;
    const char* name = meta.data() + e;
    Entry entry;
    entry.type = meta[e + kTypeAt];
    entry.element_size = static_cast<std::uint8_t>(meta[e + kElementSizeAt]);
    entry.count = Get<std::uint64_t>(meta, e + kCountAt);
    entry.offset = Get<std::uint64_t>(meta, e + kOffsetAt);
    entry.checksum = Get<std::uint64_t>(meta, e + kColumnChecksumAt);
    entries.emplace(std::string(name, strnlen(name, kNameSize)), entry);
  }

  std::vector<std::pair<std::uint64_t, std::function<void()>>> tasks;
  ForEachColumn(pop, [&](const char* name, Extent extent, auto& v) {
    using T = typename std::decay_t<decltype(v)>::value_type;
    auto it = entries.find(std::string_view(name));
    if (it == entries.end())
      Damaged(path, directory, fmt::format("column '{}' is missing from the directory", name));
    const Entry& e = it->second;
    if (e.type != TypeCode<T>() || e.element_size != sizeof(T))
      Damaged(path, directory,
              fmt::format("column '{}' has elements of type {}{}, expected {}{}", name,
                          e.type >= 32 && e.type < 127 ? e.type : '?', int{e.element_size} * 8,
                          TypeCode<T>(), sizeof(T) * 8));
    const std::uint64_t expected = ExpectedCount(extent, hh, mm);
    if (e.count != expected && !(extent == Extent::kOffsets && hh == 0 && e.count == 1))
      Damaged(path, directory,
              fmt::format("column '{}' has {} elements, expected {}", name, e.count, expected));
    // count ≤ file_size / sizeof(T) first, so that bytes cannot wrap; then offset + bytes ≤
    // file_size written as a subtraction that cannot wrap either.
    const std::uint64_t bytes = e.count <= file_size / sizeof(T) ? e.count * sizeof(T) : 0;
    if (e.count > file_size / sizeof(T) || e.offset % kAlign != 0 || e.offset < meta_end ||
        e.offset > file_size || bytes > file_size - e.offset)
      Damaged(path, e.offset,
              fmt::format("column '{}' lies outside the file (or is not 64-byte aligned)", name));
    tasks.emplace_back(bytes, [&v, e, bytes, name, &path, fd = f.fd] {
      v.resize(e.count);
      if (!ReadAt(fd, v.data(), bytes, e.offset))
        Damaged(path, e.offset, fmt::format("cannot read column '{}'", name));
      if (XXH64(v.data(), bytes, 0) != e.checksum)
        Damaged(
            path, e.offset,
            fmt::format("checksum mismatch in column '{}' (bytes {} to {}): the file is damaged",
                        name, e.offset, e.offset + bytes));
    });
  });
  RunTasks(tasks);

  // Structure: member offsets from 0, monotone, ending at the member count; birth dates;
  // municipality indexes inside the table.
  if (hh > 0) {
    const std::uint32_t* off = pop.member_offset.data();
    if (off[0] != 0)
      Damaged(path, entries["member_offset"].offset, "member_offset does not start at 0");
    for (std::uint64_t h = 0; h < hh; ++h)
      if (off[h + 1] < off[h])
        Damaged(path, entries["member_offset"].offset + (h + 1) * 4,
                fmt::format("member offsets are not monotone at household index {}", h + 1));
    if (off[hh] != mm)
      Damaged(path, entries["member_offset"].offset + hh * 4,
              fmt::format("member offsets end at {}, expected the member count {}", off[hh], mm));
  }
  // Every member has a birth date (Population::Get needs one).
  const std::int32_t* birth = pop.birth_date.data();
  for (std::uint64_t i = 0; i < mm; ++i)
    if (birth[i] == 0)
      Damaged(path, entries["birth_date"].offset + i * 4,
              fmt::format("member index {} has no birth date", i));
  const std::uint16_t* mu = pop.municipality.data();
  std::uint16_t max_index = 0;
  for (std::uint64_t h = 0; h < hh; ++h) max_index = std::max(max_index, mu[h]);
  if (hh > 0 && max_index >= municipality_count) {
    std::uint64_t h = 0;
    while (mu[h] < municipality_count) ++h;
    Damaged(path, entries["municipality"].offset + h * 2,
            fmt::format("municipality index {} of household index {} is out of range (the table "
                        "has {} municipalities)",
                        mu[h], h, municipality_count));
  }
  return pop;
}

}  // namespace kokuho
