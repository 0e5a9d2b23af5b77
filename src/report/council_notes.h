// The 注意事項 of a report meant for councils and municipalities (議会・市町村向け): plain
// sentences that say which figures rest on unconfirmed or carried-forward rule values
// (「未確認の値を含む」) without file names or flags, and an appendix section 「付録: 出典と
// 前提」 that lists, for each of them, the source and the data file, with any other
// references the report's sections point to.
//
//   report["warnings"] = CouncilWarnings(notes);
//   report["sections"].push_back(SourcesAppendix(notes, {{"KPI の計算", "docs/kpi-format.md"}}));
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "core/parameter_notes.h"

namespace kokuho {

/// One sentence per kind of note and year, carried-forward ones first, naming up to three
/// values and counting the others, e.g. 「令和4年度: 収納率の基準 は未確認の値を含みます
/// (出典は付録)。」 or 「令和9年度: 賦課限度額、… ほか12項目 は令和8年度までの値しか…」.
/// Years with the same values share one sentence (「令和8年度・令和9年度: …」). (The appendix
/// lists every value.)
std::vector<std::string> CouncilWarnings(const ParameterNotes& notes);

/// A reference listed in the appendix: what it is for and where to read it.
struct ReportReference {
  std::string what;
  std::string where;
};

/// The appendix section (kokuho.report/1, role "appendix", id "sources"): a table of the
/// notes' values with their sources and files, then `references`. Empty sections are not
/// made: returns null when there is nothing to list.
nlohmann::ordered_json SourcesAppendix(const ParameterNotes& notes,
                                       const std::vector<ReportReference>& references);

}  // namespace kokuho
