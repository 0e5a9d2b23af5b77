#include "premium/solver.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <thread>

#include "core/error.h"
#include "premium/batch.h"
#include "premium/levy.h"
#include "premium/levy_kernel.h"

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

/// One set of trial rates.
struct Trial {
  Ppm rate = 0;
  Yen pc = 0, ph = 0;
};

/// Evaluates the levy of one 分 at the given rates. Sums are checked (never a wrap).
SolvedRates Evaluate(const std::vector<PreparedHousehold>& hs, const RateSchedule& base,
                     const NationalRules& rules, const SolveRequest& req, const Trial& t) {
  RateSchedule s = base;
  PartRates& pr = s.parts[static_cast<int>(req.part)];
  pr.levied = true;
  pr.income_rate = t.rate;
  pr.asset_rate = 0;
  pr.per_capita = t.pc;
  pr.per_household = t.ph;
  pr.adult_addon = 0;
  pr.reduced_per_capita.reset();
  pr.reduced_per_household.reset();
  s.rounding_scope = RoundingScope::kPart;
  CompiledSchedule c = Compile(s, rules);
  if (req.basis == SolveBasis::kBeforeKeigen)
    for (auto& part : c.parts)
      for (int k = 1; k < kTierCount; ++k) {  // 軽減 not applied: every tier as no tier
        part.per_capita[k] = part.per_capita[0];
        part.household[k] = part.household[0];
      }
  const bool add_keigen = req.basis == SolveBasis::kBilledPlusKeigen;
  SolvedRates out{t.rate, t.pc, t.ph};
  const int p = static_cast<int>(req.part);
  std::vector<PartLevy> sums(HardwareThreads());
  std::vector<std::int64_t> capped(sums.size(), 0);
  ParallelFor(hs.size(), static_cast<unsigned>(sums.size()),
              [&](std::size_t b, std::size_t e, unsigned th) {
                PartLevy acc;
                auto add = [](Yen& total, Yen v) {
                  total = AddYen(total, v, "solve-rates: Σ賦課額");
                };
                for (std::size_t i = b; i < e; ++i) {
                  const PartLevy l = LevyHousehold(hs[i], c).parts[p];
                  add(acc.amount, l.amount);
                  add(acc.income, l.income);
                  add(acc.per_capita, l.per_capita);
                  add(acc.household, l.household);
                  add(acc.keigen, l.keigen);
                  add(acc.over_cap, l.over_cap);
                  capped[th] += l.over_cap > 0;
                }
                sums[th] = acc;
              });
  for (std::size_t k = 0; k < sums.size(); ++k) {
    out.levy = AddYen(out.levy, sums[k].amount, "solve-rates: Σ賦課額");
    out.income = AddYen(out.income, sums[k].income, "solve-rates: Σ所得割");
    out.per_capita_total = AddYen(out.per_capita_total, sums[k].per_capita, "solve-rates: Σ均等割");
    out.household_total = AddYen(out.household_total, sums[k].household, "solve-rates: Σ平等割");
    if (add_keigen) out.keigen = AddYen(out.keigen, sums[k].keigen, "solve-rates: Σ軽減額");
    out.over_cap = AddYen(out.over_cap, sums[k].over_cap, "solve-rates: Σ限度超過額");
    out.capped_households += capped[k];
  }
  // 課税総額 = billed + 軽減額 (地方税法 703条の4③) under kBilledPlusKeigen.
  if (add_keigen) out.levy = AddYen(out.levy, out.keigen, "solve-rates: 賦課額 + 軽減額");
  return out;
}

/// ⌈v / step⌉ × step (v ≥ 0), at most `max`.
Yen CeilTo(double v, Yen step, Yen max) {
  const Yen k = static_cast<Yen>(std::ceil(v / static_cast<double>(step) - 1e-9));
  return std::min(std::max<Yen>(k, 0) * step, max);
}
/// The nearest multiple of step (halves up), at most `max`.
Yen NearestTo(double v, Yen step, Yen max) {
  return std::min(static_cast<Yen>(std::llround(v / static_cast<double>(step))) * step, max);
}
/// The largest multiple of step ≤ max.
Yen MaxOnStep(Yen max, Yen step) { return max / step * step; }

}  // namespace

SolvedRates LevyAt(const std::vector<PreparedHousehold>& hs, const RateSchedule& base,
                   const NationalRules& rules, const SolveRequest& req, Ppm income_rate,
                   Yen per_capita, Yen per_household) {
  return Evaluate(hs, base, rules, req, Trial{income_rate, per_capita, per_household});
}

