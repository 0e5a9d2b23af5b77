// Reading レセ電 files from disk: each file streamed in chunks through the claims parser
// (claims/parser.h), the receipts handed on in blocks, the GO totals checked across the
// volumes of each submission at the end.
//
//   ClaimsRun run = ReadUkeFiles({"RECEIPTC.UKE"}, {}, [&](const claims::ClaimBatch& b) {
//     store.WriteBlock(b);          // or collect rows for CSV …
//   });
//   run.receipts_quarantined …  run.diagnostics …
//
// Memory: one chunk (1 MiB) plus one block of receipts (ReadOptions::block_receipts).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "claims/model.h"

namespace kokuho {

struct ReadOptions {
  claims::Encoding encoding = claims::Encoding::kAuto;
  std::string salt;                    ///< for 検索番号 hashes in messages
  std::size_t block_receipts = 16384;  ///< receipts per block handed to on_block
  std::size_t chunk_bytes = 1 << 20;
  std::size_t max_diagnostics = 10000;  ///< per file
  std::uint32_t first_file_index = 0;   ///< Receipt::file of the first path
};

/// What a run read.
struct ClaimsRun {
  std::vector<claims::FileSummary> files;
  std::vector<claims::Diagnostic> diagnostics;  ///< every file's, then the GO checks
  std::uint64_t receipts_read = 0, receipts_accepted = 0, receipts_quarantined = 0;
  std::uint64_t stray_lines = 0;
  std::uint64_t errors = 0, warnings = 0;  ///< including the GO checks
  std::uint64_t bytes = 0, lines = 0;
};

/// Reads `paths` in order. Throws InputError({path, 0, 0}, CannotOpenMessage (io/encoding.h)) for a
/// file that cannot be read; every problem inside a file is a diagnostic, not an exception.
ClaimsRun ReadUkeFiles(const std::vector<std::string>& paths, const ReadOptions& options,
                       const std::function<void(const claims::ClaimBatch&)>& on_block);

/// The 請求年月 (yyyymm) of a file from its header (the first lines), 0 when unreadable.
std::int32_t PeekBillingMonth(const std::string& path, claims::Encoding encoding);

}  // namespace kokuho
