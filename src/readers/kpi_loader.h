// Reading KPI definitions (YAML) and KPI data (a long-format CSV/xlsx table), with
// every error at its file, line and column. The formats are documented, with an
// example of every field, in docs/kpi-format.md.
//
//   std::vector<kpi::Definition> defs = LoadKpiDefinitions("data/kpi/definitions.yaml");
//   std::vector<kpi::Observation> obs = LoadKpiData("examples/gunma-kpi/kpi.csv", defs);
//   kpi::Result r = kpi::Evaluate(defs, obs);
#pragma once

#include <string>
#include <vector>

#include "kpi/collection_bands.h"
#include "kpi/kpi.h"

namespace kokuho {

/// Reads the definitions file (top-level key `kpis:`, a list of mappings). Throws
/// InputError for unknown or missing keys, a bad unit/direction/kind, a key given
/// twice, targets out of year order or given twice for one year.
std::vector<kpi::Definition> LoadKpiDefinitions(const std::string& path);
/// Like LoadKpiDefinitions, for YAML text in memory (e.g. an embedded data file);
/// `file` names it in positions.
std::vector<kpi::Definition> ParseKpiDefinitions(const std::string& utf8, const std::string& file);

/// Reads the data table (columns 団体コード, 年度, 指標, and any of 分子, 分母, 除外額,
/// 値, 名称, 出典, 被保険者数). `path` may be a folder holding kpi.csv or kpi.xlsx. Throws
/// InputError at the offending cell; the result is all rows or nothing.
std::vector<kpi::Observation> LoadKpiData(const std::string& path,
                                          const std::vector<kpi::Definition>& definitions);

/// The 収納率 規模別 thresholds (data/kpi/collection_bands.yaml, embedded): one 評価年度,
/// bands covering every 被保険者数. InputError at file:line:column for a bad file.
kpi::CollectionBands LoadCollectionBands();
/// The same from YAML text; `file` names it in messages.
kpi::CollectionBands ParseCollectionBands(const std::string& utf8, const std::string& file);

/// The data file inside `path` (kpi.csv, else kpi.xlsx) or `path` itself when it is a
/// file. Throws InputError when a folder holds neither.
std::string KpiDataFile(const std::string& path);

}  // namespace kokuho
