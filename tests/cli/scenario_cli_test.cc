// The scenario commands and the roadmap report end to end, on the bundled roadmap sample
// (examples/gunma-roadmap), and what a user sees for bad scenario files: an error at
// file:line:column, exit 1, nothing written.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <string>
#include <vector>

#include "../cli_runner.h"

namespace kokuho {
namespace {

namespace fs = std::filesystem;
using testing::CliRun;
using testing::RunKokuho;

std::string Scratch(const std::string& name) {
  auto dir =
      fs::temp_directory_path() / ("kokuho-scenario-cli-" + name + "-" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir.string();
}

const std::string kRoadmap = std::string(KOKUHO_SOURCE_DIR) + "/examples/gunma-roadmap/";

// A scenario file in `dir` whose years are `years` (YAML list items), on the sample case.
std::string WriteScenario(const std::string& dir, const std::string& years,
                          const std::string& extra = "") {
  const std::string path = dir + "/scenario.yaml";
  std::ofstream(path) << "scenario: test\ncase: " << KOKUHO_SOURCE_DIR << "/examples/gunma\n"
                      << extra << "years:\n"
                      << years;
  return path;
}

TEST(ScenarioCli, RunPrintsEveryYearAndTheLastYearsMunicipalities) {
  const std::string dir = Scratch("run");
  CliRun r = RunKokuho({"scenario", "run", kRoadmap + "scenario.yaml"}, dir);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const char* y : {"令和9年度", "令和12年度", "令和15年度"})
    EXPECT_NE(r.out.find(y), std::string::npos) << y;
  EXPECT_NE(r.out.find("完全統一"), std::string::npos);
  EXPECT_NE(r.out.find("前橋市"), std::string::npos);
}

TEST(ScenarioCli, CompareOfAScenarioWithItselfIsAllZeros) {
  const std::string dir = Scratch("self");
  CliRun r = RunKokuho({"scenario", "compare", kRoadmap + "scenario.yaml",
                        kRoadmap + "scenario.yaml", "--format", "json"},
                       dir);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["rows"].size(), 7u * 36u);  // 7 years × (35 municipalities + 県計)
  for (const auto& row : j["rows"]) {
    EXPECT_EQ(row["nofukin_diff"], 0);
    EXPECT_EQ(row["premium_per_capita_diff"], "0");
  }
}

TEST(ScenarioCli, CompareTwoPlansWritesFiles) {
  const std::string dir = Scratch("compare");
  CliRun r = RunKokuho({"scenario", "compare", kRoadmap + "scenario.yaml",
                        kRoadmap + "gradual.yaml", "--out", dir + "/out"},
                       dir);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(fs::exists(dir + "/out/scenario_compare.csv"));
  EXPECT_TRUE(fs::exists(dir + "/out/compare.xlsx"));
}

TEST(ScenarioCli, SweepRanksVariants) {
  const std::string dir = Scratch("sweep");
  CliRun r = RunKokuho({"scenario", "sweep", kRoadmap + "gradual.yaml", "--year", "R10", "--alpha",
                        "0:1:0.25", "--allowance", "0.01,0.03", "--format", "json"},
                       dir);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["variants"].size(), 10u);
  EXPECT_NE(r.err.find("10通りを計算します"), std::string::npos);
}

// R13 of gradual.yaml is 準統一: α is fixed at 0 there, so sweeping α alone is an error
// that says so (no table of identical rows); with another axis α is dropped with a note.
TEST(ScenarioCli, SweepOverAlphaWhereItIsFixedSaysSo) {
  const std::string dir = Scratch("sweep-fixed-alpha");
  CliRun r = RunKokuho({"scenario", "sweep", kRoadmap + "gradual.yaml", "--year", "R13", "--alpha",
                        "0:1:0.25", "--format", "json"},
                       dir);
  EXPECT_NE(r.exit_code, 0);
  EXPECT_TRUE(r.out.empty()) << r.out;
  EXPECT_NE(r.err.find("令和13年度は「準統一」の年度で、α は 0 に固定されます"), std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("「現行」の年度 (令和9年度, 令和10年度, 令和11年度)"), std::string::npos)
      << r.err;
  r = RunKokuho({"scenario", "sweep", kRoadmap + "gradual.yaml", "--year", "R13", "--alpha",
                 "0:1:0.25", "--allowance", "0.01,0.03", "--format", "json"},
                dir);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("--alpha を外して計算します"), std::string::npos) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out)["variants"].size(), 2u);  // the allowance axis only
}

