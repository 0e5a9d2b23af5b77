// 薬剤料の点数 (医科点数表 F200 / J300: 15円以下は1点、15円を超える場合は10円又はその端数を
// 増すごとに1点を加算) and the patient's share with the 一部負担金 rounding (国保法 42条2項:
// 5円未満切捨て、5円以上10円未満は10円に切上げ) — worked by hand.
#include "claims/drug_points.h"

#include <gtest/gtest.h>

namespace kokuho::claims {
namespace {

TEST(DrugPoints, FifteenYenAndBelowIsOnePoint) {
  EXPECT_EQ(DrugPoints(1390, 100000), 1);  // 13.90 円
  EXPECT_EQ(DrugPoints(1500, 100000), 1);  // 15.00 円 exactly: still 1 点
  EXPECT_EQ(DrugPoints(500, 300000), 1);   // 5.00 円 × 3 錠 = 15.00 円
  EXPECT_EQ(DrugPoints(0, 100000), 0);     // no price: nothing
  EXPECT_EQ(DrugPoints(1390, 0), 0);
}

TEST(DrugPoints, EachTenYenOrPartAboveFifteenAddsOne) {
  // 15.01 円: 1 + ⌈0.01 / 10⌉ = 2 点.
  EXPECT_EQ(DrugPoints(1501, 100000), 2);
  // 25.00 円: 1 + ⌈10 / 10⌉ = 2 点; 25.01 円: 1 + ⌈10.01 / 10⌉ = 3 点.
  EXPECT_EQ(DrugPoints(2500, 100000), 2);
  EXPECT_EQ(DrugPoints(2501, 100000), 3);
  // 45.20 円: 1 + ⌈30.2 / 10⌉ = 1 + 4 = 5 点 (五捨五超入 of 4.52 → 5).
  EXPECT_EQ(DrugPoints(4520, 100000), 5);
  // 215.40 円: 1 + ⌈200.4 / 10⌉ = 1 + 21 = 22 点; 45.60 円: 1 + ⌈30.6 / 10⌉ = 5 点.
  EXPECT_EQ(DrugPoints(21540, 100000), 22);
  EXPECT_EQ(DrugPoints(4560, 100000), 5);
  // 使用量 0.5: 45.20 × 0.5 = 22.60 円 → 1 + ⌈7.6 / 10⌉ = 2 点.
  EXPECT_EQ(DrugPoints(4520, 50000), 2);
}

TEST(DrugPoints, MatchesFiveDownFiveUpAboveFifteen) {
  // For amounts above 15 円 the rule equals rounding amount/10 with 0.5 going down
  // (五捨五超入): check every amount in hundredths from 15.01 to 300.00 円.
  for (std::int64_t h = 1501; h <= 30000; ++h) {
    const std::int64_t tenth_points = h;  // amount / 10 in thousandths of a 点 = h / 1000 点
    // 五捨五超入: ⌊x⌋ + 1 when the fraction of x = h / 1000 is > 0.5, else ⌊x⌋; at least 1.
    std::int64_t expected = tenth_points / 1000 + (tenth_points % 1000 > 500 ? 1 : 0);
    if (expected < 1) expected = 1;
    EXPECT_EQ(DrugPoints(h, 100000), expected) << h;
  }
}

TEST(DrugPoints, ShareRoundsToTenYen) {
  EXPECT_EQ(ShareYen(1230, 3), 370);  // 369 円 → 370
  EXPECT_EQ(ShareYen(1210, 3), 360);  // 363 円 → 360
  EXPECT_EQ(ShareYen(1150, 3), 350);  // 345 円 → 350 (5円は切上げ)
  EXPECT_EQ(ShareYen(4760, 1), 480);  // 476 円 → 480
  EXPECT_EQ(ShareYen(4760, 2), 950);  // 952 円 → 950
  EXPECT_EQ(ShareYen(0, 3), 0);
}

TEST(DrugPoints, ShareTenthsFromTheReceiptType) {
  EXPECT_EQ(ShareTenths(1112), 3);  // 国保 本外
  EXPECT_EQ(ShareTenths(1114), 2);  // 六外 (未就学)
  EXPECT_EQ(ShareTenths(1118), 2);  // 高外一
  EXPECT_EQ(ShareTenths(1110), 3);  // 高外7
  EXPECT_EQ(ShareTenths(1318), 1);  // 後期 一般
  EXPECT_EQ(ShareTenths(1310), 3);  // 後期 現役並み (高外7)
  EXPECT_EQ(ShareTenths(4118), 2);  // 調剤 国保 高齢受給者 一般
}

}  // namespace
}  // namespace kokuho::claims
