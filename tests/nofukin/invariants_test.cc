// Invariants of the 納付金 engine (spec/nofukin.md Appendix A "Invariants to test" and the
// Implementation checklist "Tests"), on the Gunma sample case and on 1,000 random cases
// from a fixed-seed generator. Every failure names the case (seed and index) so it can be
// re-run alone: the generator is a pure function of the seed.
//
//   (a) per 分: Σ B_i = C exactly; Σ_i (B_i + 加算 − 減算) = 保険料収納必要総額 exactly
//   (b) Σ_i Σ_分 P_i = Σ_分 保険料収納必要総額 − (relief granted − held-back decreases)
//   (c) γ = 1/Σw rounded to gamma_decimals (random 1–30 in a quarter of the cases, issue 12
//       item 7), |γ·Σw − 1| ≤ ½·10^−d·Σw; the closed amounts add up to C exactly and
//       |B_i − closed_i| < 1
//   (d) relief: granted ≤ needed, = needed unless short of funds, pools within budget and
//       drawn in order; metric after relief ≤ limit exactly when not short, and a held-back
//       decrease never lifts the metric above the floor (issue 12 item 9: the 保険料 metric
//       with 収納率 differing by 分 used to end up to a fraction of a yen above); with
//       split 医療分 (random) only 医療分 is relieved
//   (e) α = 0, no items, equal r, β′ = β, 3方式 allocation and basis, no relief ⇒ the same
//       市町村標準保険料率 everywhere (exact: relative difference < 1e-9; rounded: ±1 unit)
//   (f) the Mie structure: 平等割/均等割 = (1−e)/e·ΣN/ΣH and 所得割率/均等割 =
//       β′(1−q)/e·ΣN/ΣI for every municipality, exactly
//   (g) ε by indirect age standardisation, a 3-band textbook example
//   (h) raising one ε_i with α > 0 raises B_i (α = 0: B unchanged)
//   (i) base-split 高額医療費 with a shared amount of 0 equals no sharing
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "../core/rational_expect.h"
#include "core/error.h"
#include "nofukin/age_index.h"
#include "nofukin/engine.h"
#include "readers/case_loader.h"
#include "test_cases.h"

namespace kokuho::nofukin {
namespace {

using testing::CodeFor;

constexpr std::uint64_t kBaseSeed = 20270401;
constexpr int kRandomCases = 1000;

// KOKUHO_INVARIANT_CASE=k re-runs only random case k (seed kBaseSeed + k).
int OnlyCase() {
  const char* v = std::getenv("KOKUHO_INVARIANT_CASE");
  return v ? std::atoi(v) : -1;
}

// ---------------------------------------------------------------------------------------
// Random case generator (deterministic for a seed).

class Gen {
 public:
  explicit Gen(std::uint64_t seed) : rng_(seed) {}
  std::int64_t Int(std::int64_t lo, std::int64_t hi) {  // inclusive
    return std::uniform_int_distribution<std::int64_t>(lo, hi)(rng_);
  }
  bool Chance(double p) { return std::uniform_real_distribution<double>(0, 1)(rng_) < p; }
  // A decimal in [lo, hi] with `places` decimals.
  Rational Dec(const char* lo, const char* hi, int places) {
    std::int64_t scale = 1;
    for (int k = 0; k < places; ++k) scale *= 10;
    const Yen a = (Rational::Parse(lo) * Rational(scale)).ToYen(RoundingMode::kCeil);
    const Yen b = (Rational::Parse(hi) * Rational(scale)).Floor();
    return Rational(Int(a, b), scale);
  }
  // Log-uniform integer in [lo, hi].
  std::int64_t LogInt(std::int64_t lo, std::int64_t hi) {
    std::uniform_real_distribution<double> d(std::log(double(lo)), std::log(double(hi)));
    return std::clamp<std::int64_t>(static_cast<std::int64_t>(std::exp(d(rng_))), lo, hi);
  }

