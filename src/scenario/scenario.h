// A scenario: a prefecture's roadmap over fiscal years T … T+n towards one premium level
// (保険料水準の統一), as read from a scenario file (docs/scenario-format.md).
//
// Year T is the base case (a 納付金 case folder, nofukin::Case). Each later year starts from
// the year before (its inputs grown, its results as the 激変緩和 base), then applies that
// year's plan: α, β′, 均等割指数, 標準的な収納率, the unification stage and the relief policy.
//
//   scenario::Scenario s = LoadScenario("examples/gunma-roadmap/scenario.yaml");
//   scenario::Run run = scenario::RunScenario(s, {});
//   for (const auto& y : run.years) fmt::print("{} {}\n", y.year.ToWareki(), y.nofukin_total);
#pragma once

#include <array>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/fiscal_year.h"
#include "core/rational.h"
#include "nofukin/model.h"

namespace kokuho::scenario {

/// 統一の段階 (docs/finance-format.md; docs/nofukin-rules.md).
enum class Stage {
  kCurrent,      ///< 現行: the base case's way (α as given, own items, own 収納率)
  kNofukinBase,  ///< 納付金ベースの統一: α = 0
  kSemiUnified,  ///< 準統一: α = 0 and costs pooled; rates differ only by 収納率
  kUnified,  ///< 完全統一: 準統一 and one 標準的な収納率: the same rates everywhere
};

/// "現行", "納付金ベース", "準統一", "完全統一".
const char* StageLabel(Stage stage);

/// Whether α means anything in a year of this stage: while the 納付金 reflect each
/// municipality's 医療費水準 (現行: α as given; 納付金ベース: α = 0 by definition). From 準統一
/// on the costs are pooled and α has no effect, so tables and charts show — there, not 0.
bool AlphaApplies(Stage stage);

/// How the 標準的な収納率 of every municipality moves in a year (nullopt fields: unchanged).
struct CollectionRatePlan {
  std::optional<Rational> uniform;  ///< every municipality at this rate
  std::optional<Rational> change;   ///< each municipality's rate + this (capped at 1)
};

/// One year of the roadmap.
struct YearPlan {
  FiscalYear year{2027};
  SourcePos pos;  ///< where the year is written (for messages)
  Stage stage = Stage::kCurrent;
  std::optional<Rational> alpha;  ///< α (医療分)
  /// β′ and 均等割指数 e per 分 (index: Part); absent: the year before's value.
  std::array<std::optional<Rational>, kPartCount> beta_prime;
  std::array<std::optional<Rational>, kPartCount> equal_share_index;
  CollectionRatePlan collection;
  std::optional<nofukin::ReliefPolicy> relief;  ///< nullopt: the year before's policy
};

/// How each year's inputs grow from the year before (docs/finance-format.md; the Gunma
/// 国保連合会 plan assumes 被保険者数 × 0.96 a year).
struct Growth {
  Rational cost_per_capita{0};    ///< 1人当たり医療費の伸び (0.02 = +2% a year)
  Rational insured{1};            ///< 被保険者数 (and 世帯数) factor a year (0.96)
  Rational income_per_capita{0};  ///< 1人当たり所得の伸び
};

/// How municipalities set their rates in the household levy (docs/scenario-format.md).
enum class RatesRule {
  kStandard,  ///< each municipality levies its 市町村標準保険料率 of the year
  kGiven,     ///< the rates file's rows for each year
};

struct HouseholdPlan {
  std::string population;  ///< population file (.kpop / .csv / .xlsx)
  RatesRule rule = RatesRule::kStandard;
  std::string rates;  ///< kGiven: the rates file
};

/// 保険者努力支援制度 data scored for the report (docs/incentive-format.md): the same
/// inputs as `kokuho incentive score`, paths resolved against the scenario file.
struct IncentivePlan {
  std::string data;
  std::string year;      ///< as written (R3, 2021, 令和3年度); checked when loaded
  std::string rules;     ///< empty: the embedded definitions of the year
  std::string budget;    ///< empty: no allocation
  std::string national;  ///< empty: no national average
};

struct Scenario {
  std::string name;
  /// A notice every report of the scenario shows on each page, e.g. that its figures are a
  /// 架空 sample (the scenario's `notice:`; empty: none).
  std::string notice;
  std::string file;             ///< the scenario file (for messages)
  nofukin::Case base;           ///< year T
  std::vector<YearPlan> years;  ///< T, T+1, … in order, consecutive
  Growth growth;
  /// 個別加減算 items that stay municipality-specific from 準統一 on (e.g. 保健事業費);
  /// every other item is pooled prefecture-wide.
  std::set<std::string> municipal_items;
  std::optional<HouseholdPlan> households;
  std::string fund;      ///< 財政安定化基金 file (docs/finance-format.md), optional
  std::string deficits;  ///< 法定外繰入 / 赤字解消計画 table, optional
  std::string kpi;       ///< KPI data (docs/kpi-format.md) shown in the report, optional
  std::optional<IncentivePlan> incentive;  ///< 保険者努力支援制度 shown in the report, optional
};

}  // namespace kokuho::scenario
