// 収納率 規模別 (kpi/collection_bands.h): a worked example by hand (ranks with ties, 上位3割/5割
// within the data, the published thresholds with their points, the 収納額 to reach them),
// the embedded R4 thresholds, bad threshold files at file:line:column, and the table that
// `kokuho kpi` adds for the Gunma sample.
#include "kpi/collection_bands.h"

#include <gtest/gtest.h>

#include <string>

#include "../cli_runner.h"
#include "../io/io_test_util.h"
#include "readers/kpi_loader.h"

namespace kokuho::kpi {
namespace {

Observation Collection(const char* code, std::int64_t insured, std::int64_t collected,
                       std::int64_t charged) {
  Observation o;
  o.code = *MunicipalityCode::TryParse(code);
  o.year = FiscalYear(2023);
  o.key = kCollectionCurrent;
  o.numerator = Rational(collected);
  o.denominator = Rational(charged);
  o.value = Rational(collected) / Rational(charged);
  o.insured = insured;
  return o;
}

CollectionBands TwoBands() {
  CollectionBands b;
  b.points_top30 = 50;
  b.points_top50 = 35;
  b.classes = {{"1万人未満", 0, 10000, Rational(96, 100), Rational(95, 100)},
               {"1万人以上", 10000, std::nullopt, std::nullopt, std::nullopt}};
  return b;
}

TEST(CollectionBands, WorkedExample) {
  // Small band (< 1万), 調定額 1,000,000 each, 収納額 970,000 / 950,000 / 950,000 / 940,000
  // / 900,000: rates 97%, 95%, 95%, 94%, 90%; ranks 1, 2, 2, 4, 5 of 5.
  // Within the data: 上位3割 when rank ≤ 1.5 (rank 1), 上位5割 when rank ≤ 2.5 (ranks 2, 2).
  // Published: ≥96% → 上位3割 50; ≥95% → 上位5割 35; else 0.
  // To 96%: 960,000 − 950,000 = 10,000; 960,000 − 940,000 = 20,000; 60,000 for 90%.
  // To 95%: 0 for 95% (met, none shown); 10,000 for 94%; 50,000 for 90%.
  // The large band (a city of 20,000 with 93%) is alone: rank 1 of 1, 上位5割 (1 ≤ 0.5?
  // no: 1 > 0.5, and 1 > 0.3) → neither; no published thresholds → no points.
  std::vector<Observation> obs = {
      Collection("102016", 5000, 950000, 1000000), Collection("102024", 6000, 970000, 1000000),
      Collection("102032", 7000, 900000, 1000000), Collection("102041", 8000, 950000, 1000000),
      Collection("102059", 9000, 940000, 1000000), Collection("102067", 20000, 930000, 1000000)};
  Observation other = obs[0];
  other.key = "collection_rate_arrears";  // another KPI: ignored
  obs.push_back(other);
  Observation no_insured = obs[0];
  no_insured.code = *MunicipalityCode::TryParse("102075");
  no_insured.insured.reset();  // no 被保険者数: left out
  obs.push_back(no_insured);

  std::vector<CollectionStanding> s = StandCollection(TwoBands(), obs);
  ASSERT_EQ(s.size(), 6u);
  // Ordered by band, then rank: 102024 (1), 102016 (2), 102041 (2), 102059 (4), 102032 (5).
  std::vector<std::string> codes;
  for (const auto& x : s) codes.push_back(x.observation->code.str());
  EXPECT_EQ(codes,
            (std::vector<std::string>{"102024", "102016", "102041", "102059", "102032", "102067"}));
  EXPECT_EQ(s[0].rank, 1);
  EXPECT_EQ(s[0].data_band, 1);
  EXPECT_EQ(s[0].published_band, 1);
  EXPECT_EQ(*s[0].points, Rational(50));
  EXPECT_FALSE(s[0].to_top30.has_value());
  EXPECT_EQ(s[1].rank, 2);
  EXPECT_EQ(s[2].rank, 2);
  EXPECT_EQ(s[1].data_band, 2);
  EXPECT_EQ(s[1].published_band, 2);
  EXPECT_EQ(*s[1].points, Rational(35));
  EXPECT_EQ(*s[1].to_top30, Rational(10000));
  EXPECT_FALSE(s[1].to_top50.has_value());
  EXPECT_EQ(s[3].rank, 4);
  EXPECT_EQ(s[3].data_band, 0);
  EXPECT_EQ(*s[3].points, Rational(0));
  EXPECT_EQ(*s[3].to_top30, Rational(20000));
  EXPECT_EQ(*s[3].to_top50, Rational(10000));
  EXPECT_EQ(*s[4].to_top30, Rational(60000));
  EXPECT_EQ(s[5].in_class, 1);
  EXPECT_EQ(s[5].data_band, 0);
  EXPECT_FALSE(s[5].points.has_value());
  EXPECT_FALSE(s[5].to_top30.has_value());
}

TEST(CollectionBands, EmbeddedR4Thresholds) {
  // R4 固有① (R1 実績) by band, spec/finance.md §3.2: 1万–5万 95.21% / 94.17%; 3千未満 none.
  CollectionBands b = LoadCollectionBands();
  EXPECT_EQ(b.incentive_year, FiscalYear(2022));
  EXPECT_EQ(b.points_top30, Rational(50));
  EXPECT_FALSE(b.confirmed);
  ASSERT_NE(b.ClassOf(20000), nullptr);
  EXPECT_EQ(*b.ClassOf(20000)->top30, Rational::Parse("0.9521"));
  EXPECT_EQ(*b.ClassOf(9999)->top50, Rational::Parse("0.9549"));
  EXPECT_FALSE(b.ClassOf(2999)->top30.has_value());
  EXPECT_EQ(*b.ClassOf(100000)->top30, Rational::Parse("0.9358"));
}

std::string BandsError(const std::string& classes) {
  // The classes are written at the old indentation (6 spaces); the entry nests them at 8.
  std::string indented;
  for (size_t at = 0; at < classes.size();) {
    const size_t end = classes.find('\n', at);
    indented += "  " + classes.substr(at, end - at + 1);
    at = end + 1;
  }
  const std::string text =
      "known_through: R4\n"                     // 1
      "collection_thresholds:\n"                // 2
      "  values:\n"                             // 3
      "    - from: R4\n"                        // 4
      "      actuals_year: R1\n"                // 5
      "      points: {top30: 50, top50: 35}\n"  // 6
      "      confirmed: false\n"                // 7
      "      source: s\n"                       // 8
      "      classes:\n" +                      // 9
      indented;                                 // 10…
  InputError e = io_test::CatchInputError([&] { ParseCollectionBands(text, "b.yaml"); });
  return e.what();
}

TEST(CollectionBands, BadThresholdFilesNameTheirPlace) {
  EXPECT_EQ(BandsError("      - {label: a, min: 0, below: 3000}\n"
                       "      - {label: b, min: 3001}\n")
                .substr(0, 20),
            "b.yaml:10:9: classes");  // a gap at 3000
  EXPECT_NE(BandsError("      - {label: a, min: 0, below: 3000, top30: 95}\n"
                       "      - {label: b, min: 3000}\n")
                .find("b.yaml:10:50: classes[].top30: 「95」は百分率として読めません"),
            std::string::npos);
  EXPECT_NE(BandsError("      - {label: a, min: 0, below: 3000, top30: 90%, top50: 95%}\n"
                       "      - {label: b, min: 3000}\n")
                .find("上位3割の基準は上位5割の基準以上にしてください"),
            std::string::npos);
  EXPECT_NE(BandsError("      - {label: a, min: 0, below: 3000}\n"
                       "      - {label: b, min: 3000, below: 9000}\n")
                .find("最大の区分には below を書かないでください"),
            std::string::npos);
  EXPECT_NE(BandsError("      - {label: a, min: 0, below: 3000, top3O: 95%}\n"
                       "      - {label: b, min: 3000}\n")
                .find("b.yaml:10:"),
            std::string::npos);  // misspelt key
}

TEST(CollectionBands, KpiCommandAddsTheTableForTheSample) {
  io_test::TempDir scratch;
  const std::string out = scratch.Path("out");
  testing::CliRun r = testing::RunKokuho(
      {"kpi", std::string(KOKUHO_SOURCE_DIR) + "/examples/gunma-kpi", "--year", "R5", "--out", out},
      scratch.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("収納率 (現年度分) 規模別"), std::string::npos);
  const std::string csv = io_test::ReadBytes(out + "/kpi_collection_bands.csv");
  // 35 municipalities, one row each for FY2023, plus the header line.
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 36);
  EXPECT_NE(io_test::ReadBytes(out + "/kpi.json").find("\"collection_bands\""), std::string::npos);
}

}  // namespace
}  // namespace kokuho::kpi
