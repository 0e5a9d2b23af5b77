#include "scenario/household_panel.h"

#include "core/error.h"

namespace kokuho::scenario {

const char* ChangeBandLabel(int band) {
  static const char* const kLabels[kChangeBandCount] = {"20%以上減", "10〜20%減", "5〜10%減",
                                                        "5%未満減",  "変化なし",  "5%未満増",
                                                        "5〜10%増",  "10〜20%増", "20%以上増"};
  return kLabels[band];
}

int ChangeBand(Yen before, Yen after) {
  const Yen d = after - before;
  if (d == 0) return 4;
  if (before <= 0) return d > 0 ? 8 : 0;
  // Exact comparisons of 100·d with k·before (no division, no doubles).
  const Yen h = 100 * d;
  if (d < 0) {
    if (h <= -20 * before) return 0;
    if (h <= -10 * before) return 1;
    if (h <= -5 * before) return 2;
    return 3;
  }
  if (h >= 20 * before) return 8;
  if (h >= 10 * before) return 7;
  if (h >= 5 * before) return 6;
  return 5;
}

HouseholdPanel::HouseholdPanel(const premium::Population& population,
                               const premium::NationalRules& rules, unsigned threads)
    : population_(population), rules_(rules), threads_(threads) {
  prepared_ = premium::PrepareAll(population, rules_, threads_);
  deciles_ = premium::AssignDeciles(prepared_);
}

HouseholdYear HouseholdPanel::Levy(const std::vector<premium::RateSchedule>& schedules) {
  if (schedules.size() != population_.municipalities.size())
    throw CalculationError("scenario: 被保険者ファイルの市町村ごとに料率が1つずつ必要です");
  std::vector<premium::CompiledSchedule> compiled;
  compiled.reserve(schedules.size());
  for (const auto& s : schedules) compiled.push_back(premium::Compile(s, rules_));
  premium::LevyAllResult all = premium::LevyAll(prepared_, compiled, deciles_, true, threads_);

  HouseholdYear y;
  y.households = static_cast<std::int64_t>(prepared_.size());
  y.decile_upper = deciles_.upper;
  for (const auto& m : all.municipalities) {
    y.levy_by_municipality.push_back(m.total);
    y.levy_total += m.total;
  }
  const std::vector<Yen>& now = all.household_totals;
  const bool first = base_.empty();
  if (first) base_ = now;
  const std::vector<Yen>& previous = previous_.empty() ? now : previous_;
  for (std::size_t h = 0; h < now.size(); ++h) {
    const int decile = deciles_.of_household[h];
    y.levy_by_decile[decile] += now[h];
    y.change_previous[ChangeBand(previous[h], now[h])] += 1;
    const int band = ChangeBand(base_[h], now[h]);
    y.change_base[band] += 1;
    y.base_by_decile[decile][band] += 1;
    y.base_by_type[prepared_[h].type][band] += 1;
  }
  previous_ = now;
  return y;
}

}  // namespace kokuho::scenario
