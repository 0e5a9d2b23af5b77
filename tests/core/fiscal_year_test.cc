// Unit tests for core/fiscal_year.h: 西暦 ⇄ 和暦 (平成/令和), 全角, and rejection of
// years that do not exist.
#include "core/fiscal_year.h"

#include <gtest/gtest.h>

namespace kokuho {
namespace {

int YearOf(const char* text) {
  auto fy = FiscalYear::TryParse(text);
  return fy ? fy->year() : -1;
}

TEST(FiscalYear, GregorianWarekiAndShortFormsRoundTrip) {
  EXPECT_EQ(YearOf("2027"), 2027);
  EXPECT_EQ(YearOf("2027年度"), 2027);
  EXPECT_EQ(YearOf("令和9年度"), 2027);
  EXPECT_EQ(YearOf("R9"), 2027);
  const FiscalYear fy(2027);
  EXPECT_EQ(fy.ToWareki(), "令和9年度");
  EXPECT_EQ(fy.ToShortWareki(), "R9");
  EXPECT_EQ(YearOf(fy.ToWareki().c_str()), 2027);
  EXPECT_EQ(YearOf(fy.ToShortWareki().c_str()), 2027);
}

TEST(FiscalYear, FirstYearOfReiwa) {
  EXPECT_EQ(YearOf("令和元年度"), 2019);
  EXPECT_EQ(YearOf("令和1年度"), 2019);
  EXPECT_EQ(FiscalYear(2019).ToWareki(), "令和元年度");
  EXPECT_EQ(FiscalYear(2019).ToShortWareki(), "R1");
  // The era changed on 2019-05-01, inside fiscal year 2019: 平成31年度 is the same year.
  EXPECT_EQ(YearOf("平成31年度"), 2019);
  EXPECT_EQ(YearOf("H31"), 2019);
}

TEST(FiscalYear, Heisei) {
  EXPECT_EQ(YearOf("平成30年度"), 2018);
  EXPECT_EQ(YearOf("H30"), 2018);
  EXPECT_EQ(FiscalYear(2018).ToWareki(), "平成30年度");
  EXPECT_EQ(FiscalYear(2018).ToShortWareki(), "H30");
  EXPECT_EQ(YearOf("平成元年度"), 1989);
  EXPECT_EQ(FiscalYear(1989).ToWareki(), "平成元年度");
}

TEST(FiscalYear, FullWidthAndLeadingZero) {
  EXPECT_EQ(YearOf("令和９年度"), 2027);  // 全角 digits
  EXPECT_EQ(YearOf("Ｒ９"), 2027);        // 全角 R and digit
  EXPECT_EQ(YearOf("Ｒ０９"), 2027);
  EXPECT_EQ(YearOf("２０２７"), 2027);
  EXPECT_EQ(YearOf("R09"), 2027);
  EXPECT_EQ(YearOf("　令和9年度　"), 2027);  // ideographic spaces trimmed
}

TEST(FiscalYear, RejectsYearsThatDoNotExist) {
  EXPECT_FALSE(FiscalYear::TryParse("令和0年度"));
  EXPECT_FALSE(FiscalYear::TryParse("R0"));
  EXPECT_FALSE(FiscalYear::TryParse("H32"));  // 平成 ended in its 31st year
  EXPECT_FALSE(FiscalYear::TryParse("平成32年度"));
  EXPECT_FALSE(FiscalYear::TryParse("abc"));
  EXPECT_FALSE(FiscalYear::TryParse(""));
  EXPECT_FALSE(FiscalYear::TryParse("1988"));  // before 平成
  EXPECT_FALSE(FiscalYear::TryParse("2201"));
  EXPECT_FALSE(FiscalYear::TryParse("令和"));
}

TEST(FiscalYear, Ordering) {
  EXPECT_LT(FiscalYear(2018), FiscalYear(2019));
  EXPECT_EQ(*FiscalYear::TryParse("平成31年度"), *FiscalYear::TryParse("令和元年度"));
}

}  // namespace
}  // namespace kokuho
