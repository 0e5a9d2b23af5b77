#include "premium/solver.h"

#include <fmt/format.h>

#include <cmath>
#include <thread>

#include "core/error.h"
#include "premium/batch.h"

namespace kokuho::premium {
namespace {

struct Basis {
  double base_years = 0;       ///< Σ 所得割 base × months ÷ 12
  double member_years = 0;     ///< Σ member-months ÷ 12
  double household_years = 0;  ///< Σ household-months ÷ 12
};

Basis Measure(const std::vector<PreparedHousehold>& hs, Part part) {
  Basis b;
  const bool kaigo = part == Part::kKaigo;
  for (const auto& h : hs) {
    b.base_years += h.BaseMonths(kaigo) / 12.0;
    b.member_years += h.MemberMonths(kaigo) / 12.0;
    b.household_years += h.Months(kaigo) / 12.0;
  }
  return b;
}

/// Evaluates the levy of one 分 at the given rates.
SolvedRates Evaluate(const std::vector<PreparedHousehold>& hs, const RateSchedule& base,
                     const NationalRules& rules, const SolveRequest& req, Ppm rate, Yen pc,
                     Yen ph) {
  RateSchedule s = base;
  PartRates& pr = s.parts[static_cast<int>(req.part)];
  pr.income_rate = rate;
  pr.asset_rate = 0;
  pr.per_capita = pc;
  pr.per_household = ph;
  pr.adult_addon = 0;
  pr.reduced_per_capita.reset();
  pr.reduced_per_household.reset();
  s.rounding_scope = RoundingScope::kPart;
  CompiledSchedule c = Compile(s, rules);
  if (req.basis == SolveBasis::kBeforeKeigen)
    for (auto& part : c.parts)
      for (int t = 1; t < kTierCount; ++t) {  // 軽減 not applied: every tier as no tier
        part.per_capita[t] = part.per_capita[0];
        part.household[t] = part.household[0];
      }
  SolvedRates out{rate, pc, ph};
  const int p = static_cast<int>(req.part);
  std::vector<PartLevy> sums(std::max(1u, std::thread::hardware_concurrency()));
  std::vector<std::int64_t> capped(sums.size(), 0);
  ParallelFor(hs.size(), static_cast<unsigned>(sums.size()),
              [&](std::size_t b, std::size_t e, unsigned t) {
                PartLevy acc;
                for (std::size_t i = b; i < e; ++i) {
                  const PartLevy l = LevyHousehold(hs[i], c).parts[p];
                  acc.amount += l.amount;
                  acc.income += l.income;
                  acc.per_capita += l.per_capita;
                  acc.household += l.household;
                  acc.over_cap += l.over_cap;
                  capped[t] += l.over_cap > 0;
                }
                sums[t] = acc;
              });
  for (std::size_t t = 0; t < sums.size(); ++t) {
    out.levy += sums[t].amount;
    out.income += sums[t].income;
    out.per_capita_total += sums[t].per_capita;
    out.household_total += sums[t].household;
    out.over_cap += sums[t].over_cap;
    out.capped_households += capped[t];
  }
  return out;
}

Yen RoundTo(double v, Yen step) { return static_cast<Yen>(std::llround(v / step)) * step; }

}  // namespace

SolveResult SolveRates(const std::vector<PreparedHousehold>& hs, const RateSchedule& base,
                       const NationalRules& rules, const SolveRequest& req) {
  const Basis b = Measure(hs, req.part);
  const double a = req.income_share.ToDouble();
  const double e = req.per_capita_share.ToDouble();
  const double t = static_cast<double>(req.target);
  if (req.target <= 0) throw CalculationError("solve-rates: the target must be positive");
  if ((a > 0 && b.base_years <= 0) || b.member_years <= 0)
    throw CalculationError(
        fmt::format("solve-rates: {} の対象となる被保険者 (または所得割の基礎) がありません",
                    PartLabel(req.part)));
  // Rates at scale 1 (before caps and reductions they levy exactly the target).
  const double r1 = a > 0 ? a * t / b.base_years * kPpmOne : 0;
  const double p1 = (1 - a) * e * t / b.member_years;
  const double h1 = b.household_years > 0 ? (1 - a) * (1 - e) * t / b.household_years : 0;
  auto at = [&](double s) {
    return Evaluate(hs, base, rules, req, static_cast<Ppm>(std::ceil(s * r1)),
                    static_cast<Yen>(std::ceil(s * p1)), static_cast<Yen>(std::ceil(s * h1)));
  };
  SolveResult out;
  double lo = 0, hi = 1;
  while (at(hi).levy < req.target) {
    hi *= 2;
    if (++out.iterations > 40 || hi * r1 > 0.5 * kPpmOne)
      throw CalculationError(
          "solve-rates: no rate up to 50% meets the target (the caps hold the levy below it)");
  }
  for (int i = 0; i < 60 && hi - lo > 1e-12; ++i, ++out.iterations) {
    const double mid = (lo + hi) / 2;
    (at(mid).levy >= req.target ? hi : lo) = mid;
  }
  out.exact = at(hi);
  out.published = Evaluate(hs, base, rules, req, RoundTo(hi * r1, req.rate_step),
                           RoundTo(hi * p1, req.amount_step), RoundTo(hi * h1, req.amount_step));
  out.shortfall = req.target - out.published.levy;
  return out;
}

}  // namespace kokuho::premium
