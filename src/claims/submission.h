// GO totals across the volumes of a submission (請求), by the official counting rule.
//
// The files of one 医療機関's claim for one 請求年月 may be split into volumes (マルチボリ
// ューム): IR's マルチボリューム識別 counts up from "00", the last volume's GO has "99" and
// the totals, and the other volumes' GO leave the totals empty (docs/claims-format.md).
// The totals are, over every receipt of every volume (記録条件仕様 医科 令和4年4月版):
//
//   総件数     = Σ (1 + number of KO) for receipts with HO, + Σ (number of KO) for 公費単独
//   総合計点数 = Σ 主保険 合計点数 (HO; the first KO for 公費単独)
//
// Worked example, the receiptisan sample: 75 receipts, 69 with HO, 71 KO in all (65 on HO
// receipts, 6 on 公費単独 ones) → 総件数 = 69 + 65 + 6 = 140 (not 75, the RE count).
//
//   std::vector<Diagnostic> d = CheckSubmissions(summaries);  // errors at each GO line
#pragma once

#include <span>
#include <string>
#include <vector>

#include "claims/model.h"

namespace kokuho::claims {

/// The key that groups files into one submission.
std::string SubmissionKey(const FileSummary& f);

/// Checks volume numbering and the GO totals of each submission among `files`; returns
/// the errors (at the final volume's GO line and field) and warnings.
std::vector<Diagnostic> CheckSubmissions(std::span<const FileSummary> files);

}  // namespace kokuho::claims
