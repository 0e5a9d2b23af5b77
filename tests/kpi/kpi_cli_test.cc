// `kokuho kpi` through the real binary: the bundled Gunma sample runs and prints its
// tables; every requested file is written; a bad data file exits 1 with file:line:col
// and writes nothing.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "../io/io_test_util.h"

namespace kokuho {
namespace {

namespace fs = std::filesystem;
using io_test::ReadBytes;
using io_test::TempDir;
using io_test::WriteBytes;

const std::string kSample = std::string(KOKUHO_SOURCE_DIR) + "/examples/gunma-kpi";

struct CliRun {
  int exit_code = -1;
  std::string out;
  std::string err;
};

std::string Quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

CliRun Kokuho(const std::vector<std::string>& args, const TempDir& scratch) {
  std::string cmd = Quote(KOKUHO_BINARY);
  for (const auto& a : args) cmd += " " + Quote(a);
  cmd +=
      " >" + Quote(scratch.Path("stdout")) + " 2>" + Quote(scratch.Path("stderr")) + " </dev/null";
  int status = std::system(cmd.c_str());
  CliRun r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  r.out = ReadBytes(scratch.Path("stdout"));
  r.err = ReadBytes(scratch.Path("stderr"));
  return r;
}

bool Has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(KpiCli, GunmaSamplePrintsTheTables) {
  TempDir scratch;
  CliRun r = Kokuho({"kpi", kSample}, scratch);
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
  CliRun r = Kokuho({"kpi", kSample, "--year", "令和5年度", "--out", out}, scratch);
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
  CliRun r = Kokuho({"kpi", data, "--out", out}, scratch);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(Has(r.err, data + ":3:1: 団体コード")) << r.err;
  EXPECT_TRUE(r.out.empty()) << r.out;
  EXPECT_FALSE(fs::exists(out));
}

}  // namespace
}  // namespace kokuho
