// Adding a fiscal year is adding dated values to data files and nothing else
// (docs/parameters.md): FY2027 added to a copy of data/premium/national.yaml levies a
// household under the new 賦課限度額, with no change in code. Without the added year, FY2027
// is refused unless carried forward, and then every output notes it.
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <fstream>

#include "../io/io_test_util.h"
#include "../premium/premium_fixtures.h"
#include "premium/levy_kernel.h"
#include "premium/prepare.h"
#include "readers/premium_rules_loader.h"

namespace kokuho {
namespace {

using premium::testing::PersonAged;
using premium::testing::SimpleSchedule;

const std::string kNational = std::string(KOKUHO_SOURCE_DIR) + "/data/premium/national.yaml";

// One 45-year-old with a 給与収入 of 30,000,000: every 分 reaches its cap.
premium::Household RichHousehold(int fy) {
  premium::Household h;
  h.id = "1";
  premium::Person p = PersonAged(fy, 45);
  p.head = true;
  p.income.salary_revenue = 30'000'000;
  h.members.push_back(p);
  return h;
}

premium::LevyResult Levy(int fy, const premium::NationalRules& rules) {
  premium::RateSchedule s = SimpleSchedule(fy);
  return premium::LevyHousehold(premium::Prepare(RichHousehold(fy), rules, 0, nullptr),
                                premium::Compile(s, rules));
}

TEST(ParameterYear, Fy2027IsRefusedUnlessCarriedForward) {
  EXPECT_THROW(LoadNationalRules(2027), YearNotKnownError);
  try {
    LoadNationalRules(2027);
  } catch (const YearNotKnownError& e) {
    const std::string m = e.what();
    EXPECT_NE(m.find("data/premium/national.yaml"), std::string::npos) << m;
    EXPECT_NE(m.find("--carry-forward"), std::string::npos) << m;
    EXPECT_NE(m.find("令和9年度"), std::string::npos) << m;
  }
  const premium::NationalRules carried = LoadNationalRules(2027, "", YearPolicy{true});
  EXPECT_TRUE(carried.notes.AnyCarriedForward());
  EXPECT_EQ(carried.caps[0], 670'000);  // FY2026's 医療分 cap, carried
  // Every carried series is named once; the lines say so in Japanese.
  const std::vector<std::string> lines = carried.notes.Lines();
  ASSERT_FALSE(lines.empty());
  EXPECT_NE(lines.front().find("引き継いで"), std::string::npos) << lines.front();
  // FY2026 itself needs no option and carries nothing.
  EXPECT_FALSE(LoadNationalRules(2026).notes.AnyCarriedForward());
}

TEST(ParameterYear, AddingFy2027IsDataOnly) {
  // The copy: FY2027 caps (医療分 690,000, an invented figure for the test) and
  // known_through moved to 2027; everything else is carried by the from-semantics of the
  // series that do not change.
  YAML::Node root = YAML::LoadFile(kNational);
  YAML::Node entry;
  entry["from"] = 2027;
  entry["iryo"] = 690000;
  entry["shien"] = 260000;
  entry["kaigo"] = 170000;
  entry["kodomo"] = 30000;
  entry["confirmed"] = false;
  entry["source"] = "test: an invented FY2027 entry";
  root["caps"]["values"].push_back(entry);
  root["known_through"] = 2027;
  io_test::TempDir dir;
  const std::string copy = dir.Path("national.yaml");
  {
    std::ofstream out(copy);
    out << YAML::Dump(root) << "\n";
  }
  const premium::NationalRules r2027 = LoadNationalRules(2027, copy);
  EXPECT_FALSE(r2027.notes.AnyCarriedForward());
  EXPECT_EQ(r2027.caps[0], 690'000);
  // The unconfirmed test entry is noted like any unconfirmed value.
  bool noted = false;
  for (const std::string& u : r2027.unconfirmed)
    noted = noted || u == "賦課限度額 (円, 分ごと) (令和9年度から)";
  EXPECT_TRUE(noted);

  // The household reaches every cap: 医療分 690,000 in FY2027 against 670,000 in FY2026.
  const premium::LevyResult l2027 = Levy(2027, r2027);
  const premium::LevyResult l2026 = Levy(2026, LoadNationalRules(2026, copy));
  EXPECT_EQ(l2027.parts[0].amount, 690'000);
  EXPECT_EQ(l2026.parts[0].amount, 670'000);
  EXPECT_EQ(l2027.parts[1].amount, 260'000);
}

}  // namespace
}  // namespace kokuho
