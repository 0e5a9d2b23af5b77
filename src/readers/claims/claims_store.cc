#include "readers/claims/claims_store.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xxhash.h>

#include <bit>
#include <cerrno>
#include <cstring>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <type_traits>

#include "core/error.h"
#include "io/atomic_file_writer.h"
#include "io/encoding.h"
#include "io/positioned_read.h"

namespace kokuho {
namespace {

static_assert(std::endian::native == std::endian::little,
              ".kclm files are little-endian; add byte swapping for big-endian hosts");

using claims::ClaimBatch;
using claims::DayCount;
using claims::Diagnosis;
using claims::Item;
using claims::Receipt;
using claims::Record;
using json = nlohmann::ordered_json;

constexpr char kMagic[10] = {'K', 'O', 'K', 'U', 'H', 'O', 'C', 'L', 'M', '\0'};
constexpr char kEndMagic[8] = {'K', 'C', 'L', 'M', 'E', 'N', 'D', '\0'};
constexpr std::uint64_t kHeaderSize = 64, kTrailerSize = 64, kEntrySize = 64, kAlign = 64,
                        kNameSize = 24;
constexpr std::uint64_t kMaxEntries = 1u << 24;
// Header: magic (10), version u32 at 12. Trailer fields (offsets within the trailer).
constexpr std::size_t kVersionAt = 12;
constexpr std::size_t kTVersion = 8, kTBlocks = 12, kTMetaOffset = 16, kTMetaSize = 24,
                      kTDirOffset = 32, kTDirCount = 40, kTMetaSum = 48, kTDirSum = 56;
// Directory entry fields.
constexpr std::size_t kEBlock = 24, kEType = 28, kESize = 29, kECount = 32, kEOffset = 40,
                      kESum = 48;

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
template <typename T>
constexpr char TypeCode() {
  return std::is_signed_v<T> ? 'i' : 'u';
}
std::uint64_t AlignUp(std::uint64_t x) { return (x + kAlign - 1) / kAlign * kAlign; }

// Calls v(name, member) for every column of a row type, in file order. Positions that follow
// from the order (a receipt's first record / item / diagnosis, a record's text offset, an
// item's first day, the receipt of an item or diagnosis) are not stored: they are rebuilt
// on read from the counts, so they cannot disagree with them.
template <typename V>
void ReceiptColumns(V&& v) {
  v("receipt.file", &Receipt::file);
  v("receipt.record_count", &Receipt::record_count);
  v("receipt.item_count", &Receipt::item_count);
  v("receipt.diag_count", &Receipt::diagnosis_count);
  v("receipt.number", &Receipt::number);
  v("receipt.type", &Receipt::type);
  v("receipt.month", &Receipt::month);
  v("receipt.birth_date", &Receipt::birth_date);
  v("receipt.admission", &Receipt::admission_date);
  v("receipt.sex", &Receipt::sex);
  v("receipt.has_insurance", &Receipt::has_insurance);
  v("receipt.kohi_count", &Receipt::kohi_count);
  v("receipt.claim_count", &Receipt::claim_count);
  v("receipt.ins_points", &Receipt::insurance_points);
  v("receipt.ins_days", &Receipt::insurance_days);
  v("receipt.primary_points", &Receipt::primary_points);
}
template <typename V>
void RecordColumns(V&& v) {
  v("record.text_size", &Record::text_size);
  v("record.line", &Record::line);
  v("record.type", &Record::type);
  v("record.field_count", &Record::field_count);
  v("record.prefix", &Record::prefix_fields);
}
template <typename V>
void ItemColumns(V&& v) {
  v("item.record", &Item::record);
  v("item.type", &Item::type);
  v("item.category", &Item::category);
  v("item.burden", &Item::burden);
  v("item.code", &Item::code);
  v("item.quantity", &Item::quantity);
  v("item.points", &Item::points);
  v("item.count", &Item::count);
  v("item.unit", &Item::unit);
  v("item.day_count", &Item::day_count);
}
template <typename V>
void DayColumns(V&& v) {
  v("day.day", &DayCount::day);
  v("day.count", &DayCount::count);
}
template <typename V>
void DiagnosisColumns(V&& v) {
  v("diag.record", &Diagnosis::record);
  v("diag.code", &Diagnosis::code);
  v("diag.start_date", &Diagnosis::start_date);
  v("diag.outcome", &Diagnosis::outcome);
  v("diag.main", &Diagnosis::main);
}
constexpr const char* kKohiColumns[4] = {"receipt.kohi1_points", "receipt.kohi2_points",
                                         "receipt.kohi3_points", "receipt.kohi4_points"};

json DiagnosticJson(const claims::Diagnostic& d) {
  json j;
  j["severity"] = d.severity == claims::Severity::kError ? "error" : "warning";
  j["file"] = d.file;
  j["line"] = d.line;
  j["column"] = d.column;
  j["message"] = d.message;
  j["receipt"] = d.receipt;
  return j;
}
claims::Diagnostic DiagnosticFromJson(const json& j) {
  claims::Diagnostic d;
  d.severity = j.at("severity").get<std::string>() == "error" ? claims::Severity::kError
                                                              : claims::Severity::kWarning;
  d.file = j.at("file").get<std::string>();
  d.line = j.at("line").get<std::uint32_t>();
  d.column = j.at("column").get<std::uint32_t>();
  d.message = j.at("message").get<std::string>();
  d.receipt = j.at("receipt").get<std::int64_t>();
  return d;
}

json FileJson(const claims::FileSummary& f) {
  json j;
  j["name"] = f.name;
  j["table"] = static_cast<int>(f.table);
  j["encoding"] = static_cast<int>(f.encoding);
  j["insurer_prefix"] = f.insurer_prefix;
  j["header_records"] = f.header_records;
  j["trailer_records"] = f.trailer_records;
  j["payer"] = f.payer;
  j["prefecture"] = f.prefecture;
  j["institution"] = f.institution;
  j["billing_month"] = f.billing_month;
  j["volume"] = f.volume;
  j["header_line"] = f.header_line;
  j["has_trailer"] = f.has_trailer;
  j["trailer_line"] = f.trailer_line;
  j["go_count"] = f.go_count;
  j["go_points"] = f.go_points;
  j["go_volume"] = f.go_volume;
  j["counted"] = f.counted;
  j["points"] = f.points;
  j["sums_known"] = f.sums_known;
  j["lines"] = f.lines;
  j["bytes"] = f.bytes;
  j["receipts_read"] = f.receipts_read;
  j["receipts_accepted"] = f.receipts_accepted;
  j["receipts_quarantined"] = f.receipts_quarantined;
  j["stray_lines"] = f.stray_lines;
  j["errors"] = f.errors;
  j["warnings"] = f.warnings;
  return j;
}
claims::FileSummary FileFromJson(const json& j) {
  claims::FileSummary f;
  f.name = j.at("name").get<std::string>();
  const int table = j.at("table").get<int>();
  if (table != 0 && table != 1 && table != 3 && table != 4) throw std::out_of_range("table");
  f.table = static_cast<claims::Table>(table);
  const int enc = j.at("encoding").get<int>();
  if (enc < 0 || enc > 2) throw std::out_of_range("encoding");
  f.encoding = static_cast<claims::Encoding>(enc);
  f.insurer_prefix = j.at("insurer_prefix").get<bool>();
  f.header_records = j.at("header_records").get<std::vector<std::string>>();
  f.trailer_records = j.at("trailer_records").get<std::vector<std::string>>();
  f.payer = j.at("payer").get<std::uint8_t>();
  f.prefecture = j.at("prefecture").get<std::uint8_t>();
  f.institution = j.at("institution").get<std::string>();
  f.billing_month = j.at("billing_month").get<std::int32_t>();
  f.volume = j.at("volume").get<std::int32_t>();
  f.header_line = j.at("header_line").get<std::uint32_t>();
  f.has_trailer = j.at("has_trailer").get<bool>();
  f.trailer_line = j.at("trailer_line").get<std::uint32_t>();
  f.go_count = j.at("go_count").get<std::int64_t>();
  f.go_points = j.at("go_points").get<std::int64_t>();
  f.go_volume = j.at("go_volume").get<std::int32_t>();
  f.counted = j.at("counted").get<std::int64_t>();
  f.points = j.at("points").get<std::int64_t>();
  f.sums_known = j.at("sums_known").get<bool>();
  f.lines = j.at("lines").get<std::uint64_t>();
  f.bytes = j.at("bytes").get<std::uint64_t>();
  f.receipts_read = j.at("receipts_read").get<std::uint64_t>();
  f.receipts_accepted = j.at("receipts_accepted").get<std::uint64_t>();
  f.receipts_quarantined = j.at("receipts_quarantined").get<std::uint64_t>();
  f.stray_lines = j.at("stray_lines").get<std::uint64_t>();
  f.errors = j.at("errors").get<std::uint64_t>();
  f.warnings = j.at("warnings").get<std::uint64_t>();
  return f;
}

[[noreturn]] void Fail(const std::string& path, std::uint64_t offset, const std::string& what) {
  throw InputError({path, 0, 0}, fmt::format("{}バイト目: {}", offset, what));
}

/// A structural fault of a .kclm file: the detail (for a bug report) in parentheses.
[[noreturn]] void Damaged(const std::string& path, std::uint64_t offset,
                          const std::string& detail) {
  Fail(path, offset,
       "格納ファイルが壊れています。kokuho claims ingest で作り直してください (" + detail + ")");
}

struct Entry {
  std::uint32_t block = 0;
  char type = 0;
  std::uint8_t element_size = 0;
  std::uint64_t count = 0, offset = 0, checksum = 0;
};

// Block sizes as the metadata gives them (checked against the columns on read).
struct BlockInfo {
  std::uint64_t receipts = 0, records = 0, items = 0, days = 0, diagnoses = 0, text = 0,
                quarantine_bytes = 0;
  std::vector<claims::Quarantined> quarantine;
};

}  // namespace

// ---- writer ------------------------------------------------------------------------------

struct ClaimsStoreWriter::Impl {
  explicit Impl(const std::string& path) : out(path) {
    std::string header(kHeaderSize, '\0');
    std::memcpy(header.data(), kMagic, sizeof kMagic);
    Put<std::uint32_t>(header, kVersionAt, kClaimsStoreVersion);
    out.Write(header.data(), header.size());
  }

