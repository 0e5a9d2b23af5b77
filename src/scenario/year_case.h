// The 納付金 case of one scenario year: the year before's case grown by the scenario's
// growth, then that year's plan applied (docs/scenario-format.md, "How a year is built").
#pragma once

#include <set>
#include <string>

#include "nofukin/model.h"
#include "nofukin/result.h"
#include "scenario/scenario.h"

namespace kokuho::scenario {

/// The first year: the base case with the plan applied (no growth).
nofukin::Case FirstYearCase(const Scenario& s, const YearPlan& plan);

/// A later year: `previous` grown one year, its results as the 激変緩和 base (when the
/// policy compares with the 前年度), then the plan applied.
nofukin::Case NextYearCase(const Scenario& s, const YearPlan& plan, const nofukin::Case& previous,
                           const nofukin::Result& previous_result);

/// The two halves of NextYearCase, for callers that build many variants of one year from
/// the same year before (sweeps): `previous` grown one year, then the plan and the 丈比べ base.
nofukin::Case GrowYear(const Scenario& s, const nofukin::Case& previous);
nofukin::Case FinishYear(const Scenario& s, const YearPlan& plan, nofukin::Case grown,
                         const nofukin::Result& previous_result);

/// Applies a plan's coefficients, stage and relief to `c` (used by both, by sweeps and by the
/// web app's live scenario, whose sliders are a one-year plan at the current stage).
/// `municipal_items`: the individual items that stay with the municipality when the plan's
/// stage pools the others (Scenario::municipal_items).
void ApplyPlan(const YearPlan& plan, const std::set<std::string>& municipal_items,
               nofukin::Case& c);

}  // namespace kokuho::scenario
