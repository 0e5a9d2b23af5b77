// Worked examples for the KPI engine (src/kpi): prefecture rates from numerators and
// denominators (never a mean of rates), 収納率 with exclusions, the target in force,
// and the status/trend rules. Every expected figure is derived by hand in a comment.
#include <gtest/gtest.h>

#include "kpi/collection_rate.h"
#include "kpi/kpi.h"

namespace kokuho::kpi {
namespace {

MunicipalityCode Code(const char* s) { return *MunicipalityCode::TryParse(s); }

Definition Checkup() {
  Definition d;
  d.key = "checkup";
  d.label = "特定健診実施率";
  d.unit = Unit::kPercent;
  d.direction = Direction::kHigherIsBetter;
  d.kind = Kind::kRatio;
  d.targets = {{FiscalYear(2023), Rational(60, 100), "第3期", false},
               {FiscalYear(2029), Rational(70, 100), "群馬県医療費適正化計画", true}};
  return d;
}

Observation Ratio(const char* code, int year, std::int64_t num, std::int64_t den,
                  std::int64_t excluded = 0) {
  Observation o;
  o.code = Code(code);
  o.year = FiscalYear(year);
  o.key = "checkup";
  o.numerator = Rational(num);
  o.denominator = Rational(den);
  o.excluded = Rational(excluded);
  o.value = Rational(num) / Rational(den - excluded);
  return o;
}

Observation RateOnly(const char* code, int year, Rational value,
                     std::optional<std::int64_t> den = std::nullopt) {
  Observation o;
  o.code = Code(code);
  o.year = FiscalYear(year);
  o.key = "checkup";
  o.value = value;
  if (den) o.denominator = Rational(*den);
  return o;
}

// 前橋市 50/100 = 50%, 高崎市 10/400 = 2.5%.
// Prefecture = (50 + 10) / (100 + 400) = 60/500 = 12%.
// The mean of the two rates would be (50% + 2.5%) / 2 = 26.25%: wrong.
TEST(KpiPrefecture, RateOfRatesIsSumOverSum) {
  Result r =
      Evaluate({Checkup()}, {Ratio("102016", 2023, 50, 100), Ratio("102024", 2023, 10, 400)});
  ASSERT_EQ(r.prefecture.size(), 1u);
  const PrefectureEvaluation& p = r.prefecture[0];
  ASSERT_TRUE(p.actual.has_value());
  EXPECT_EQ(*p.numerator, Rational(60));
  EXPECT_EQ(*p.denominator, Rational(500));
  EXPECT_EQ(*p.actual, Rational(12, 100));
  EXPECT_NE(*p.actual, Rational(2625, 10000));  // the naive mean
  EXPECT_EQ(p.municipalities, 2);
  // Target in force for FY2023: 60% (令和5年度). Gap 12% − 60% = −48 points.
  EXPECT_EQ(*p.assessment.gap, Rational(-48, 100));
  EXPECT_EQ(p.assessment.status, Status::kNotAchieved);
}

// The same two municipalities given as rates with their 分母 as weights:
// 分子 = 50% × 100 = 50 and 2.5% × 400 = 10 → again 60/500 = 12%.
TEST(KpiPrefecture, RatesWeightedByDenominator) {
  Result r = Evaluate({Checkup()}, {RateOnly("102016", 2023, Rational(1, 2), 100),
                                    RateOnly("102024", 2023, Rational(25, 1000), 400)});
  ASSERT_TRUE(r.prefecture[0].actual.has_value());
  EXPECT_EQ(*r.prefecture[0].actual, Rational(12, 100));
}

// One municipality without a 分母: the figure is not computed (no mean of rates).
TEST(KpiPrefecture, RateWithoutDenominatorIsNotComputed) {
  Result r = Evaluate({Checkup()}, {RateOnly("102016", 2023, Rational(1, 2), 100),
                                    RateOnly("102024", 2023, Rational(25, 1000))});
  const PrefectureEvaluation& p = r.prefecture[0];
  EXPECT_FALSE(p.actual.has_value());
  EXPECT_FALSE(p.numerator.has_value());
  EXPECT_NE(p.note.find("算出不可: 1市町村に分母がない"), std::string::npos) << p.note;
  EXPECT_EQ(p.assessment.status, Status::kNone);
}

// 収納率 with 居所不明者分 removed from 調定額 (spec/finance.md §4):
// 調定額 1,000,000, 居所不明者分 20,000, 収納額 931,000 → 931,000 / 980,000 = 95%.
// The revenue effect of reaching the target (収納率): 調定額 1,000,000 − 居所不明者分
// 20,000 = 980,000; 収納額 931,000 → 95%. Target 96%: 0.96 × 980,000 = 940,800, so
// 940,800 − 931,000 = 9,800 yen more must be collected. A met target has none.
TEST(KpiToTarget, CollectionRateRevenueEffect) {
  Definition d = Checkup();
  d.key = "collection";
  d.label = "収納率（現年度分）";
  d.targets = {{FiscalYear(2023), Rational(96, 100), "test", true}};
  Observation short_of = Ratio("102016", 2023, 931'000, 1'000'000, 20'000);
  short_of.key = "collection";
  Observation met = Ratio("102024", 2023, 970'000, 1'000'000);
  met.key = "collection";
  const Result r = Evaluate({d}, {short_of, met});
  ASSERT_EQ(r.municipalities.size(), 2u);
  ASSERT_TRUE(r.municipalities[0].to_target.has_value());
  EXPECT_EQ(*r.municipalities[0].to_target, Rational(9'800));
  EXPECT_FALSE(r.municipalities[1].to_target.has_value());  // 97% ≥ 96%
}

TEST(CollectionRate, ExclusionsLeaveTheBase) {
  CollectionInput in{1'000'000, 20'000, 931'000};
  EXPECT_EQ(CollectionBase(in), 980'000);
  EXPECT_EQ(CollectionRate(in), Rational(95, 100));
  // Without the exclusion it would be 93.1%.
  EXPECT_EQ(CollectionRate({1'000'000, 0, 931'000}), Rational(931, 1000));
}

TEST(CollectionRate, BaseMustBePositive) {
  EXPECT_THROW(CollectionRate({100, 100, 0}), CalculationError);
  EXPECT_THROW(CollectionRate({100, -1, 0}), CalculationError);
}

// Prefecture 収納率 from two municipalities:
//   A: 調定額 1,000,000 − 20,000 = 980,000, 収納額 931,000 → 95%
//   B: 調定額   250,000 −      0 = 250,000, 収納額 200,000 → 80%
//   県: (931,000 + 200,000) / (980,000 + 250,000) = 1,131,000 / 1,230,000 = 377/410
//       = 91.95…%, not the mean 87.5% and not (1,131,000 / 1,250,000 = 90.48%) with the
//       居所不明者分 left in.
TEST(CollectionRate, PrefectureFromAmountsWithExclusions) {
  Definition d = Checkup();
  d.targets.clear();
  d.exclusions = "居所不明者分";
  Result r = Evaluate({d}, {Ratio("102016", 2023, 931'000, 1'000'000, 20'000),
                            Ratio("102024", 2023, 200'000, 250'000)});
  EXPECT_EQ(r.municipalities[0].observation.value, Rational(95, 100));
  EXPECT_EQ(r.municipalities[1].observation.value, Rational(80, 100));
  ASSERT_TRUE(r.prefecture[0].actual.has_value());
  EXPECT_EQ(*r.prefecture[0].denominator, Rational(1'230'000));
  EXPECT_EQ(*r.prefecture[0].actual, Rational(377, 410));
  EXPECT_EQ(r.prefecture[0].actual->ToDecimalString(4), "0.9195");
}

// Targets 60% (R5) and 70% (R11): FY2022 and FY2023 → R5's; FY2024–2029 → R11's;
// after R11 the last target stays in force.
TEST(KpiTarget, NextMilestoneIsInForce) {
  Definition d = Checkup();
  EXPECT_EQ(d.TargetFor(FiscalYear(2022))->year, FiscalYear(2023));
  EXPECT_EQ(d.TargetFor(FiscalYear(2023))->value, Rational(60, 100));
  EXPECT_EQ(d.TargetFor(FiscalYear(2024))->value, Rational(70, 100));
  EXPECT_EQ(d.TargetFor(FiscalYear(2029))->year, FiscalYear(2029));
  EXPECT_EQ(d.TargetFor(FiscalYear(2031))->year, FiscalYear(2029));
  d.targets.clear();
  EXPECT_FALSE(d.TargetFor(FiscalYear(2023)).has_value());
}

// Status rules (kpi.h, docs/kpi-format.md), higher is better, target 70% in FY2024:
TEST(KpiStatus, HigherIsBetter) {
  Definition d = Checkup();
  FiscalYear y(2024);
  auto pct = [](int p) { return Rational(p, 100); };
  // 72% ≥ 70% → 達成 (even though it fell from 75%).
  EXPECT_EQ(Assess(d, y, pct(72), pct(75)).status, Status::kAchieved);
  // exactly 70% → 達成 (≥).
  EXPECT_EQ(Assess(d, y, pct(70), std::nullopt).status, Status::kAchieved);
  // 40% after 39% → 改善; gap −30 points, change +1 point.
  Assessment a = Assess(d, y, pct(40), pct(39));
  EXPECT_EQ(a.status, Status::kImproved);
  EXPECT_EQ(*a.gap, Rational(-30, 100));
  EXPECT_EQ(*a.change, Rational(1, 100));
  // 40% after 41% → 悪化.
  EXPECT_EQ(Assess(d, y, pct(40), pct(41)).status, Status::kWorsened);
  // 40% with no previous year, or unchanged → 未達成.
  EXPECT_EQ(Assess(d, y, pct(40), std::nullopt).status, Status::kNotAchieved);
  EXPECT_EQ(Assess(d, y, pct(40), pct(40)).status, Status::kNotAchieved);
  // No target: unchanged → 横ばい; no previous → —.
  d.targets.clear();
  EXPECT_EQ(Assess(d, y, pct(40), pct(40)).status, Status::kFlat);
  EXPECT_EQ(Assess(d, y, pct(40), std::nullopt).status, Status::kNone);
  EXPECT_FALSE(Assess(d, y, pct(40), std::nullopt).gap.has_value());
}

// Lower is better (地域差指数, 法定外繰入): a fall is 改善, a rise 悪化; a target is met
// at or below it.
TEST(KpiStatus, LowerIsBetter) {
  Definition d;
  d.key = "index";
  d.unit = Unit::kIndex;
  d.direction = Direction::kLowerIsBetter;
  d.kind = Kind::kRatio;
  FiscalYear y(2023);
  EXPECT_EQ(Assess(d, y, Rational::Parse("0.9491"), Rational::Parse("0.9645")).status,
            Status::kImproved);
  EXPECT_EQ(Assess(d, y, Rational::Parse("0.9685"), Rational::Parse("0.9514")).status,
            Status::kWorsened);
  d.targets = {{FiscalYear(2023), Rational(1), "test", true}};
  EXPECT_EQ(Assess(d, y, Rational(1), std::nullopt).status, Status::kAchieved);
  EXPECT_EQ(Assess(d, y, Rational::Parse("1.01"), Rational::Parse("1.02")).status,
            Status::kImproved);
}

// Trend uses the same municipality's figure for year − 1, and the prefecture trend the
// previous prefecture figure: 2022 (40 + 10)/(100 + 100) = 25%, 2023 (45 + 20)/(100 + 100)
// = 32.5% → change +7.5 points, 改善 (target 60% not met).
TEST(KpiTrend, MunicipalityAndPrefecture) {
  Result r =
      Evaluate({Checkup()}, {Ratio("102016", 2022, 40, 100), Ratio("102016", 2023, 45, 100),
                             Ratio("102024", 2022, 10, 100), Ratio("102024", 2023, 20, 100)});
  ASSERT_EQ(r.municipalities.size(), 4u);
  // Ordered by code then year: 前橋 2022, 前橋 2023, 高崎 2022, 高崎 2023.
  EXPECT_FALSE(r.municipalities[0].assessment.change.has_value());
  EXPECT_EQ(*r.municipalities[1].assessment.change, Rational(5, 100));
  EXPECT_EQ(r.municipalities[1].assessment.status, Status::kImproved);
  ASSERT_EQ(r.prefecture.size(), 2u);
  EXPECT_EQ(*r.prefecture[0].actual, Rational(25, 100));
  EXPECT_EQ(*r.prefecture[1].actual, Rational(325, 1000));
  EXPECT_EQ(*r.prefecture[1].assessment.change, Rational(75, 1000));
  EXPECT_EQ(r.prefecture[1].assessment.status, Status::kImproved);
}

// Amounts and counts sum: 法定外繰入 12,000,000 + 0 + 3,500,000 = 15,500,000円, and the
// count of municipalities making one 1 + 0 + 1 = 2.
TEST(KpiPrefecture, AmountsAndCountsSum) {
  Definition amount;
  amount.key = "transfer";
  amount.unit = Unit::kYen;
  amount.direction = Direction::kLowerIsBetter;
  amount.kind = Kind::kAmount;
  Definition count = amount;
  count.key = "transfer_munis";
  count.unit = Unit::kCount;
  count.kind = Kind::kCount;
  std::vector<Observation> obs;
  const char* codes[] = {"102016", "102024", "102032"};
  const std::int64_t yen[] = {12'000'000, 0, 3'500'000};
  for (int i = 0; i < 3; ++i) {
    Observation o;
    o.code = Code(codes[i]);
    o.year = FiscalYear(2023);
    o.key = "transfer";
    o.value = Rational(yen[i]);
    obs.push_back(o);
    o.key = "transfer_munis";
    o.value = Rational(yen[i] > 0 ? 1 : 0);
    obs.push_back(o);
  }
  Result r = Evaluate({amount, count}, obs);
  ASSERT_EQ(r.prefecture.size(), 2u);
  EXPECT_EQ(*r.prefecture[0].actual, Rational(15'500'000));
  EXPECT_EQ(*r.prefecture[1].actual, Rational(2));
}

TEST(KpiEvaluate, DuplicateOrUnknownIsRefused) {
  EXPECT_THROW(Evaluate({Checkup()}, {Ratio("102016", 2023, 1, 2), Ratio("102016", 2023, 1, 3)}),
               CalculationError);
  Observation o = Ratio("102016", 2023, 1, 2);
  o.key = "nope";
  EXPECT_THROW(Evaluate({Checkup()}, {o}), CalculationError);
}

}  // namespace
}  // namespace kokuho::kpi