  template <typename T>
  void Column(const char* name, const T* data, std::size_t count) {
    out.WriteZeros(AlignUp(out.size()) - out.size());
    std::string e(kEntrySize, '\0');
    std::memcpy(e.data(), name, std::min<std::size_t>(std::strlen(name), kNameSize - 1));
    Put<std::uint32_t>(e, kEBlock, block);
    e[kEType] = TypeCode<T>();
    e[kESize] = static_cast<char>(sizeof(T));
    Put<std::uint64_t>(e, kECount, count);
    Put<std::uint64_t>(e, kEOffset, out.size());
    Put<std::uint64_t>(e, kESum, XXH3_64bits(data, count * sizeof(T)));
    directory += e;
    ++entries;
    out.Write(data, count * sizeof(T));
  }

  template <typename Row, typename T>
  void Gather(const char* name, const std::vector<Row>& rows, T Row::*member) {
    scratch.resize(rows.size() * sizeof(T));
    T* col = reinterpret_cast<T*>(scratch.data());
    for (std::size_t i = 0; i < rows.size(); ++i)
      std::memcpy(col + i, &(rows[i].*member), sizeof(T));
    Column<T>(name, col, rows.size());
  }

  AtomicFileWriter out;
  std::string directory;
  std::uint64_t entries = 0;
  std::uint32_t block = 0;
  std::string scratch;
  json blocks = json::array();
};

ClaimsStoreWriter::ClaimsStoreWriter(const std::string& path)
    : impl_(std::make_unique<Impl>(path)) {}
ClaimsStoreWriter::~ClaimsStoreWriter() = default;

// Whether the batch is laid out in order (what the parser builds and the reader rebuilds).
bool InOrder(const ClaimBatch& b) {
  std::uint64_t record = 0, item = 0, diag = 0, text = 0, day = 0;
  for (std::size_t i = 0; i < b.receipts.size(); ++i) {
    const Receipt& r = b.receipts[i];
    if (r.first_record != record || r.first_item != item || r.first_diagnosis != diag) return false;
    for (std::uint64_t k = item; k < item + r.item_count; ++k)
      if (k >= b.items.size() || b.items[k].receipt != i) return false;
    for (std::uint64_t k = diag; k < diag + r.diagnosis_count; ++k)
      if (k >= b.diagnoses.size() || b.diagnoses[k].receipt != i) return false;
    record += r.record_count;
    item += r.item_count;
    diag += r.diagnosis_count;
  }
  for (const Record& r : b.records) {
    if (r.text_offset != text) return false;
    text += r.text_size;
  }
  for (const Item& it : b.items) {
    if (it.first_day != day) return false;
    day += it.day_count;
  }
  return record == b.records.size() && item == b.items.size() && diag == b.diagnoses.size() &&
         text == b.text.size() && day == b.days.size();
}

void ClaimsStoreWriter::WriteBlock(const ClaimBatch& b) {
  Impl& w = *impl_;
  if (!InOrder(b))
    throw std::logic_error("ClaimsStoreWriter::WriteBlock: the batch is not laid out in order");
  ReceiptColumns([&](const char* n, auto m) { w.Gather(n, b.receipts, m); });
  for (int k = 0; k < 4; ++k) {
    std::vector<std::int64_t> col(b.receipts.size());
    for (std::size_t i = 0; i < col.size(); ++i) col[i] = b.receipts[i].kohi_points[k];
    w.Column<std::int64_t>(kKohiColumns[k], col.data(), col.size());
  }
  RecordColumns([&](const char* n, auto m) { w.Gather(n, b.records, m); });
  ItemColumns([&](const char* n, auto m) { w.Gather(n, b.items, m); });
  DayColumns([&](const char* n, auto m) { w.Gather(n, b.days, m); });
  DiagnosisColumns([&](const char* n, auto m) { w.Gather(n, b.diagnoses, m); });
  w.Column<std::uint8_t>("text", reinterpret_cast<const std::uint8_t*>(b.text.data()),
                         b.text.size());
  w.Column<std::uint8_t>("quarantine.bytes",
                         reinterpret_cast<const std::uint8_t*>(b.quarantine_bytes.data()),
                         b.quarantine_bytes.size());
  json meta;
  meta["receipts"] = b.receipts.size();
  meta["records"] = b.records.size();
  meta["items"] = b.items.size();
  meta["days"] = b.days.size();
  meta["diagnoses"] = b.diagnoses.size();
  meta["text"] = b.text.size();
  meta["quarantine_bytes"] = b.quarantine_bytes.size();
  json q = json::array();
  for (const claims::Quarantined& e : b.quarantine) {
    json j;
    j["file"] = e.file;
    j["receipt"] = e.receipt;
    j["first_line"] = e.first_line;
    j["line_count"] = e.line_count;
    j["bytes_offset"] = e.bytes_offset;
    j["bytes_size"] = e.bytes_size;
    j["reason_count"] = e.reason_count;
    json reasons = json::array();
    for (const claims::Diagnostic& d : e.reasons) reasons.push_back(DiagnosticJson(d));
    j["reasons"] = std::move(reasons);
    q.push_back(std::move(j));
  }
  meta["quarantine"] = std::move(q);
  w.blocks.push_back(std::move(meta));
  ++w.block;
}

void ClaimsStoreWriter::Finish(const std::vector<claims::FileSummary>& files,
                               const std::vector<claims::Diagnostic>& diagnostics) {
  Impl& w = *impl_;
  json meta;
  meta["format"] = "kokuho-claims-store";
  meta["version"] = kClaimsStoreVersion;
  json fj = json::array();
  for (const auto& f : files) fj.push_back(FileJson(f));
  meta["files"] = std::move(fj);
  json dj = json::array();
  for (const auto& d : diagnostics) dj.push_back(DiagnosticJson(d));
  meta["diagnostics"] = std::move(dj);
  meta["blocks"] = w.blocks;
  const std::string meta_text = meta.dump();

  w.out.WriteZeros(AlignUp(w.out.size()) - w.out.size());
  const std::uint64_t meta_offset = w.out.size();
  w.out.Write(meta_text.data(), meta_text.size());
  const std::uint64_t dir_offset = w.out.size();
  w.out.Write(w.directory.data(), w.directory.size());
  std::string t(kTrailerSize, '\0');
  std::memcpy(t.data(), kEndMagic, sizeof kEndMagic);
  Put<std::uint32_t>(t, kTVersion, kClaimsStoreVersion);
  Put<std::uint32_t>(t, kTBlocks, w.block);
  Put<std::uint64_t>(t, kTMetaOffset, meta_offset);
  Put<std::uint64_t>(t, kTMetaSize, meta_text.size());
  Put<std::uint64_t>(t, kTDirOffset, dir_offset);
  Put<std::uint64_t>(t, kTDirCount, w.entries);
  Put<std::uint64_t>(t, kTMetaSum, XXH3_64bits(meta_text.data(), meta_text.size()));
  Put<std::uint64_t>(t, kTDirSum, XXH3_64bits(w.directory.data(), w.directory.size()));
  w.out.Write(t.data(), t.size());
  w.out.Commit();
}

// ---- reader ------------------------------------------------------------------------------

struct ClaimsStore::Impl {
  std::string path;
  int fd = -1;
  std::uint64_t meta_offset = 0;  // columns must lie in [kHeaderSize, meta_offset)
  std::uint32_t block_count = 0;
  std::map<std::pair<std::uint32_t, std::string>, Entry> entries;
  std::vector<BlockInfo> blocks;
  ClaimsStoreInfo info;