TEST(ScenarioCli, ReportWritesHtmlXlsxAndJson) {
  const std::string dir = Scratch("report");
  CliRun r = RunKokuho({"report", kRoadmap + "scenario.yaml", "--out", dir + "/out"}, dir);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const char* f : {"report.html", "report.xlsx", "report.json"})
    EXPECT_TRUE(fs::exists(dir + "/out/" + f)) << f;
  std::ifstream in(dir + "/out/report.json");
  const auto j = nlohmann::json::parse(in);
  EXPECT_EQ(j["schema"], "kokuho.report/1");
  std::set<std::string> ids;
  for (const auto& s : j["sections"]) ids.insert(s["id"].get<std::string>());
  for (const char* id : {"overview", "premium", "alpha", "map", "fund", "deficit-plans",
                         "kpi-section", "incentive-section", "sources"})
    EXPECT_TRUE(ids.count(id)) << id;
  // The sample says so on every page (the scenario's notice:).
  EXPECT_NE(j.value("notice", "").find("架空"), std::string::npos);
  // Text meant for councils: no files, flags or docs paths in the warnings and the sections'
  // text; 「未確認の値を含みます」 instead, the sources in the appendix, which comes last.
  ASSERT_TRUE(j.contains("warnings"));
  std::vector<std::string> texts;
  for (const auto& w : j["warnings"]) texts.push_back(w.get<std::string>());
  for (const auto& s : j["sections"])
    if (s.value("role", "") != "appendix") texts.push_back(s.value("text", ""));
  for (const auto& t : texts)
    for (const char* dev : {"data/", "docs/", "spec/", ".yaml", "confirmed"})
      EXPECT_EQ(t.find(dev), std::string::npos) << dev << " in: " << t;
  EXPECT_NE(j["warnings"][0].get<std::string>().find("未確認の値を含みます"), std::string::npos);
  EXPECT_EQ(j["sections"].back()["id"], "sources");
  EXPECT_EQ(j["sections"].back()["role"], "appendix");
}

struct BadScenario {
  const char* name;
  std::string years;
  std::string extra;
  std::string expected;  ///< a regex the message must match (after file:line:column)
};

class ScenarioBadInput : public ::testing::TestWithParam<BadScenario> {};

TEST_P(ScenarioBadInput, ErrorAtFileLineColumnAndNoOutput) {
  const BadScenario& b = GetParam();
  const std::string dir = Scratch(std::string("bad-") + b.name);
  const std::string path = WriteScenario(dir, b.years, b.extra);
  CliRun r = RunKokuho({"scenario", "run", path, "--out", dir + "/out"}, dir);
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_TRUE(std::regex_search(r.err, std::regex("scenario\\.yaml:[0-9]+:[0-9]+"))) << r.err;
  EXPECT_TRUE(std::regex_search(r.err, std::regex(b.expected))) << r.err;
  EXPECT_FALSE(fs::exists(dir + "/out"));
}

INSTANTIATE_TEST_SUITE_P(
    Files, ScenarioBadInput,
    ::testing::Values(
        BadScenario{"out_of_order", "  - year: 令和9年度\n  - year: 令和11年度\n", "",
                    "令和9年度の次は令和10年度です"},
        BadScenario{"wrong_first", "  - year: 令和10年度\n", "", "最初の年度は事例の年度"},
        BadScenario{"alpha_range", "  - year: 令和9年度\n    alpha: 1.5\n", "", "alpha"},
        BadScenario{"alpha_stage", "  - year: 令和9年度\n    stage: 準統一\n    alpha: 0.5\n", "",
                    "準統一では α = 0 です"},
        BadScenario{"stage_back",
                    "  - year: 令和9年度\n    stage: 完全統一\n  - year: 令和10年度\n    stage: "
                    "準統一\n",
                    "", "前の年の完全統一から準統一には戻れません"},
        BadScenario{"unknown_stage", "  - year: 令和9年度\n    stage: 半統一\n", "",
                    "「半統一」は使えません。現行、納付金ベース、準統一、完全統一"},
        BadScenario{"unknown_key", "  - year: 令和9年度\n    alfa: 0.5\n", "", "alfa"},
        BadScenario{"unknown_item", "  - year: 令和9年度\n", "municipal_items: [存在しない項目]\n",
                    "は事例の individual_items にない名前です"},
        BadScenario{"collection", "  - year: 令和9年度\n    collection_rate: {change: 0.5}\n", "",
                    "−0.2〜0.2 の変化を書いてください"},
        BadScenario{"no_years", "  []\n", "", "年度のリスト"},
        BadScenario{"incentive_year", "  - year: 令和9年度\n",
                    "incentive: {data: d.csv, year: 第3年度}\n",
                    "incentive.year: 「第3年度」は年度として読めません"},
        BadScenario{"incentive_key", "  - year: 令和9年度\n",
                    "incentive: {data: d.csv, year: R3, budjet: 1}\n", "budjet"}),
    [](const auto& info) { return std::string(info.param.name); });

// A fund event that would overdraw the fund stops the report: exit 1, nothing written.
TEST(ScenarioCli, ReportRefusesAFundOverdraw) {
  const std::string dir = Scratch("overdraw");
  std::ofstream(dir + "/fund.yaml")
      << "prefecture: test\nyears: {from: 令和9年度, to: 令和10年度}\nopening: {main: 1000}\n"
         "events:\n  R9:\n    - {type: drawdown, amount: 5000, shortfall: 5000}\n";
  const std::string path =
      WriteScenario(dir, "  - year: 令和9年度\n  - year: 令和10年度\n", "fund: fund.yaml\n");
  CliRun r = RunKokuho({"report", path, "--out", dir + "/out"}, dir);
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_TRUE(std::regex_search(r.err, std::regex("fund\\.yaml:[0-9]+:[0-9]+"))) << r.err;
  EXPECT_FALSE(fs::exists(dir + "/out/report.html"));
}

}  // namespace
}  // namespace kokuho
