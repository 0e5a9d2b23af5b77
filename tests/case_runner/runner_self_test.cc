// The runner's own pieces, checked on small inputs: a runner whose checks cannot fail
// would make every data case pass.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "../io/io_test_util.h"
#include "case_spec.h"
#include "golden.h"
#include "json_path.h"
#include "workspace.h"

namespace kokuho::cases {
namespace {

const nlohmann::json kDoc = nlohmann::json::parse(R"({
  "parts": {"iryo": {"total": 32079941249, "gamma": "1.0481411229480", "income_rate": 6.06}},
  "municipalities": [{"code": "102016", "nofukin_total": 8197999256, "ok": true},
                     {"code": "102024", "nofukin_total": 9426180230, "ok": false, "x": null}]
})");

std::string Check(const std::string& path, const std::string& expected, bool quoted) {
  std::string why;
  nlohmann::json scratch;
  const nlohmann::json* v = FindJsonPath(kDoc, path, &why, &scratch);
  if (v == nullptr) return "not found: " + why;
  return MatchJsonValue(*v, expected, quoted);
}

TEST(CaseRunnerJsonPath, FindsKeysIndicesSelectorsAndCounts) {
  EXPECT_EQ(Check("parts.iryo.total", "32079941249", false), "");
  EXPECT_EQ(Check("parts.iryo.total", "32,079,941,249", false), "");
  EXPECT_EQ(Check("parts.iryo.gamma", "1.0481411229480", true), "");
  EXPECT_EQ(Check("parts.iryo.income_rate", "6.06", false), "");
  EXPECT_EQ(Check("municipalities[1].nofukin_total", "9426180230", false), "");
  EXPECT_EQ(Check("municipalities[code=102024].nofukin_total", "9426180230", false), "");
  EXPECT_EQ(Check("municipalities.#", "2", false), "");
  EXPECT_EQ(Check("municipalities[0].ok", "true", false), "");
  EXPECT_EQ(Check("municipalities[1].x", "null", false), "");
}

TEST(CaseRunnerJsonPath, ReportsEveryKindOfMismatch) {
  EXPECT_NE(Check("parts.iryo.total", "32079941248", false), "");      // off by one yen
  EXPECT_NE(Check("parts.iryo.total", "32079941249", true), "");       // a number, not text
  EXPECT_NE(Check("parts.iryo.gamma", "1.0481411229480", false), "");  // text, not a number
  EXPECT_NE(Check("parts.iryo.income_rate", "6.060", false), "");      // another spelling
  EXPECT_NE(Check("municipalities[0].ok", "false", false), "");
  EXPECT_NE(Check("municipalities.#", "3", false), "");
  EXPECT_NE(Check("parts.iryo.totl", "1", false).find("no key 'totl'"), std::string::npos);
  EXPECT_NE(Check("municipalities[2].code", "1", true).find("past the end"), std::string::npos);
  EXPECT_NE(Check("municipalities[code=999999].code", "1", true).find("no element"),
            std::string::npos);
}

TEST(CaseRunnerSpec, SplitsCommandLinesAndExpandsBytes) {
  EXPECT_EQ(SplitCommandLine("nofukin case  --out \"my out\""),
            (std::vector<std::string>{"nofukin", "case", "--out", "my out"}));
  std::string text = "群馬{{bytes 82 ff}}県", why;
  ASSERT_TRUE(ExpandBytes(text, &why)) << why;
  EXPECT_EQ(text, "群馬\x82\xff県");
  std::string bad = "{{bytes 8}}";
  EXPECT_FALSE(ExpandBytes(bad, &why));
}

// A case file with every kind of problem a newcomer may write is read without throwing, and
// each problem is kept for the test to report.
TEST(CaseRunnerSpec, MalformedCasesAreKeptWithTheirProblem) {
  io_test::TempDir dir;
  io_test::WriteBytes(dir.Path("c.yaml"), R"(cases:
  - name: good
    run: nofukin case
    expect: {json: {a: 1, b: "1"}}
  - name: typo
    run: nofukin case
    exepct: {exit: 0}
  - name: no_expectation
    run: nofukin case
  - name: good
    run: x
    expect: {}
  - name: 日本語
    run: x
    expect: {}
)");
  CaseFile f = ReadCaseFile(dir.Path("c.yaml"));
  ASSERT_EQ(f.load_error, "");
  ASSERT_EQ(f.cases.size(), 5u);
  EXPECT_EQ(f.cases[0].spec_error, "");
  ASSERT_EQ(f.cases[0].expect->json.size(), 2u);
  EXPECT_FALSE(f.cases[0].expect->json[0].quoted);
  EXPECT_TRUE(f.cases[0].expect->json[1].quoted);
  EXPECT_NE(f.cases[1].spec_error.find("unknown key 'exepct'"), std::string::npos);
  EXPECT_NE(f.cases[2].spec_error.find("expected expect:"), std::string::npos);
  EXPECT_NE(f.cases[3].spec_error.find("used twice"), std::string::npos);
  EXPECT_NE(f.cases[4].spec_error.find("title:"), std::string::npos);
  std::set<std::string> names;
  for (const auto& c : f.cases) EXPECT_TRUE(names.insert(c.name).second) << c.name;
}

TEST(CaseRunnerWorkspace, EditsAFileAsWritten) {
  Case c;
  c.files.push_back(FileSpec{"t.csv", "a,b,c\n1,2,3\n"});
  EditSpec set;
  set.kind = EditSpec::Kind::kSetCell;
  set.file = "t.csv";
  set.line = 2;
  set.field = 3;
  set.to = "x";
  EditSpec drop;
  drop.kind = EditSpec::Kind::kDropColumn;
  drop.file = "t.csv";
  drop.from = "a";
  EditSpec replace;
  replace.file = "t.csv";
  replace.from = "b";
  replace.to = "B";
  c.edits = {set, drop, replace};
  Workspace w;
  ASSERT_EQ(Prepare(c, KOKUHO_SOURCE_DIR, w.dir()), "");
  EXPECT_EQ(ReadFileBytes(w.dir() + "/t.csv"), "B,c\n2,x\n");
  // A replace text that is not there is a setup problem, never a silent no-op.
  c.edits = {replace, replace};
  Workspace w2;
  EXPECT_NE(Prepare(c, KOKUHO_SOURCE_DIR, w2.dir()).find("not found"), std::string::npos);
}

TEST(CaseRunnerWorkspace, PathsBecomePortable) {
  // The workspace and the repository as a run sees them (no path of this machine written here).
  Workspace w;
  const std::string repo = KOKUHO_SOURCE_DIR;
  EXPECT_EQ(Portable("kokuho: error: " + w.dir() + "/case/a.csv:3:4: x", repo, w.dir()),
            "kokuho: error: case/a.csv:3:4: x");
  EXPECT_EQ(Portable("\"file\": \"" + repo + "/data/kpi/definitions.yaml\"", repo, w.dir()),
            "\"file\": \"{{repo}}/data/kpi/definitions.yaml\"");
}

TEST(CaseRunnerGolden, ShowsTheFirstDifferingLines) {
  const std::string diff = FirstDifference("a\nb\nc\nd\n", "a\nb\nX\nd\n");
  EXPECT_NE(diff.find("line 3"), std::string::npos) << diff;
  EXPECT_NE(diff.find("- golden 3: c"), std::string::npos) << diff;
  EXPECT_NE(diff.find("+ now    3: X"), std::string::npos) << diff;
  io_test::TempDir dir;
  io_test::WriteBytes(dir.Path("stdout.txt"), "a\n");
  EXPECT_EQ(CompareGolden({{"stdout.txt", "a\n"}}, dir.path()), "");
  EXPECT_NE(CompareGolden({{"stdout.txt", "b\n"}}, dir.path()), "");
  EXPECT_NE(CompareGolden({{"stdout.txt", "a\n"}, {"x.csv", ""}}, dir.path()), "");
  EXPECT_NE(CompareGolden({}, dir.path()), "");
}

}  // namespace
}  // namespace kokuho::cases