 private:
  std::mt19937_64 rng_;
};

struct GenOptions {
  bool neutral = false;  // property (e): α = 0, no items, equal r, β′ = β, 3方式, no relief
};

const char* kBands[] = {"0-19", "20-64", "65-74"};

Case RandomCase(std::uint64_t seed, const GenOptions& opt = {}) {
  Gen g(seed);
  Case c;
  c.prefecture = "乱数県";
  c.prefecture_code = "10";
  c.fiscal_year = FiscalYear(2027);
  const int n = static_cast<int>(g.Int(2, 40));

  // 分: a non-empty subset, in the usual order.
  for (Part p : kAllParts)
    if (g.Chance(0.6)) c.parts.push_back(p);
  if (c.parts.empty()) c.parts.push_back(kAllParts[g.Int(0, 3)]);
  const bool has_iryo = c.HasPart(Part::kIryo);

  c.allocation = opt.neutral || g.Chance(0.6) ? LevyMethod::kThree : LevyMethod::kTwo;
  if (!opt.neutral && g.Chance(0.3)) c.rounding.share_decimals = 10;
  if (opt.neutral && g.Chance(0.3)) c.rounding.share_decimals = 10;
  if (g.Chance(0.2)) c.rounding.per_capita_unit = 100;
  if (g.Chance(0.2)) c.rounding.income_rate_mode = RoundingMode::kFloor;

  // Age-band ε for some cases (national per-capita cost per band).
  const bool age_bands = has_iryo && g.Chance(0.2);
  if (age_bands) {
    c.national_cost_per_capita = {{"0-19", g.Dec("100000", "200000", 0)},
                                  {"20-64", g.Dec("200000", "400000", 0)},
                                  {"65-74", g.Dec("450000", "700000", 0)}};
  }

  // Municipalities: per-part counts and incomes.
  const Rational common_r = g.Dec("0.88", "0.98", 4);
  for (int i = 0; i < n; ++i) {
    MunicipalityInput m{CodeFor(i + 1)};
    m.name = fmt::format("市町村{}", i + 1);
    const std::int64_t base_n = opt.neutral ? g.LogInt(20'000, 400'000) : g.LogInt(500, 400'000);
    for (Part p : c.parts) {
      MunicipalityPartInput& mp = m.part(p);
      const std::int64_t nn = p == Part::kKaigo ? std::max<std::int64_t>(base_n / 3, 100) : base_n;
      mp.insured = nn;
      mp.households = std::max<std::int64_t>(1, nn * g.Int(50, 80) / 100);
      const int years = static_cast<int>(g.Int(1, 3));
      const std::int64_t per_capita_income = g.Int(300'000, 1'200'000);
      for (int y = 0; y < years; ++y)
        mp.income_years.push_back(nn * per_capita_income * g.Int(95, 105) / 100 + g.Int(0, 999));
      mp.asset_base = nn * g.Int(5'000, 30'000);
      mp.collection_rate = opt.neutral ? common_r : g.Dec("0.85", "1", 4);
      const int own = static_cast<int>(g.Int(2, 4));
      mp.own.method = static_cast<LevyMethod>(own);
      mp.own.ability_share = g.Dec("0.3", "0.7", 2);
      mp.own.equal_share = g.Dec("0.5", "0.8", 2);
      mp.own.asset_share = own == 4 ? g.Dec("0.05", "0.3", 2) : Rational(0);
      mp.own.collection_rate = mp.collection_rate;
    }
    if (has_iryo) {
      if (age_bands && g.Chance(0.8)) {
        const std::int64_t nn = m.part(Part::kIryo).insured;
        const std::int64_t shares[] = {25, 45, 30};
        for (int a = 0; a < 3; ++a) {
          AgeBand b;
          b.label = kBands[a];
          b.insured = std::max<std::int64_t>(1, nn * shares[a] / 100);
          const Rational expected = Rational(b.insured) * c.national_cost_per_capita[b.label];
          b.cost = (expected * g.Dec("0.7", "1.3", 3)).Floor();
          m.age_bands.push_back(b);
        }
      } else {
        m.epsilon = g.Dec("0.7", "1.3", 4);
      }
    }
    if (!opt.neutral && g.Chance(0.1)) m.retiree_nofukin = g.Int(0, 1'000'000);
    c.municipalities.push_back(std::move(m));
  }

  // Prefecture policies. 保険料収納必要総額 R per 分; expenses − public funds = R.
  std::int64_t sum_n = 0;
  for (const auto& m : c.municipalities) sum_n += m.part(c.parts.front()).insured;
  for (Part p : c.parts) {
    PartPolicy& pol = c.policy(p);
    const Yen required =
        opt.neutral ? g.Int(1'000'000'000'000, 5'000'000'000'000) : sum_n * g.Int(20'000, 120'000);
    const Yen funds = g.Int(0, required);
    pol.expenses = {{"保険給付費等", required + funds}, {"精算", 0}};
    pol.public_funds = {{"公費", funds}};
    pol.alpha = (p == Part::kIryo && !opt.neutral) ? (g.Chance(0.1)   ? Rational(0)
                                                      : g.Chance(0.1) ? Rational(1)
                                                                      : g.Dec("0", "1", 4))
                                                   : Rational(0);
    pol.beta = g.Dec("0.5", "1.5", 13);
    pol.beta_prime = opt.neutral || g.Chance(0.5) ? pol.beta : g.Dec("0.5", "1.5", 13);
    pol.equal_share_index = g.Dec("0.05", "0.95", static_cast<int>(g.Int(1, 4)));
    pol.standard_levy = opt.neutral ? LevyMethod::kThree : static_cast<LevyMethod>(g.Int(2, 4));
    pol.asset_share =
        pol.standard_levy == LevyMethod::kFour ? g.Dec("0.05", "0.5", 2) : Rational(0);
    pol.prefecture_collection_rate = g.Dec("0.85", "1", 4);
  }
  if (has_iryo && !opt.neutral && g.Chance(0.15)) {
    c.high_cost = HighCostMode::kBaseSplit;
    const Yen r = c.policy(Part::kIryo).RequiredPremiumTotal();
    c.policy(Part::kIryo).high_cost_shared_amount = r * g.Int(0, 30) / 100;
  }

  // γ's rounding (issue 12 item 7), from its own generator so the other draws are unchanged.
  {
    Gen gg(seed ^ 0x5DEECE66Dull);
    if (gg.Chance(0.25)) c.rounding.gamma_decimals = static_cast<int>(gg.Int(1, 30));
  }

  // 個別加減算 items: both stages and signs; amounts ≤ 2% of the municipality's rough share.
  if (!opt.neutral) {
    const int items = static_cast<int>(g.Int(0, 5));
    for (int k = 0; k < items; ++k) {
      IndividualItem item;
      item.part = c.parts[g.Int(0, static_cast<std::int64_t>(c.parts.size()) - 1)];
      item.name = fmt::format("項目{}", k);
      item.column = item.name;
      item.sign = g.Chance(0.5) ? +1 : -1;
      item.stage = g.Chance(0.5) ? ItemStage::kNofukin : ItemStage::kStandardRate;
      c.items.push_back(item);
    }
    for (auto& m : c.municipalities) {
      m.item_amounts.clear();
      for (const auto& item : c.items) {
        const Yen rough = c.policy(item.part).RequiredPremiumTotal() * m.part(item.part).insured /
                          std::max<std::int64_t>(sum_n, 1);
        m.item_amounts.push_back(g.Chance(0.3) ? 0 : g.Int(0, std::max<Yen>(rough / 50, 0)));
      }
    }
  }
  return c;
}

// Adds a random 激変緩和 policy, with bases near each municipality's metric before relief
// (taken from a run without relief).
void AddRandomRelief(Case& c, std::uint64_t seed, const Result& without) {
  Gen g(seed ^ 0x9E3779B97F4A7C15ull);
  ReliefPolicy& rp = c.relief;
  rp.enabled = true;
  rp.metric = g.Chance(0.5) ? ReliefMetric::kPerCapitaPremium : ReliefMetric::kPerCapitaNofukin;
  rp.natural_growth = g.Dec("0", "0.03", 3);
  rp.allowance = g.Dec("0", "0.02", 3);
  if (g.Chance(0.4)) rp.decrease_floor = -g.Dec("0.01", "0.1", 2);
  {
    Gen gs(seed ^ 0xC2B2AE3D27D4EB4Full);  // own generator: the draws below are unchanged
    if (c.HasPart(Part::kIryo) && gs.Chance(0.3)) rp.split = ReliefSplit::kIryoOnly;
  }
  Rational scale(0);
  for (size_t i = 0; i < c.municipalities.size(); ++i) {
    // The metric of the chosen kind, before relief, from the run without relief.
    const MunicipalityResult& mr = without.municipalities[i];
    Rational metric(0);
    for (Part p : c.parts)
      metric += rp.metric == ReliefMetric::kPerCapitaPremium ? mr.part(p).levy_total
                                                             : Rational(mr.part(p).nofukin);
    metric = metric / Rational(mr.insured);
    scale += metric * Rational(mr.insured);
    if (g.Chance(0.85))
      c.municipalities[i].relief_base_per_capita = (metric * g.Dec("0.86", "1.15", 3)).Floor();
  }
  const int pools = static_cast<int>(g.Int(0, 3));
  for (int k = 0; k < pools; ++k)
    rp.pools.push_back({fmt::format("財源{}", k), (scale * g.Dec("0", "0.02", 4)).Floor()});
}

// ---------------------------------------------------------------------------------------
// Invariant checks (a)–(d), (f); each failure carries `where`.

Rational Abs(const Rational& x) { return x.Sign() < 0 ? -x : x; }

void CheckAllocation(const Case& c, const Result& r, const std::string& where) {
  for (const PartResult& pr : r.parts) {
    const Part p = pr.part;
    const std::string w = where + " " + PartKey(p);
    // (a) Σ B_i = C exactly; Σ (B + 加算 − 減算) = 保険料収納必要総額 exactly.
    Yen sum_b = 0, sum_before = 0, sum_p = 0, sum_relief = 0, sum_contrib = 0;
    Rational sum_exact(0), sum_closed(0);
    for (size_t i = 0; i < r.municipalities.size(); ++i) {
      const MunicipalityResult& m = r.municipalities[i];
      const auto& mp = m.part(p);
      sum_b += mp.base;
      sum_before += mp.before_relief;
      sum_p += mp.nofukin;
      sum_relief += mp.relief;
      sum_contrib += mp.relief_contribution;
      sum_exact += mp.base_exact;
      sum_closed += mp.base_closed;
      EXPECT_RAT_LT(Abs(Rational(mp.base) - mp.base_closed), Rational(1))
          << w << " " << m.code.str();
      EXPECT_EQ(mp.before_relief, mp.base + mp.individual_add - mp.individual_sub) << w;
      EXPECT_EQ(mp.nofukin, mp.before_relief - mp.relief + mp.relief_contribution) << w;
      EXPECT_EQ(mp.premium_need, mp.nofukin + mp.rate_add - mp.rate_sub) << w;
      EXPECT_RAT_EQ(mp.levy_total * c.municipalities[i].part(p).collection_rate,
                    Rational(mp.premium_need))
          << w;
    }
    EXPECT_EQ(pr.base_total, pr.required_total + pr.individual_sub - pr.individual_add) << w;
    EXPECT_EQ(pr.required_total, c.policy(p).RequiredPremiumTotal()) << w;
    EXPECT_EQ(sum_b, pr.base_total) << w << " (a) ΣB_i = C";
    EXPECT_EQ(sum_before, pr.required_total) << w << " (a) ΣP_i before relief";
    EXPECT_EQ(sum_p, pr.required_total - sum_relief + sum_contrib) << w;
    EXPECT_EQ(pr.nofukin_total, sum_p) << w;
    EXPECT_EQ(pr.floor_sum + pr.residual, pr.base_total) << w;
    // (c) γ = 1/Σw rounded to gamma_decimals; |γ·Σw − 1| ≤ ½·10^−d·Σw; the γ difference
    // C − Σ C·w·γ is spread so that the closed amounts add up to C exactly.
    const int d = c.rounding.gamma_decimals;
    Rational half_unit(1, 2);
    for (int k = 0; k < d; ++k) half_unit = half_unit / Rational(10);
    EXPECT_RAT_EQ(pr.gamma_exact * pr.weight_sum, Rational(1)) << w;
    EXPECT_RAT_EQ(pr.gamma, pr.gamma_exact.RoundToDecimals(d, RoundingMode::kHalfUp)) << w;
    EXPECT_RAT_LE(Abs(pr.gamma * pr.weight_sum - Rational(1)), half_unit * pr.weight_sum)
        << w << " (c) γ·Σw = " << (pr.gamma * pr.weight_sum).ToDecimalString(20);
    EXPECT_RAT_EQ(pr.gamma_difference, Rational(pr.base_total) - sum_exact) << w;
    EXPECT_RAT_EQ(sum_closed, Rational(pr.base_total)) << w << " (c) Σ closed = C";
    EXPECT_GE(pr.residual, 0) << w;
    EXPECT_LT(pr.residual, static_cast<Yen>(r.municipalities.size())) << w;
  }
  // (b) Σ over 分 and municipalities = Σ 保険料収納必要総額 − pool draws.
  Yen sum_all = 0, sum_required = 0;
  for (const auto& m : r.municipalities) {
    Yen parts = 0;
    for (Part p : c.parts) parts += m.part(p).nofukin;
    sum_all += parts;
    EXPECT_EQ(m.nofukin_total, parts + m.retiree_nofukin) << where << " " << m.code.str();
  }
  for (const PartResult& pr : r.parts) sum_required += pr.required_total;
  Yen drawn = 0;
  for (const auto& d : r.relief.pools) drawn += d.drawn;
  EXPECT_EQ(drawn, r.relief.granted - r.relief.contributions) << where << " pools drawn";
  EXPECT_EQ(sum_all, sum_required - (r.relief.granted - r.relief.contributions))
      << where << " (b) ΣΣP_i";
}

int g_limit_checks = 0;  // municipalities checked against their limit (d)

void CheckRelief(const Case& c, const Result& r, const std::string& where) {
  const ReliefSummary& s = r.relief;
  if (!c.relief.enabled) {
    EXPECT_EQ(s.granted, 0) << where;
    EXPECT_EQ(s.contributions, 0) << where;
    for (const auto& m : r.municipalities) EXPECT_EQ(m.relief_total, 0) << where;
    return;
  }
  // (d) granted ≤ needed; = needed unless short; pools within budget and in order.
  EXPECT_LE(s.granted, s.needed) << where;
  if (!s.short_of_funds) {
    EXPECT_EQ(s.granted, s.needed) << where;
  } else {
    Yen budgets = 0;
    for (const auto& d : s.pools) budgets += d.budget;
    EXPECT_LT(s.granted, s.needed) << where;
    EXPECT_EQ(s.granted, s.contributions + budgets) << where << " short: everything is used";
    EXPECT_RAT_EQ(s.pro_rata, Rational(s.granted) / Rational(s.needed)) << where;
  }
  Yen budgets = 0, drawn = 0;
  bool earlier_exhausted = true;
  for (const auto& d : s.pools) {
    EXPECT_GE(d.drawn, 0) << where;
    EXPECT_LE(d.drawn, d.budget) << where << " " << d.name;
    if (d.drawn > 0) {
      EXPECT_TRUE(earlier_exhausted) << where << " pool drawn out of order";
    }
    earlier_exhausted = earlier_exhausted && d.drawn == d.budget;
    budgets += d.budget;
    drawn += d.drawn;
  }
  EXPECT_LE(drawn, budgets) << where;
  Yen granted = 0, contributions = 0;
  int relieved = 0;
  for (size_t i = 0; i < r.municipalities.size(); ++i) {
    const MunicipalityResult& m = r.municipalities[i];
    const std::string w = where + " " + m.code.str();
    Yen relief = 0, contrib = 0;
    for (Part p : c.parts) {
      relief += m.part(p).relief;
      contrib += m.part(p).relief_contribution;
      EXPECT_GE(m.part(p).relief, 0) << w;
      EXPECT_GE(m.part(p).relief_contribution, 0) << w;
    }
    granted += relief;
    contributions += contrib;
    EXPECT_EQ(m.relief_total, relief - contrib) << w;
    const auto& base = c.municipalities[i].relief_base_per_capita;
    ASSERT_EQ(m.metric_limit.has_value(), base.has_value()) << w;
    if (!base) {
      EXPECT_EQ(relief, 0) << w;
      EXPECT_EQ(contrib, 0) << w;
      continue;
    }
    const Rational limit =
        Rational(*base) * (Rational(1) + c.relief.natural_growth + c.relief.allowance);
    EXPECT_RAT_EQ(*m.metric_limit, limit) << w;
    if (relief > 0) {
      ++relieved;
      EXPECT_RAT_GT(m.metric_before, limit) << w << " relief without excess";
      EXPECT_EQ(contrib, 0) << w;
      // Relief never brings the metric below the limit by more than rounding.
      EXPECT_RAT_GE(m.metric_after + Rational(1), limit) << w;
      if (c.relief.split == ReliefSplit::kIryoOnly) {
        for (Part p : c.parts) {
          if (p != Part::kIryo) {
            EXPECT_EQ(m.part(p).relief, 0) << w << " split 医療分";
          }
        }
      }
    }
    if (!s.short_of_funds && m.metric_before > limit) {
      ++g_limit_checks;
      EXPECT_RAT_LE(m.metric_after, limit)
          << w << " (d) metric after " << m.metric_after.ToDecimalString(6) << " > limit "
          << limit.ToDecimalString(6);
    }
    if (contrib > 0) {
      ASSERT_TRUE(c.relief.decrease_floor.has_value()) << w;
      const Rational floor_limit = Rational(*base) * (Rational(1) + *c.relief.decrease_floor);
      EXPECT_RAT_LT(m.metric_before, floor_limit) << w;
      EXPECT_RAT_LE(m.metric_after, floor_limit) << w << " held back beyond the floor";
      EXPECT_RAT_GT(m.metric_after, m.metric_before) << w;
    }
  }
  EXPECT_EQ(granted, s.granted) << where;
  EXPECT_EQ(contributions, s.contributions) << where;
  EXPECT_LE(relieved, s.municipalities_relieved) << where;
}

// (f) Mie structure: ratios of the unrounded 市町村標準保険料率 are prefecture constants.
void CheckMieStructure(const Case& c, const Result& r, const std::string& where) {
  for (const PartResult& pr : r.parts) {
    const PartPolicy& pol = c.policy(pr.part);
    const LevyMethod method = pol.standard_levy;
    const Rational one(1);
    const Rational e = method == LevyMethod::kTwo ? one : pol.equal_share_index;
    const Rational q = method == LevyMethod::kFour ? pol.asset_share : Rational(0);
    const Rational sum_n(pr.insured), sum_h(pr.households);
    const Rational household_ratio = (one - e) / e * sum_n / sum_h;
    const Rational income_ratio = pol.beta_prime * (one - q) / e * sum_n / pr.income;
    for (const auto& m : r.municipalities) {
      const RateSet& rs = m.part(pr.part).municipal_standard;
      const std::string w = where + " " + PartKey(pr.part) + " " + m.code.str();
      ASSERT_RAT_GT(rs.per_capita_exact, Rational(0)) << w;
      EXPECT_EQ(rs.method, method) << w;
      EXPECT_RAT_EQ(rs.per_household_exact / rs.per_capita_exact, household_ratio)
          << w << " (f) 平等割/均等割";
      EXPECT_RAT_EQ(rs.income_rate_exact / rs.per_capita_exact, income_ratio)
          << w << " (f) 所得割率/均等割";
      EXPECT_EQ(rs.asset_rate_percent.has_value(), method == LevyMethod::kFour) << w;
      // Rounded figures follow the exact ones.
      EXPECT_EQ(rs.per_capita, rs.per_capita_exact.ToYenUnit(c.rounding.per_capita_unit,
                                                             c.rounding.per_capita_mode))
          << w;
      EXPECT_RAT_EQ(rs.income_rate_percent, (rs.income_rate_exact * Rational(100))
                                                .RoundToDecimals(c.rounding.income_rate_decimals,
                                                                 c.rounding.income_rate_mode))
          << w;
    }
  }
}

void CheckAll(const Case& c, const Result& r, const std::string& where) {
  CheckAllocation(c, r, where);
  CheckRelief(c, r, where);
  CheckMieStructure(c, r, where);
}

// Every output figure of two results equal (for (i)).
void ExpectSameResult(const Result& a, const Result& b, const std::string& where) {
  ASSERT_EQ(a.municipalities.size(), b.municipalities.size()) << where;
  for (size_t k = 0; k < a.parts.size(); ++k) {
    EXPECT_RAT_EQ(a.parts[k].gamma, b.parts[k].gamma) << where;
    EXPECT_EQ(a.parts[k].residual, b.parts[k].residual) << where;
    EXPECT_RAT_EQ(a.parts[k].prefecture_standard.income_rate_exact,
                  b.parts[k].prefecture_standard.income_rate_exact)
        << where;
  }
  for (size_t i = 0; i < a.municipalities.size(); ++i) {
    for (const PartResult& pr : a.parts) {
      const auto& x = a.municipalities[i].part(pr.part);
      const auto& y = b.municipalities[i].part(pr.part);
      const std::string w = where + " " + PartKey(pr.part) + " #" + std::to_string(i);
      EXPECT_RAT_EQ(x.base_exact, y.base_exact) << w;
      EXPECT_EQ(x.base, y.base) << w;
      EXPECT_EQ(x.relief, y.relief) << w;
      EXPECT_EQ(x.nofukin, y.nofukin) << w;
      EXPECT_EQ(x.premium_need, y.premium_need) << w;
      EXPECT_RAT_EQ(x.municipal_standard.income_rate_exact, y.municipal_standard.income_rate_exact)
          << w;
      EXPECT_EQ(x.municipal_standard.per_capita, y.municipal_standard.per_capita) << w;
      EXPECT_RAT_EQ(x.own_basis.per_capita_exact, y.own_basis.per_capita_exact) << w;
    }
    EXPECT_RAT_EQ(a.municipalities[i].metric_after, b.municipalities[i].metric_after) << where;
  }
  EXPECT_EQ(a.relief.granted, b.relief.granted) << where;
}

std::string Where(int index, std::uint64_t seed) {
  return fmt::format("case #{} (seed {}; re-run alone with KOKUHO_INVARIANT_CASE={})", index, seed,
                     index);
}

// ---------------------------------------------------------------------------------------
// The Gunma sample.

TEST(Invariants, GunmaExample) {
  const Case c = LoadCase(KOKUHO_SOURCE_DIR "/examples/gunma");
  ASSERT_FALSE(c.municipalities.empty());
  const Result r = Compute(c);
  CheckAll(c, r, "gunma");
  EXPECT_TRUE(c.relief.enabled);
  // The sample's 保険料収納必要総額 per 分 (comments in prefecture.yaml).
  EXPECT_EQ(r.part(Part::kIryo)->required_total, 32'270'176'000);
  EXPECT_EQ(r.part(Part::kShien)->required_total, 10'343'291'000);
  EXPECT_EQ(r.part(Part::kKaigo)->required_total, 4'333'764'000);
  EXPECT_EQ(r.part(Part::kKodomo)->required_total, 1'558'234'000);
}

TEST(Invariants, GunmaHighCostSplitWithZeroAmountEqualsNone) {
  Case c = LoadCase(KOKUHO_SOURCE_DIR "/examples/gunma");
  ASSERT_EQ(c.high_cost, HighCostMode::kNone);
  const Result none = Compute(c);
  c.high_cost = HighCostMode::kBaseSplit;
  c.policy(Part::kIryo).high_cost_shared_amount = 0;
  ExpectSameResult(none, Compute(c), "gunma (i)");
}

// ---------------------------------------------------------------------------------------
// 1,000 random cases: (a)–(d), (f), (h), (i).

TEST(Invariants, RandomCases) {
  const auto start = std::chrono::steady_clock::now();
  int relief_cases = 0, short_cases = 0, floor_cases = 0, split_cases = 0, monotone_checks = 0;
  const int only = OnlyCase();
  for (int k = 0; k < kRandomCases; ++k) {
    if (only >= 0 && k != only) continue;
    const std::uint64_t seed = kBaseSeed + static_cast<std::uint64_t>(k);
    const std::string where = Where(k, seed);
    SCOPED_TRACE(where);
    Case c = RandomCase(seed);
    Result r;
    try {
      Result plain = Compute(c);
      if (Gen(seed + 7).Chance(0.6)) {
        AddRandomRelief(c, seed, plain);
        r = Compute(c);
      } else {
        r = std::move(plain);
      }
    } catch (const std::exception& e) {
      ADD_FAILURE() << where << ": Compute threw: " << e.what();
      continue;
    }
    CheckAll(c, r, where);
    relief_cases += c.relief.enabled;
    short_cases += r.relief.short_of_funds;
    floor_cases += r.relief.contributions > 0;
    split_cases += c.high_cost == HighCostMode::kBaseSplit;
    if (::testing::Test::HasFailure()) {
      ADD_FAILURE() << "stopping at the first failing case: " << where;
      break;
    }

    // (h) raise one ε with α > 0 ⇒ its B_i rises (exact and, weakly, in yen); α = 0 ⇒ same.
    if (c.HasPart(Part::kIryo) && k % 2 == 0) {
      Gen g(seed + 11);
      const size_t j =
          static_cast<size_t>(g.Int(0, static_cast<std::int64_t>(c.municipalities.size()) - 1));
      Case raised = c;
      raised.relief.enabled = false;
      const Rational old_eps = r.municipalities[j].part(Part::kIryo).epsilon;
      raised.municipalities[j].epsilon = old_eps + g.Dec("0.01", "0.2", 3);
      const Result r2 = Compute(raised);
      const auto& before = r.municipalities[j].part(Part::kIryo);
      const auto& after = r2.municipalities[j].part(Part::kIryo);
      if (c.policy(Part::kIryo).alpha.Sign() > 0) {
        EXPECT_RAT_GT(after.base_closed, before.base_closed) << where << " (h) ε_" << j;
        EXPECT_GE(after.base, before.base) << where << " (h) ε_" << j;
        EXPECT_RAT_GT(after.weight, before.weight) << where;
        ++monotone_checks;
      } else {
        EXPECT_EQ(after.base, before.base) << where << " (h) α = 0";
      }
    }

    // (i) base split with a shared amount of 0 is the same as no sharing.
    if (c.HasPart(Part::kIryo) && c.high_cost == HighCostMode::kNone && k % 2 == 1) {
      Case split = c;
      split.high_cost = HighCostMode::kBaseSplit;
      split.policy(Part::kIryo).high_cost_shared_amount = 0;
      ExpectSameResult(r, Compute(split), where + " (i)");
    }
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (only >= 0) return;
  // The generator must actually exercise the relief paths.
  EXPECT_GT(relief_cases, 300);
  EXPECT_GT(short_cases, 20);
  EXPECT_GT(floor_cases, 20);
  EXPECT_GT(split_cases, 50);
  EXPECT_GT(monotone_checks, 150);
  EXPECT_RAT_GT(g_limit_checks, 500);
  RecordProperty("seconds", std::to_string(seconds));
  fmt::print(
      "[ info     ] {} random cases in {:.2f}s: relief {}, short {}, floor {}, split {}, "
      "monotone {}, limit checks {}\n",
      kRandomCases, seconds, relief_cases, short_cases, floor_cases, split_cases, monotone_checks,
      g_limit_checks);
}

// ---------------------------------------------------------------------------------------
// (e) α = 0, neutral items, equal r, β′ = β, 3方式 both, no relief ⇒ identical rates.

TEST(Invariants, NeutralCasesGiveIdenticalMunicipalRates) {
  const Rational tolerance(1, 1'000'000'000);
  for (int k = 0; k < 200; ++k) {
    const std::uint64_t seed = kBaseSeed + 500'000 + static_cast<std::uint64_t>(k);
    const std::string where = Where(k, seed) + " neutral";
    SCOPED_TRACE(where);
    GenOptions opt;
    opt.neutral = true;
    const Case c = RandomCase(seed, opt);
    const Result r = Compute(c);
    CheckAll(c, r, where);
    for (const PartResult& pr : r.parts) {
      const RateSet& first = r.municipalities[0].part(pr.part).municipal_standard;
      for (const auto& m : r.municipalities) {
        const RateSet& rs = m.part(pr.part).municipal_standard;
        const std::string w = where + " " + PartKey(pr.part) + " " + m.code.str();
        auto rel = [](const Rational& a, const Rational& b) { return Abs(a - b) / Abs(b); };
        EXPECT_RAT_LT(rel(rs.income_rate_exact, first.income_rate_exact), tolerance) << w;
        EXPECT_RAT_LT(rel(rs.per_capita_exact, first.per_capita_exact), tolerance) << w;
        EXPECT_RAT_LT(rel(rs.per_household_exact, first.per_household_exact), tolerance) << w;
        // Rounded: equal, or one publication unit apart (a rate on a rounding boundary).
        Rational unit(1);
        for (int d = 0; d < c.rounding.income_rate_decimals; ++d) unit = unit / Rational(10);
        EXPECT_RAT_LE(Abs(rs.income_rate_percent - first.income_rate_percent), unit) << w;
        EXPECT_LE(std::abs(rs.per_capita - first.per_capita), c.rounding.per_capita_unit) << w;
        EXPECT_LE(std::abs(rs.per_household - first.per_household), c.rounding.per_capita_unit)
            << w;
      }
    }
    if (::testing::Test::HasFailure()) break;
  }
}

// ---------------------------------------------------------------------------------------
// (g) ε by indirect age standardisation: a 3-band textbook example.

TEST(Invariants, AgeAdjustedIndexTextbookExample) {
  // National per-capita cost m_a: 0–19 100,000円; 20–64 200,000円; 65–74 500,000円.
  // Municipality: n = 100 / 300 / 200, actual cost M = 9,000,000 / 66,000,000 / 110,000,000.
  //   expected = 100·100,000 + 300·200,000 + 200·500,000 = 10M + 60M + 100M = 170,000,000
  //   actual   = 9M + 66M + 110M = 185,000,000
  //   ε = 185 / 170 = 37/34 = 1.0882352941…
  const std::map<std::string, Rational> national = {
      {"0-19", Rational(100'000)}, {"20-64", Rational(200'000)}, {"65-74", Rational(500'000)}};
  std::vector<AgeBand> bands = {{"0-19", 100, 9'000'000, 0},
                                {"20-64", 300, 66'000'000, 2'000'000},
                                {"65-74", 200, 110'000'000, 15'000'000}};
  EXPECT_RAT_EQ(AgeAdjustedIndex(bands, national, false), Rational(37, 34));
  EXPECT_EQ(AgeAdjustedIndex(bands, national, false).ToDecimalString(10), "1.0882352941");
  // High-cost exclusion (reading 1 of §1.2.6): M without the part above the threshold
  // (185M − 17M = 168M) against national costs excluding it: 90,000 / 180,000 / 420,000:
  //   expected = 9M + 54M + 84M = 147,000,000; ε = 168/147 = 8/7.
  const std::map<std::string, Rational> national_ex = {
      {"0-19", Rational(90'000)}, {"20-64", Rational(180'000)}, {"65-74", Rational(420'000)}};
  EXPECT_RAT_EQ(AgeAdjustedIndex(bands, national_ex, true), Rational(8, 7));
  // A band without a national cost, or no expected cost, is an error.
  std::vector<AgeBand> unknown = {{"75-", 10, 1'000'000, 0}};
  EXPECT_THROW(AgeAdjustedIndex(unknown, national, false), CalculationError);
  std::vector<AgeBand> empty_bands = {{"0-19", 0, 0, 0}};
  EXPECT_THROW(AgeAdjustedIndex(empty_bands, national, false), CalculationError);

  // Through the engine: the same bands give the same ε in the result.
  Case c = testing::WorkedExample("0.5");
  c.national_cost_per_capita = national;
  c.municipalities[0].epsilon.reset();
  c.municipalities[0].age_bands = bands;
  const Result r = Compute(c);
  EXPECT_RAT_EQ(r.municipalities[0].part(Part::kIryo).epsilon, Rational(37, 34));
  c.high_cost = HighCostMode::kIndexExclusion;
  c.national_cost_per_capita_excluding_high_cost = national_ex;
  EXPECT_RAT_EQ(Compute(c).municipalities[0].part(Part::kIryo).epsilon, Rational(8, 7));
}

// (h) on the worked example by hand: with α = 0.5, ε_C 1.12 → 1.22 raises w_C by
// 0.5·0.10·{β·sI + e·sN + (1−e)·sH}/(1+β) and B_C with it.
TEST(Invariants, RaisingEpsilonRaisesBaseOnWorkedExample) {
  Case c = testing::WorkedExample("0.5");
  const Result before = Compute(c);
  c.municipalities[2].epsilon = Rational::Parse("1.22");
  const Result after = Compute(c);
  EXPECT_GT(after.municipalities[2].part(Part::kIryo).base,
            before.municipalities[2].part(Part::kIryo).base);
  // The others' B fall (Σ B = C is fixed).
  EXPECT_LT(after.municipalities[0].part(Part::kIryo).base,
            before.municipalities[0].part(Part::kIryo).base);
  EXPECT_LT(after.municipalities[1].part(Part::kIryo).base,
            before.municipalities[1].part(Part::kIryo).base);
}

// ---------------------------------------------------------------------------------------
// The integer paths (integer_allocation.h, integer_rates.h) against the rational ones on the
// 1,000 random cases: ComputeOptions::detail off computes the published rates from integers
// (and forms no w_i, C·w_i·γ); on, with rationals. Every yen, rounded rate and per-分 figure
// must be the same; some cases (long γ places, age-band ε, base split) fall back.

void ExpectSameRates(const RateSet& lean, const RateSet& full, const std::string& where) {
  SCOPED_TRACE(where);
  EXPECT_EQ(lean.method, full.method);
  EXPECT_EQ(lean.income_rate_percent, full.income_rate_percent);
  EXPECT_EQ(lean.per_capita, full.per_capita);
  EXPECT_EQ(lean.per_household, full.per_household);
  EXPECT_EQ(lean.asset_rate_percent, full.asset_rate_percent);
}

TEST(Invariants, IntegerPathsGiveTheRationalResult) {
  int integer_rates = 0, rational_rates = 0, lean_allocations = 0;
  for (int k = 0; k < kRandomCases; ++k) {
    const std::uint64_t seed = kBaseSeed + static_cast<std::uint64_t>(k);
    const std::string where = Where(k, seed);
    Case c = RandomCase(seed);
    Result full, lean;
    try {
      const Result plain = Compute(c);
      if (Gen(seed + 7).Chance(0.6)) AddRandomRelief(c, seed, plain);
      full = Compute(c);
      lean = Compute(c, {.detail = false});
    } catch (const std::exception& e) {
      ADD_FAILURE() << where << ": Compute threw: " << e.what();
      continue;
    }
    ASSERT_EQ(lean.parts.size(), full.parts.size()) << where;
    for (size_t k2 = 0; k2 < full.parts.size(); ++k2) {
      const PartResult &a = lean.parts[k2], &b = full.parts[k2];
      EXPECT_EQ(a.base_total, b.base_total) << where;
      EXPECT_EQ(a.gamma, b.gamma) << where;
      EXPECT_EQ(a.gamma_exact, b.gamma_exact) << where;
      EXPECT_EQ(a.weight_sum, b.weight_sum) << where;
      EXPECT_EQ(a.gamma_difference, b.gamma_difference) << where;
      EXPECT_EQ(a.floor_sum, b.floor_sum) << where;
      EXPECT_EQ(a.residual, b.residual) << where;
      EXPECT_EQ(a.nofukin_total, b.nofukin_total) << where;
      EXPECT_EQ(a.income, b.income) << where;
      ExpectSameRates(a.prefecture_standard, b.prefecture_standard, where + " 都道府県");
    }
    EXPECT_EQ(lean.relief.granted, full.relief.granted) << where;
    EXPECT_EQ(lean.relief.needed, full.relief.needed) << where;
    for (size_t i = 0; i < full.municipalities.size(); ++i) {
      const MunicipalityResult &x = lean.municipalities[i], &y = full.municipalities[i];
      EXPECT_EQ(x.nofukin_total, y.nofukin_total) << where;
      EXPECT_EQ(x.relief_total, y.relief_total) << where;
      EXPECT_EQ(x.relief_needed, y.relief_needed) << where;
      EXPECT_EQ(x.metric_before, y.metric_before) << where;
      EXPECT_EQ(x.metric_after, y.metric_after) << where;
      for (Part p : c.parts) {
        const MunicipalityPartResult &u = x.part(p), &v = y.part(p);
        const std::string at = fmt::format("{} {} {}", where, i, PartLabel(p));
        EXPECT_EQ(u.base, v.base) << at;
        EXPECT_EQ(u.nofukin, v.nofukin) << at;
        EXPECT_EQ(u.relief, v.relief) << at;
        EXPECT_EQ(u.premium_need, v.premium_need) << at;
        EXPECT_EQ(u.levy_total, v.levy_total) << at;
        EXPECT_EQ(u.share_income, v.share_income) << at;
        EXPECT_EQ(u.share_insured, v.share_insured) << at;
        EXPECT_EQ(u.share_households, v.share_households) << at;
        ExpectSameRates(u.municipal_standard, v.municipal_standard, at + " 市町村標準");
        ExpectSameRates(u.own_basis, v.own_basis, at + " 算定基準");
        // The integer rates leave the exact figures 0; the rational ones never are 0 here.
        const bool integer = u.municipal_standard.income_rate_exact.IsZero();
        integer_rates += integer;
        rational_rates += !integer;
        if (!integer) {
          EXPECT_EQ(u.municipal_standard.income_rate_exact, v.municipal_standard.income_rate_exact)
              << at;
        }
        lean_allocations += u.base_closed.IsZero() && !v.base_closed.IsZero();
      }
    }
  }
  std::printf(
      "municipal rates from integers %d, from rationals %d; allocations without "
      "detail %d\n",
      integer_rates, rational_rates, lean_allocations);
  EXPECT_GT(integer_rates, 3 * rational_rates);  // fallbacks: γ > 18 places, age-band ε, split
  EXPECT_GT(rational_rates, 0);                  // some cases fall back
  EXPECT_GT(lean_allocations, 0);
}

}  // namespace
}  // namespace kokuho::nofukin
