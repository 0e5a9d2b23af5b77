// The household levy commands end to end: `kokuho levy` (table, JSON, --explain) on the
// bundled sample households, and what a user sees for bad options.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "../cli_runner.h"

namespace kokuho {
namespace {

using testing::CliRun;
using testing::RunKokuho;

std::string Scratch(const std::string& name) {
  auto dir = std::filesystem::temp_directory_path() /
             ("kokuho-levy-cli-" + name + "-" + std::to_string(getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir.string();
}

std::string Example(const std::string& file) {
  return std::string(KOKUHO_SOURCE_DIR) + "/examples/levy/" + file;
}

TEST(LevyCli, JsonComponentsAddUpAndMatchTheTable) {
  const std::string dir = Scratch("json");
  CliRun r = RunKokuho(
      {"levy", Example("family.yaml"), "-m", "102016", "--year", "2026", "--format", "json"}, dir);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["schema"], "kokuho.levy/1");
  long long sum = 0;
  for (const auto& [key, p] : j["parts"].items()) {
    const long long components = p["income"].get<long long>() + p["asset"].get<long long>() +
                                 p["per_capita"].get<long long>() + p["household"].get<long long>();
    const long long reductions = p["child"].get<long long>() + p["tokutei"].get<long long>() +
                                 p["keigen"].get<long long>() + p["preschool"].get<long long>() +
                                 p["former_dependent"].get<long long>() +
                                 p["birth"].get<long long>() + p["municipal"].get<long long>();
    EXPECT_EQ(components - reductions, p["subtotal"].get<long long>()) << key;
    EXPECT_EQ(p["subtotal"].get<long long>() - p["over_cap"].get<long long>() -
                  p["rounding"].get<long long>(),
              p["amount"].get<long long>())
        << key;
    sum += p["amount"].get<long long>();
  }
  EXPECT_EQ(sum - j["rounding_total"].get<long long>(), j["total"].get<long long>());
  EXPECT_TRUE(j["parts"].contains("kodomo"));  // FY2026: 子ども・子育て支援金分
  // The family has a preschool child: the 未就学児 reduction appears in 医療 and 支援.
  EXPECT_GT(j["parts"]["iryo"]["preschool"].get<long long>(), 0);
  // The table shows the same total.
  CliRun t = RunKokuho({"levy", Example("family.yaml"), "-m", "102016", "--year", "R8"}, dir);
  ASSERT_EQ(t.exit_code, 0) << t.err;
  const std::string total = j["total"].get<long long>() >= 1000
                                ? std::to_string(j["total"].get<long long>() / 1000) + ","
                                : std::to_string(j["total"].get<long long>());
  EXPECT_NE(t.out.find(total), std::string::npos) << t.out;
  // FY2026 uses unconfirmed 軽減 add-ons: the user is told.
  EXPECT_NE(t.err.find("未確認"), std::string::npos);
}

TEST(LevyCli, ExplainNamesEveryStepAndItsSource) {
  const std::string dir = Scratch("explain");
  CliRun r = RunKokuho(
      {"levy", Example("single-7wari.yaml"), "-m", "102016", "--year", "2025", "--explain"}, dir);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const char* needle : {"給与所得", "所得割の基礎", "軽減判定", "7割軽減", "賦課限度額",
                             "端数処理", "根拠:", "別表第五"})
    EXPECT_NE(r.out.find(needle), std::string::npos) << needle << "\n" << r.out;
}

TEST(LevyCli, BadOptionsAreUsageOrInputErrors) {
  const std::string dir = Scratch("bad");
  CliRun no_rates =
      RunKokuho({"levy", Example("family.yaml"), "-m", "102016", "--year", "2017"}, dir);
  EXPECT_NE(no_rates.exit_code, 0);
  CliRun bad_code =
      RunKokuho({"levy", Example("family.yaml"), "-m", "102017", "--year", "2026"}, dir);
  EXPECT_EQ(bad_code.exit_code, 1);
  EXPECT_NE(bad_code.err.find("--municipality"), std::string::npos) << bad_code.err;
  CliRun other = RunKokuho({"levy", Example("family.yaml"), "-m", "102024", "--year", "2026"}, dir);
  EXPECT_EQ(other.exit_code, 1);  // the household says 前橋市
  CliRun format = RunKokuho(
      {"levy", Example("family.yaml"), "-m", "102016", "--year", "2026", "--format", "csv"}, dir);
  EXPECT_EQ(format.exit_code, 2);
}

TEST(LevyCli, ARatesFileWithoutAPartInForceIsAnInputError) {
  const std::string dir = Scratch("nopart");
  const std::string rates = dir + "/rates.csv";
  {
    std::ifstream in(std::string(KOKUHO_SOURCE_DIR) + "/examples/levy/rates-gunma-sample.csv");
    std::ofstream out(rates);
    std::string line;
    while (std::getline(in, line))  // drop 前橋市's FY2026 子ども row
      if (!(line.rfind("102016,", 0) == 0 && line.find("令和8年度,子ども") != std::string::npos))
        out << line << "\n";
  }
  CliRun r = RunKokuho(
      {"levy", Example("family.yaml"), "-m", "102016", "--year", "2026", "--rates", rates}, dir);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find(rates), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("子ども"), std::string::npos) << r.err;
  EXPECT_TRUE(r.out.empty()) << r.out;
}

}  // namespace
}  // namespace kokuho
