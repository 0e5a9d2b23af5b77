// The runner of the tests as data (docs/test-cases.md): every case of every YAML file under
// tests/cases/<area>/ becomes one GoogleTest test "<area>/<file>.<case>", found when the
// binary starts (so a new case file needs no rebuild: ctest lists tests with
// DISCOVERY_MODE PRE_TEST). Each test lays the case out in a fresh temporary folder, runs
// the real `kokuho` binary there and checks what the case expects:
//
//   - a success: the exit status, values at JSON paths, lines of stdout/stderr, files, the
//     golden outputs (tests/golden/<name>/);
//   - a refused input: the exit status (1 by default); one "kokuho: error: " line naming
//     file:line:column relative to the case folder with the expected words; and always
//     nothing on stdout, no file or folder written, no private figure repeated, and a message
//     in Japanese (no English sentence: tests/japanese_text.h).
//
// A case marked `pending: reason` is a documented known gap: while its exact expectations
// fail it is reported as skipped with the reason (the standing checks above still hold);
// once it passes, the test fails so that the stale marker is removed.
//
// Environment: KOKUHO_CASES_DIR (default <source>/tests/cases), KOKUHO_UPDATE_GOLDEN=1
// (write the golden folders instead of comparing: bash scripts/update-golden.sh),
// KOKUHO_CASES_SHOW=1 (print each run's exit status, stdout and stderr).
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "../cli_runner.h"
#include "../japanese_text.h"
#include "case_spec.h"
#include "golden.h"
#include "json_path.h"
#include "workspace.h"

