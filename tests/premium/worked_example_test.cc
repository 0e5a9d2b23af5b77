// Hand-derived levies: each test writes its arithmetic in the comment.
#include <gtest/gtest.h>

#include "premium_fixtures.h"

namespace kokuho::premium {
namespace {

using testing::LevyOf;
using testing::PersonAged;
using testing::SimpleSchedule;

// FY2024, one member aged 45, 給与収入 3,000,000円 (2023 income, 令和2年分以降の表).
//   給与所得: 3,000,000 ÷ 4,000 = 750 (exact) → 3,000,000 × 0.7 − 80,000 = 2,020,000
//   所得割 base: 2,020,000 − 430,000 = 1,590,000
//   軽減判定: 2,020,000 > 2割 threshold 430,000 + 545,000 × 1 = 975,000 → none
//   医療: 1,590,000 × 7%   = 111,300 + 30,000 + 20,000 = 161,300
//   支援: 1,590,000 × 2.5% =  39,750 + 10,000 +  6,000 =  55,750
//   介護: 1,590,000 × 2%   =  31,800 + 12,000 +  6,000 =  49,800   total 266,850
TEST(PremiumWorkedExample, SingleEarnerAged45Fy2024) {
  Household h;
  Person p = PersonAged(2024, 45);
  p.head = true;
  p.income.salary_revenue = 3'000'000;
  h.members.push_back(p);
  const LevyResult r = LevyOf(h, SimpleSchedule(2024));
  EXPECT_EQ(r.tier, kNoKeigen);
  EXPECT_EQ(r.parts[0].income, 111'300);
  EXPECT_EQ(r.parts[0].amount, 161'300);
  EXPECT_EQ(r.parts[1].amount, 55'750);
  EXPECT_EQ(r.parts[2].amount, 49'800);
  EXPECT_EQ(r.parts[3].amount, 0);
  EXPECT_EQ(r.total, 266'850);
}

}  // namespace
}  // namespace kokuho::premium
