// `kokuho params`: the index of every dated rule series (docs/rules-index.md is its
// --markdown output and must stay current), and the values in force in a year.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "../cli_runner.h"
#include "../io/io_test_util.h"

namespace kokuho {
namespace {

TEST(ParamsCommand, RulesIndexIsCurrent) {
  io_test::TempDir scratch;
  const testing::CliRun r = testing::RunKokuho({"params", "--markdown"}, scratch.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string index =
      io_test::ReadBytes(std::string(KOKUHO_SOURCE_DIR) + "/docs/rules-index.md");
  EXPECT_EQ(r.out, index) << "docs/rules-index.md is out of date: regenerate it with\n"
                             "  build/kokuho params --markdown > docs/rules-index.md";
  // A rule can be found from its law article: the 賦課限度額 from 施行令 29条の7.
  EXPECT_NE(index.find("国民健康保険法施行令 第29条の7 第2項"), std::string::npos);
}

TEST(ParamsCommand, ValuesInForceInAYear) {
  io_test::TempDir scratch;
  testing::CliRun r =
      testing::RunKokuho({"params", "--year", "R8", "--format", "json"}, scratch.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto json = nlohmann::json::parse(r.out);
  EXPECT_EQ(json["fiscal_year"], "R8");
  bool caps = false;
  for (const auto& s : json["series"]) {
    if (s["file"] != "data/premium/national.yaml" || s["series"] != "caps") continue;
    caps = true;
    EXPECT_EQ(s["in_force"]["from"], "R8");
    EXPECT_EQ(s["in_force"]["confirmed"], true);
    EXPECT_EQ(s["known_through"], "R8");
  }
  EXPECT_TRUE(caps);
  // R9 lies past national.yaml: its series say so instead of a value.
  r = testing::RunKokuho({"params", "--year", "R9"}, scratch.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("未確認の年度 (--carry-forward)"), std::string::npos);
  // A year that is not one: a usage error naming the forms expected.
  r = testing::RunKokuho({"params", "--year", "令和九年度"}, scratch.path());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--year"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace kokuho
