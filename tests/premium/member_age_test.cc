// The age rules shared by the household file and the population table (premium/member_age.h),
// on the neighbours of the 75th birthday around the 賦課期日 4月1日 of FY2026.
#include "premium/member_age.h"

#include <gtest/gtest.h>

namespace kokuho::premium {
namespace {

// 年齢計算ニ関スル法律: the age n is reached at the end of the day before the n-th birthday,
// so on 2026-04-01 a person born 1951-04-02 is already 75 and one born 1951-04-03 is 74.
TEST(MemberAge, AgeIsReachedTheDayBeforeTheBirthday) {
  EXPECT_EQ(AgeOn({1951, 4, 1}, {2026, 4, 1}), 75);
  EXPECT_EQ(AgeOn({1951, 4, 2}, {2026, 4, 1}), 75);
  EXPECT_EQ(AgeOn({1951, 4, 3}, {2026, 4, 1}), 74);
  EXPECT_EQ(AgeOn({2026, 4, 2}, {2026, 4, 1}), -1);  // not born yet
  // 2/29: the birthday of a non-leap year is 3/1, so the age comes on 2/28.
  EXPECT_EQ(AgeOn({2004, 2, 29}, {2026, 2, 28}), 22);
  EXPECT_EQ(AgeOn({2004, 2, 29}, {2026, 2, 27}), 21);
}

// 後期高齢者医療 starts on the 75th birthday itself (高齢者医療確保法 52条): born 1951-03-31
// → 2026-03-31 (before the 賦課期日: not insured); born 1951-04-01 → 2026-04-01 (後期 on
// the 賦課期日 itself: not insured); born 1951-04-02 → 2026-04-02 (still 国保 on 4月1日).
TEST(MemberAge, InsuredOnAprilFirstUntilThe75thBirthday) {
  EXPECT_TRUE(BirthDateProblem({1951, 3, 31}, 2026, true));
  EXPECT_TRUE(BirthDateProblem({1951, 4, 1}, 2026, true));
  EXPECT_FALSE(BirthDateProblem({1951, 4, 2}, 2026, true));
  EXPECT_FALSE(BirthDateProblem({1951, 4, 3}, 2026, true));
  // Not insured (e.g. a 擬制世帯主 in 後期): any age up to 120.
  EXPECT_FALSE(BirthDateProblem({1940, 1, 1}, 2026, false));
  EXPECT_TRUE(BirthDateProblem({1905, 4, 1}, 2026, false));  // 121 on 4月1日
  // Born after the fiscal year (2027-03-31 is its last day).
  EXPECT_FALSE(BirthDateProblem({2027, 3, 31}, 2026, true));
  EXPECT_TRUE(BirthDateProblem({2027, 4, 1}, 2026, true));
  EXPECT_NE(BirthDateProblem({1951, 4, 1}, 2026, true)->find("2026-04-01"), std::string::npos);
}

// Property: the age given on 4月1日 and the birth date readers assume from it agree (age 0:
// born on 4月2日, a newborn of the year), and the insured limit by age (≤ 74) never refuses
// a birth date it derived.
TEST(MemberAge, BirthDateFromAgeGivesThatAgeAllYear) {
  for (int fy = 2018; fy <= 2030; ++fy)
    for (int age = 0; age <= kMaxInsuredAge; ++age) {
      const CivilDate b = BirthDateFromAge(age, fy);
      EXPECT_EQ(AgeOn(b, {fy, 4, 1}), age == 0 ? -1 : age);
      EXPECT_EQ(AgeOn(b, {fy + 1, 3, 31}), age);  // the next birthday is 4月2日
      EXPECT_FALSE(BirthDateProblem(b, fy, true)) << fy << " " << age;
    }
}

// The 非自発的失業 and 旧被扶養者 rules both readers share. A member born 1961-06-15 is 65 from
// 2026-06-14 (the day before the birthday), 75 from 2036-06-14.
TEST(MemberAge, SharedUnemploymentAndFormerDependentRules) {
  for (int code : {11, 12, 21, 22, 31, 32, 23, 33, 34}) EXPECT_TRUE(IsInvoluntaryReasonCode(code));
  for (int code : {0, 13, 24, 35, 99}) EXPECT_FALSE(IsInvoluntaryReasonCode(code)) << code;
  EXPECT_TRUE(IsInvoluntaryReasonCode(std::string_view("34")));
  for (std::string_view text : {"", "1", "111", "1a", " 1", "13"})
    EXPECT_FALSE(IsInvoluntaryReasonCode(text)) << text;

  const CivilDate birth{1961, 6, 15};
  EXPECT_EQ(SeparationProblem(birth, {2026, 6, 13}, true), std::nullopt);  // 64
  ASSERT_TRUE(SeparationProblem(birth, {2026, 6, 14}, true));              // 65
  EXPECT_NE(SeparationProblem(birth, {2026, 6, 14}, true)->find("65歳未満"), std::string::npos);
  EXPECT_TRUE(SeparationProblem(birth, {2020, 1, 1}, false));  // not insured

  EXPECT_TRUE(FormerDependentProblem(birth, {2026, 6, 13}, true));              // 64
  EXPECT_EQ(FormerDependentProblem(birth, {2026, 6, 14}, true), std::nullopt);  // 65
  EXPECT_EQ(FormerDependentProblem(birth, {2036, 6, 13}, true), std::nullopt);  // 74
  EXPECT_TRUE(FormerDependentProblem(birth, {2036, 6, 14}, true));              // 75
  EXPECT_NE(FormerDependentProblem(birth, {2030, 1, 1}, false)->find("国保に加入"),
            std::string::npos);
}

}  // namespace
}  // namespace kokuho::premium