  ~Impl() {
    if (fd >= 0) close(fd);
  }

  // Reads a column of block b named `name` with exactly `count` elements of T.
  template <typename T>
  std::vector<T> Column(std::uint32_t b, const char* name, std::uint64_t count) const {
    const auto it = entries.find({b, name});
    if (it == entries.end())
      Damaged(path, meta_offset, fmt::format("block {}: column '{}' is missing", b, name));
    const Entry& e = it->second;
    if (e.type != TypeCode<T>() || e.element_size != sizeof(T))
      Damaged(path, e.offset,
              fmt::format("block {}: column '{}' has the wrong element type", b, name));
    if (e.count != count)
      Damaged(path, e.offset,
              fmt::format("block {}: column '{}' has {} elements, the metadata says {}", b, name,
                          e.count, count));
    std::vector<T> v(count);
    const std::size_t bytes = static_cast<std::size_t>(count * sizeof(T));  // checked in Open
    if (bytes > 0 && !ReadAt(fd, v.data(), bytes, e.offset))
      Damaged(path, e.offset, fmt::format("block {}: cannot read column '{}'", b, name));
    if (XXH3_64bits(v.data(), bytes) != e.checksum)
      Damaged(
          path, e.offset,
          fmt::format("block {}: checksum mismatch in column '{}' (bytes {} to {}): the file is "
                      "damaged",
                      b, name, e.offset, e.offset + bytes));
    return v;
  }

