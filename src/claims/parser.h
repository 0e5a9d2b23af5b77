// The streaming レセ電 reader: bytes in (any chunking), receipts and diagnostics out.
//
// The first record decides the 点数表: IR (its 点数表 field: 1 医科 / DPC, 3 歯科), UK + IR
// (歯科), YK (調剤). Lines are split on bytes (CP932 and UTF-8 never hide ',' or a line end
// inside a character, see cp932.h), decoded to UTF-8 by table, typed where the layout is
// known, and grouped into receipts (RE up to the next RE or GO). A receipt with an error
// is quarantined whole — its original bytes and the reasons kept — and the others go on.
//
//   Parser p("RECEIPTC.UKE", {});
//   while (read chunk) p.Feed(chunk);
//   p.Finish();
//   p.batch().receipts …; p.summary().receipts_quarantined …; p.diagnostics() …
//
// or, for bytes already in memory (the entry point for fuzzing):
//
//   ParseResult r = ParseClaims(bytes, "RECEIPTC.UKE");
//
// What is checked, per line: the record type (unknown types are kept with a warning), the
// field count of the layout (layout.h), numbers (digits and their maximum lengths), codes
// (7/9 digits), dates (dates.h: 和暦 or 西暦 by length, impossible ones refused), CP932 /
// UTF-8 validity and control characters; per receipt: HO at most once, KO at most 4 times,
// at least one of them, 診療年月 not after 請求年月, Σ of the day counts = 回数 (診療 from
// 2012-04, 記録条件仕様: "回数は、算定日情報の1日の情報から31日の情報の合計値と一致する");
// per file: the header first, GO last, nothing after GO or X'1A'. The GO totals are
// checked across the volumes of a submission by CheckSubmissions (submission.h).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "claims/model.h"

namespace kokuho::claims {

struct ParseOptions {
  Encoding encoding = Encoding::kAuto;  ///< kAuto: UTF-8 if a BOM or valid UTF-8, else CP932
  std::uint32_t file_index = 0;         ///< stored in Receipt::file / Quarantined::file
  std::string salt;                     ///< for the 検索番号 hash in messages (privacy.h)
  /// When > 0 and on_block is set: on_block sees the batch each time this many receipts
  /// have been accepted (and at Finish); the batch is then cleared (its memory reused), so
  /// memory stays bounded. on_block must copy what it wants to keep.
  std::size_t block_receipts = 0;
  std::function<void(const ClaimBatch&)> on_block;
  /// Diagnostics kept in diagnostics(); further ones are counted in the summary only.
  std::size_t max_diagnostics = 10000;
  /// Largest line accepted, in bytes (a longer one is an error and skipped).
  std::size_t max_line_bytes = 1 << 20;
};

class Parser {
 public:
  Parser(std::string file_name, ParseOptions options = {});
  ~Parser();
  Parser(const Parser&) = delete;
  Parser& operator=(const Parser&) = delete;

  /// Reads the next bytes of the file.
  void Feed(std::string_view bytes);
  /// Ends the file: the last line without a line end, the last receipt, a missing GO.
  void Finish();
  /// Starts another file with the same parser, reusing its buffers (what a reader of many
  /// files does, so that memory is not allocated and faulted in again for each). Take the
  /// diagnostics and summary of the previous file first.
  void Reset(std::string file_name, ParseOptions options = {});

  /// The receipts accepted and quarantined so far (those not yet handed to on_block).
  ClaimBatch& batch();
  const FileSummary& summary() const;
  const std::vector<Diagnostic>& diagnostics() const;
  std::vector<Diagnostic> TakeDiagnostics();

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

/// Everything read from one file.
struct ParseResult {
  FileSummary file;
  ClaimBatch batch;
  std::vector<Diagnostic> diagnostics;
};

/// Parses a whole file held in memory (one Feed and Finish). Never throws for bad input:
/// every problem is a diagnostic.
ParseResult ParseClaims(std::string_view bytes, std::string file_name, ParseOptions options = {});

}  // namespace kokuho::claims
