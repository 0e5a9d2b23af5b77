// The columnar claims store (.kclm): receipts read once from レセ電 text and kept as typed
// columns, so that later checks (a year of 縦覧) never parse text again. One file per
// 請求年月 (claims-YYYYMM.kclm); layout in docs/claims-format.md.
//
//   ClaimsStoreWriter w("store/claims-202111.kclm");
//   w.WriteBlock(batch);                 // any number of blocks of receipts
//   w.Finish(run.files, run.diagnostics);  // metadata, directory, trailer; then the rename
//
//   ClaimsStore s = ClaimsStore::Open("store/claims-202111.kclm");
//   for (std::size_t b = 0; b < s.blocks(); ++b) {
//     claims::ClaimBatch batch = s.ReadBlock(b);   // verified: checksums and every index
//     …
//   }
//
// Like .kpop (io/kpop_format.h): a 64-byte header, raw little-endian columns at 64-byte
// aligned offsets each with an XXH3-64 checksum, then the metadata (JSON) and a column
// directory, and a 64-byte trailer that locates them, so the writer streams blocks and
// never seeks. Reading trusts nothing: every offset, size and count from the file is
// checked with overflow-safe arithmetic before it is used, every column against its
// checksum, and every index between columns (receipt → records, items, days, text)
// against the sizes it points into. A damaged or crafted file is an InputError naming the
// byte offset.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "claims/model.h"

namespace kokuho {

/// The format version this build writes and reads.
inline constexpr std::uint32_t kClaimsStoreVersion = 1;

/// Writes a store file atomically (temporary file, renamed on Finish).
class ClaimsStoreWriter {
 public:
  /// Throws std::runtime_error when the file cannot be created.
  explicit ClaimsStoreWriter(const std::string& path);
  ~ClaimsStoreWriter();
  ClaimsStoreWriter(const ClaimsStoreWriter&) = delete;
  ClaimsStoreWriter& operator=(const ClaimsStoreWriter&) = delete;

  /// Appends the receipts, records, items, days, diagnoses, text and quarantine of a batch.
  void WriteBlock(const claims::ClaimBatch& batch);
  /// Writes the metadata (the files read and their diagnostics), the directory and the
  /// trailer, and renames the file into place.
  void Finish(const std::vector<claims::FileSummary>& files,
              const std::vector<claims::Diagnostic>& diagnostics);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// What a store holds besides its blocks.
struct ClaimsStoreInfo {
  std::uint64_t receipts = 0, records = 0, items = 0, diagnoses = 0, quarantined = 0;
  std::vector<claims::FileSummary> files;
  std::vector<claims::Diagnostic> diagnostics;
};

/// An opened, verified store; blocks are read on demand.
class ClaimsStore {
 public:
  /// Opens `path` and verifies the trailer, the metadata and the directory. Throws
  /// InputError({path, 0, 0}, "byte offset N: …").
  static ClaimsStore Open(const std::string& path);
  ClaimsStore(ClaimsStore&&) noexcept;
  ClaimsStore& operator=(ClaimsStore&&) noexcept;
  ~ClaimsStore();

  std::size_t blocks() const;
  const ClaimsStoreInfo& info() const;
  /// Reads and verifies block `index` (checksums, element counts, every index).
  claims::ClaimBatch ReadBlock(std::size_t index) const;

 private:
  ClaimsStore();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace kokuho