  template <typename Row, typename T>
  void Scatter(std::uint32_t b, const char* name, std::vector<Row>& rows, T Row::*member) const {
    const std::vector<T> col = Column<T>(b, name, rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i) rows[i].*member = col[i];
  }
};

ClaimsStore::ClaimsStore() : impl_(std::make_unique<Impl>()) {}
ClaimsStore::ClaimsStore(ClaimsStore&&) noexcept = default;
ClaimsStore& ClaimsStore::operator=(ClaimsStore&&) noexcept = default;
ClaimsStore::~ClaimsStore() = default;
std::size_t ClaimsStore::blocks() const { return impl_->block_count; }
const ClaimsStoreInfo& ClaimsStore::info() const { return impl_->info; }

ClaimsStore ClaimsStore::Open(const std::string& path) {
  ClaimsStore store;
  Impl& s = *store.impl_;
  s.path = path;
  s.fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  struct stat st;
  if (s.fd < 0 || fstat(s.fd, &st) != 0 || !S_ISREG(st.st_mode))
    throw InputError({path, 0, 0}, CannotOpenMessage(path));
  const std::uint64_t size = static_cast<std::uint64_t>(st.st_size);
  std::string header(kHeaderSize, '\0');
  const std::size_t got = static_cast<std::size_t>(std::min<std::uint64_t>(size, kHeaderSize));
  if (!ReadAt(s.fd, header.data(), got, 0))
    throw InputError({path, 0, 0}, "ファイルを読めません (読み取り中の失敗)");
  if (got < sizeof kMagic || std::memcmp(header.data(), kMagic, sizeof kMagic) != 0)
    Fail(
        path, 0,
        "kokuho のレセプト格納ファイル (.kclm) ではありません (先頭に \"KOKUHOCLM\" がありません)");
  if (size < kHeaderSize + kTrailerSize)
    Fail(path, size,
         fmt::format("ファイルが途中で切れています ({}バイトで、ヘッダーと末尾の{}バイトより"
                     "短い)",
                     size, kHeaderSize + kTrailerSize));
  if (Get<std::uint32_t>(header, kVersionAt) != kClaimsStoreVersion)
    Fail(path, kVersionAt,
         fmt::format("形式の版 {} は読めません (この kokuho が読むのは版 {})。この kokuho で"
                     "取り込み直してください",
                     Get<std::uint32_t>(header, kVersionAt), kClaimsStoreVersion));
  const std::uint64_t trailer_at = size - kTrailerSize;
  std::string t(kTrailerSize, '\0');
  if (!ReadAt(s.fd, t.data(), t.size(), trailer_at))
    Damaged(path, trailer_at, "cannot read the trailer");
  if (std::memcmp(t.data(), kEndMagic, sizeof kEndMagic) != 0)
    Damaged(path, trailer_at, "the trailer is missing: the file is truncated or damaged");
  if (Get<std::uint32_t>(t, kTVersion) != kClaimsStoreVersion)
    Damaged(path, trailer_at + kTVersion, "the trailer's format version differs from the header's");
  s.block_count = Get<std::uint32_t>(t, kTBlocks);
  const std::uint64_t meta_offset = Get<std::uint64_t>(t, kTMetaOffset);
  const std::uint64_t meta_size = Get<std::uint64_t>(t, kTMetaSize);
  const std::uint64_t dir_offset = Get<std::uint64_t>(t, kTDirOffset);
  const std::uint64_t dir_count = Get<std::uint64_t>(t, kTDirCount);
  // Layout: [header][columns][meta][directory][trailer]; every bound checked by subtraction
  // from a value already known to be in range, so nothing can wrap.
  if (meta_offset < kHeaderSize || meta_offset > trailer_at)
    Damaged(path, trailer_at + kTMetaOffset, "the metadata offset lies outside the file");
  if (meta_size > trailer_at - meta_offset)
    Damaged(path, trailer_at + kTMetaSize, "the metadata size runs past the end of the file");
  if (dir_offset != meta_offset + meta_size)
    Damaged(path, trailer_at + kTDirOffset, "the column directory does not follow the metadata");
  if (dir_count > kMaxEntries || dir_count * kEntrySize != trailer_at - dir_offset)
    Damaged(path, trailer_at + kTDirCount,
            "the column directory size does not match the space before the trailer");
  s.meta_offset = meta_offset;
  std::string meta_text(static_cast<std::size_t>(meta_size), '\0');
  std::string directory(static_cast<std::size_t>(dir_count * kEntrySize), '\0');
  if (!ReadAt(s.fd, meta_text.data(), meta_text.size(), meta_offset) ||
      !ReadAt(s.fd, directory.data(), directory.size(), dir_offset))
    Damaged(path, meta_offset, "cannot read the metadata");
  if (XXH3_64bits(meta_text.data(), meta_text.size()) != Get<std::uint64_t>(t, kTMetaSum))
    Damaged(path, meta_offset, "checksum mismatch in the metadata: the file is damaged");
  if (XXH3_64bits(directory.data(), directory.size()) != Get<std::uint64_t>(t, kTDirSum))
    Damaged(path, dir_offset, "checksum mismatch in the column directory: the file is damaged");

  for (std::uint64_t i = 0; i < dir_count; ++i) {
    const std::size_t at = static_cast<std::size_t>(i * kEntrySize);
    const std::uint64_t where = dir_offset + at;
    const char* name = directory.data() + at;
    const std::size_t name_len = strnlen(name, kNameSize);
    if (name_len == 0 || name_len == kNameSize) Damaged(path, where, "a column has no valid name");
    Entry e;
    e.block = Get<std::uint32_t>(directory, at + kEBlock);
    e.type = directory[at + kEType];
    e.element_size = static_cast<std::uint8_t>(directory[at + kESize]);
    e.count = Get<std::uint64_t>(directory, at + kECount);
    e.offset = Get<std::uint64_t>(directory, at + kEOffset);
    e.checksum = Get<std::uint64_t>(directory, at + kESum);
    if (e.block >= s.block_count)
      Damaged(path, where + kEBlock, "a column names a block that does not exist");
    if ((e.type != 'u' && e.type != 'i') ||
        (e.element_size != 1 && e.element_size != 2 && e.element_size != 4 && e.element_size != 8))
      Damaged(path, where + kEType, "a column has an unknown element type");
    if (e.offset % kAlign != 0 || e.offset < kHeaderSize || e.offset > meta_offset ||
        e.count > (meta_offset - e.offset) / e.element_size)
      Damaged(path, where + kEOffset,
              fmt::format("column '{}' of block {} lies outside the column area (or is not 64-byte "
                          "aligned)",
                          std::string(name, name_len), e.block));
    if (!s.entries.emplace(std::make_pair(e.block, std::string(name, name_len)), e).second)
      Damaged(path, where,
              fmt::format("column '{}' appears twice in block {}", std::string(name, name_len),
                          e.block));
  }

  try {
    const json meta = json::parse(meta_text);
    if (meta.at("format").get<std::string>() != "kokuho-claims-store")
      Damaged(path, meta_offset, "the metadata is not that of a claims store");
    for (const json& f : meta.at("files")) s.info.files.push_back(FileFromJson(f));
    for (const json& d : meta.at("diagnostics"))
      s.info.diagnostics.push_back(DiagnosticFromJson(d));
    const json& blocks = meta.at("blocks");
    if (blocks.size() != s.block_count)
      Damaged(path, meta_offset,
              fmt::format("the metadata lists {} blocks, the trailer {}", blocks.size(),
                          s.block_count));
    for (const json& b : blocks) {
      BlockInfo bi;
      bi.receipts = b.at("receipts").get<std::uint64_t>();
      bi.records = b.at("records").get<std::uint64_t>();
      bi.items = b.at("items").get<std::uint64_t>();
      bi.days = b.at("days").get<std::uint64_t>();
      bi.diagnoses = b.at("diagnoses").get<std::uint64_t>();
      bi.text = b.at("text").get<std::uint64_t>();
      bi.quarantine_bytes = b.at("quarantine_bytes").get<std::uint64_t>();
      for (const json& q : b.at("quarantine")) {
        claims::Quarantined e;
        e.file = q.at("file").get<std::uint32_t>();
        e.receipt = q.at("receipt").get<std::int64_t>();
        e.first_line = q.at("first_line").get<std::uint32_t>();
        e.line_count = q.at("line_count").get<std::uint32_t>();
        e.bytes_offset = q.at("bytes_offset").get<std::uint64_t>();
        e.bytes_size = q.at("bytes_size").get<std::uint64_t>();
        e.reason_count = q.at("reason_count").get<std::uint32_t>();
        for (const json& r : q.at("reasons")) e.reasons.push_back(DiagnosticFromJson(r));
        if (e.bytes_offset > bi.quarantine_bytes ||
            e.bytes_size > bi.quarantine_bytes - e.bytes_offset)
          Damaged(path, meta_offset, "a quarantined receipt's bytes lie outside its block");
        bi.quarantine.push_back(std::move(e));
      }
      s.info.receipts += bi.receipts;
      s.info.records += bi.records;
      s.info.items += bi.items;
      s.info.diagnoses += bi.diagnoses;
      s.info.quarantined += bi.quarantine.size();
      s.blocks.push_back(std::move(bi));
    }
  } catch (const json::exception& e) {
    Damaged(path, meta_offset, fmt::format("the metadata is not valid: {}", e.what()));
  } catch (const std::out_of_range&) {
    Damaged(path, meta_offset, "the metadata holds a value out of range");
  }
  return store;
}

ClaimBatch ClaimsStore::ReadBlock(std::size_t index) const {
  const Impl& s = *impl_;
  if (index >= s.blocks.size()) throw std::out_of_range("ClaimsStore::ReadBlock: no such block");
  const BlockInfo& bi = s.blocks[index];
  const auto b = static_cast<std::uint32_t>(index);
  // Every count from the metadata must match its column (Column checks), and each column
  // was checked in Open to fit in the file, so these sizes are bounded by the file size.
  auto sized = [&](const char* first_column, std::uint64_t n) -> std::size_t {
    const auto it = s.entries.find({b, first_column});
    if (it == s.entries.end() || it->second.count != n)
      Fail(s.path, s.meta_offset,
           fmt::format("block {}: column '{}' is missing or does not match the metadata", b,
                       first_column));
    return static_cast<std::size_t>(n);
  };
  ClaimBatch batch;
  batch.receipts.resize(sized("receipt.file", bi.receipts));
  ReceiptColumns([&](const char* n, auto m) { s.Scatter(b, n, batch.receipts, m); });
  for (int k = 0; k < 4; ++k) {
    const auto col = s.Column<std::int64_t>(b, kKohiColumns[k], batch.receipts.size());
    for (std::size_t i = 0; i < col.size(); ++i) batch.receipts[i].kohi_points[k] = col[i];
  }
  batch.records.resize(sized("record.text_size", bi.records));
  RecordColumns([&](const char* n, auto m) { s.Scatter(b, n, batch.records, m); });
  batch.items.resize(sized("item.record", bi.items));
  ItemColumns([&](const char* n, auto m) { s.Scatter(b, n, batch.items, m); });
  batch.days.resize(sized("day.day", bi.days));
  DayColumns([&](const char* n, auto m) { s.Scatter(b, n, batch.days, m); });
  batch.diagnoses.resize(sized("diag.record", bi.diagnoses));
  DiagnosisColumns([&](const char* n, auto m) { s.Scatter(b, n, batch.diagnoses, m); });
  {
    const auto text = s.Column<std::uint8_t>(b, "text", sized("text", bi.text));
    batch.text.assign(text.begin(), text.end());
    const auto q = s.Column<std::uint8_t>(b, "quarantine.bytes",
                                          sized("quarantine.bytes", bi.quarantine_bytes));
    batch.quarantine_bytes.assign(q.begin(), q.end());
  }
  batch.quarantine = bi.quarantine;

  // Rebuild the positions that follow from the counts, checking every total against the
  // size it must fill, so that a crafted file cannot make a reader step outside a vector.
  auto bad = [&](const std::string& what) {
    Fail(s.path, s.meta_offset, fmt::format("block {}: {}: the file is damaged", b, what));
  };
  std::uint64_t next_record = 0, next_item = 0, next_diag = 0;
  for (std::size_t i = 0; i < batch.receipts.size(); ++i) {
    Receipt& r = batch.receipts[i];
    if (r.record_count > batch.records.size() - next_record)
      bad(fmt::format("receipt {} has records outside the block", i));
    if (r.item_count > batch.items.size() - next_item)
      bad(fmt::format("receipt {} has items outside the block", i));
    if (r.diagnosis_count > batch.diagnoses.size() - next_diag)
      bad(fmt::format("receipt {} has diagnoses outside the block", i));
    if (r.kohi_count > 4) bad(fmt::format("receipt {} has more than 4 公費", i));
    r.first_record = static_cast<std::uint32_t>(next_record);
    r.first_item = static_cast<std::uint32_t>(next_item);
    r.first_diagnosis = static_cast<std::uint32_t>(next_diag);
    for (std::uint64_t k = next_item; k < next_item + r.item_count; ++k)
      batch.items[k].receipt = static_cast<std::uint32_t>(i);
    for (std::uint64_t k = next_diag; k < next_diag + r.diagnosis_count; ++k)
      batch.diagnoses[k].receipt = static_cast<std::uint32_t>(i);
    next_record += r.record_count;
    next_item += r.item_count;
    next_diag += r.diagnosis_count;
  }
  if (next_record != batch.records.size() || next_item != batch.items.size() ||
      next_diag != batch.diagnoses.size())
    bad("records, items or diagnoses not owned by any receipt");
  std::uint64_t text = 0;
  for (std::size_t i = 0; i < batch.records.size(); ++i) {
    Record& r = batch.records[i];
    if (r.text_size > batch.text.size() - text)
      bad(fmt::format("record {} has text outside the block", i));
    r.text_offset = text;
    text += r.text_size;
  }
  if (text != batch.text.size()) bad("text not owned by any record");
  std::uint64_t day = 0;
  for (std::size_t i = 0; i < batch.items.size(); ++i) {
    Item& it = batch.items[i];
    if (it.record >= batch.records.size() || it.day_count > batch.days.size() - day)
      bad(fmt::format("item {} points outside the block", i));
    it.first_day = static_cast<std::uint32_t>(day);
    day += it.day_count;
  }
  if (day != batch.days.size()) bad("day counts not owned by any item");
  for (std::size_t i = 0; i < batch.days.size(); ++i)
    if (batch.days[i].day < 1 || batch.days[i].day > 31)
      bad(fmt::format("day entry {} is not 1–31", i));
  for (std::size_t i = 0; i < batch.diagnoses.size(); ++i)
    if (batch.diagnoses[i].record >= batch.records.size())
      bad(fmt::format("diagnosis {} points outside the block", i));
  return batch;
}

}  // namespace kokuho
