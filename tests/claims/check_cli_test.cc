// `kokuho claims check` and `kokuho claims lists` end to end: synth (4 months, planted cases,
// synthetic masters and rules) → ingest → check → lists; the outputs (CSV with BOM, xlsx,
// JSON, an HTML page per finding, letters, the streamed 医療費通知), nothing personal on the
// terminal, the same bytes on a re-run, and --since giving the last month's findings of the
// full run.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>

#include "../cli_runner.h"
#include "../io/io_test_util.h"

namespace kokuho {
namespace {

using testing::CliRun;
using testing::RunKokuho;
namespace fs = std::filesystem;

// Every synthetic name (claims/synth.cc): none may reach the terminal.
std::vector<std::string> SynthNames() {
  std::vector<std::string> out;
  for (const char* f : {"合成", "架空", "試験", "見本", "仮名", "例示"})
    for (const char* g : {"太郎", "花子", "一郎", "良子", "次郎", "和子"})
      out.push_back(std::string(f) + "　" + g);
  return out;
}

TEST(ClaimsCheckCli, SynthIngestCheckAndLists) {
  io_test::TempDir dir;
  const std::string synth = dir.Path("synth"), store = dir.Path("store"), out = dir.Path("out");
  CliRun r = RunKokuho({"claims", "synth", "--out", synth, "--receipts", "1500", "--months", "4",
                        "--seed", "2", "--plant", "0.004"},
                       dir.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = RunKokuho({"claims", "ingest", synth, "--store", store}, dir.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = RunKokuho({"claims", "check", store, "--rules", synth, "--masters", synth, "--out", out,
                 "--format", "csv,xlsx,json"},
                dir.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const std::string& n : SynthNames()) {
    EXPECT_EQ(r.err.find(n), std::string::npos) << n;
    EXPECT_EQ(r.out.find(n), std::string::npos) << n;
  }
  const std::string findings = io_test::ReadBytes(out + "/claims_findings.csv");
  EXPECT_EQ(findings.substr(0, 3), "\xEF\xBB\xBF");
  for (const char* f :
       {"claims_by_rule.csv", "claims_by_month.csv", "claims_by_institution.csv",
        "claims_check.xlsx", "claims_check.json", "findings.html", "finding-F000001.html"})
    EXPECT_TRUE(fs::exists(out + "/" + f)) << f;
  for (const std::string& n : SynthNames()) EXPECT_EQ(findings.find(n), std::string::npos) << n;
  const nlohmann::json all = nlohmann::json::parse(io_test::ReadBytes(out + "/claims_check.json"));
  ASSERT_GT(all["findings"].size(), 0u);
  EXPECT_EQ(all["counts"]["months"], 4);
  const std::string page = io_test::ReadBytes(out + "/finding-F000001.html");
  EXPECT_NE(page.find("理由 (確認すること)"), std::string::npos);

  // The same command again: the same bytes.
  r = RunKokuho({"claims", "check", store, "--rules", synth, "--masters", synth, "--out",
                 dir.Path("out2"), "--format", "csv"},
                dir.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(io_test::ReadBytes(dir.Path("out2") + "/claims_findings.csv"), findings);

  // --since the last 請求年月: exactly the full run's findings of that month.
  std::string last;
  for (const auto& f : all["findings"])
    last = std::max(last, f["receipts"][0]["billing_month"].get<std::string>());
  const std::string since = last.substr(0, 4) + last.substr(5, 2);
  r = RunKokuho({"claims", "check", store, "--rules", synth, "--masters", synth, "--since", since,
                 "--format", "json"},
                dir.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const nlohmann::json part = nlohmann::json::parse(r.out);
  nlohmann::json expected = nlohmann::json::array();
  for (const auto& f : all["findings"])
    if (f["receipts"][0]["billing_month"] == last) expected.push_back(f);
  ASSERT_EQ(part["findings"].size(), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    nlohmann::json a = part["findings"][i], b = expected[i];
    a.erase("id");
    b.erase("id");
    EXPECT_EQ(a, b) << i;
  }

  // Lists: tables, letters, the 医療費通知 CSV; counts only on the terminal.
  const std::string lists = dir.Path("lists");
  r = RunKokuho(
      {"claims", "lists", store, "--masters", synth, "--out", lists, "--format", "csv,xlsx,json"},
      dir.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const std::string& n : SynthNames()) {
    EXPECT_EQ(r.err.find(n), std::string::npos) << n;
    EXPECT_EQ(r.out.find(n), std::string::npos) << n;
  }
  for (const char* f :
       {"claims_lists_summary.csv", "claims_frequent_visits.csv", "claims_generic_notice.csv",
        "claims_generic_letters.csv", "claims_generic_share.csv", "claims_third_party.csv",
        "claims_medical_notice.csv", "claims_lists.xlsx", "claims_lists.json", "letters.html",
        "letter-000001.html"})
    EXPECT_TRUE(fs::exists(lists + "/" + f)) << f;
  const std::string notice = io_test::ReadBytes(lists + "/claims_medical_notice.csv");
  EXPECT_EQ(notice.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_EQ(notice.find("\xEF\xBB\xBF", 3), std::string::npos);  // one BOM
  EXPECT_GT(std::count(notice.begin(), notice.end(), '\n'), 1000);
  EXPECT_FALSE(fs::exists(lists + "/claims_medical_notice.csv.tmp"));
  for (const auto& e : fs::directory_iterator(lists))
    EXPECT_EQ(e.path().filename().string().rfind(".kokuho-tmp", 0), std::string::npos)
        << "temporary folder left: " << e.path();
}

// Every file of a folder, by name.
std::map<std::string, std::string> Files(const std::string& dir) {
  std::map<std::string, std::string> out;
  for (const auto& e : fs::directory_iterator(dir))
    out[e.path().filename().string()] = io_test::ReadBytes(e.path().string());
  return out;
}

// The months read on another core while the engines run (--threads 2), and the lists made in
// the same pass as the checks (check --lists-out), give the serial run's files byte for byte
// (--threads 1, then claims lists on its own).
TEST(ClaimsCheckCli, ParallelAndCombinedRunsGiveTheSerialFiles) {
  io_test::TempDir dir;
  const std::string synth = dir.Path("synth"), store = dir.Path("store");
  CliRun r = RunKokuho({"claims", "synth", "--out", synth, "--receipts", "1500", "--months", "4",
                        "--seed", "4", "--plant", "0.004"},
                       dir.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = RunKokuho({"claims", "ingest", synth, "--store", store}, dir.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::vector<std::string> check = {"claims",    "check", store,      "--rules", synth,
                                          "--masters", synth,   "--format", "csv,json"};
  auto with = [](std::vector<std::string> v, std::initializer_list<std::string> more) {
    v.insert(v.end(), more);
    return v;
  };
  r = RunKokuho(with(check, {"--threads", "1", "--out", dir.Path("serial")}), dir.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = RunKokuho({"claims", "lists", store, "--masters", synth, "--format", "csv,json", "--threads",
                 "1", "--out", dir.Path("serial-lists"), "--notice-from", "202405"},
                dir.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = RunKokuho(with(check, {"--threads", "2", "--out", dir.Path("both"), "--lists-out",
                             dir.Path("both-lists"), "--notice-from", "202405"}),
                dir.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = RunKokuho({"claims", "lists", store, "--masters", synth, "--format", "csv,json", "--threads",
                 "2", "--out", dir.Path("lists"), "--notice-from", "202405"},
                dir.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto serial = Files(dir.Path("serial")), lists = Files(dir.Path("serial-lists"));
  ASSERT_GT(serial.size(), 10u);  // the tables and a page per finding
  ASSERT_GT(lists.size(), 10u);
  EXPECT_TRUE(Files(dir.Path("both")) == serial);
  EXPECT_TRUE(Files(dir.Path("both-lists")) == lists);
  EXPECT_TRUE(Files(dir.Path("lists")) == lists);

  // A list option without --lists-out is refused, as is --lists-out without --out.
  r = RunKokuho(with(check, {"--notice-from", "202405"}), dir.path());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("kokuho: usage error: --notice-from: 保険者向けリストのオプションです。"
                       "--lists-out フォルダ も指定してください"),
            std::string::npos)
      << r.err;
  r = RunKokuho(with(check, {"--lists-out", dir.Path("x")}), dir.path());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("kokuho: usage error: --lists-out: --out (点検結果のフォルダ) も指定して"
                       "ください"),
            std::string::npos)
      << r.err;
}

TEST(ClaimsCheckCli, BadStoreIsAnInputError) {
  io_test::TempDir dir;
  io_test::WriteBytes(dir.Path("x.kclm"), "not a store");
  const CliRun r = RunKokuho({"claims", "check", dir.Path("x.kclm")}, dir.path());
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.err.find("格納ファイル (.kclm) ではありません"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace kokuho
