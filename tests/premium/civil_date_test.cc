// CivilDate: the day before (year, month and leap-day boundaries), years added on 2/29,
// and 和暦 input.
#include "premium/civil_date.h"

#include <gtest/gtest.h>

namespace kokuho::premium {
namespace {

TEST(PremiumCivilDate, PreviousDayCrossesMonthsYearsAndLeapDays) {
  EXPECT_EQ((CivilDate{2026, 4, 2}.PreviousDay()), (CivilDate{2026, 4, 1}));
  EXPECT_EQ((CivilDate{2026, 4, 1}.PreviousDay()), (CivilDate{2026, 3, 31}));
  EXPECT_EQ((CivilDate{2024, 3, 1}.PreviousDay()), (CivilDate{2024, 2, 29}));  // leap year
  EXPECT_EQ((CivilDate{2025, 3, 1}.PreviousDay()), (CivilDate{2025, 2, 28}));
  EXPECT_EQ((CivilDate{2026, 1, 1}.PreviousDay()), (CivilDate{2025, 12, 31}));
  EXPECT_EQ((CivilDate{2000, 3, 1}.PreviousDay()), (CivilDate{2000, 2, 29}));  // 400-year rule
  EXPECT_EQ((CivilDate{1900, 3, 1}.PreviousDay()), (CivilDate{1900, 2, 28}));  // 100-year rule
  // Against the day numbers over four years of days.
  for (long d = CivilDate{2023, 1, 2}.DayNumber(); d < CivilDate{2027, 1, 1}.DayNumber(); ++d)
    ASSERT_EQ(CivilDate::FromDayNumber(d).PreviousDay(), CivilDate::FromDayNumber(d - 1)) << d;
}

TEST(PremiumCivilDate, PlusYearsOnLeapDayAndWarekiInput) {
  // Born 2/29: the birthday in a common year is taken as 3/1 (reached the day before, 2/28).
  EXPECT_EQ((CivilDate{1960, 2, 29}.PlusYears(65)), (CivilDate{2025, 3, 1}));
  EXPECT_EQ((CivilDate{1960, 2, 29}.PlusYears(64)), (CivilDate{2024, 2, 29}));
  EXPECT_EQ(CivilDate::TryParse("令和8年4月1日"), (CivilDate{2026, 4, 1}));
  EXPECT_EQ(CivilDate::TryParse("昭和３２年１月１日"), (CivilDate{1957, 1, 1}));
  EXPECT_EQ(CivilDate::TryParse("R元.5.1"), (CivilDate{2019, 5, 1}));
  EXPECT_EQ(CivilDate::TryParse("2026/2/30"), std::nullopt);
}

}  // namespace
}  // namespace kokuho::premium
