// The indicator definitions of 保険者努力支援制度 (取組評価分) for one fiscal year, as
// data (data/incentive/r3.yaml, read by readers/incentive_loader.h). Pure types: no I/O.
//
// A year has two levels: 市町村分 (保険者共通の指標①–⑥ and 国保固有の指標①–⑥) and
// 都道府県分 (指標①–③). Each indicator has a maximum (満点) and one or more items; each
// item reads one value of the municipality data (a rate, a count or a yes/no flag) and
// turns it into points by one rule (docs/incentive-format.md):
//
//   kThreshold   value ≥ x → p points (or ≤ x when lower is better); the first step
//                met wins; optionally one step table per size class (被保険者数 band),
//                e.g. the published R4 固有① 収納率 thresholds (上位3割 93.58% → 50).
//   kPercentile  rank within the size class among the municipalities of the data:
//                top 30% → 50, top 50% → 35 (上位3割 / 上位5割).
//   kRank        rank within the size class among the municipalities of the data:
//                rank ≤ 5 → 40, rank ≤ 10 → 35 (順位 bands such as 1–5位 / 6–10位).
//   kFlag        yes → p points, no → q points (either may be negative: the −30 for
//                法定外繰入 or the −10 for a worsening medical-cost level are flags).
//   kShare       都道府県分 only: the share of the data's municipalities whose flag
//                column is yes, scored by threshold steps (e.g. 管内市町村の割合が
//                4割以上 → points; docs/incentive-format.md share_of_municipalities).
//
//   IncentiveRules r = LoadIncentiveRules(FiscalYear(2021));  // readers/incentive_loader.h
//   r.Level(Level::kMunicipal).MaxPoints();                   // 1000
//
// Every value carries `confirmed` and `source` (where it was read, or why it is a
// placeholder); reports print the unconfirmed count so nobody mistakes them for law.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/fiscal_year.h"
#include "core/parameter_notes.h"
#include "core/rational.h"

namespace kokuho::incentive {

/// 市町村分 or 都道府県分.
enum class Level { kMunicipal, kPrefectural };

/// "市町村分" / "都道府県分".
std::string LevelName(Level level);

/// Where a value comes from. confirmed = stated in the cited public source (spec [V]/[S]);
/// false = a placeholder or a reading not yet checked against the MHLW notice.
struct Provenance {
  bool confirmed = false;
  std::string source;
  SourcePos pos;  ///< where the value was defined (for messages)
};

/// A 被保険者数 band (e.g. 1万人以上5万人未満): min ≤ N < below (below unset: no upper bound).
struct SizeClass {
  std::string key;    ///< "10k_50k"
  std::string label;  ///< "1万人以上5万人未満"
  std::int64_t min_insured = 0;
  std::optional<std::int64_t> below;

  bool Contains(std::int64_t insured) const {
    return insured >= min_insured && (!below || insured < *below);
  }
};

enum class RuleKind { kThreshold, kPercentile, kRank, kFlag, kShare };

/// "threshold" / "percentile" / "rank" / "flag" / "share".
std::string RuleKindName(RuleKind kind);

/// One step of a threshold table: value ≥ bound (or ≤ bound when lower is better) → points.
struct ThresholdStep {
  Rational bound;
  Rational points;
  Provenance provenance;
};

/// The steps for one size class ("" = every municipality), best first.
struct ThresholdTable {
  std::string size_class;  ///< a SizeClass key, or "" for all
  std::vector<ThresholdStep> steps;
};

/// One band of a percentile rule: rank r of n in the class with r ≤ top × n → points.
struct PercentileBand {
  Rational top;  ///< 3/10 for 上位3割
  Rational points;
  Provenance provenance;
};

/// One band of a rank rule: rank r in the class with r ≤ at_most → points.
struct RankBand {
  std::int64_t at_most = 0;  ///< 5 for 1–5位
  Rational points;
  Provenance provenance;
};

/// One scored item of an indicator (e.g. 特定健診受診率 within 共通①).
struct Item {
  std::string key;     ///< "c1_kenshin"
  std::string label;   ///< "特定健診受診率"
  std::string column;  ///< the data column it reads ("特定健診受診率")
  RuleKind kind = RuleKind::kFlag;
  bool percent = false;                ///< values and bounds are rates ("39.2%" = 0.392)
  bool lower_is_better = false;        ///< kThreshold / kPercentile
  std::vector<ThresholdTable> tables;  ///< kThreshold, kShare (one table, on the share)
  std::vector<PercentileBand> bands;   ///< kPercentile, best (smallest top) first
  std::vector<RankBand> ranks;         ///< kRank, best (smallest at_most) first
  Rational points_yes;                 ///< kFlag
  Rational points_no;                  ///< kFlag
  Provenance provenance;               ///< of the rule as a whole (flag points)
  SourcePos pos;

  /// The most and the least points the rule can give.
  Rational MaxPoints() const;
  Rational MinPoints() const;
};

/// An indicator with its maximum (満点) and items.
struct Indicator {
  std::string key;  ///< "common_1"
  std::string label;  ///< "共通① 特定健診受診率・特定保健指導実施率・メタボ減少率"
  Rational max_points;
  Provenance max_provenance;
  std::vector<Item> items;
};

/// One level's indicators and declared total (1,000 for 市町村分 R3, 296 for 都道府県分 R3).
struct LevelRules {
  Level level = Level::kMunicipal;
  Rational declared_total;  ///< as stated by the source; Σ indicator maxima must equal it
  Provenance total_provenance;
  std::vector<Indicator> indicators;

  Rational MaxPoints() const;
};

/// One fiscal year's definitions.
struct IncentiveRules {
  FiscalYear year{2021};
  std::string file;  ///< for messages
  std::vector<SizeClass> size_classes;
  LevelRules municipal;
  LevelRules prefectural;
  /// The definitions' entry note when unconfirmed or carried forward to another year.
  ParameterNotes notes;

  const LevelRules& Of(Level level) const {
    return level == Level::kMunicipal ? municipal : prefectural;
  }
  const SizeClass* FindClass(const std::string& key) const;
  /// The class that contains `insured`, or nullptr.
  const SizeClass* ClassOf(std::int64_t insured) const;
  /// How many values (maxima, steps, bands, flag points) are marked unconfirmed.
  int UnconfirmedCount() const;
};

}  // namespace kokuho::incentive
