// A sweep: many variants of one scenario year (α, 標準的な収納率, β′, 均等割指数, the relief
// allowance), each computed at the 納付金 level from the same year before, ranked by the
// largest rise of 1人当たり保険料 any municipality would see (smallest first): the path
// that spares every municipality most comes first.
//
//   SweepGrid g;
//   g.alpha = RangeValues(Rational(0), Rational(1), Rational::Parse("0.05"));
//   std::vector<Variant> v = Sweep(s, FiscalYear(2028), g);
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "scenario/scenario.h"

namespace kokuho::scenario {

/// Values of one axis; empty: the year's own value.
struct SweepGrid {
  std::vector<Rational> alpha, collection_rate, beta_prime, equal_share_index, allowance;
  std::size_t size() const;  ///< the number of variants (the product of the non-empty axes)
};

/// from, from + step, … up to `to` inclusive (exact); throws
/// CalculationError for a step ≤ 0 or more than 100,000 values.
std::vector<Rational> RangeValues(const Rational& from, const Rational& to, const Rational& step);

struct Variant {
  std::optional<Rational> alpha, collection_rate, beta_prime, equal_share_index, allowance;
  Rational max_increase;  ///< the largest change of 1人当たり保険料 against the year before
  std::string max_code, max_name;  ///< where it is
  Rational mean_change;            ///< of the prefecture's 1人当たり保険料 (Σ levy / Σ N)
  int municipalities_up_5 = 0;     ///< municipalities whose 1人当たり保険料 rises 5% or more
  Yen relief_needed = 0, relief_granted = 0;
  Yen nofukin_total = 0;
};

/// From 納付金ベース on, a year's stage fixes α at 0 (ApplyPlan), so an α axis there only
/// repeats identical rows. Returns why, in Japanese, with the years where α does apply; nothing
/// when α applies in `year` (or the scenario has no such year).
std::optional<std::string> AlphaFixedReason(const Scenario& s, FiscalYear year);

/// Computes every variant of `year` (threads 0 = all cores). The comparison base is the
/// year before in the scenario, or for the first year each municipality's 丈比べ base
/// (前年度1人当たり額 of the case); a municipality without one is left out of the ranking.
std::vector<Variant> Sweep(const Scenario& s, FiscalYear year, const SweepGrid& grid,
                           unsigned threads = 0);

}  // namespace kokuho::scenario
