// The rate solver (premium/solver.h; `kokuho solve-rates`), issue 12 items 12–14: worked
// examples on populations a reviewer can levy by hand, and properties over random ones.
//
// The households are built directly as PreparedHousehold aggregates: one adult insured all
// year with a 所得割 base B (base × months = 12B) levies, in 医療分, ⌊B × rate⌋ + 均等割
// (+ 平等割), capped at the 賦課限度額 (rules.caps; 670,000円 in FY2026).
#include "premium/solver.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>

#include "core/error.h"
#include "rule_helpers.h"

namespace kokuho::premium {
namespace {

using testing::Rules;
using testing::ZeroSchedule;

constexpr int kFy = 2026;

PreparedHousehold Adult(Yen base, std::uint8_t tier = kNoKeigen) {
  PreparedHousehold h;
  h.tier = tier;
  h.all.base = base;
  h.all.members[kAdult] = 1;
  h.all.months = 12;
  h.members = 1;
  return h;
}

SolveRequest Request(Yen target, const char* income_share, const char* per_capita_share) {
  SolveRequest r;
  r.part = Part::kIryo;
  r.target = target;
  r.income_share = Rational::Parse(income_share);
  r.per_capita_share = Rational::Parse(per_capita_share);
  r.basis = SolveBasis::kBeforeKeigen;
  return r;
}

// Item 12: the published rates used to be the exact ones rounded to the *nearest* step, which
// missed the target about half of the time.
//
// Ten households, each one adult with base 1,000,000: 所得割 = rate (ppm) in yen, so each
// levies rate + 均等割. Target 1,002,400, 応能 ½, 2方式 (per-capita share 1):
//   scale-1 rates: 所得割率 = ½ × 1,002,400 / 10,000,000 = 5.012%, 均等割 = ½ × 1,002,400 / 10
//   = 50,120円, both x = ⌈s × 50,120⌉ at scale s, levy 10 × 2x ≥ 1,002,400 ⇔ x ≥ 50,120:
//   exact 5.0120% / 50,120円, levy 1,002,400.
//   Nearest step (0.01%, 100円): 5.01% / 50,100円 → 10 × 100,200 = 1,002,000: 400 short.
//   Up: the smallest scale with both rounded up to a step meeting the target is 5.02% /
//   50,200円 (1,004,000); 所得割率 can come down to 5.01% (10 × 100,300 = 1,003,000 ≥ target),
//   nothing further (5.00% or 50,100円: 1,002,000): 5.01% / 50,200円, levy 1,003,000.
TEST(SolveRates, PublishedRatesMeetTheTargetWorkedExample) {
  const std::vector<PreparedHousehold> hs(10, Adult(1'000'000));
  SolveRequest req = Request(1'002'400, "0.5", "1");
  const SolveResult up = SolveRates(hs, ZeroSchedule(kFy), Rules(kFy), req);
  EXPECT_EQ(up.exact.income_rate, 50'120);
  EXPECT_EQ(up.exact.per_capita, 50'120);
  EXPECT_EQ(up.exact.per_household, 0);
  EXPECT_EQ(up.exact.levy, 1'002'400);
  EXPECT_EQ(up.published.income_rate, 50'100);
  EXPECT_EQ(up.published.per_capita, 50'200);
  EXPECT_EQ(up.published.levy, 1'003'000);
  EXPECT_EQ(up.shortfall, -600);

  req.rounding = PublishedRounding::kNearest;  // the rounding a user may force
  const SolveResult nearest = SolveRates(hs, ZeroSchedule(kFy), Rules(kFy), req);
  EXPECT_EQ(nearest.published.income_rate, 50'100);
  EXPECT_EQ(nearest.published.per_capita, 50'100);
  EXPECT_EQ(nearest.published.levy, 1'002'000);
  EXPECT_EQ(nearest.shortfall, 400);
}

// Item 13: the search only tried scales that double from 1, so a target reachable only at a
// rate between 4× and 8× the scale-1 rate (beyond 50% at 8×) was refused.
//
// Five households of base 10,000,000 (capped at the 賦課限度額 K from 6.7% up) and five of
// base 100,000; 応能 100%: levy(r) = 5 × min(10r, K) + 5 × ⌊r / 10⌋ (r in ppm).
// Target 5K + 200,000 = 3,550,000: 5 × ⌊r / 10⌋ ≥ 200,000 ⇔ r ≥ 400,000 ppm = 40%.
// The old search: scale-1 rate = 3,550,000 / 50,500,000 = 7.03%; 4× = 28.1% levies
// 3,350,000 + 5 × 28,118 < target, and 8× = 56.2% exceeds 50%: "no rate up to 50%".
TEST(SolveRates, BracketsTheWholeRangeWorkedExample) {
  const Yen cap = Rules(kFy).caps[0];
  ASSERT_EQ(cap, 670'000);  // FY2026 医療分 (data/premium/national.yaml)
  std::vector<PreparedHousehold> hs(5, Adult(10'000'000));
  for (int i = 0; i < 5; ++i) hs.push_back(Adult(100'000));
  const SolveRequest req = Request(5 * cap + 200'000, "1", "1");
  const SolveResult r = SolveRates(hs, ZeroSchedule(kFy), Rules(kFy), req);
  EXPECT_EQ(r.exact.income_rate, 400'000);
  EXPECT_EQ(r.exact.levy, 3'550'000);
  EXPECT_EQ(r.published.income_rate, 400'000);
  EXPECT_EQ(r.published.levy, 3'550'000);
  EXPECT_EQ(r.shortfall, 0);
  EXPECT_EQ(r.exact.capped_households, 5);
  // At 50% the levy is 5K + 5 × 50,000 = 3,600,000: one yen more is out of reach.
  try {
    SolveRates(hs, ZeroSchedule(kFy), Rules(kFy), Request(3'600'001, "1", "1"));
    FAIL() << "no throw";
  } catch (const CalculationError& e) {
    const std::string w = e.what();
    EXPECT_NE(w.find("許される範囲の料率では目標 3,600,001円 に届きません"), std::string::npos)
        << w;
    EXPECT_NE(w.find("3,600,000円"), std::string::npos) << w;
  }
}

TEST(SolveRates, APartNotLeviedThatYearHasItsOwnMessage) {
  // 子ども・子育て支援納付金分 from FY2026 only.
  const std::vector<PreparedHousehold> hs(3, Adult(1'000'000));
  SolveRequest req = Request(300'000, "0.5", "1");
  req.part = Part::kKodomo;
  try {
    SolveRates(hs, ZeroSchedule(2025), Rules(2025), req);
    FAIL() << "no throw";
  } catch (const CalculationError& e) {
    EXPECT_NE(std::string(e.what()).find("2025年度には賦課されません"), std::string::npos)
        << e.what();
  }
  // From FY2026 it is levied (cap 30,000円 a household: 3 households levy 90,000 at most).
  req.target = 60'000;
  EXPECT_NO_THROW(SolveRates(hs, ZeroSchedule(kFy), Rules(kFy), req));
  req.target = 90'001;
  EXPECT_THROW(SolveRates(hs, ZeroSchedule(kFy), Rules(kFy), req), CalculationError);
}

// Item 14: the two readings of "before 軽減".
//   H1 no 軽減, base 0:          50,000
//   H2 7割軽減, base 0:          billed 15,000 (50,000 × 0.3), 軽減額 35,000
//   H3 7割軽減, base 10,000,000: 所得割 1,000,000 + 15,000 → capped at K; 軽減額 35,000
// at 10% / 50,000円 (2方式):
//   after-keigen        = 50,000 + 15,000 + K                     = 65,000 + K
//   billed-plus-keigen  = after + 35,000 + 35,000                  = 135,000 + K
//   before-keigen       = 50,000 + 50,000 + min(1,050,000, K)      = 100,000 + K
// The two "before" readings differ by H3's 軽減額: counted in billed + 軽減額 (地方税法
// 703条の4③) although the cap held its bill anyway. Without H3 they agree.
TEST(SolveRates, BasesWorkedExample) {
  const Yen cap = Rules(kFy).caps[0];
  const std::vector<PreparedHousehold> hs = {Adult(0), Adult(0, kSeven), Adult(10'000'000, kSeven)};
  auto levy = [&](SolveBasis b, const std::vector<PreparedHousehold>& pop) {
    SolveRequest req = Request(1, "0.5", "1");
    req.basis = b;
    return LevyAt(pop, ZeroSchedule(kFy), Rules(kFy), req, 100'000, 50'000, 0);
  };
  EXPECT_EQ(levy(SolveBasis::kAfterKeigen, hs).levy, 65'000 + cap);
  const SolvedRates billed_plus = levy(SolveBasis::kBilledPlusKeigen, hs);
  EXPECT_EQ(billed_plus.keigen, 70'000);
  EXPECT_EQ(billed_plus.levy, 135'000 + cap);
  EXPECT_EQ(levy(SolveBasis::kBeforeKeigen, hs).levy, 100'000 + cap);
  const std::vector<PreparedHousehold> uncapped(hs.begin(), hs.begin() + 2);
  EXPECT_EQ(levy(SolveBasis::kBilledPlusKeigen, uncapped).levy, 100'000);
  EXPECT_EQ(levy(SolveBasis::kBeforeKeigen, uncapped).levy, 100'000);
}

// Properties over random populations, targets and splits (every basis):
//   exact and published (up) levies meet the target; no published rate can come down one
//   step and still meet it; the nearest rounding reports its shortfall honestly; a target
//   above the levy at the top of the range is refused.
TEST(SolveRates, PropertiesOverRandomPopulations) {
  std::mt19937_64 rng(20260401);
  auto uniform = [&](std::int64_t lo, std::int64_t hi) {
    return std::uniform_int_distribution<std::int64_t>(lo, hi)(rng);
  };
  const NationalRules& rules = Rules(kFy);
  const RateSchedule schedule = ZeroSchedule(kFy);
  int checked = 0, refused = 0;
  for (int k = 0; k < 60; ++k) {
    SCOPED_TRACE(k);
    std::vector<PreparedHousehold> hs;
    const int n = static_cast<int>(uniform(3, 60));
    for (int i = 0; i < n; ++i) {
      PreparedHousehold h = Adult(uniform(0, 3) == 0 ? 0 : uniform(0, 12'000'000),
                                  static_cast<std::uint8_t>(uniform(0, 3)));
      h.all.members[kAdult] = static_cast<std::uint8_t>(uniform(1, 4));  // 1–4 members
      h.all.months = static_cast<std::uint8_t>(uniform(1, 12));          // part-year too
      hs.push_back(h);
    }
    if (hs[0].all.base == 0) hs[0].all.base = 1'000'000;  // something to levy 所得割 on
    SolveRequest req = Request(0, "0", "1");
    req.income_share = Rational(uniform(0, 100), 100);
    req.per_capita_share = Rational(uniform(1, 100), 100);
    req.basis = static_cast<SolveBasis>(uniform(0, 2));
    req.rate_step = uniform(0, 1) ? 100 : 1'000;
    req.amount_step = uniform(0, 1) ? 100 : 10;
    // The top of the allowed range along the request's split (solver.h): the scale at which
    // the first rate reaches its maximum, the others in proportion (a target of 1 yen gives
    // the rates per yen of target).
    double base_years = 0, member_years = 0, household_years = 0;
    for (const auto& h : hs) {
      base_years += h.BaseMonths(false) / 12.0;
      member_years += h.MemberMonths(false) / 12.0;
      household_years += h.Months(false) / 12.0;
    }
    const double a = req.income_share.ToDouble(), e = req.per_capita_share.ToDouble();
    const double r1 = a / base_years * kPpmOne, p1 = (1 - a) * e / member_years,
                 h1 = (1 - a) * (1 - e) / household_years;
    double t_max = 1e300;  // the target at which the first rate reaches its maximum
    if (r1 > 0) t_max = std::min(t_max, kMaxSolvedIncomeRate / r1);
    if (p1 > 0) t_max = std::min(t_max, kMaxSolvedAmount / p1);
    if (h1 > 0) t_max = std::min(t_max, kMaxSolvedAmount / h1);
    auto ceil_to = [](double v, Yen max) {
      return std::min<Yen>(static_cast<Yen>(std::ceil(v - 1e-9)), max);
    };
    const SolvedRates top =
        LevyAt(hs, schedule, rules, req, ceil_to(t_max * r1, kMaxSolvedIncomeRate),
               ceil_to(t_max * p1, kMaxSolvedAmount), ceil_to(t_max * h1, kMaxSolvedAmount));
    // Away from the top itself (within a few % of it the solver's own floating-point steering
    // may land a yen either side): 1–95% (feasible) or 105–120% (beyond the range).
    const std::int64_t percent = uniform(0, 4) == 0 ? uniform(105, 120) : uniform(1, 95);
    req.target = std::max<Yen>(1, top.levy * percent / 100);
    if (req.target > top.levy) {
      EXPECT_THROW(SolveRates(hs, schedule, rules, req), CalculationError);
      ++refused;
      continue;
    }
    const SolveResult up = SolveRates(hs, schedule, rules, req);
    EXPECT_GE(up.exact.levy, req.target);
    EXPECT_GE(up.published.levy, req.target);
    EXPECT_EQ(up.shortfall, req.target - up.published.levy);
    EXPECT_EQ(up.published.income_rate % req.rate_step, 0);
    EXPECT_EQ(up.published.per_capita % req.amount_step, 0);
    EXPECT_EQ(up.published.per_household % req.amount_step, 0);
    const SolvedRates& p = up.published;
    // No published rate can come down one step with the target still met.
    auto below_target = [&](Ppm rate, Yen pc, Yen ph) {
      return LevyAt(hs, schedule, rules, req, rate, pc, ph).levy < req.target;
    };
    if (p.income_rate >= req.rate_step) {
      EXPECT_TRUE(below_target(p.income_rate - req.rate_step, p.per_capita, p.per_household));
    }
    if (p.per_capita >= req.amount_step) {
      EXPECT_TRUE(below_target(p.income_rate, p.per_capita - req.amount_step, p.per_household));
    }
    if (p.per_household >= req.amount_step) {
      EXPECT_TRUE(below_target(p.income_rate, p.per_capita, p.per_household - req.amount_step));
    }
    req.rounding = PublishedRounding::kNearest;
    const SolveResult nearest = SolveRates(hs, schedule, rules, req);
    EXPECT_EQ(nearest.shortfall, req.target - nearest.published.levy);
    EXPECT_EQ(nearest.exact.levy, up.exact.levy);
    ++checked;
  }
  EXPECT_GT(checked, 30);
  EXPECT_GT(refused, 3);
}

}  // namespace
}  // namespace kokuho::premium
