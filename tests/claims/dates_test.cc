// 和暦 / 西暦 dates of レセ電 fields, told apart by length (spec/receipts.md §1.5).
#include "claims/dates.h"

#include <gtest/gtest.h>

namespace kokuho::claims {
namespace {

std::int32_t Month(std::string_view s) {
  ClaimDate d;
  EXPECT_EQ(ParseClaimMonth(s, d), DateIssue::kNone) << s;
  return d.value;
}
std::int32_t Day(std::string_view s) {
  ClaimDate d;
  EXPECT_EQ(ParseClaimDay(s, d), DateIssue::kNone) << s;
  return d.value;
}
DateIssue MonthIssue(std::string_view s) {
  ClaimDate d;
  return ParseClaimMonth(s, d);
}
DateIssue DayIssue(std::string_view s) {
  ClaimDate d;
  return ParseClaimDay(s, d);
}

TEST(ClaimDates, WarekiAndSeirekiByLength) {
  // ORCA sample: 請求年月 "43101" = 平成31年1月 (平成 year 1 = 1989: 1988 + 31 = 2019).
  EXPECT_EQ(Month("43101"), 201901);
  // receiptisan: 令和2年6月 → "202006"; 平成5年7月2日 → "19930702".
  EXPECT_EQ(Month("202006"), 202006);
  EXPECT_EQ(Day("19930702"), 19930702);
  EXPECT_EQ(Day("4050702"), 19930702);  // the same day in 和暦: 平成5 = 1993
  // meddatum: "4070208" = 平成7年2月8日.
  EXPECT_EQ(Day("4070208"), 19950208);
  // 昭和: year 1 = 1926; 昭和54年1月24日 = 1979-01-24.
  EXPECT_EQ(Day("3540124"), 19790124);
  // 大正 year 1 = 1912, 明治 year 1 = 1868.
  EXPECT_EQ(Day("2100101"), 19210101);
  EXPECT_EQ(Day("1450729"), 19120729);  // 明治45年7月29日, the last day of 明治
  ClaimDate d;
  ParseClaimMonth("43101", d);
  EXPECT_TRUE(d.wareki);
  ParseClaimMonth("201901", d);
  EXPECT_FALSE(d.wareki);
}

TEST(ClaimDates, EraBoundaries) {
  // 平成31年4月30日 is the last day of 平成; 令和元年5月1日 the first of 令和.
  EXPECT_EQ(Day("4310430"), 20190430);
  EXPECT_EQ(Day("5010501"), 20190501);
  EXPECT_EQ(DayIssue("4310501"), DateIssue::kImpossible);  // 平成31年5月1日 does not exist
  EXPECT_EQ(DayIssue("5010430"), DateIssue::kImpossible);  // nor 令和元年4月30日
  // Months: 平成31年4月 and 令和元年5月 exist, 平成31年5月 and 令和元年4月 do not.
  EXPECT_EQ(Month("43104"), 201904);
  EXPECT_EQ(Month("50105"), 201905);
  EXPECT_EQ(MonthIssue("43105"), DateIssue::kImpossible);
  EXPECT_EQ(MonthIssue("50104"), DateIssue::kImpossible);
  // 昭和64年1月 (1–7) and 平成元年1月 (8–31) share the month.
  EXPECT_EQ(Month("36401"), 198901);
  EXPECT_EQ(Month("40101"), 198901);
  EXPECT_EQ(DayIssue("3640108"), DateIssue::kImpossible);
  EXPECT_EQ(Day("4010108"), 19890108);
  EXPECT_EQ(MonthIssue("36402"), DateIssue::kImpossible);  // 昭和64年2月
  EXPECT_EQ(DayIssue("4320101"), DateIssue::kImpossible);  // 平成32年
}

TEST(ClaimDates, ImpossibleDatesAreRefused) {
  EXPECT_EQ(MonthIssue("202113"), DateIssue::kImpossible);
  EXPECT_EQ(MonthIssue("202100"), DateIssue::kImpossible);
  EXPECT_EQ(DayIssue("20210230"), DateIssue::kImpossible);
  EXPECT_EQ(DayIssue("20230229"), DateIssue::kImpossible);
  EXPECT_EQ(Day("20240229"), 20240229);                     // leap year
  EXPECT_EQ(DayIssue("19000229"), DateIssue::kImpossible);  // 1900: not a leap year
  EXPECT_EQ(Day("20000229"), 20000229);                     // 2000: a leap year
  EXPECT_EQ(DayIssue("20210431"), DateIssue::kImpossible);
  EXPECT_EQ(DayIssue("4000101"), DateIssue::kImpossible);  // 平成0年
}

TEST(ClaimDates, BeforeMeijiAndMalformed) {
  EXPECT_EQ(DayIssue("18680124"), DateIssue::kBeforeMeiji);
  EXPECT_EQ(Day("18680125"), 18680125);
  EXPECT_EQ(MonthIssue("186712"), DateIssue::kBeforeMeiji);
  EXPECT_EQ(DayIssue("1010124"), DateIssue::kImpossible);  // 明治元年1月24日: before 明治
  EXPECT_EQ(MonthIssue("63101"), DateIssue::kEra);         // 元号 6 does not exist
  EXPECT_EQ(MonthIssue("03101"), DateIssue::kEra);
  EXPECT_EQ(MonthIssue("2021"), DateIssue::kLength);
  EXPECT_EQ(DayIssue("202110"), DateIssue::kLength);
  EXPECT_EQ(MonthIssue("2021１1"), DateIssue::kLength);  // a full-width digit is 3 bytes
  EXPECT_EQ(MonthIssue("2021A1"), DateIssue::kNotDigits);
  EXPECT_EQ(DayIssue(""), DateIssue::kLength);
}

}  // namespace
}  // namespace kokuho::claims
