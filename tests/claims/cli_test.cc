// `kokuho claims read|ingest|show` end to end on the real sample and on broken copies.
#include <gtest/gtest.h>

#include <filesystem>

#include "../cli_runner.h"
#include "../io/io_test_util.h"
#include "claims_test_util.h"

namespace kokuho {
namespace {

using testing::CliRun;
using testing::RunKokuho;
namespace fs = std::filesystem;

const std::string kSample = claims_test::DataPath("RECEIPTC_GAIRAI_SAMPLE.UKE");

std::string Masters(const io_test::TempDir& dir) {
  const std::string m = dir.Path("masters");
  fs::create_directory(m);
  for (const char* f : {"b_ALL00000000.csv", "s_ALL00000000.csv", "t_ALL00000000.csv",
                        "y_ALL00000000.csv", "z_ALL00000000.csv", "LICENSE.txt"})
    fs::copy_file(claims_test::DataPath(f), m + "/" + f);
  return m;
}

// Personal values of the sample that must never appear in messages.
const char* const kPersonal[] = {"テスト　汎用", "カキクケコ",       "19911121",
                                 "19910125",     "６４４４０７１８", "都ぞ弥生"};

TEST(ClaimsCli, ReadsTheSample) {
  io_test::TempDir dir;
  const CliRun r = RunKokuho({"claims", "read", kSample}, dir.path());
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("140\t86,392"), std::string::npos) << r.out;
  EXPECT_NE(r.err.find("読込 75 件 / 受理 75 件 / 保留 (quarantine) 0 件"), std::string::npos)
      << r.err;
  for (const char* p : kPersonal) EXPECT_EQ(r.err.find(p), std::string::npos) << p;
}

TEST(ClaimsCli, WritesCsvXlsxJson) {
  io_test::TempDir dir;
  const std::string out = dir.Path("out");
  const CliRun r = RunKokuho({"claims", "read", kSample, "--masters", Masters(dir), "--out", out,
                              "--format", "csv,xlsx,json"},
                             dir.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string receipts = io_test::ReadBytes(out + "/receipts.csv");
  EXPECT_EQ(receipts.substr(0, 3), "\xEF\xBB\xBF");
  // 75 receipts + the header; 408 items + header.
  EXPECT_EQ(std::count(receipts.begin(), receipts.end(), '\n'), 76);
  const std::string items = io_test::ReadBytes(out + "/items.csv");
  EXPECT_EQ(std::count(items.begin(), items.end(), '\n'), 409);
  EXPECT_NE(items.find("111000110,初診料"), std::string::npos);
  const std::string unresolved = io_test::ReadBytes(out + "/unresolved_codes.csv");
  EXPECT_NE(unresolved.find("120002910,202110,"), std::string::npos);
  EXPECT_NE(unresolved.find("この診療年月に有効な版がない"), std::string::npos);
  EXPECT_TRUE(fs::exists(out + "/claims.xlsx"));
  const std::string json = io_test::ReadBytes(out + "/claims.json");
  EXPECT_NE(json.find("\"receipts_read\":75"), std::string::npos);
  EXPECT_NE(r.err.find("LICENSE.txt"), std::string::npos);  // listed as skipped
  // The same command again writes the same bytes.
  const std::string out2 = dir.Path("out2");
  RunKokuho({"claims", "read", kSample, "--masters", dir.Path("masters"), "--out", out2, "--format",
             "csv,json"},
            dir.path());
  for (const char* f :
       {"receipts.csv", "items.csv", "diagnoses.csv", "diagnostics.csv", "claims.json"})
    EXPECT_EQ(io_test::ReadBytes(out + "/" + f).size(), io_test::ReadBytes(out2 + "/" + f).size())
        << f;
  EXPECT_EQ(io_test::ReadBytes(out + "/items.csv"), io_test::ReadBytes(out2 + "/items.csv"));
}

TEST(ClaimsCli, QuarantineMeansExitOneUnlessAllowed) {
  io_test::TempDir dir;
  std::string bytes = claims_test::SampleBytes();
  bytes[bytes.find("SI,50,1,150183410,,7000,") + 20] = 'O';
  io_test::WriteBytes(dir.Path("bad.UKE"), bytes);
  CliRun r = RunKokuho({"claims", "read", dir.Path("bad.UKE")}, dir.path());
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("bad.UKE:44:20: エラー: 点数 (項目6)"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("受理 74 件 / 保留 (quarantine) 1 件"), std::string::npos);
  r = RunKokuho(
      {"claims", "read", dir.Path("bad.UKE"), "--allow-quarantine", "--out", dir.Path("o")},
      dir.path());
  EXPECT_EQ(r.exit_code, 0);
  const std::string q = io_test::ReadBytes(dir.Path("o/quarantine.csv"));
  EXPECT_NE(q.find(",3,39,17,1,"), std::string::npos) << q;  // receipt 3, lines 39–55
  for (const char* p : kPersonal) EXPECT_EQ(r.err.find(p), std::string::npos) << p;
}

TEST(ClaimsCli, SaltedHashOfTheSearchNumber) {
  // A receipt with a 検索番号 (RE field 18): messages name it by a salted hash only.
  io_test::TempDir dir;
  auto lines = claims_test::OneReceiptLines();
  std::string re = lines[1];
  std::size_t c = 0;
  for (int k = 0; k < 18; ++k) c = re.find(',', c) + 1;
  re.insert(c, "12345678901234567");
  lines[1] = re;
  lines[4][lines[4].find("288")] = 'X';  // an error in the SI line
  io_test::WriteBytes(dir.Path("h.UKE"), claims_test::Uke(lines));
  const CliRun r = RunKokuho({"claims", "read", dir.Path("h.UKE"), "--salt", "s3cret"}, dir.path());
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err.find("12345678901234567"), std::string::npos);
  EXPECT_NE(r.err.find("検索番号ハッシュ "), std::string::npos) << r.err;
}

TEST(ClaimsCli, IngestThenShowFromTheStore) {
  io_test::TempDir dir;
  const std::string store = dir.Path("store");
  CliRun r = RunKokuho({"claims", "ingest", kSample, "--store", store}, dir.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(fs::exists(store + "/claims-202111.kclm"));
  r = RunKokuho({"claims", "show", store + "/claims-202111.kclm", "--receipt", "1", "--masters",
                 Masters(dir)},
                dir.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("111000110 初診料  288 × 1"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("[22 投薬 (屯服)]"), std::string::npos);
  EXPECT_NE(r.out.find("主保険の合計点数 13,642 点"), std::string::npos);
  EXPECT_EQ(r.out.find("テスト　汎用"), std::string::npos);  // masked by default
  // The same from the text file, and the whole store folder.
  const CliRun text = RunKokuho(
      {"claims", "show", kSample, "--receipt", "1", "--masters", dir.Path("masters")}, dir.path());
  EXPECT_EQ(text.out, r.out);
  const CliRun folder = RunKokuho(
      {"claims", "show", store, "--receipt", "1", "--masters", dir.Path("masters")}, dir.path());
  EXPECT_EQ(folder.out, r.out);
  // --personal shows the name.
  const CliRun personal =
      RunKokuho({"claims", "show", kSample, "--receipt", "1", "--personal"}, dir.path());
  EXPECT_NE(personal.out.find("テスト　汎用"), std::string::npos);
  // A receipt number that is not there.
  const CliRun none = RunKokuho({"claims", "show", kSample, "--receipt", "76"}, dir.path());
  EXPECT_EQ(none.exit_code, 1);
  EXPECT_NE(none.err.find("レセプト番号 76 のレセプトがありません"), std::string::npos);
}

TEST(ClaimsCli, MissingFileAndBadEncodingOption) {
  io_test::TempDir dir;
  EXPECT_EQ(RunKokuho({"claims", "read", dir.Path("none.UKE")}, dir.path()).exit_code, 1);
  EXPECT_EQ(RunKokuho({"claims", "read", kSample, "--encoding", "latin1"}, dir.path()).exit_code,
            2);
}

}  // namespace
}  // namespace kokuho
