// Inputs that once hung kokuho, exhausted memory or read out of bounds (issue 19), each
// ending now in bounded time with a clear error at its place; and the resource limits of
// input_limits.h, each error naming its limit.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>
#include <xlsxwriter.h>
#include <xxhash.h>

#include <chrono>
#include <cstring>
#include <filesystem>

#include "io/csv_reader.h"
#include "io/input_limits.h"
#include "io/kpop_format.h"
#include "io/xlsx_reader.h"
#include "io/yaml_reader.h"
#include "io_test_util.h"
#include "readers/case_loader.h"
#include "readers/household_loader.h"
#include "readers/population_table.h"
#include "readers/scenario_loader.h"

namespace kokuho {
namespace {

using io_test::CatchInputError;
using io_test::TempDir;
using io_test::WriteBytes;
using Clock = std::chrono::steady_clock;

/// Runs `f` (which must throw InputError) and checks that it took less than `seconds`.
template <typename F>
InputError Bounded(F&& f, double seconds = 5) {
  const auto start = Clock::now();
  InputError e = CatchInputError(std::forward<F>(f));
  EXPECT_LT(std::chrono::duration<double>(Clock::now() - start).count(), seconds);
  return e;
}

/// Restores the limits in force at construction.
class LimitsGuard {
 public:
  LimitsGuard() : saved_(Limits()) {}
  ~LimitsGuard() { SetLimitsForTesting(saved_); }

