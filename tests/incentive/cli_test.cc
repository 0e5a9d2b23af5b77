// `kokuho incentive score` on examples/incentive-sample: the tables, the files (CSV with
// BOM, xlsx, JSON) whose grants add up to the budget, and a bad input that writes nothing.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "../cli_runner.h"
#include "../io/io_test_util.h"

namespace {

using kokuho::testing::RunKokuho;

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

const std::string kSample = std::string(KOKUHO_SOURCE_DIR) + "/examples/incentive-sample";

TEST(IncentiveCli, ScoresTheSampleAndWritesEveryFormat) {
  kokuho::io_test::TempDir dir;
  const std::string out = dir.Path("out");
  int status = -1;
  std::string text =
      RunKokuho("incentive score " + kSample + "/data.csv --year R3 --budget " +
                    "400000000 --national-average " + kSample + "/national_r3.yaml --out " + out,
                &status);
  ASSERT_EQ(status, 0) << text;
  for (const char* s : {"令和3年度 保険者努力支援制度 市町村分 (満点 1,000点)", "市町村平均",
                        "全国平均", "558.80", "未確認", "前橋市"})
    EXPECT_NE(text.find(s), std::string::npos) << s;
  const std::string csv = Slurp(out + "/incentive_municipal.csv");
  EXPECT_EQ(csv.substr(0, 3), "\xEF\xBB\xBF");  // UTF-8 BOM
  EXPECT_TRUE(std::filesystem::exists(out + "/incentive.xlsx"));
  auto json = nlohmann::json::parse(Slurp(out + "/incentive.json"));
  EXPECT_EQ(json["fiscal_year"], "R3");
  EXPECT_EQ(json["municipal_max"], "1000");
  EXPECT_EQ(json["prefectural_max"], "296");
  long long sum = 0;
  for (const auto& m : json["municipalities"]) sum += m["grant_yen"].get<long long>();
  EXPECT_EQ(sum, 400000000LL);  // Σ grants = budget, to the yen
  EXPECT_EQ(json["municipalities"].size(), 8u);
  EXPECT_EQ(json["prefecture"]["code"], "100005");
}

TEST(IncentiveCli, BadDataIsRefusedWithPositionAndWritesNothing) {
  kokuho::io_test::TempDir dir;
  std::string data = Slurp(kSample + "/data.csv");
  data.replace(data.find("78.5"), 4, "78.5点");  // 前橋市's 後発医薬品使用割合, line 3 field 13
  kokuho::io_test::WriteBytes(dir.Path("bad.csv"), data);
  int status = -1;
  std::string err = RunKokuho(
      "incentive score " + dir.Path("bad.csv") + " --year R3 --out " + dir.Path("out"), &status);
  EXPECT_EQ(status, 1) << err;
  EXPECT_NE(err.find("bad.csv:3:13: 後発医薬品使用割合: 「"), std::string::npos) << err;
  EXPECT_FALSE(std::filesystem::exists(dir.Path("out")));
  // Definitions whose maxima do not add up to the stated total (1,000 → 1,001): refused
  // at the total's value (its line in data/incentive/definitions.yaml, column 24: the
  // entry body is indented by 6), nothing written.
  std::string rules = Slurp(std::string(KOKUHO_SOURCE_DIR) + "/data/incentive/definitions.yaml");
  const std::string total = "total: {value: 1000,";
  ASSERT_NE(rules.find(total), std::string::npos);
  const auto line = 1 + std::count(rules.begin(), rules.begin() + rules.find(total), '\n');
  rules.replace(rules.find(total), total.size(), "total: {value: 1001,");
  kokuho::io_test::WriteBytes(dir.Path("r3.yaml"), rules);
  err = RunKokuho("incentive score " + kSample + "/data.csv --year R3 --rules " +
                      dir.Path("r3.yaml") + " --out " + dir.Path("out"),
                  &status);
  EXPECT_EQ(status, 1) << err;
  EXPECT_NE(err.find(fmt::format("r3.yaml:{}:24: municipal.total: 指標の満点の合計は 1000 で、"
                                 "1001 ではありません",
                                 line)),
            std::string::npos)
      << err;
  EXPECT_FALSE(std::filesystem::exists(dir.Path("out")));
  // A year without definitions is an input error that says which years exist; a year past
  // the last one (R3) needs --carry-forward.
  err = RunKokuho("incentive score " + kSample + "/data.csv --year R2", &status);
  EXPECT_EQ(status, 1);
  EXPECT_NE(err.find("同梱: R3"), std::string::npos) << err;
  err = RunKokuho("incentive score " + kSample + "/data.csv --year R9", &status);
  EXPECT_EQ(status, 1);
  EXPECT_NE(err.find("--carry-forward"), std::string::npos) << err;
}

}  // namespace
