// The 納付金 of each municipality under the provisional coefficients (仮係数), under the
// confirmed ones (確定係数) and in the previous year (前年度), with the differences: the
// comparison sheet prefecture staff send the municipalities when the 確定係数 arrive, in
// 千円 as the 納付金算定標準システム's sheets show large sums.
//
//   NofukinComparison cmp{confirmed};           // the case's own result (e.g. 確定係数)
//   cmp.provisional = &provisional_result;      // optional: the same year under 仮係数
//   cmp.previous = &previous_year_result;       // optional: the year before
//   std::vector<ReportTable> t = NofukinDiffTables(cmp);  // 合計, then one per 分, then 円
//
// Every figure is computed in yen; only the display is in 千円, each cell rounded on its own
// (ThousandYen). A difference is the difference of the yen values, then rounded, and the
// 合計 row is the sum of the yen values, then rounded, so Σ of the printed rows may differ
// from the printed 合計 by a few 千円 (the notes say so); the 円 table beside them is exact.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/parameter_notes.h"
#include "core/yen.h"
#include "nofukin/result.h"
#include "report/report_table.h"

namespace kokuho {

/// The results compared. `provisional` is the same prefecture and year under other
/// coefficients; `previous` is the fiscal year before `current`. The caller checks that.
struct NofukinComparison {
  const nofukin::Result& current;
  const nofukin::Result* provisional = nullptr;
  const nofukin::Result* previous = nullptr;
};

/// yen → 千円 for display: yen / 1,000 rounded half away from zero (四捨五入; −1,500円 →
/// −2千円). No official rule for the display unit was found: 四捨五入 is kokuho's choice and
/// every table that uses it says so (docs/handout.md).
Yen ThousandYen(Yen yen);

/// The sentence every 千円 table carries about its rounding and its 合計 row.
extern const char* const kThousandYenNote;

/// The label of a result's coefficients in column headers: its coefficients_label
/// (仮係数, 確定係数 …) or `fallback` when the case has none.
std::string CoefficientsColumnLabel(const nofukin::Result& r, const std::string& fallback);

/// The tables: "nofukin_diff" (納付金計, 千円), "nofukin_diff_<分>" (one per 分 of `current`,
/// 千円) and "nofukin_diff_yen" (納付金計 in whole yen, for checking). Rows: the
/// municipalities of `current` in its order, then any municipality only in `previous` (a
/// merger), then 合計 from the yen values. A municipality missing from a result has empty
/// cells there.
std::vector<ReportTable> NofukinDiffTables(const NofukinComparison& cmp);

/// The comparison as report data (kokuho.report/1) for the HTML page: one section per 千円
/// table of `tables` (NofukinDiffTables(cmp)), the rounding note, `notice` on every page and
/// the unconfirmed values said plainly with their sources in an appendix.
nlohmann::ordered_json NofukinDiffReport(const NofukinComparison& cmp,
                                         const std::vector<ReportTable>& tables,
                                         const std::string& notice, const ParameterNotes& notes);

}  // namespace kokuho
