// `kokuho age-index` on examples/ageindex-sample: the tables, the files (CSV with BOM,
// xlsx, JSON), the ε column for a 納付金 case, and a bad input that writes nothing.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "../cli_runner.h"
#include "../io/io_test_util.h"

namespace {

using kokuho::testing::RunKokuho;

const std::string kSample = std::string(KOKUHO_SOURCE_DIR) + "/examples/ageindex-sample";

TEST(AgeIndexCli, DirectOnTheSampleWritesEveryFormat) {
  kokuho::io_test::TempDir dir;
  const std::string out = dir.Path("out");
  int status = -1;
  std::string text = RunKokuho("age-index " + kSample + "/data_cases.csv --standard " + kSample +
                                   "/standard_cases.csv --mode direct --out " + out,
                               &status);
  ASSERT_EQ(status, 0) << text;
  for (const char* s : {"年齢調整患者数率 (直接法", "前橋市", "全体", "基準比"})
    EXPECT_NE(text.find(s), std::string::npos) << s;
  const std::string csv = kokuho::io_test::ReadBytes(out + "/ageindex.csv");
  EXPECT_EQ(csv.substr(0, 3), "\xEF\xBB\xBF");  // UTF-8 BOM
  EXPECT_TRUE(std::filesystem::exists(out + "/ageindex.xlsx"));
  auto json = nlohmann::json::parse(kokuho::io_test::ReadBytes(out + "/ageindex.json"));
  EXPECT_EQ(json["mode"], "direct");
  EXPECT_EQ(json["municipalities"].size(), 36u);  // 35 municipalities + 全体
  // The pooled population is the standard population, so 全体 is the standard's rate.
  EXPECT_EQ(json["municipalities"][35]["adjusted_rate"], json["municipalities"][35]["crude_rate"]);
}

TEST(AgeIndexCli, EpsilonColumnForTheCaseTable) {
  kokuho::io_test::TempDir dir;
  const std::string out = dir.Path("out");
  int status = -1;
  std::string text = RunKokuho("age-index " + kSample + "/data_costs.csv --standard " + kSample +
                                   "/standard_costs.csv --epsilon --format csv --out " + out,
                               &status);
  ASSERT_EQ(status, 0) << text;
  const std::string csv = kokuho::io_test::ReadBytes(out + "/ageindex_epsilon.csv");
  EXPECT_EQ(csv.rfind("\xEF\xBB\xBF団体コード,市町村名,医療費指数", 0), 0u) << csv;
  EXPECT_NE(csv.find("102016,前橋市,"), std::string::npos);
}

TEST(AgeIndexCli, BadInputWritesNothing) {
  kokuho::io_test::TempDir dir;
  const std::string data = dir.Path("data.csv");
  kokuho::io_test::WriteBytes(data,
                              "団体コード,年齢階級,人口,患者数\n"
                              "102016,10代,100,1\n"
                              "102016,20代,-5,1\n");
  int status = -1;
  std::string text = RunKokuho("age-index " + data + " --standard " + kSample +
                                   "/standard_cases.csv --out " + dir.Path("out"),
                               &status);
  EXPECT_EQ(status, 1) << text;
  EXPECT_NE(text.find(data + ":3:3:"), std::string::npos) << text;
  EXPECT_FALSE(std::filesystem::exists(dir.Path("out/ageindex.csv")));
}

}  // namespace
