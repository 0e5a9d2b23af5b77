#include "scenario/sweep.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "core/error.h"
#include "core/parallel.h"
#include "nofukin/engine.h"
#include "premium/batch.h"
#include "scenario/run.h"
#include "scenario/year_case.h"

namespace kokuho::scenario {
namespace {

std::vector<std::optional<Rational>> Axis(const std::vector<Rational>& values) {
  if (values.empty()) return {std::nullopt};
  return {values.begin(), values.end()};
}

}  // namespace

std::size_t SweepGrid::size() const {
  std::size_t n = 1;
  for (const auto* axis : {&alpha, &collection_rate, &beta_prime, &equal_share_index, &allowance})
    n *= std::max<std::size_t>(1, axis->size());
  return n;
}

std::vector<Rational> RangeValues(const Rational& from, const Rational& to, const Rational& step) {
  if (step.Sign() <= 0) throw CalculationError("sweep: 刻みは0より大きくしてください");
  std::vector<Rational> out;
  for (Rational v = from; v <= to; v += step) {
    if (out.size() >= 100'000)
      throw CalculationError("sweep: 1つの軸の値が100,000を超えます。範囲か刻みを見直してください");
    out.push_back(v);
  }
  return out;
}

std::vector<Variant> Sweep(const Scenario& s, FiscalYear year, const SweepGrid& grid,
                           unsigned threads) {
  auto target = std::find_if(s.years.begin(), s.years.end(),
                             [&](const YearPlan& p) { return p.year == year; });
  if (target == s.years.end())
    throw CalculationError(fmt::format("sweep: シナリオに {} の年度がありません", year.ToWareki()));
  // The years before the swept one, once.
  Scenario before = s;
  before.years.assign(s.years.begin(), target);
  before.households.reset();
  const Run chain = RunScenario(before);

  // The comparison base per municipality: the year before's 1人当たり保険料, or the case's
  // 丈比べ base in the first year.
  std::map<std::string, Rational> base;
  if (!chain.years.empty()) {
    for (const auto& m : chain.years.back().municipalities)
      base[m.code.str()] = m.premium_per_capita;
  } else {
    for (const auto& m : s.base.municipalities)
      if (m.relief_base_per_capita) base[m.code.str()] = Rational(*m.relief_base_per_capita);
  }

  // The year before grown once; each variant applies its plan to a copy.
  std::optional<nofukin::Case> grown;
  if (!chain.years.empty()) grown = GrowYear(s, chain.years.back().input);

  std::vector<Variant> variants;
  for (const auto& a : Axis(grid.alpha))
    for (const auto& r : Axis(grid.collection_rate))
      for (const auto& b : Axis(grid.beta_prime))
        for (const auto& e : Axis(grid.equal_share_index))
          for (const auto& x : Axis(grid.allowance)) variants.push_back({a, r, b, e, x});

  ParallelFor(variants.size(), threads, [&](std::size_t lo, std::size_t hi, unsigned) {
    for (std::size_t v = lo; v < hi; ++v) {
      Variant& var = variants[v];
      YearPlan plan = *target;
      if (var.alpha) plan.alpha = var.alpha;
      if (var.collection_rate) plan.collection = {var.collection_rate, std::nullopt};
      if (var.beta_prime) plan.beta_prime.fill(var.beta_prime);
      if (var.equal_share_index) plan.equal_share_index.fill(var.equal_share_index);
      if (var.allowance) {
        if (!plan.relief)
          plan.relief = chain.years.empty() ? s.base.relief : chain.years.back().input.relief;
        plan.relief->allowance = *var.allowance;
      }
      const nofukin::Case c = chain.years.empty()
                                  ? FirstYearCase(s, plan)
                                  : FinishYear(s, plan, *grown, chain.years.back().result);
      const nofukin::Result r =
          nofukin::Compute(c, {.trace = false, .rates = false, .detail = false});
      const std::vector<MunicipalityYear> figures = MunicipalityFigures(r, c);
      Rational levy_now(0), levy_before(0);
      std::int64_t insured = 0;
      bool any = false;
      for (const auto& m : figures) {
        var.nofukin_total += m.nofukin;
        var.relief_needed += m.relief_needed;
        var.relief_granted += m.relief_granted;
        auto it = base.find(m.code.str());
        if (it == base.end() || it->second.IsZero()) continue;
        const Rational change = (m.premium_per_capita - it->second) / it->second;
        if (!any || change > var.max_increase) {
          var.max_increase = change;
          var.max_code = m.code.str();
          var.max_name = m.name;
          any = true;
        }
        if (change >= Rational(5, 100)) ++var.municipalities_up_5;
        levy_now += m.premium_per_capita * Rational(m.insured);
        levy_before += it->second * Rational(m.insured);
        insured += m.insured;
      }
      if (!any)
        throw CalculationError(
            "sweep: 比べる基準のある市町村がありません (前年度1人当たり額を書くか、後の年度を"
            "計算してください)");
      var.mean_change = (levy_now - levy_before) / levy_before;
    }
  });
  std::stable_sort(variants.begin(), variants.end(), [](const Variant& x, const Variant& y) {
    return x.max_increase < y.max_increase;
  });
  return variants;
}

std::optional<std::string> AlphaFixedReason(const Scenario& s, FiscalYear year) {
  const auto plan = std::find_if(s.years.begin(), s.years.end(),
                                 [&](const YearPlan& p) { return p.year == year; });
  if (plan == s.years.end() || plan->stage < Stage::kNofukinBase) return std::nullopt;
  std::string current;
  for (const auto& p : s.years)
    if (p.stage < Stage::kNofukinBase) current += (current.empty() ? "" : ", ") + p.year.ToWareki();
  const std::string why = fmt::format(
      "{}は「{}」の年度で、α は 0 に固定されます (納付金ベース以降の段階は医療費水準を納付金に"
      "反映しません)。α の値を変えても結果は同じです",
      year.ToWareki(), StageLabel(plan->stage));
  const std::string hint =
      current.empty() ? "このシナリオに α が効く「現行」の年度はありません"
                      : fmt::format("α の効果は「現行」の年度 ({}) を選ぶと比べられます", current);
  return why + "。" + hint;
}

}  // namespace kokuho::scenario