SolveResult SolveRates(const std::vector<PreparedHousehold>& hs, const RateSchedule& base,
                       const NationalRules& rules, const SolveRequest& req) {
  if (req.target <= 0)
    throw CalculationError("solve-rates: 目標賦課総額は1円以上を指定してください");
  if (!rules.levied[static_cast<int>(req.part)])
    throw CalculationError(fmt::format(
        "solve-rates: {} は {}年度には賦課されません (子ども・子育て支援納付金分は令和8年度から; "
        "data/premium/national.yaml)",
        PartLabel(req.part), rules.fiscal_year));
  const Basis b = Measure(hs, req.part);
  const double a = req.income_share.ToDouble();
  const double e = req.per_capita_share.ToDouble();
  const double t = static_cast<double>(req.target);
  if ((a > 0 && b.base_years <= 0) || b.member_years <= 0)
    throw CalculationError(
        fmt::format("solve-rates: {} の対象となる被保険者 (または所得割の基礎) がありません",
                    PartLabel(req.part)));
  // Rates at scale 1 (before caps and reductions they levy exactly the target).
  const double r1 = a > 0 ? a * t / b.base_years * kPpmOne : 0;
  const double p1 = (1 - a) * e * t / b.member_years;
  const double h1 = b.household_years > 0 ? (1 - a) * (1 - e) * t / b.household_years : 0;
  // The whole allowed range: the scale at which the first rate reaches its maximum.
  double s_max = std::numeric_limits<double>::infinity();
  if (r1 > 0) s_max = std::min(s_max, kMaxSolvedIncomeRate / r1);
  if (p1 > 0) s_max = std::min(s_max, kMaxSolvedAmount / p1);
  if (h1 > 0) s_max = std::min(s_max, kMaxSolvedAmount / h1);

  SolveResult out;
  auto levy = [&](const Trial& tr) {
    ++out.iterations;
    return Evaluate(hs, base, rules, req, tr);
  };
  // Exact rates at scale s: rounded up to 1 ppm and 1 yen, within the range.
  auto exact_at = [&](double s) {
    return Trial{CeilTo(s * r1, 1, kMaxSolvedIncomeRate), CeilTo(s * p1, 1, kMaxSolvedAmount),
                 CeilTo(s * h1, 1, kMaxSolvedAmount)};
  };
  const SolvedRates at_max = levy(exact_at(s_max));
  if (at_max.levy < req.target)
    throw CalculationError(fmt::format(
        "solve-rates: {}: 許される範囲の料率では目標 {}円 に届きません。所得割率 {} / 均等割 {}円 "
        "/ "
        "平等割 {}円 でも賦課額は {}円 です (賦課限度額で頭打ちになるため。範囲は所得割率 50%以下、"
        "均等割・平等割 1,000,000円以下)。目標額か賦課限度額を見直してください",
        PartLabel(req.part), FormatYen(req.target), PpmPercent(at_max.income_rate),
        FormatYen(at_max.per_capita), FormatYen(at_max.per_household), FormatYen(at_max.levy)));
  // Bisection over [0, s_max] for the smallest scale whose levy meets the target.
  auto smallest = [&](auto&& rates_at, double hi) {
    double lo = 0;
    for (int i = 0; i < 64 && hi - lo > 1e-12 * hi; ++i) {
      const double mid = (lo + hi) / 2;
      (levy(rates_at(mid)).levy >= req.target ? hi : lo) = mid;
    }
    return hi;
  };
  const double s_exact = smallest(exact_at, s_max);
  out.exact = levy(exact_at(s_exact));

  const Yen rs = req.rate_step, as = req.amount_step;
  const Ppm rate_max = MaxOnStep(kMaxSolvedIncomeRate, rs);
  const Yen amount_max = MaxOnStep(kMaxSolvedAmount, as);
  if (req.rounding == PublishedRounding::kNearest) {
    out.published =
        levy(Trial{NearestTo(s_exact * r1, rs, rate_max), NearestTo(s_exact * p1, as, amount_max),
                   NearestTo(s_exact * h1, as, amount_max)});
  } else {
    auto up_at = [&](double s) {
      return Trial{CeilTo(s * r1, rs, rate_max), CeilTo(s * p1, as, amount_max),
                   CeilTo(s * h1, as, amount_max)};
    };
    // Rounded up, the rates at s_exact meet the target (each ≥ its exact value) unless a
    // maximum cut them; the smallest such scale lies in [0, s_exact].
    double hi = s_exact;
    if (levy(up_at(hi)).levy < req.target) hi = s_max;
    Trial best = up_at(smallest(up_at, hi));
    SolvedRates best_levy = levy(best);
    // Then lower any rate one step while the target is still met (所得割率, 均等割, 平等割).
    for (bool lowered = true; lowered && best_levy.levy >= req.target;) {
      lowered = false;
      for (int k = 0; k < 3; ++k) {
        Trial down = best;
        Yen& v = k == 0 ? down.rate : k == 1 ? down.pc : down.ph;
        const Yen step = k == 0 ? rs : as;
        if (v < step) continue;
        v -= step;
        const SolvedRates l = levy(down);
        if (l.levy < req.target) continue;
        best = down;
        best_levy = l;
        lowered = true;
      }
    }
    out.published = best_levy;
  }
  out.shortfall = SubYen(req.target, out.published.levy, "solve-rates: 不足額");
  return out;
}

}  // namespace kokuho::premium
