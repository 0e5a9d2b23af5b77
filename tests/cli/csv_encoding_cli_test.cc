// `--encoding cp932` on the commands that write tables: the CSV files are CP932 without a
// BOM and hold the same rows as the UTF-8 files; a bad value is refused.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "../cli_runner.h"
#include "../io/io_test_util.h"
#include "io/encoding.h"

namespace kokuho {
namespace {

using testing::CliRun;
using testing::RunKokuho;

const std::string kGunma = std::string(KOKUHO_SOURCE_DIR) + "/examples/gunma";

TEST(CsvEncodingCli, NofukinCsvInCp932HoldsTheSameRowsAsUtf8) {
  io_test::TempDir scratch;  // removed afterwards
  const std::string dir = scratch.path();
  CliRun utf8 = RunKokuho({"nofukin", kGunma, "--out", "u", "--format", "csv"}, dir, dir);
  ASSERT_EQ(utf8.exit_code, 0) << utf8.err;
  CliRun sjis = RunKokuho(
      {"nofukin", kGunma, "--out", "s", "--format", "csv", "--encoding", "cp932"}, dir, dir);
  ASSERT_EQ(sjis.exit_code, 0) << sjis.err;
  const std::string u = ReadFileBytes(dir + "/u/nofukin.csv");
  const std::string s = ReadFileBytes(dir + "/s/nofukin.csv");
  ASSERT_EQ(u.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_NE(s.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_NE(s, u.substr(3));  // really re-encoded: the Japanese header differs in bytes
  EXPECT_EQ(DecodeToUtf8(s, "nofukin.csv"), u.substr(3));
  // 前橋市 in CP932.
  EXPECT_NE(s.find("\x91\x4F\x8B\xB4\x8E\x73"), std::string::npos);
}

TEST(CsvEncodingCli, AnUnknownEncodingIsRefused) {
  io_test::TempDir scratch;
  const std::string dir = scratch.path();
  CliRun r = RunKokuho({"nofukin", kGunma, "--out", "o", "--format", "csv", "--encoding", "sjis2"},
                       dir, dir);
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("--encoding"), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(dir + "/o"));
}

}  // namespace
}  // namespace kokuho
