// The report of `kokuho claims check`: the findings of the 二次点検 and their summaries per
// rule, per institution and per 請求年月 as ReportTables (terminal, CSV with BOM, xlsx), the
// JSON form, and an HTML page per finding for the reviewer (finding-F000001.html) with an
// index (findings.html). docs/claims-checks.md describes every column.
//
//   ClaimsCheckReport rep{findings, institutions, counts, stores, rule_files, notes};
//   std::vector<ReportTable> t = BuildClaimsCheckTables(rep);
//   nlohmann::ordered_json j = ClaimsCheckJson(rep);
//   std::vector<ExtraFile> pages = ClaimsFindingPages(rep);
//
// Findings carry no personal data: a receipt is named by its file, レセプト番号 and line,
// never by 氏名, 記号・番号 or 生年月日.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "claims/check_engine.h"
#include "report/report_table.h"
#include "report/write_reports.h"

namespace kokuho {

struct ClaimsCheckReport {
  const std::vector<claims::Finding>& findings;  ///< in output order
  const claims::InstitutionTable& institutions;
  const claims::CheckCounts& counts;
  std::vector<std::string> stores;      ///< the store files read (all)
  std::vector<std::string> rule_files;  ///< the rule files used
  std::vector<std::string> notes;       ///< checks not run and why
  bool masters = false;                 ///< whether --masters was given
};

/// "F000001" … by position.
std::string FindingId(std::size_t index);

/// claims_findings, claims_by_rule, claims_by_institution, claims_by_month.
std::vector<ReportTable> BuildClaimsCheckTables(const ClaimsCheckReport& rep);

/// {"format": "kokuho.claims.check/1", stores, rule_files, counts, rules[], findings[],
/// notes[]}.
nlohmann::ordered_json ClaimsCheckJson(const ClaimsCheckReport& rep);

/// findings.html (an index) and one finding-F…html page per finding.
std::vector<ExtraFile> ClaimsFindingPages(const ClaimsCheckReport& rep);

/// Escapes &, <, >, " for HTML text and attributes.
std::string HtmlText(std::string_view s);

}  // namespace kokuho
