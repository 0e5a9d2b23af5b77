// `kokuho kpi` through the real binary: the bundled Gunma sample runs and prints its
// tables; every requested file is written; a bad data file exits 1 with file:line:col
// and writes nothing.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "../cli_runner.h"
#include "../io/io_test_util.h"

namespace kokuho {
namespace {

namespace fs = std::filesystem;
using io_test::ReadBytes;
using io_test::TempDir;
using io_test::WriteBytes;

const std::string kSample = std::string(KOKUHO_SOURCE_DIR) + "/examples/gunma-kpi";

using kokuho::testing::CliRun;
using kokuho::testing::RunKokuho;

bool Has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(KpiCli, GunmaSamplePrintsTheTables) {
  TempDir scratch;
  CliRun r = RunKokuho({"kpi", kSample}, scratch.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(Has(r.out, "KPI 市町村別")) << r.out.substr(0, 500);
  EXPECT_TRUE(Has(r.out, "KPI 県計"));
  EXPECT_TRUE(Has(r.out, "前橋市"));
  EXPECT_TRUE(Has(r.out, "特定健診実施率"));
  // 前橋市 FY2022 特定健診 39.2788% (real, MHLW) shown with 2 decimals.
  EXPECT_TRUE(Has(r.out, "39.28"));
  // The real rates come without counts: no prefecture figure, said plainly.
  EXPECT_TRUE(Has(r.out, "算出不可: 35市町村に分母がない"));
  EXPECT_TRUE(r.err.empty()) << r.err;
}

TEST(KpiCli, WritesEveryFormat) {
  TempDir scratch;
  const std::string out = scratch.Path("out");
  CliRun r = RunKokuho({"kpi", kSample, "--year", "令和5年度", "--out", out}, scratch.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const char* name : {"kpi.csv", "kpi_prefecture.csv", "kpi.xlsx", "kpi.json"})
    EXPECT_TRUE(fs::exists(out + "/" + name)) << name;
  std::string csv = ReadBytes(out + "/kpi.csv");
  EXPECT_EQ(csv.rfind("\xEF\xBB\xBF", 0), 0u);  // BOM
  EXPECT_FALSE(Has(csv, "令和4年度"));          // --year keeps FY2023 only
  std::string json = ReadBytes(out + "/kpi.json");
  EXPECT_TRUE(Has(json, "\"actual\": \"0.392032\""));  // 前橋市 FY2023 特定健診 39.2032%
}

TEST(KpiCli, BadDataExitsOneAndWritesNothing) {
  TempDir scratch;
  const std::string data = scratch.Path("kpi.csv");
  WriteBytes(data,
             "団体コード,年度,指標,値\n"
             "102016,2023,specific_health_checkup_rate,39.2\n"
             "102017,2023,specific_health_checkup_rate,40.1\n");
  const std::string out = scratch.Path("out");
  CliRun r = RunKokuho({"kpi", data, "--out", out}, scratch.path());
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(Has(r.err, data + ":3:1: 団体コード")) << r.err;
  EXPECT_TRUE(r.out.empty()) << r.out;
  EXPECT_FALSE(fs::exists(out));
}

}  // namespace
}  // namespace kokuho
