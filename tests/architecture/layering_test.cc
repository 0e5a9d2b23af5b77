// The shape of the code (DESIGN.md, README "Layout"), checked on the sources themselves: which
// folder of src/ may include which. A change that makes an engine read files, the report or the
// server load users' files, or one CLI command call another fails here, naming the line.
//
//   engines (core, nofukin, premium, scenario, finance, incentive, chosei, ageindex, kpi,
//            claims)               → core/ and other engines only
//   io/      generic formats       → io/, core/, and premium/population.h (the .kpop columns)
//   readers/ per-domain readers    → anything but report/, server/, cli/, python/
//   report/  tables and writers    → no readers/, server/, cli/
//   server/  the web app's API     → no cli/; of readers/ only the household format, which
//                                    parses a request's body (it opens no file)
//   (cli/ has no header per command: commands are registered through cli/commands.h)

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

struct Include {
  std::string file;  ///< path under src/
  int line;
  std::string target;  ///< the quoted path, e.g. "io/csv_writer.h"
};

std::vector<Include> IncludesUnder(const std::string& folder) {
  const fs::path root = fs::path(KOKUHO_SOURCE_DIR) / "src";
  const std::regex quoted(R"re(^\s*#\s*include\s+"([^"]+)")re");
  std::vector<Include> out;
  for (const auto& entry : fs::recursive_directory_iterator(root / folder)) {
    const auto ext = entry.path().extension();
    if (ext != ".h" && ext != ".cc") continue;
    std::ifstream in(entry.path());
    std::string text;
    int line = 0;
    while (std::getline(in, text)) {
      ++line;
      std::smatch m;
      if (std::regex_search(text, m, quoted))
        out.push_back({fs::relative(entry.path(), root).string(), line, m[1]});
    }
  }
  EXPECT_FALSE(out.empty()) << "no includes found under src/" << folder;
  return out;
}

std::string TopFolder(const std::string& target) { return target.substr(0, target.find('/')); }

const std::set<std::string> kEngines = {"core",      "nofukin", "premium",  "scenario", "finance",
                                        "incentive", "chosei",  "ageindex", "kpi",      "claims"};

TEST(Layering, EnginesIncludeOnlyCoreAndEngines) {
  for (const std::string& engine : kEngines)
    for (const Include& inc : IncludesUnder(engine))
      EXPECT_TRUE(kEngines.count(TopFolder(inc.target)))
          << inc.file << ":" << inc.line << ": an engine includes " << inc.target;
}

TEST(Layering, IoKnowsNoDomainButThePopulationColumns) {
  for (const Include& inc : IncludesUnder("io")) {
    const std::string top = TopFolder(inc.target);
    EXPECT_TRUE(top == "io" || top == "core" || inc.target == "premium/population.h")
        << inc.file << ":" << inc.line << ": a generic format includes " << inc.target;
  }
}

TEST(Layering, ReadersFeedEnginesOnly) {
  for (const Include& inc : IncludesUnder("readers")) {
    const std::string top = TopFolder(inc.target);
    EXPECT_TRUE(top != "report" && top != "server" && top != "cli" && top != "python")
        << inc.file << ":" << inc.line << ": a reader includes " << inc.target;
  }
}

TEST(Layering, ReportAndServerLoadNoFiles) {
  for (const Include& inc : IncludesUnder("report")) {
    const std::string top = TopFolder(inc.target);
    EXPECT_TRUE(top != "readers" && top != "server" && top != "cli")
        << inc.file << ":" << inc.line << ": the report includes " << inc.target;
  }
  for (const Include& inc : IncludesUnder("server")) {
    const std::string top = TopFolder(inc.target);
    EXPECT_TRUE(top != "cli" && (top != "readers" || inc.target == "readers/household_loader.h"))
        << inc.file << ":" << inc.line << ": the server includes " << inc.target;
  }
}

}  // namespace
