// KPI / PDCA: indicator definitions as data, and their evaluation per municipality
// and fiscal year against dated targets, with prefecture totals computed from
// numerators and denominators (never a plain mean of rates).
//
// A Definition says what an indicator is (特定健診実施率, 収納率 …): its unit, whether
// higher or lower is better, whether it is a ratio (分子 ÷ 分母) or an amount/count,
// and its targets by fiscal year, each with its source. Observations are the data
// (one per municipality, year and KPI). Evaluate() is pure: no files, no printing.
//
//   Definition d{.key = "specific_health_checkup_rate", .label = "特定健診実施率",
//                .unit = Unit::kPercent, .direction = Direction::kHigherIsBetter,
//                .kind = Kind::kRatio,
//                .targets = {{FiscalYear(2029), Rational(7, 10), "医療費適正化計画", true}}};
//   Observation a{.code = maebashi, .year = FiscalYear(2023), .key = d.key,
//                 .value = Rational(50, 100), .numerator = 50, .denominator = 100};
//   Result r = Evaluate({d}, {a, b});
//   r.municipalities[0].status;   // Status::kNotAchieved (50% < 70%)
//   r.prefecture[0].actual;       // Σ分子 ÷ Σ分母
//
// Values are kept in natural units: a percent KPI holds a fraction (0.5 = 50%), a yen
// KPI whole yen, an index its value (1.0 = national level). Everything is an exact
// Rational; rounding happens only for display.
#pragma once

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "core/error.h"
#include "core/fiscal_year.h"
#include "core/municipality_code.h"
#include "core/rational.h"

namespace kokuho::kpi {

/// Unit of a KPI's value.
enum class Unit {
  kPercent,  ///< %, held as a fraction (0.425 = 42.5%); gaps are percentage points
  kYen,      ///< 円
  kCount,    ///< 件 / 市町村 (a count)
  kIndex,    ///< an index, national level = 1 (地域差指数)
};

/// Which way is good.
enum class Direction {
  kHigherIsBetter,  ///< 高いほど良い (実施率, 収納率)
  kLowerIsBetter,  ///< 低いほど良い (法定外繰入, 地域差指数, 1人当たり医療費)
};

/// How values combine over municipalities.
enum class Kind {
  kRatio,   ///< 分子 ÷ 分母; the prefecture figure is Σ分子 ÷ Σ分母
  kAmount,  ///< an amount (円); the prefecture figure is the sum
  kCount,   ///< a count; the prefecture figure is the sum
};

/// A target (目標値) for a fiscal year: reach `value` by `year` (目標年度).
struct Target {
  FiscalYear year{0};
  Rational value;
  std::string source;      ///< where the figure comes from (plan, notice, page)
  bool confirmed = false;  ///< false: taken from a secondary source, not yet checked
};

/// One KPI (指標).
struct Definition {
  std::string key;    ///< stable English key, e.g. "collection_rate_current"
  std::string label;  ///< Japanese label, e.g. "収納率（現年度分）"
  Unit unit = Unit::kPercent;
  Direction direction = Direction::kHigherIsBetter;
  Kind kind = Kind::kRatio;
  std::string numerator;    ///< ratio: what the 分子 counts (収納額)
  std::string denominator;  ///< ratio: what the 分母 counts (調定額)
  std::string exclusions;  ///< ratio: what may be subtracted from 分母 (居所不明者分); empty = none
  std::string source;           ///< definition source
  std::vector<Target> targets;  ///< sorted by year

  /// The target in force for `year`: the earliest target whose 目標年度 is `year` or
  /// later (the next milestone); after the last 目標年度 the last target stays in force.
  /// nullopt when the KPI has no target.
  std::optional<Target> TargetFor(FiscalYear year) const {
    const Target* last = nullptr;
    for (const Target& t : targets) {
      if (t.year >= year) return t;
      last = &t;
    }
    if (last) return *last;
    return std::nullopt;
  }
};

/// One figure of the data: a municipality's value of one KPI in one fiscal year.
struct Observation {
  MunicipalityCode code;
  std::string name;  ///< 市町村名 as given (may be empty)
  FiscalYear year{0};
  std::string key;  ///< Definition::key
  Rational value;   ///< the actual (実績), in the KPI's natural unit
  /// Ratio KPIs: 分子, when given. When absent but `denominator` is given, the
  /// numerator used for totals is value × (denominator − excluded).
  std::optional<Rational> numerator;
  std::optional<Rational> denominator;  ///< ratio KPIs: 分母 as given (before exclusions)
  Rational excluded;  ///< ratio KPIs: 除外額 subtracted from 分母 (0 if none)
  /// 被保険者数, when given (the 規模 band of 収納率, collection_bands.h).
  std::optional<std::int64_t> insured;

