// The 収納率 規模別 table of `kokuho kpi` (docs/kpi-format.md): for every 収納率 (現年度分)
// figure that gives 被保険者数, its band, rank in the band, 上位3割/5割 within the data,
// the published thresholds, the points they give and the 収納額 still to collect to
// reach each; and its JSON form.
//
//   auto s = kpi::StandCollection(bands, observations);
//   ReportTable t = BuildCollectionBandTable(bands, s, year);
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <vector>

#include "kpi/collection_bands.h"
#include "report/report_table.h"

namespace kokuho {

/// kpi_collection_bands; `year` keeps one fiscal year only (unset: all).
ReportTable BuildCollectionBandTable(const kpi::CollectionBands& bands,
                                     const std::vector<kpi::CollectionStanding>& standings,
                                     std::optional<int> year);

/// {"thresholds": {incentive_year, actuals_year, confirmed, source}, "rows": [...]}; rates
/// and yen exact strings.
nlohmann::ordered_json CollectionBandJson(const kpi::CollectionBands& bands,
                                          const std::vector<kpi::CollectionStanding>& standings,
                                          std::optional<int> year);

}  // namespace kokuho
