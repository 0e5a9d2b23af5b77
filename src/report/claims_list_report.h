// The report of `kokuho claims lists`: the insurer's lists (重複受診, 頻回受診, 重複服薬,
// 多剤服薬, 後発医薬品差額通知 with its letters and 使用割合, 医療費通知, 第三者行為 candidates)
// as ReportTables, JSON, one A4 HTML letter per person for the 差額通知, and the 医療費通知
// rows streamed as CSV (they can be millions: written row by row, never held as text).
//
// These outputs name persons (氏名, 記号・番号, 生年月日): they are the insurer's working
// lists and letters. Nothing personal is printed to the terminal or logs: only counts.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "claims/guidance_lists.h"
#include "report/report_table.h"
#include "report/write_reports.h"

namespace kokuho {

struct ClaimsListReport {
  const claims::ListResults& lists;
  const claims::InstitutionTable& institutions;
  const claims::ListParams& params;
  const claims::MasterSet* masters = nullptr;  ///< for drug names in the letters
  std::vector<std::string> sources;            ///< the parameter sources, for the notes table
};

/// claims_lists_summary (counts and thresholds with their sources), claims_duplicate_visits,
/// claims_frequent_visits, claims_duplicate_medication, claims_polypharmacy,
/// claims_generic_notice, claims_generic_letters (mail merge: one row per person),
/// claims_generic_share, claims_third_party, claims_third_party_kpi.
std::vector<ReportTable> BuildClaimsListTables(const ClaimsListReport& rep);

/// {"format": "kokuho.claims.lists/1", counts, thresholds, generic_share[], third_party_kpi}
/// (no personal data: the lists themselves are in the CSV/xlsx files).
nlohmann::ordered_json ClaimsListJson(const ClaimsListReport& rep);

/// One letter-NNNNNN.html per person of the 差額通知 (A4, Japanese), and letters.html (an
/// index to print them all).
std::vector<ExtraFile> ClaimsGenericLetters(const ClaimsListReport& rep);

/// Writes the 医療費通知 rows as CSV (UTF-8 with BOM, CRLF, the project's CSV form) to `path`,
/// streaming; returns the rows written.
std::size_t WriteMedicalNoticeCsv(const ClaimsListReport& rep, const std::string& path);

}  // namespace kokuho