  /// The denominator the rate is taken on (分母 − 除外額), if a denominator is known.
  std::optional<Rational> Base() const {
    if (!denominator) return std::nullopt;
    return *denominator - excluded;
  }
};

/// 判定 (status) of a figure. Rules (documented in docs/kpi-format.md):
///  - 達成 (kAchieved): a target is in force and the actual meets it (≥ when higher is
///    better, ≤ when lower is better);
///  - otherwise, against the previous fiscal year (year − 1) of the same municipality:
///    改善 (kImproved) if it moved the good way, 悪化 (kWorsened) if the bad way;
///  - otherwise 未達成 (kNotAchieved) when a target is in force, 横ばい (kFlat) when
///    there is no target but the figure is unchanged, and "—" (kNone) when there is
///    neither a target nor a previous year.
enum class Status { kAchieved, kNotAchieved, kImproved, kWorsened, kFlat, kNone };

/// "達成", "未達成", "改善", "悪化", "横ばい", "—".
const char* StatusLabel(Status s);

/// The comparison part shared by municipalities and the prefecture.
struct Assessment {
  std::optional<Target> target;    ///< the target in force for the year
  std::optional<Rational> gap;     ///< actual − target (signed; + = above the target)
  std::optional<Rational> change;  ///< actual − previous year's actual (trend)
  Status status = Status::kNone;
};

/// One municipality-year-KPI evaluated.
struct MunicipalityEvaluation {
  const Definition* definition = nullptr;
  Observation observation;
  Assessment assessment;
  /// Ratio KPIs with a target missed and a known 分母: how much the 分子 must move to meet
  /// it, target × (分母 − 除外額) − 分子 (e.g. for 収納率 the 収納額 still to collect: the
  /// revenue effect of reaching the target). Exact; negative when lower is better.
  std::optional<Rational> to_target;
};

/// The prefecture figure (県計) of one KPI in one year.
struct PrefectureEvaluation {
  const Definition* definition = nullptr;
  FiscalYear year{0};
  int municipalities = 0;               ///< how many municipalities the data hold
  std::optional<Rational> numerator;    ///< ratio: Σ分子
  std::optional<Rational> denominator;  ///< ratio: Σ(分母 − 除外額)
  std::optional<Rational> actual;       ///< nullopt: cannot be computed (see note)
  std::string note;                     ///< why not computable, in Japanese
  Assessment assessment;
};

struct Result {
  std::vector<MunicipalityEvaluation> municipalities;  ///< by KPI, code, year
  std::vector<PrefectureEvaluation> prefecture;        ///< by KPI, year
};

/// Compares `actual` with the target in force for `year` and with `previous`.
Assessment Assess(const Definition& d, FiscalYear year, const Rational& actual,
                  const std::optional<Rational>& previous);

/// The prefecture figure of one KPI in one year from its municipalities' observations.
///  - ratio: Σ分子 ÷ Σ(分母 − 除外額). A municipality given only as a rate counts with
///    分子 = rate × (分母 − 除外額) when its 分母 is given; if any municipality has no
///    分母 the figure is not computed (a mean of rates would weight a village of 500
///    insured like a city of 100,000), and `note` says so.
///  - amount / count: the sum.
PrefectureEvaluation Total(const Definition& d, FiscalYear year,
                           const std::vector<const Observation*>& obs);

/// Evaluates every observation and the prefecture totals. Observations of a key not
/// in `definitions`, or two for the same (code, year, key), are a CalculationError
/// (the loader reports them with positions first).
Result Evaluate(const std::vector<Definition>& definitions,
                const std::vector<Observation>& observations);

}  // namespace kokuho::kpi