 private:
  InputLimits saved_;
};

// yaml-cpp 0.7.0's LoadAll never consumed a ',' after a top-level value and made empty
// documents at it forever (23 GB before the kernel killed kokuho).

TEST(HostileInput, CommaAfterTheTopLevelValue) {
  InputError e = Bounded([] { ParseYamlStrict(",\r", "a.yaml"); });
  EXPECT_EQ(e.pos().ToString(), "a.yaml:1:1");
  EXPECT_NE(e.message().find("後に ',' があります"), std::string::npos) << e.what();

  e = Bounded([] { ParseYamlStrict("{a: 1},", "b.yaml"); });
  EXPECT_EQ(e.pos().ToString(), "b.yaml:1:7");  // the comma after '}'

  e = Bounded([] { ParseYamlStrict("alpha: 1\nbeta: 2\n,\n", "c.yaml"); });
  EXPECT_EQ(e.pos().line, 3);
  EXPECT_EQ(e.pos().column, 1);
}

TEST(HostileInput, ElevenBytePrefectureYaml) {
  // The case of the issue: prefecture.yaml ",uu~\r\r,u\xE7~u" beside municipalities.csv "~~".
  TempDir dir;
  WriteBytes(dir.Path("prefecture.yaml"), ",uu~\r\r,u\xe7~u");
  WriteBytes(dir.Path("municipalities.csv"), "~~");
  InputError e = Bounded([&] { LoadCase(dir.path()); });
  EXPECT_EQ(e.pos().file, dir.Path("prefecture.yaml"));
  EXPECT_GT(e.pos().line, 0);
  EXPECT_GT(e.pos().column, 0);
}

TEST(HostileInput, HouseholdJsonWithATrailingComma) {
  InputError e = Bounded(
      [] { ParseHousehold(R"({"members": [{"head": true, "age": 40}]},)", "h.json", 2026); });
  EXPECT_EQ(e.pos().ToString(), "h.json:1:41");
  EXPECT_NE(e.message().find("','"), std::string::npos) << e.what();
}

TEST(HostileInput, ScenarioStartingWithAComma) {
  TempDir dir;
  WriteBytes(dir.Path("s.yaml"), ",\nscenario: x\n");
  InputError e = Bounded([&] { LoadScenario(dir.Path("s.yaml")); });
  EXPECT_EQ(e.pos().ToString(), dir.Path("s.yaml") + ":1:1");
}

TEST(HostileInput, ComplexKeyIsAnInputError) {
  InputError e = Bounded([] { ParseYamlStrict("? [a, b]\n: 1\n", "k.yaml"); });
  EXPECT_EQ(e.pos().ToString(), "k.yaml:1:3");
  EXPECT_NE(e.message().find("複合キー"), std::string::npos) << e.what();
  e = Bounded([] { ParseYamlStrict("a: &x {b: 1}\n*x : 2\n", "k.yaml"); });
  EXPECT_NE(e.message().find("複合キー"), std::string::npos) << e.what();
  // Through a loader and the CLI's usual path: an InputError naming the file.
  TempDir dir;
  WriteBytes(dir.Path("prefecture.yaml"), "? {prefecture: x}\n: 1\n");
  e = Bounded([&] { LoadCase(dir.path()); });
  EXPECT_EQ(e.pos().file, dir.Path("prefecture.yaml"));
}

TEST(HostileInput, AliasesCannotMultiplyTheWork) {
  // Nine levels of ten aliases each name a billion values.
  std::string text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
  for (int i = 1; i < 10; ++i) {
    text += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [";
    for (int k = 0; k < 10; ++k) text += (k ? ", *a" : "*a") + std::to_string(i - 1);
    text += "]\n";
  }
  InputError e = Bounded([&] { ParseYamlStrict(text, "bomb.yaml"); });
  EXPECT_NE(e.message().find("KOKUHO_MAX_DOCUMENT_NODES"), std::string::npos) << e.what();
}

TEST(HostileInput, DeepNestingStopsWhileParsing) {
  InputError e = Bounded([] { ParseYamlStrict(std::string(100'000, '['), "deep.yaml"); });
  EXPECT_NE(e.message().find("KOKUHO_MAX_NESTING"), std::string::npos) << e.what();
  e = Bounded([] {
    std::string json;
    for (int i = 0; i < 1000; ++i) json += "{\"a\": ";
    ParseHousehold(json, "deep.json", 2026);
  });
  EXPECT_NE(e.message().find("入れ子が64段を超えています"), std::string::npos) << e.what();
}

// A .kpop header whose column directory offset is 2^64 − 262,080 with 4,096 columns: the
// directory "ends" at byte 64 after wrapping around. The header checksum is valid.
TEST(HostileInput, KpopDirectoryOffsetNearTwoToThe64) {
  char h[64] = {};
  std::memcpy(h, "KOKUHOPOP", 10);
  const std::uint32_t version = 1, columns = 4096;
  const std::uint64_t directory = 18446744073709289536ull, size = 64;
  std::memcpy(h + 12, &version, 4);
  std::memcpy(h + 36, &columns, 4);
  std::memcpy(h + 40, &directory, 8);
  std::memcpy(h + 48, &size, 8);
  const std::uint64_t sum = XXH64(h, sizeof h, 0);
  std::memcpy(h + 56, &sum, 8);
  TempDir dir;
  WriteBytes(dir.Path("x.kpop"), std::string_view(h, sizeof h));
  InputError e = Bounded([&] { ReadKpop(dir.Path("x.kpop")); });
  EXPECT_EQ(e.message(),
            "40バイト目: 列の目次がファイルの外を指しています。ファイルが壊れています");
  // The file checked in for the fuzz regression suite is this one.
  EXPECT_EQ(io_test::ReadBytes(KOKUHO_SOURCE_DIR
                               "/fuzz/regressions/kpop/issue19-directory-offset-near-2e64"),
            std::string(h, sizeof h));
}

// --- limits (input_limits.h): each error names its limit and how to raise it ---

TEST(InputLimits, TableRowsCellsAndColumns) {
  LimitsGuard guard;
  InputLimits l = Limits();
  l.table_rows = 3;
  SetLimitsForTesting(l);
  EXPECT_NO_THROW(ParseCsvText("a,b\n1,2\n3,4\n5,6\n", "t.csv"));
  InputError e = CatchInputError([] { ParseCsvText("a,b\n1,2\n3,4\n5,6\n7,8\n", "t.csv"); });
  EXPECT_EQ(e.pos().line, 5);
  EXPECT_NE(e.message().find("KOKUHO_MAX_TABLE_ROWS"), std::string::npos) << e.what();

  l.table_rows = 1'000'000;
  l.table_columns = 4;
  SetLimitsForTesting(l);
  e = CatchInputError([] { ParseCsvText("a,b,c,d,e\n1,2,3,4,5\n", "t.csv"); });
  EXPECT_EQ(e.pos().ToString(), "t.csv:1:5");
  EXPECT_NE(e.message().find("KOKUHO_MAX_TABLE_COLUMNS"), std::string::npos) << e.what();
  // A single line of commas stops at the limit, not at the end of the line.
  e = CatchInputError([] { ParseCsvText(std::string(10'000'000, ','), "t.csv"); });
  EXPECT_EQ(e.pos().column, 5);

  l.table_columns = 16'384;
  l.table_cells = 10;
  SetLimitsForTesting(l);
  e = CatchInputError([] { ParseCsvText("a,b,c\n1,2,3\n4,5,6\n7,8,9\n", "t.csv"); });
  EXPECT_NE(e.message().find("KOKUHO_MAX_TABLE_CELLS"), std::string::npos) << e.what();
}

TEST(InputLimits, FileSizes) {
  LimitsGuard guard;
  TempDir dir;
  WriteBytes(dir.Path("t.csv"), "a,b\n" + std::string(3000, '1') + ",2\n");
  WriteBytes(dir.Path("p.yaml"), "prefecture: " + std::string(3000, 'x') + "\n");
  InputLimits l = Limits();
  l.table_bytes = 2048;
  l.document_bytes = 2048;
  SetLimitsForTesting(l);
  InputError e = CatchInputError([&] { ReadCsv(dir.Path("t.csv")); });
  EXPECT_EQ(e.pos().ToString(), dir.Path("t.csv"));
  EXPECT_NE(e.message().find("KOKUHO_MAX_TABLE_MB"), std::string::npos) << e.what();
  e = CatchInputError([&] { LoadYamlStrict(dir.Path("p.yaml")); });
  EXPECT_NE(e.message().find("KOKUHO_MAX_DOCUMENT_MB"), std::string::npos) << e.what();
}

TEST(InputLimits, XlsxInflatedSize) {
  // A workbook whose sheet inflates to about 2 MiB (highly compressible).
  TempDir dir;
  const std::string path = dir.Path("big.xlsx");
  {
    lxw_workbook* wb = workbook_new(path.c_str());
    lxw_worksheet* ws = workbook_add_worksheet(wb, "s");
    worksheet_write_string(ws, 0, 0, "a", nullptr);
    for (int r = 1; r < 20'000; ++r) worksheet_write_number(ws, r, 0, 1, nullptr);
    ASSERT_EQ(workbook_close(wb), LXW_NO_ERROR);
  }
  EXPECT_NO_THROW(ReadXlsx(path));
  LimitsGuard guard;
  InputLimits l = Limits();
  l.xlsx_unzipped_bytes = 256 << 10;
  SetLimitsForTesting(l);
  InputError e = CatchInputError([&] { ReadXlsx(path); });
  EXPECT_EQ(e.pos().file, path);
  EXPECT_NE(e.message().find("KOKUHO_MAX_XLSX_UNZIPPED_MB"), std::string::npos) << e.what();
}

TEST(InputLimits, MemoryCeiling) {
  LimitsGuard guard;
  TempDir dir;
  std::string csv = "世帯番号,団体コード,世帯主,国保,生年月日\n";
  for (int i = 1; i <= 2000; ++i) csv += std::to_string(i) + ",102016,1,1,1980-01-01\n";
  WriteBytes(dir.Path("pop.csv"), csv);
  InputLimits l = Limits();
  l.memory_bytes = 64 << 10;
  SetLimitsForTesting(l);
  InputError e = CatchInputError([&] { ReadPopulationTable(dir.Path("pop.csv"), 2026); });
  EXPECT_NE(e.message().find("KOKUHO_MAX_MEMORY_MB"), std::string::npos) << e.what();
  l.memory_bytes = 1ull << 30;
  l.population_rows = 1000;
  SetLimitsForTesting(l);
  e = CatchInputError([&] { ReadPopulationTable(dir.Path("pop.csv"), 2026); });
  EXPECT_EQ(e.pos().line, 1002);
  EXPECT_NE(e.message().find("KOKUHO_MAX_POPULATION_ROWS"), std::string::npos) << e.what();
}

TEST(InputLimits, EnvironmentOverridesTheDefaults) {
  // Read in a child: Limits() reads the environment once per process.
  const pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    setenv("KOKUHO_MAX_TABLE_ROWS", "7", 1);
    setenv("KOKUHO_MAX_DOCUMENT_MB", "3", 1);
    setenv("KOKUHO_MAX_NESTING", "not-a-number", 1);
    SetLimitsForTesting(LimitsFromEnvironment());
    const InputLimits& l = Limits();
    const bool ok = l.table_rows == 7 && l.document_bytes == (3u << 20) && l.nesting_depth == 64 &&
                    l.memory_bytes > 0;
    _exit(ok ? 0 : 1);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

}  // namespace
}  // namespace kokuho
