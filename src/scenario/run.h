// Runs a scenario: the 納付金 and 標準保険料率 engine for every year (each year built from
// the year before, year_case.h), the per-municipality figures users compare across years,
// and, with a household population, the levy of every household under each year's rates
// (household_panel.h).
#pragma once

#include <array>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/municipality_code.h"
#include "core/parameter_notes.h"
#include "core/part.h"
#include "core/rational.h"
#include "core/yen.h"
#include "nofukin/model.h"
#include "nofukin/result.h"
#include "scenario/household_panel.h"
#include "scenario/scenario.h"

namespace kokuho::scenario {

/// One municipality in one year.
struct MunicipalityYear {
  MunicipalityCode code;
  std::string name;
  std::int64_t insured = 0;     ///< 医療分 被保険者数
  Yen nofukin = 0;              ///< 納付金 P (all 分)
  Rational nofukin_per_capita;  ///< P / N
  Rational premium_per_capita;  ///< 1人当たり保険料: Σ_分 F / N (F = S / r, after relief)
  Yen relief_needed = 0;        ///< 激変緩和 needed
  Yen relief_granted = 0;       ///< granted, net of held-back decreases
  Rational collection_rate;     ///< 医療分 標準的な収納率
  /// Change of 1人当たり保険料 against the year before and the first year (nullopt in year 1).
  std::optional<Rational> change_previous, change_base;
};

/// One year of a run.
struct YearResult {
  YearPlan plan;
  nofukin::Case input;
  nofukin::Result result;
  std::vector<MunicipalityYear> municipalities;
  Yen nofukin_total = 0;
  Yen relief_needed = 0, relief_granted = 0;
  Yen tokurei_drawn = 0;  ///< drawn from relief pools on the fund's 特例基金 (account)
  Yen adjust_drawn = 0;   ///< drawn from relief pools on the fund's 財政調整事業 (account)
  std::optional<HouseholdYear> households;
};

/// What the household levy needs, loaded by the caller (engines read no files).
struct HouseholdInputs {
  const premium::Population* population = nullptr;
  premium::NationalRules rules;  ///< the year the panel is prepared in (the first year's)
  /// RatesRule::kGiven: each year's schedules (any order; matched by 団体コード).
  std::map<int, std::vector<premium::RateSchedule>> given;
};

struct RunOptions {
  unsigned threads = 0;                         ///< for the household levy (0 = all cores)
  const HouseholdInputs* households = nullptr;  ///< nullptr: the 納付金 level only
};

struct Run {
  std::string name;
  std::vector<YearResult> years;
  /// Unconfirmed or carried-forward rule values the run used (every output says so).
  ParameterNotes parameter_notes;
  const YearResult& year(FiscalYear y) const;
};

/// The figures of one computed year (used by runs and sweeps).
std::vector<MunicipalityYear> MunicipalityFigures(const nofukin::Result& r, const nofukin::Case& c);

/// The schedule a municipality levies when it follows its 市町村標準保険料率 of the year
/// (RatesRule::kStandard): 保険料, each 分's published rates, the national caps, 100円未満
/// truncation of each 分 (the most common 条例 rule, docs/scenario-format.md).
premium::RateSchedule StandardSchedule(const nofukin::MunicipalityResult& m,
                                       const nofukin::Case& c);

/// Runs every year in order; with options.households, levies the population every year.
Run RunScenario(const Scenario& s, const RunOptions& options = {});

}  // namespace kokuho::scenario