namespace kokuho::cases {
namespace {

namespace fs = std::filesystem;
using kokuho::testing::CliRun;
using kokuho::testing::RunKokuho;

const std::string kRepo = KOKUHO_SOURCE_DIR;
constexpr const char* kUpdateCommand = "bash scripts/update-golden.sh";

std::string CasesDir() {
  const char* env = std::getenv("KOKUHO_CASES_DIR");
  return env && *env ? env : kRepo + "/tests/cases";
}

bool UpdatingGolden() {
  const char* env = std::getenv("KOKUHO_UPDATE_GOLDEN");
  return env && std::string(env) == "1";
}

std::string Join(const std::vector<std::string>& words) {
  std::string s;
  for (const auto& w : words)
    s += (s.empty() ? "" : " ") + (w.find(' ') == std::string::npos ? w : "\"" + w + "\"");
  return s;
}

std::string Excerpt(const std::string& text) {
  if (text.size() <= 1500) return text;
  return text.substr(0, 1500) + "\n… (" + std::to_string(text.size()) + " bytes)";
}

std::string RegexEscape(const std::string& text) {
  std::string re;
  for (char c : text) {
    if (std::string(".[]{}()\\^$|?+*").find(c) != std::string::npos) re += '\\';
    re += c;
  }
  return re;
}

// "a.csv:3:*" → a regex where '*' is any number.
std::string PositionRegex(const std::string& at) {
  std::string re;
  for (char c : at) re += c == '*' ? std::string("[0-9]+") : RegexEscape(std::string(1, c));
  return re;
}

// The result of one run of a case's command, made portable.
struct Outcome {
  int exit_code = -1;
  std::string out, err;
  std::vector<std::string> tree_before, tree_after;
  std::string problem;  // setup went wrong (not a finding about kokuho)
};

Outcome Execute(const Case& c, Workspace& w) {
  Outcome o;
  o.problem = Prepare(c, kRepo, w.dir());
  if (!o.problem.empty()) return o;
  for (const auto& cmd : c.before) {
    CliRun b = RunKokuho(ExpandArgs(cmd, kRepo, w.dir()), w.scratch(), w.dir());
    if (b.exit_code != 0) {
      o.problem = "before: `kokuho " + Join(cmd) + "` exited " + std::to_string(b.exit_code) +
                  ":\n" + Portable(b.err, kRepo, w.dir());
      return o;
    }
  }
  o.tree_before = ListTree(w.dir());
  CliRun r = RunKokuho(ExpandArgs(c.run, kRepo, w.dir()), w.scratch(), w.dir());
  o.exit_code = r.exit_code;
  o.out = Portable(r.out, kRepo, w.dir());
  o.err = Portable(r.err, kRepo, w.dir());
  o.tree_after = ListTree(w.dir());
  return o;
}

// Checks a success; returns the misses.
std::vector<std::string> CheckSuccess(const CaseFile& file, const Case& c, const Outcome& o,
                                      Workspace& w) {
  const SuccessSpec& s = *c.expect;
  std::vector<std::string> misses;
  if (o.exit_code != s.exit) {
    misses.push_back("exit status " + std::to_string(o.exit_code) + ", expected " +
                     std::to_string(s.exit) + "; stderr:\n" + Excerpt(o.err));
    return misses;
  }
  if (!s.json.empty()) {
    const std::string text =
        s.json_from.empty() ? o.out : ReadFileBytes(w.dir() + "/" + s.json_from);
    nlohmann::json doc;
    try {
      doc = nlohmann::json::parse(text);
    } catch (const std::exception& e) {
      misses.push_back("the JSON " + (s.json_from.empty() ? "on stdout" : "of " + s.json_from) +
                       " does not parse (" + e.what() + "); is --format json given?\n" +
                       Excerpt(text));
      return misses;
    }
    for (const JsonExpectation& j : s.json) {
      std::string why;
      nlohmann::json scratch;
      const nlohmann::json* v = FindJsonPath(doc, j.path, &why, &scratch);
      if (v == nullptr) {
        misses.push_back("json " + j.path + " (line " + std::to_string(j.yaml_line) + "): " + why);
        continue;
      }
      if (std::string miss = MatchJsonValue(*v, j.text, j.quoted); !miss.empty())
        misses.push_back("json " + j.path + " (line " + std::to_string(j.yaml_line) + "): " + miss);
    }
  }
  for (const auto& line : s.stdout_has)
    if (o.out.find(line) == std::string::npos)
      misses.push_back("stdout lacks: " + line + "\nstdout:\n" + Excerpt(o.out));
  for (const auto& line : s.stdout_lacks)
    if (o.out.find(line) != std::string::npos) misses.push_back("stdout has: " + line);
  for (const auto& line : s.stderr_has)
    if (o.err.find(line) == std::string::npos)
      misses.push_back("stderr lacks: " + line + "\nstderr:\n" + Excerpt(o.err));
  for (const auto& f : s.files)
    if (!fs::exists(w.dir() + "/" + f)) misses.push_back("no file " + f + " after the run");
  if (!s.same_stdout_as.empty()) {
    const Case* other = nullptr;
    for (const Case& x : file.cases)
      if (x.name == s.same_stdout_as) other = &x;
    if (other == nullptr || other == &c ||
        (other->expect && !other->expect->same_stdout_as.empty())) {
      misses.push_back("same_stdout_as: no other case '" + s.same_stdout_as +
                       "' (without a same_stdout_as of its own) in this file");
    } else {
      Workspace w2;
      Outcome o2 = Execute(*other, w2);
      if (!o2.problem.empty() || o2.exit_code != 0) {
        misses.push_back("same_stdout_as: case " + other->name + " did not run: " + o2.problem +
                         o2.err);
      } else if (o2.out != o.out) {
        misses.push_back("stdout differs from case " + other->name + ":\n" +
                         FirstDifference(o2.out, o.out));
      }
    }
  }
  if (!c.golden.empty()) {
    GoldenFiles got = CollectGolden(o.out, w.dir() + "/out", kRepo, w.dir());
    got["command.txt"] = "kokuho " + Join(c.run) + "\n";
    const std::string dir = kRepo + "/tests/golden/" + c.golden;
    if (UpdatingGolden()) {
      UpdateGolden(got, dir);
    } else if (std::string diff = CompareGolden(got, dir); !diff.empty()) {
      misses.push_back("the outputs differ from tests/golden/" + c.golden + "/:\n" + diff +
                       "  If the change is intended, regenerate the golden files with\n    " +
                       kUpdateCommand + "\n  and review the diff (git diff tests/golden).");
    }
  }
  return misses;
}

// Checks a refused input: the standing checks (returned in `standing`) and the exact ones.
std::vector<std::string> CheckError(const Case& c, const Outcome& o,
                                    std::vector<std::string>* standing) {
  const ErrorSpec& e = *c.error;
  if (o.exit_code == 0) standing->push_back("a bad input was accepted (exit 0)");
  if (!o.out.empty())
    standing->push_back("stdout should be empty on an input error:\n" + Excerpt(o.out));
  if (o.tree_after != o.tree_before) {
    std::set<std::string> before(o.tree_before.begin(), o.tree_before.end());
    std::string added;
    for (const auto& p : o.tree_after)
      if (!before.count(p)) added += " " + p;
    standing->push_back("files were written for a bad input:" +
                        (added.empty() ? " (changed)" : added));
  }
  // What a user reads is Japanese (issue 15): no English sentence in the message.
  const std::string message = o.err.substr(0, o.err.find('\n'));
  if (const std::string why = kokuho::test::JapaneseMessageProblem(message); !why.empty())
    standing->push_back("the message is not in Japanese (" + why + "): " + message);
  for (const auto& v : c.private_values) {
    if (o.err.find(v) != std::string::npos)
      standing->push_back("stderr repeats the private figure " + v);
    if (o.out.find(v) != std::string::npos)
      standing->push_back("stdout repeats the private figure " + v);
  }

  std::vector<std::string> misses;
  if (o.exit_code != e.exit)
    misses.push_back("exit status " + std::to_string(o.exit_code) + ", expected " +
                     std::to_string(e.exit));
  const std::string first_line = o.err.substr(0, o.err.find('\n'));
  if (!e.at.empty()) {
    if (o.err.rfind("kokuho: error: ", 0) != 0) misses.push_back("not a 'kokuho: error: ' message");
    const std::regex re("^kokuho: error: " + PositionRegex(e.at) + ": .*" + RegexEscape(e.message));
    if (!std::regex_search(first_line, re))
      misses.push_back("expected \"kokuho: error: " + e.at + ": …" + e.message + "\"");
  } else if (!e.message.empty() && o.err.find(e.message) == std::string::npos) {
    misses.push_back("stderr lacks: " + e.message);
  }
  if (e.one_line && std::count(o.err.begin(), o.err.end(), '\n') != 1)
    misses.push_back("stderr is not one line (write lines: any when other lines are expected)");
  for (const auto& s : e.stderr_has)
    if (o.err.find(s) == std::string::npos) misses.push_back("stderr lacks: " + s);
  return misses;
}

std::string Bullets(const std::vector<std::string>& items) {
  std::string s;
  for (const auto& i : items) s += "\n  - " + i;
  return s;
}

void RunCase(const CaseFile& file, const Case& c) {
  const std::string where = file.path + ":" + std::to_string(c.yaml_line);
  if (!c.spec_error.empty()) {
    FAIL() << where << ": the case is malformed: " << c.spec_error;
  }
  Workspace w;
  const Outcome o = Execute(c, w);
  if (!o.problem.empty()) {
    FAIL() << where << ": cannot set the case up: " << o.problem;
  }

  if (const char* show = std::getenv("KOKUHO_CASES_SHOW"); show && std::string(show) == "1")
    std::cout << "exit " << o.exit_code << "\n--- stdout\n"
              << Excerpt(o.out) << "--- stderr\n"
              << o.err << "---\n";
  const std::string what = "\n  case: " + where + "\n  run:  kokuho " + Join(c.run) +
                           (c.title.empty() ? "" : "\n  title: " + c.title);
  std::vector<std::string> standing, misses;
  if (c.error) {
    misses = CheckError(c, o, &standing);
    if (!c.pending.empty() && o.exit_code == 0) {
      GTEST_SKIP() << "pending (known gap, the input is accepted): " << c.pending << what;
    }
  } else {
    misses = CheckSuccess(file, c, o, w);
  }
  if (!standing.empty())
    ADD_FAILURE() << "standing checks failed:" << Bullets(standing) << what
                  << "\n  stderr: " << o.err;
  if (!c.pending.empty()) {
    if (!misses.empty()) {
      GTEST_SKIP() << "pending (known gap): " << c.pending << Bullets(misses) << what
                   << "\n  got: " << o.err;
    }
    FAIL() << "this pending case passes now: delete its 'pending:' line" << what;
  }
  if (!misses.empty())
    ADD_FAILURE() << Bullets(misses) << what << (c.error ? "\n  got: " + o.err : "");
}

class DataCase : public ::testing::Test {
 public:
  DataCase(const CaseFile* file, const Case* c) : file_(file), case_(c) {}
  void TestBody() override { RunCase(*file_, *case_); }

