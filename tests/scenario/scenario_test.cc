// The scenario engine: how a year is built from the year before, the stages, the chain of
// years, comparisons and sweeps, on the sample prefecture (examples/gunma) with plans
// written here, so that each expectation can be derived by hand from the case.
#include <gtest/gtest.h>

#include <set>

#include "nofukin/engine.h"
#include "readers/case_loader.h"
#include "scenario/compare.h"
#include "scenario/run.h"
#include "scenario/sweep.h"
#include "scenario/year_case.h"

namespace kokuho::scenario {
namespace {

const nofukin::Case& BaseCase() {
  static const nofukin::Case c = LoadCase(KOKUHO_SOURCE_DIR "/examples/gunma");
  return c;
}

Scenario MakeScenario(std::vector<Stage> stages) {
  Scenario s;
  s.name = "test";
  s.base = BaseCase();
  s.growth.cost_per_capita = Rational::Parse("0.02");
  s.growth.insured = Rational::Parse("0.96");
  for (size_t k = 0; k < stages.size(); ++k) {
    YearPlan y;
    y.year = FiscalYear(s.base.fiscal_year.year() + static_cast<int>(k));
    y.stage = stages[k];
    s.years.push_back(y);
  }
  return s;
}

Yen Sum(const std::vector<nofukin::NamedAmount>& lines) {
  Yen t = 0;
  for (const auto& l : lines) t += l.amount;
  return t;
}

TEST(ScenarioYearCase, GrowthIsAppliedLineByLineWithHalfUpRounding) {
  Scenario s = MakeScenario({Stage::kCurrent, Stage::kCurrent});
  const nofukin::Case y0 = FirstYearCase(s, s.years[0]);
  const nofukin::Result r0 = nofukin::Compute(y0);
  const nofukin::Case y1 = NextYearCase(s, s.years[1], y0, r0);
  EXPECT_EQ(y1.fiscal_year, FiscalYear(y0.fiscal_year.year() + 1));
  // Cost factor (1 + 0.02) × 0.96 = 0.9792 on every budget line, rounded half-up.
  const auto& e0 = y0.policy(Part::kIryo).expenses;
  const auto& e1 = y1.policy(Part::kIryo).expenses;
  ASSERT_EQ(e0.size(), e1.size());
  for (size_t k = 0; k < e0.size(); ++k)
    EXPECT_EQ(e1[k].amount,
              (Rational(e0[k].amount) * Rational::Parse("0.9792")).ToYen(RoundingMode::kHalfUp));
  // 前橋市: 56,440 insured × 0.96 = 54,182.4 → 54,182; 36,860 households → 35,385.6 → 35,386.
  const auto& m0 = y0.municipalities.front();
  const auto& m1 = y1.municipalities.front();
  ASSERT_EQ(m0.code.str(), "102016");
  EXPECT_EQ(m1.part(Part::kIryo).insured, 54182);
  EXPECT_EQ(m1.part(Part::kIryo).households, 35386);
  // The income window moves on: years 2 and 3 kept, the new year = year 3 × 0.96 (no income
  // growth here): 45,436,618,510 × 0.96 = 43,619,153,769.6 → 43,619,153,770.
  ASSERT_EQ(m1.part(Part::kIryo).income_years.size(), 3u);
  EXPECT_EQ(m1.part(Part::kIryo).income_years[0], 45085510336);
  EXPECT_EQ(m1.part(Part::kIryo).income_years[1], 45436618510);
  EXPECT_EQ(m1.part(Part::kIryo).income_years[2], 43619153770);
}

TEST(ScenarioYearCase, ReliefBaseIsTheYearBeforesPerCapitaPremium) {
  Scenario s = MakeScenario({Stage::kCurrent, Stage::kCurrent});
  const nofukin::Case y0 = FirstYearCase(s, s.years[0]);
  ASSERT_TRUE(y0.relief.enabled);
  ASSERT_TRUE(y0.relief.base_is_previous_year);
  const nofukin::Result r0 = nofukin::Compute(y0);
  const nofukin::Case y1 = NextYearCase(s, s.years[1], y0, r0);
  for (size_t i = 0; i < y1.municipalities.size(); ++i) {
    Rational levy(0);
    for (Part p : y0.parts) levy += r0.municipalities[i].part(p).levy_total;
    const Yen expected =
        (levy / Rational(r0.municipalities[i].insured)).ToYen(RoundingMode::kHalfUp);
    ASSERT_TRUE(y1.municipalities[i].relief_base_per_capita.has_value());
    EXPECT_EQ(*y1.municipalities[i].relief_base_per_capita, expected) << i;
  }
}

TEST(ScenarioYearCase, NofukinBaseSetsAlphaToZero) {
  Scenario s = MakeScenario({Stage::kNofukinBase});
  const nofukin::Case c = FirstYearCase(s, s.years[0]);
  EXPECT_TRUE(c.policy(Part::kIryo).alpha.IsZero());
  EXPECT_EQ(BaseCase().policy(Part::kIryo).alpha, Rational::Parse("0.75"));
}

// β′ and e are per 分: a plan that names only 介護分 leaves the other 分 as the case has them,
// and a value for every 分 reaches each of them.
TEST(ScenarioYearCase, CoefficientsArePerPart) {
  Scenario s = MakeScenario({Stage::kCurrent});
  YearPlan plan = s.years[0];
  plan.beta_prime[static_cast<int>(Part::kKaigo)] = Rational::Parse("1.2");
  const nofukin::Case c = FirstYearCase(s, plan);
  EXPECT_EQ(c.policy(Part::kKaigo).beta_prime, Rational::Parse("1.2"));
  for (Part p : c.parts)
    if (p != Part::kKaigo) EXPECT_EQ(c.policy(p).beta_prime, BaseCase().policy(p).beta_prime);
  plan.equal_share_index.fill(Rational::Parse("0.6"));
  const nofukin::Case every = FirstYearCase(s, plan);
  for (Part p : every.parts)
    EXPECT_EQ(every.policy(p).equal_share_index, Rational::Parse("0.6")) << PartKey(p);
}

// Pooling moves each item's Σ into the prefecture's budget: Σ_i S_i (the premium the
// municipalities need) is the same before and after, to the yen.
TEST(ScenarioYearCase, SemiUnificationPoolsItemsWithoutChangingTheTotalPremiumNeed) {
  Scenario current = MakeScenario({Stage::kNofukinBase});
  Scenario semi = MakeScenario({Stage::kSemiUnified});
  const nofukin::Case a = FirstYearCase(current, current.years[0]);
  const nofukin::Case b = FirstYearCase(semi, semi.years[0]);
  for (const auto& m : b.municipalities)
    for (Yen v : m.item_amounts) EXPECT_EQ(v, 0);
  const nofukin::Result ra = nofukin::Compute(a), rb = nofukin::Compute(b);
  for (Part p : a.parts) {
    Yen sa = 0, sb = 0;
    for (size_t i = 0; i < a.municipalities.size(); ++i) {
      sa += ra.municipalities[i].part(p).premium_need;
      sb += rb.municipalities[i].part(p).premium_need;
    }
    // Relief is paid from pools in both; compare before relief: S + relief granted.
    Yen relief_a = 0, relief_b = 0;
    for (size_t i = 0; i < a.municipalities.size(); ++i) {
      relief_a +=
          ra.municipalities[i].part(p).relief - ra.municipalities[i].part(p).relief_contribution;
      relief_b +=
          rb.municipalities[i].part(p).relief - rb.municipalities[i].part(p).relief_contribution;
    }
    EXPECT_EQ(sa + relief_a, sb + relief_b) << PartLabel(p);
  }
  // The pooled items appear as prefecture lines: 保健事業費 (a cost) among the expenses.
  bool found = false;
  for (const auto& e : b.policy(Part::kIryo).expenses)
    found = found || e.name == "統一により県全体で負担: 保健事業費";
  EXPECT_TRUE(found);
  EXPECT_GT(Sum(b.policy(Part::kIryo).expenses), Sum(a.policy(Part::kIryo).expenses));
}

TEST(ScenarioYearCase, MunicipalItemsStayWithTheMunicipality) {
  Scenario s = MakeScenario({Stage::kSemiUnified});
  s.municipal_items = {"保健事業費"};
  const nofukin::Case c = FirstYearCase(s, s.years[0]);
  size_t k = 0;
  while (c.items[k].name != "保健事業費") ++k;
  EXPECT_EQ(c.municipalities.front().item_amounts[k],
            BaseCase().municipalities.front().item_amounts[k]);
}

// 完全統一 without relief or municipality-specific items: every municipality has the same
// 市町村標準保険料率 (the point of 完全統一), up to the rounding of each published rate.
TEST(ScenarioRun, FullUnificationGivesEveryMunicipalityTheSameRates) {
  Scenario s = MakeScenario({Stage::kUnified});
  s.base.relief.enabled = false;
  const nofukin::Case c = FirstYearCase(s, s.years[0]);
  const nofukin::Result r = nofukin::Compute(c);
  for (Part p : c.parts) {
    const auto& first = r.municipalities.front().part(p).municipal_standard;
    for (const auto& m : r.municipalities) {
      const auto& rates = m.part(p).municipal_standard;
      EXPECT_EQ(rates.income_rate_percent, first.income_rate_percent) << m.name << PartLabel(p);
      EXPECT_LE(std::abs(rates.per_capita - first.per_capita), 1) << m.name << PartLabel(p);
      EXPECT_LE(std::abs(rates.per_household - first.per_household), 1) << m.name << PartLabel(p);
    }
  }
}

// Each year of a run is the year before grown and re-planned: running years 1–2 and
// building year 2 by hand from year 1 give the same case and the same 納付金.
TEST(ScenarioRun, YearsChain) {
  Scenario s = MakeScenario({Stage::kCurrent, Stage::kNofukinBase, Stage::kSemiUnified});
  s.years[0].alpha = Rational::Parse("0.5");
  const scenario::Run run = RunScenario(s);
  ASSERT_EQ(run.years.size(), 3u);
  const nofukin::Case by_hand =
      NextYearCase(s, s.years[2], run.years[1].input, run.years[1].result);
  const nofukin::Result r = nofukin::Compute(by_hand);
  for (size_t i = 0; i < r.municipalities.size(); ++i)
    EXPECT_EQ(r.municipalities[i].nofukin_total, run.years[2].municipalities[i].nofukin);
  // The chain carries the stage's effects: α stays 0 once 納付金ベース.
  EXPECT_EQ(run.years[0].input.policy(Part::kIryo).alpha, Rational::Parse("0.5"));
  EXPECT_TRUE(run.years[2].input.policy(Part::kIryo).alpha.IsZero());
  // Σ 納付金 = Σ 保険料収納必要総額 − the relief paid from pools, to the yen, every year.
  for (const auto& y : run.years) {
    Yen required = 0, retiree = 0;
    for (Part p : y.input.parts) required += y.input.policy(p).RequiredPremiumTotal();
    for (const auto& m : y.input.municipalities) retiree += m.retiree_nofukin;
    const Yen from_pools = y.result.relief.granted - y.result.relief.contributions;
    EXPECT_EQ(y.nofukin_total - retiree, required - from_pools) << y.plan.year.ToWareki();
  }
}

// The fund's 特例基金 / 財政調整事業 draws are booked by each pool's account, never by its
// name: a pool named 特例基金 on account `other` books nothing, a pool named anything on
// `adjustment_fund` books what was drawn from it.
TEST(ScenarioRun, ReliefDrawsAreBookedByAccount) {
  Scenario s = MakeScenario({Stage::kCurrent});
  nofukin::ReliefPolicy& relief = s.base.relief;
  ASSERT_TRUE(relief.enabled);  // the sample relieves some municipalities
  relief.pools = {{"特例基金", 50'000'000, nofukin::ReliefAccount::kOther},
                  {"どこかの基金", 100'000'000'000, nofukin::ReliefAccount::kAdjustmentFund}};
  const scenario::Run run = RunScenario(s);
  const YearResult& y = run.years[0];
  ASSERT_EQ(y.result.relief.pools.size(), 2u);
  const Yen first = y.result.relief.pools[0].drawn, second = y.result.relief.pools[1].drawn;
  ASSERT_GT(first + second, 0);
  EXPECT_EQ(y.tokurei_drawn, 0);      // named 特例基金, but on account `other`
  EXPECT_EQ(y.adjust_drawn, second);  // on the 財政調整事業, whatever its name
}

TEST(ScenarioRun, ChangesAgainstPreviousAndFirstYear) {
  Scenario s = MakeScenario({Stage::kCurrent, Stage::kCurrent, Stage::kNofukinBase});
  const scenario::Run run = RunScenario(s);
  for (size_t i = 0; i < run.years[0].municipalities.size(); ++i) {
    EXPECT_FALSE(run.years[0].municipalities[i].change_previous.has_value());
    const auto& a = run.years[1].municipalities[i].premium_per_capita;
    const auto& b = run.years[2].municipalities[i].premium_per_capita;
    const auto& base = run.years[0].municipalities[i].premium_per_capita;
    EXPECT_EQ(*run.years[2].municipalities[i].change_previous, (b - a) / a);
    EXPECT_EQ(*run.years[2].municipalities[i].change_base, (b - base) / base);
  }
}

TEST(ScenarioCompare, ASelfComparisonIsAllZeros) {
  Scenario s = MakeScenario({Stage::kCurrent, Stage::kNofukinBase, Stage::kUnified});
  const scenario::Run run = RunScenario(s);
  const Comparison c = Compare(run, run);
  EXPECT_TRUE(c.only_in_a.empty());
  EXPECT_TRUE(c.only_in_b.empty());
  ASSERT_EQ(c.rows.size(), 3 * (BaseCase().municipalities.size() + 1));
  for (const auto& row : c.rows) {
    EXPECT_EQ(row.nofukin_diff(), 0);
    EXPECT_TRUE(row.premium_per_capita_diff().IsZero());
  }
}

TEST(ScenarioCompare, DifferencesAndUnmatchedYears) {
  Scenario a = MakeScenario({Stage::kCurrent, Stage::kCurrent});
  Scenario b = MakeScenario({Stage::kCurrent});
  b.years[0].alpha = Rational(0);
  const scenario::Run ra = RunScenario(a), rb = RunScenario(b);
  const Comparison c = Compare(ra, rb);
  ASSERT_EQ(c.only_in_a.size(), 1u);  // the second year
  Yen total_diff = 0;
  for (const auto& row : c.rows) {
    if (row.code.empty()) {
      EXPECT_EQ(row.nofukin_diff(), total_diff);  // the total row sums the rows above
      continue;
    }
    total_diff += row.nofukin_diff();
    const auto* ma = &ra.years[0].municipalities[0];
    for (const auto& m : ra.years[0].municipalities)
      if (m.code.str() == row.code) ma = &m;
    EXPECT_EQ(row.nofukin_a, ma->nofukin);
  }
}

TEST(ScenarioSweep, RangeValuesAreExactAndInclusive) {
  const auto v = RangeValues(Rational(0), Rational(1), Rational::Parse("0.05"));
  ASSERT_EQ(v.size(), 21u);
  EXPECT_EQ(v[20], Rational(1));
  EXPECT_EQ(v[7], Rational::Parse("0.35"));
  EXPECT_THROW(RangeValues(Rational(0), Rational(1), Rational(0)), CalculationError);
}

// A sweep's variant with the year's own α reproduces the run; the ranking is ascending.
TEST(ScenarioSweep, VariantsMatchRunsAndAreRanked) {
  Scenario s = MakeScenario({Stage::kCurrent, Stage::kCurrent});
  SweepGrid g;
  g.alpha = {Rational(0), Rational::Parse("0.5"), Rational::Parse("0.75"), Rational(1)};
  g.allowance = {Rational::Parse("0.01"), Rational::Parse("0.05")};
  EXPECT_EQ(g.size(), 8u);
  const std::vector<Variant> v = Sweep(s, s.years[1].year, g, 2);
  ASSERT_EQ(v.size(), 8u);
  for (size_t k = 1; k < v.size(); ++k) EXPECT_LE(v[k - 1].max_increase, v[k].max_increase);
  const scenario::Run run = RunScenario(s);  // α 0.75 carried, allowance 0.01 from the case
  const auto it = std::find_if(v.begin(), v.end(), [](const Variant& x) {
    return *x.alpha == Rational::Parse("0.75") && *x.allowance == Rational::Parse("0.01");
  });
  ASSERT_NE(it, v.end());
  Rational max_change(-1);
  for (const auto& m : run.years[1].municipalities)
    if (*m.change_previous > max_change) max_change = *m.change_previous;
  EXPECT_EQ(it->max_increase, max_change);
  EXPECT_EQ(it->nofukin_total, run.years[1].nofukin_total);
}

}  // namespace
}  // namespace kokuho::scenario
