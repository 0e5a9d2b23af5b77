// 収納率 by size class (規模別): where each municipality's 収納率 (現年度分) stands among the
// municipalities of its 被保険者数 band, the way 保険者努力支援制度 国保固有指標① scores it
// (上位3割 → 50 points, 上位5割 → 35; docs/kpi-format.md).
//
// Two readings side by side:
//  - within the data: the rank in the band among the municipalities of the same year
//    (competition ranking, ties share the better rank), 上位3割 when rank ≤ 0.3 × n,
//    上位5割 when rank ≤ 0.5 × n — the prefecture's own view;
//  - against the thresholds MHLW published for a 評価年度 (data/kpi/collection_bands.yaml),
//    with the 収納額 still to collect to reach each threshold (閾値 × (調定額 − 除外額) −
//    収納額), the revenue effect of reaching the band.
//
//   CollectionBands b = LoadCollectionBands();                  // readers/kpi_loader.h
//   std::vector<CollectionStanding> s = StandCollection(b, observations);
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/fiscal_year.h"
#include "core/parameter_notes.h"
#include "core/rational.h"
#include "kpi/kpi.h"

namespace kokuho::kpi {

/// The KPI the bands apply to.
inline constexpr const char* kCollectionCurrent = "collection_rate_current";

/// One 被保険者数 band with its published thresholds (unset: not published / not read).
struct BandClass {
  std::string label;  ///< "1万人以上5万人未満"
  std::int64_t min = 0;
  std::optional<std::int64_t> below;
  std::optional<Rational> top30;  ///< 上位3割 threshold (fraction: 0.9521)
  std::optional<Rational> top50;  ///< 上位5割 threshold

  bool Contains(std::int64_t insured) const {
    return insured >= min && (!below || insured < *below);
  }
};

/// The thresholds of one 評価年度.
struct CollectionBands {
  FiscalYear incentive_year{2022};  ///< the grant year that scored with them (R4)
  FiscalYear actuals_year{2019};    ///< the 収納率 year they were computed on (R1)
  Rational points_top30, points_top50;
  bool confirmed = false;
  std::string source;
  std::vector<BandClass> classes;  ///< contiguous, smallest first or any order
  ParameterNotes notes;            ///< the thresholds' note when unconfirmed

  const BandClass* ClassOf(std::int64_t insured) const;
};

/// "上位3割", "上位5割" or "" (neither).
const char* BandName(int band);  // 1 = 上位3割, 2 = 上位5割, 0 = neither

/// One municipality-year's standing.
struct CollectionStanding {
  const Observation* observation = nullptr;
  const BandClass* size_class = nullptr;
  std::int64_t rank = 0;           ///< within the band and year, among the data's municipalities
  std::int64_t in_class = 0;       ///< how many municipalities the band holds that year
  int data_band = 0;               ///< by rank: 1 上位3割, 2 上位5割, 0 neither
  int published_band = 0;          ///< by the published thresholds (0 also when none)
  std::optional<Rational> points;  ///< by the published thresholds; unset when none
  /// 収納額 still to collect to reach the threshold (unset: met, no threshold, or no 分母).
  std::optional<Rational> to_top30, to_top50;
};

/// The standing of every 収納率 (現年度分) observation that gives 被保険者数, ordered by
/// year, band (as listed) and rank. Observations without 被保険者数 are left out.
/// Throws CalculationError when a 被保険者数 falls in no band (the loader checks that the
/// bands cover 0 and up).
std::vector<CollectionStanding> StandCollection(const CollectionBands& bands,
                                                const std::vector<Observation>& observations);

}  // namespace kokuho::kpi
