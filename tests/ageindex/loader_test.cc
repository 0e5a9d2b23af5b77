// LoadAgeStandard / LoadAgeIndexData: good files (CSV and YAML) and malformed ones,
// each refused at its exact file:line:column.
#include <gtest/gtest.h>

#include "../io/io_test_util.h"
#include "readers/ageindex_loader.h"

namespace kokuho {
namespace {

using io_test::CatchInputError;
using io_test::TempDir;
using io_test::WriteBytes;

const char kStandard[] =
    "年齢階級,基準率,基準人口\n"
    "0-39,0.01,500\n"
    "40-64,0.05,300\n"
    "65+,0.2,200\n";

const char kData[] =
    "団体コード,市町村名,年齢階級,人口,患者数\n"
    "102016,前橋市,0-39,600,6\n"
    "102016,前橋市,40-64,300,15\n"
    "102016,前橋市,65+,100,20\n"
    "10202,高崎市,0-39,250,2\n"
    "10202,高崎市,40-64,300,12\n"
    "10202,高崎市,65+,450,72\n";

struct Files {
  TempDir dir;
  std::string standard = dir.Path("standard.csv");
  std::string data = dir.Path("data.csv");
  Files(std::string_view standard_text, std::string_view data_text) {
    WriteBytes(standard, standard_text);
    WriteBytes(data, data_text);
  }
  AgeIndexData Load() const { return LoadAgeIndexData(data, LoadAgeStandard(standard)); }
};

// Replaces the first occurrence of `from` in `text`.
std::string With(std::string text, const std::string& from, const std::string& to) {
  text.replace(text.find(from), from.size(), to);
  return text;
}

void ExpectAt(const InputError& e, const std::string& file, int line, int column,
              const std::string& fragment) {
  EXPECT_EQ(e.pos().file, file) << e.what();
  EXPECT_EQ(e.pos().line, line) << e.what();
  EXPECT_EQ(e.pos().column, column) << e.what();
  EXPECT_NE(e.message().find(fragment), std::string::npos) << e.what();
}

TEST(AgeIndexLoader, ReadsCsv) {
  Files f(kStandard, kData);
  AgeIndexData d = f.Load();
  EXPECT_EQ(d.measure, AgeMeasure::kCases);
  EXPECT_EQ(d.population_column, "人口");
  EXPECT_EQ(d.observed_column, "患者数");
  ASSERT_EQ(d.municipalities.size(), 2u);
  EXPECT_EQ(d.municipalities[1].code.str(), "102024");  // check digit added
  EXPECT_EQ(d.municipalities[1].name, "高崎市");
  ASSERT_EQ(d.municipalities[1].bands.size(), 3u);
  EXPECT_EQ(d.municipalities[1].bands[2].population, 450);
  EXPECT_EQ(d.municipalities[1].bands[2].observed, 72);
}

TEST(AgeIndexLoader, ReadsYamlStandard) {
  TempDir dir;
  WriteBytes(dir.Path("s.yaml"),
             "bands:\n"
             "  - {年齢階級: 0-39, 基準率: 0.01, 基準人口: 500}\n"
             "  - {年齢階級: 40-64, 基準率: 5%, 基準人口: 300}\n");
  ageindex::Standard s = LoadAgeStandard(dir.Path("s.yaml"));
  EXPECT_EQ(s.bands, (std::vector<std::string>{"0-39", "40-64"}));
  EXPECT_EQ(s.rate.at("40-64"), Rational(1, 20));
  EXPECT_EQ(s.population.at("0-39"), 500);
}

TEST(AgeIndexLoader, BadCode) {
  Files f(kStandard, With(kData, "10202,高崎市,40-64", "10202X,高崎市,40-64"));
  ExpectAt(CatchInputError([&] { f.Load(); }), f.data, 6, 1, "団体コード");
}

TEST(AgeIndexLoader, WrongCheckDigit) {
  Files f(kStandard, With(kData, "102016,前橋市,40-64", "102017,前橋市,40-64"));
  ExpectAt(CatchInputError([&] { f.Load(); }), f.data, 3, 1, "検査数字 (6桁目) が合いません");
}

TEST(AgeIndexLoader, BandNotInStandard) {
  Files f(kStandard, With(kData, "前橋市,65+", "前橋市,65-74"));
  ExpectAt(CatchInputError([&] { f.Load(); }), f.data, 4, 3, "は基準にありません");
}

TEST(AgeIndexLoader, PopulationNotANumber) {
  Files f(kStandard, With(kData, "高崎市,0-39,250", "高崎市,0-39,二百五十"));
  ExpectAt(CatchInputError([&] { f.Load(); }), f.data, 5, 4, "人口");
}

TEST(AgeIndexLoader, CasesAbovePopulation) {
  Files f(kStandard, With(kData, "65+,450,72", "65+,450,451"));
  ExpectAt(CatchInputError([&] { f.Load(); }), f.data, 7, 5, "より多くなっています");
}

TEST(AgeIndexLoader, BandGivenTwice) {
  Files f(kStandard, With(kData, "10202,高崎市,40-64", "10202,高崎市,0-39"));
  ExpectAt(CatchInputError([&] { f.Load(); }), f.data, 6, 3, "(最初は5行目)");
}

TEST(AgeIndexLoader, CostWithFractionOfYen) {
  Files f(kStandard, With(With(kData, "患者数", "医療費"), "300,15", "300,15.5"));
  ExpectAt(CatchInputError([&] { f.Load(); }), f.data, 3, 5, "医療費");
}

TEST(AgeIndexLoader, MissingBand) {
  std::string data = kData;
  data.erase(data.rfind("10202,高崎市,65+"));
  Files f(kStandard, data);
  ExpectAt(CatchInputError([&] { f.Load(); }), f.data, 0, 0,
           "102024 に年齢階級 65+ の行がありません");
}

TEST(AgeIndexLoader, NegativeStandardRate) {
  Files f(With(kStandard, "0.05", "-0.05"), kData);
  ExpectAt(CatchInputError([&] { f.Load(); }), f.standard, 3, 2, "基準率");
}

TEST(AgeIndexLoader, StandardBandTwice) {
  Files f(With(kStandard, "65+", "0-39"), kData);
  ExpectAt(CatchInputError([&] { f.Load(); }), f.standard, 4, 1, "(最初は2行目)");
}

TEST(AgeIndexLoader, YamlUnknownKey) {
  TempDir dir;
  WriteBytes(dir.Path("s.yaml"),
             "bands:\n"
             "  - 年齢階級: 0-39\n"
             "    基準律: 0.01\n");
  ExpectAt(CatchInputError([&] { LoadAgeStandard(dir.Path("s.yaml")); }), dir.Path("s.yaml"), 3, 5,
           "基準律");
}

}  // namespace
}  // namespace kokuho
