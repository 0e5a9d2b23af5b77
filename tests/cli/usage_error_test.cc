// Command-line mistakes (CLI11's parse errors) come out in Japanese with the fix and CLI11's
// own English in parentheses; the exit code stays 2 (cli/usage_error.h).
#include "cli/usage_error.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "../cli_runner.h"
#include "../io/io_test_util.h"
#include "../japanese_text.h"

namespace kokuho::cli {
namespace {

// Each mistake, the Japanese the user reads first, and the command its --help hint names.
struct Mistake {
  std::vector<std::string> args;
  const char* says;
  const char* help;
};

TEST(UsageError, EveryParseErrorIsJapaneseWithTheCommandsHelp) {
  io_test::TempDir scratch;
  const Mistake mistakes[] = {
      {{"levy", "h.yaml", "-m", "102016", "--year", "R8", "--foo"},
       "オプション --foo は使えません",
       "kokuho levy --help"},
      {{"nofukin", "case", "--bogus"}, "オプション --bogus は使えません", "kokuho nofukin --help"},
      {{"claims", "check", "--bogus"}, "STORE を指定してください", "kokuho claims check --help"},
      {{}, "コマンド (levy、nofukin など) を指定してください", "kokuho --help"},
      {{"levy", "h.yaml", "--year"}, "--year の後に値がありません", "kokuho levy --help"},
      {{"levy", "h.yaml", "--year", "R8"},
       "--municipality を指定してください",
       "kokuho levy --help"},
      {{"serve", "--port", "70000"}, "--port の値が正しくありません", "kokuho serve --help"},
      // An unknown command: CLI11 reports the missing command first.
      {{"nofukn"}, "コマンド (levy、nofukin など) を指定してください", "kokuho --help"},
  };
  for (const Mistake& m : mistakes) {
    std::string line;
    for (const auto& a : m.args) line += " " + a;
    SCOPED_TRACE(line);
    const testing::CliRun r = testing::RunKokuho(m.args, scratch.path());
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.err.rfind("kokuho: usage error: ", 0), 0u) << r.err;
    EXPECT_NE(r.err.find(m.says), std::string::npos) << r.err;
    EXPECT_NE(r.err.find(std::string(m.help) + " で使い方を表示します"), std::string::npos)
        << r.err;
    EXPECT_NE(r.err.find("(CLI11: "), std::string::npos) << r.err;  // the original, for a search
    EXPECT_EQ(test::JapaneseMessageProblem(r.err.substr(0, r.err.find('\n'))), "") << r.err;
  }
}

// A check of our own already speaks Japanese: kept as it is, with the hint.
TEST(UsageError, OwnJapaneseChecksAreKept) {
  io_test::TempDir scratch;
  const testing::CliRun r = testing::RunKokuho({"params", "--year", "令和九年度"}, scratch.path());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--year: 年度として読めません: 「令和九年度」"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("kokuho params --help で使い方を表示します"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("CLI11"), std::string::npos) << r.err;
}

// --help and --version still print and exit 0.
TEST(UsageError, HelpAndVersionAreNotErrors) {
  io_test::TempDir scratch;
  testing::CliRun r = testing::RunKokuho({"levy", "--help"}, scratch.path());
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("--municipality"), std::string::npos);
  r = testing::RunKokuho({"--version"}, scratch.path());
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("kokuho 0.1.0"), std::string::npos);
}

// The wording per CLI11 error kind, without running the binary.
TEST(UsageError, WordingPerErrorKind) {
  EXPECT_EQ(UsageErrorJa(CLI::ExtrasError({"--x"}), "kokuho levy"),
            "オプション --x は使えません。kokuho levy --help で使い方を表示します (CLI11: The "
            "following argument was not expected: --x)");
  EXPECT_EQ(UsageErrorJa(CLI::RequiredError("--rates"), "kokuho levy"),
            "--rates を指定してください。kokuho levy --help で使い方を表示します (CLI11: --rates "
            "is required)");
  EXPECT_EQ(UsageErrorJa(CLI::ExcludesError("--a", "--b"), "kokuho x"),
            "--a と --b は一緒に使えません。kokuho x --help で使い方を表示します (CLI11: --a "
            "excludes --b)");
  EXPECT_EQ(UsageErrorJa(CLI::RequiresError("--a", "--b"), "kokuho x"),
            "--a には --b も必要です。kokuho x --help で使い方を表示します (CLI11: --a requires "
            "--b)");
  EXPECT_EQ(UsageErrorJa(CLI::ValidationError("--n", "--n: Value x not in range"), "kokuho x")
                .rfind("--n の値が正しくありません。", 0),
            0u);
}

}  // namespace
}  // namespace kokuho::cli
