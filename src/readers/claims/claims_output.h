// Writing what `kokuho claims read` read: one row per receipt, per 摘要 line and per 傷病名
// as CSV (UTF-8 with BOM, CRLF; streamed, so any size), an xlsx workbook (for small sets,
// at most kMaxXlsxRows rows a sheet), or JSON (streamed); plus the quarantined receipts,
// the diagnostics and, with masters, the codes the masters did not resolve.
//
//   ClaimsOutput out(stage, {.csv = true}, &masters);
//   ReadUkeFiles(paths, opts, [&](const claims::ClaimBatch& b) { out.AddBlock(b); });
//   out.Finish(run, resolver);   // then stage.Commit()
//
// Files (in the output folder): receipts.csv, items.csv, diagnoses.csv, quarantine.csv,
// diagnostics.csv, unresolved_codes.csv (with masters); claims.xlsx; claims.json. The
// CSV and xlsx hold personal data of the receipts (記号・番号, 生年月日; not 氏名): handle
// them as such. Messages (diagnostics) never hold personal values.
#pragma once

#include <cstdint>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "claims/master.h"
#include "claims/model.h"
#include "io/output_files.h"
#include "readers/claims/uke_reader.h"

namespace kokuho {

/// Largest number of data rows ClaimsOutput writes to one xlsx sheet (Excel's limit is
/// 1,048,576 rows); beyond it the xlsx is refused with a message to use CSV.
inline constexpr std::size_t kMaxXlsxRows = 1'000'000;

struct ClaimsOutputFormats {
  bool csv = false;
  bool xlsx = false;
  bool json = false;
};

class ClaimsOutput {
 public:
  /// Files go to `stage` (nullptr: JSON only, to `json_stream`). `masters` may be null.
  ClaimsOutput(OutputStage* stage, ClaimsOutputFormats formats, const claims::MasterSet* masters,
               std::ostream* json_stream = nullptr);
  ~ClaimsOutput();
  ClaimsOutput(const ClaimsOutput&) = delete;
  ClaimsOutput& operator=(const ClaimsOutput&) = delete;

  /// Adds the receipts of a block. `file_names` indexed by Receipt::file. Throws
  /// InputError when the xlsx would exceed kMaxXlsxRows.
  void AddBlock(const claims::ClaimBatch& batch, const std::vector<std::string>& file_names);
  /// Writes the summaries, quarantine, diagnostics and unresolved codes and closes every file.
  void Finish(const ClaimsRun& run, const std::vector<claims::UnresolvedCode>& unresolved);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace kokuho
