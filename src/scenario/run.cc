#include "scenario/run.h"

#include <fmt/format.h>

#include <algorithm>

#include "core/error.h"
#include "nofukin/engine.h"
#include "scenario/year_case.h"

namespace kokuho::scenario {
namespace {

std::optional<Rational> Change(const Rational& before, const Rational& after) {
  if (before.IsZero()) return std::nullopt;
  return (after - before) / before;
}

// The schedules of the population's municipalities for one year.
std::vector<premium::RateSchedule> YearSchedules(const Scenario& s, const HouseholdInputs& in,
                                                 const YearResult& y) {
  std::vector<premium::RateSchedule> out;
  for (const std::string& code : in.population->municipalities) {
    if (s.households && s.households->rule == RatesRule::kGiven) {
      auto year = in.given.find(y.plan.year.year());
      if (year == in.given.end())
        throw CalculationError(
            fmt::format("scenario: 料率表に {} の行がありません", y.plan.year.ToWareki()));
      auto it = std::find_if(year->second.begin(), year->second.end(),
                             [&](const auto& r) { return r.municipality == code; });
      if (it == year->second.end())
        throw CalculationError(fmt::format("scenario: 料率表に {} の {} の料率がありません", code,
                                           y.plan.year.ToWareki()));
      out.push_back(*it);
      continue;
    }
    auto it = std::find_if(y.result.municipalities.begin(), y.result.municipalities.end(),
                           [&](const auto& m) { return m.code.str() == code; });
    if (it == y.result.municipalities.end())
      throw CalculationError(
          fmt::format("scenario: 被保険者ファイルの団体コード {} は事例にない市町村です", code));
    out.push_back(StandardSchedule(*it, y.input));
  }
  return out;
}

}  // namespace

const YearResult& Run::year(FiscalYear y) const {
  for (const auto& r : years)
    if (r.plan.year == y) return r;
  throw CalculationError(fmt::format("scenario: {} の年度がありません", y.ToWareki()));
}

std::vector<MunicipalityYear> MunicipalityFigures(const nofukin::Result& r,
                                                  const nofukin::Case& c) {
  std::vector<MunicipalityYear> out;
  out.reserve(r.municipalities.size());
  for (size_t i = 0; i < r.municipalities.size(); ++i) {
    const nofukin::MunicipalityResult& m = r.municipalities[i];
    MunicipalityYear y;
    y.code = m.code;
    y.name = m.name;
    y.insured = m.insured;
    y.nofukin = m.nofukin_total;
    Rational levy(0);
    for (Part p : c.parts) levy += m.part(p).levy_total;
    if (m.insured > 0) {
      y.nofukin_per_capita = Rational(m.nofukin_total) / Rational(m.insured);
      y.premium_per_capita = levy / Rational(m.insured);
    }
    y.relief_needed = m.relief_needed;
    y.relief_granted = m.relief_total;
    y.collection_rate = c.municipalities[i].part(c.parts.front()).collection_rate;
    out.push_back(std::move(y));
  }
  return out;
}

premium::RateSchedule StandardSchedule(const nofukin::MunicipalityResult& m,
                                       const nofukin::Case& c) {
  premium::RateSchedule s;
  s.municipality = m.code.str();
  s.name = m.name;
  s.fiscal_year = c.fiscal_year.year();
  s.kind = premium::LevyKind::kRyo;
  s.rounding_unit = 100;  // 100円未満切り捨て, per 分 (docs/scenario-format.md)
  s.source = "市町村標準保険料率 (kokuho scenario)";
  for (Part p : c.parts) {
    const nofukin::RateSet& r = m.part(p).municipal_standard;
    premium::PartRates& pr = s.parts[static_cast<int>(p)];
    pr.levied = true;
    // 所得割率 in % with 2 decimals → parts per million, exactly (× 10,000).
    pr.income_rate = (r.income_rate_percent * Rational(10'000)).ToYen(RoundingMode::kHalfUp);
    if (r.asset_rate_percent)
      pr.asset_rate = (*r.asset_rate_percent * Rational(10'000)).ToYen(RoundingMode::kHalfUp);
    pr.per_capita = r.per_capita;
    pr.per_household = r.per_household;
  }
  return s;
}

Run RunScenario(const Scenario& s, const RunOptions& options) {
  Run run;
  run.name = s.name;
  run.parameter_notes.Merge(s.base.parameter_notes);
  if (options.households) run.parameter_notes.Merge(options.households->rules.notes);
  std::optional<HouseholdPanel> panel;
  if (options.households && options.households->population)
    panel.emplace(*options.households->population, options.households->rules, options.threads);
  for (size_t k = 0; k < s.years.size(); ++k) {
    YearResult y;
    y.plan = s.years[k];
    y.input = k == 0 ? FirstYearCase(s, y.plan)
                     : NextYearCase(s, y.plan, run.years.back().input, run.years.back().result);
    y.result = nofukin::Compute(y.input, {.detail = false});  // no report reads w_i
    y.municipalities = MunicipalityFigures(y.result, y.input);
    y.nofukin_total = y.result.nofukin_total();
    for (const auto& m : y.municipalities) {
      y.relief_needed += m.relief_needed;
      y.relief_granted += m.relief_granted;
    }
    for (const auto& d : y.result.relief.pools) {
      if (d.account == nofukin::ReliefAccount::kSpecialFund) y.tokurei_drawn += d.drawn;
      if (d.account == nofukin::ReliefAccount::kAdjustmentFund) y.adjust_drawn += d.drawn;
    }
    for (size_t i = 0; i < y.municipalities.size(); ++i) {
      MunicipalityYear& m = y.municipalities[i];
      if (k == 0) continue;
      m.change_previous =
          Change(run.years.back().municipalities[i].premium_per_capita, m.premium_per_capita);
      m.change_base =
          Change(run.years.front().municipalities[i].premium_per_capita, m.premium_per_capita);
    }
    if (panel) y.households = panel->Levy(YearSchedules(s, *options.households, y));
    run.years.push_back(std::move(y));
  }
  return run;
}

}  // namespace kokuho::scenario