 private:
  const CaseFile* file_;
  const Case* case_;
};

class BadCaseFile : public ::testing::Test {
 public:
  explicit BadCaseFile(const CaseFile* file) : file_(file) {}
  void TestBody() override { FAIL() << file_->path << ": " << file_->load_error; }

 private:
  const CaseFile* file_;
};

std::vector<CaseFile>& AllFiles() {
  static std::vector<CaseFile> files;
  return files;
}

// The discovered cases: unique names, and a floor so that a broken discovery (a moved
// folder, a glob that finds nothing) cannot pass as "no failures".
TEST(CaseInventory, CasesAreFoundAndCountedByArea) {
  std::map<std::string, int> by_area;
  int total = 0;
  for (const CaseFile& f : AllFiles()) {
    EXPECT_EQ(f.load_error, "") << f.path;
    by_area[f.area] += static_cast<int>(f.cases.size());
    total += static_cast<int>(f.cases.size());
  }
  std::string summary;
  for (const auto& [area, n] : by_area) summary += " " + area + "=" + std::to_string(n);
  std::cout << "data cases:" << summary << " (total " << total << ")\n";
  if (CasesDir() == kRepo + "/tests/cases") {
    EXPECT_GE(total, 150) << summary;
  }
}

}  // namespace

void RegisterCases() {
  std::vector<CaseFile>& files = AllFiles();
  files = ReadCaseTree(CasesDir());
  for (const CaseFile& f : files) {
    const std::string suite = f.area + "/" + f.stem;
    if (!f.load_error.empty()) {
      ::testing::RegisterTest(suite.c_str(), "LOAD", nullptr, nullptr, f.path.c_str(), 1,
                              [&f]() -> ::testing::Test* { return new BadCaseFile(&f); });
      continue;
    }
    for (const Case& c : f.cases) {
      ::testing::RegisterTest(suite.c_str(), c.name.c_str(), nullptr, nullptr, f.path.c_str(),
                              c.yaml_line,
                              [&f, &c]() -> ::testing::Test* { return new DataCase(&f, &c); });
    }
  }
}

}  // namespace kokuho::cases

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  kokuho::cases::RegisterCases();
  return RUN_ALL_TESTS();
}
