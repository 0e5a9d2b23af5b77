// `kokuho fund` and `kokuho deficits` through the real binary: the Gunma sample prints its
// tables, --out writes every format, bad input exits 1 with file:line:col and writes nothing.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "../cli_runner.h"
#include "../io/io_test_util.h"

namespace kokuho {
namespace {

namespace fs = std::filesystem;
using io_test::ReadBytes;
using io_test::TempDir;
using io_test::WriteBytes;
using kokuho::testing::CliRun;
using kokuho::testing::RunKokuho;

const std::string kSample = std::string(KOKUHO_SOURCE_DIR) + "/examples/gunma-finance";
const std::string kMunicipalities =
    std::string(KOKUHO_SOURCE_DIR) + "/examples/gunma/municipalities.csv";

bool Has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(FundCli, SamplePrintsTheLedger) {
  TempDir scratch;
  CliRun r = RunKokuho({"fund", kSample + "/fund.yaml"}, scratch.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(Has(r.out, "財政安定化基金 残高の推移")) << r.out.substr(0, 400);
  EXPECT_TRUE(Has(r.out, "貸付金償還金"));
  EXPECT_TRUE(Has(r.out, "桐生市"));
  // 桐生市's 48,000,001 loan: 16,000,000 in 令和9年度 (with 南牧村's 3,166,666 → 19,166,666).
  EXPECT_TRUE(Has(r.out, "19,166,666")) << r.out;
  EXPECT_TRUE(r.err.empty()) << r.err;
}

TEST(FundCli, WritesEveryFormatAndJsonToStdout) {
  TempDir scratch;
  const std::string out = scratch.Path("out");
  CliRun r = RunKokuho({"fund", kSample + "/fund.yaml", "--out", out}, scratch.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const char* name : {"fund_summary.csv", "fund_ledger.csv", "fund_municipalities.csv",
                           "fund_prefecture.csv", "fund.xlsx", "fund.json"})
    EXPECT_TRUE(fs::exists(out + "/" + name)) << name;
  EXPECT_EQ(ReadBytes(out + "/fund_ledger.csv").rfind("\xEF\xBB\xBF", 0), 0u);  // BOM
  CliRun j = RunKokuho({"fund", kSample + "/fund.yaml", "--format", "json"}, scratch.path());
  ASSERT_EQ(j.exit_code, 0) << j.err;
  EXPECT_TRUE(Has(j.out, "\"loan_repayment\": 19166666")) << j.out.substr(0, 300);
}

TEST(FundCli, OverdrawExitsOneAndWritesNothing) {
  TempDir scratch;
  const std::string file = scratch.Path("fund.yaml");
  WriteBytes(file,
             "years: {from: R7, to: R8}\n"
             "opening: {main: 1000, tokurei: 10}\n"
             "events:\n"
             "  R8:\n"
             "    - {type: tokurei_withdrawal, amount: 11}\n");
  const std::string out = scratch.Path("out");
  CliRun r = RunKokuho({"fund", file, "--out", out}, scratch.path());
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(Has(r.err, file + ":5:7: 令和8年度 特例基金 (激変緩和)")) << r.err;
  EXPECT_TRUE(r.out.empty()) << r.out;
  EXPECT_FALSE(fs::exists(out));
}

TEST(DeficitsCli, SamplePrintsPlansAndKpis) {
  TempDir scratch;
  CliRun r = RunKokuho({"deficits", kSample + "/deficits.csv", "--municipalities", kMunicipalities},
                       scratch.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(Has(r.out, "改革工程表 KPI"));
  EXPECT_TRUE(Has(r.out, "みどり市"));
  EXPECT_TRUE(Has(r.out, "目標6年超"));
  EXPECT_TRUE(Has(r.out, "計画未達"));
  EXPECT_TRUE(Has(r.out, "要計画"));
}

TEST(DeficitsCli, WritesFilesAndRefusesUnknownCodes) {
  TempDir scratch;
  const std::string out = scratch.Path("out");
  CliRun r = RunKokuho({"deficits", kSample + "/deficits.csv", "--out", out}, scratch.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const char* name :
       {"deficits.csv", "deficit_plans.csv", "deficit_kpis.csv", "deficits.xlsx", "deficits.json"})
    EXPECT_TRUE(fs::exists(out + "/" + name)) << name;
  const std::string list = scratch.Path("m.csv");
  WriteBytes(list, "団体コード,市町村名\n102016,前橋市\n");
  const std::string out2 = scratch.Path("out2");
  CliRun bad =
      RunKokuho({"deficits", kSample + "/deficits.csv", "--municipalities", list, "--out", out2},
                scratch.path());
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_TRUE(Has(bad.err, "deficits.csv:5:1: 団体コード: 102024 は市町村の一覧にありません"))
      << bad.err;
  EXPECT_FALSE(fs::exists(out2));
}

}  // namespace
}  // namespace kokuho
