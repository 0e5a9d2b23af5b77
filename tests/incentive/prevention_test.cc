// 予防・健康づくり支援交付金 事業費連動分 (`kokuho incentive allocate`): a worked example by
// hand with the R7 cap, the same data without a cap (R3 rule), invariants over random
// prefectures, the rule file (years, carried-forward rules, bad files) and the data table's
// errors at file:line:column, and the command writing nothing on bad input.
#include "incentive/prevention.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <random>
#include <string>

#include "../cli_runner.h"
#include "../io/io_test_util.h"
#include "readers/prevention_loader.h"

namespace kokuho {
namespace {

using incentive::AllocatePrevention;
using incentive::PreventionBody;
using incentive::PreventionRule;
using io_test::TempDir;
using io_test::WriteBytes;

PreventionBody Body(const char* code, std::int64_t points, std::int64_t insured, Yen project) {
  PreventionBody b;
  b.code = code;
  b.points = Rational(points);
  b.insured = insured;
  b.project_grant = project;
  return b;
}

PreventionRule CapTwice() {
  PreventionRule r;
  r.from = FiscalYear(2025);
  r.cap_multiple = Rational(2);
  return r;
}

TEST(PreventionAllocation, WorkedExampleWithTheR7Cap) {
  // Budget 1,200 yen. 総得点 = 点数 × 被保険者数: A 10 × 60 = 600, B 10 × 30 = 300,
  // C 5 × 60 = 300 (Σ 1,200). Before the cap: 600 / 300 / 300.
  // Caps 2 × 事業費分: A 2 × 200 = 400, B 2 × 500 = 1,000, C 2 × 500 = 1,000.
  // A is above its cap → 400; the 800 left go to B and C 300 : 300 → 400 / 400.
  std::vector<PreventionBody> bodies = {Body("01", 10, 60, 200), Body("02", 10, 30, 500),
                                        Body("03", 5, 60, 500)};
  auto a = AllocatePrevention(CapTwice(), bodies, 1200);
  EXPECT_EQ(a.uncapped, (std::vector<Yen>{600, 300, 300}));
  EXPECT_EQ(a.caps[0], 400);
  EXPECT_EQ(a.grants, (std::vector<Yen>{400, 400, 400}));
  EXPECT_EQ(a.at_cap, (std::vector<bool>{true, false, false}));
  EXPECT_EQ(a.weights[2], Rational(300));

  // The R3 rule (no cap): the grants are the proportional shares.
  PreventionRule none;
  auto b = AllocatePrevention(none, bodies, 1200);
  EXPECT_EQ(b.grants, (std::vector<Yen>{600, 300, 300}));
  EXPECT_FALSE(b.caps[0].has_value());

  // Redistribution can push a second prefecture to its cap: with B's cap 2 × 150 = 300,
  // B is fixed at 300 in round 2 and C takes the remaining 500.
  bodies[1].project_grant = 150;
  auto c = AllocatePrevention(CapTwice(), bodies, 1200);
  EXPECT_EQ(c.grants, (std::vector<Yen>{400, 300, 500}));
  EXPECT_EQ(c.at_cap, (std::vector<bool>{true, true, false}));
}

TEST(PreventionAllocation, RefusesWhatCannotBeShared) {
  // Caps 2 × (100 + 100) = 400 < budget 1,000.
  std::vector<PreventionBody> small = {Body("01", 1, 1, 100), Body("02", 1, 1, 100)};
  EXPECT_THROW(AllocatePrevention(CapTwice(), small, 1000), CalculationError);
  // Every 総得点 zero.
  std::vector<PreventionBody> zero = {Body("01", 0, 10, 1000)};
  EXPECT_THROW(AllocatePrevention(CapTwice(), zero, 100), CalculationError);
  // The only prefecture below its cap has 0 points: 600 yen would stay unshared.
  std::vector<PreventionBody> stuck = {Body("01", 5, 10, 200), Body("02", 0, 10, 1000)};
  EXPECT_THROW(AllocatePrevention(CapTwice(), stuck, 1000), CalculationError);
}

TEST(PreventionAllocation, InvariantsOverRandomPrefectures) {
  std::mt19937_64 rng(2025);
  for (int trial = 0; trial < 300; ++trial) {
    const int n = 1 + static_cast<int>(rng() % 47);
    std::vector<PreventionBody> bodies;
    Yen cap_sum = 0;
    for (int i = 0; i < n; ++i) {
      bodies.push_back(Body("01", 1 + static_cast<std::int64_t>(rng() % 100),
                            1 + static_cast<std::int64_t>(rng() % 2'000'000),
                            static_cast<Yen>(rng() % 1'000'000'000)));
      cap_sum += 2 * *bodies.back().project_grant;
    }
    const Yen budget = static_cast<Yen>(rng() % (cap_sum + 1));
    auto a = AllocatePrevention(CapTwice(), bodies, budget);
    Yen sum = 0, uncapped = 0;
    for (int i = 0; i < n; ++i) {
      EXPECT_LE(a.grants[i], *a.caps[i]);  // no grant above 2 × 事業費分
      EXPECT_GE(a.grants[i], 0);
      // A prefecture below its cap never gets less than its share before the cap
      // (redistribution only adds), to within the yen rounding.
      if (!a.at_cap[i]) {
        EXPECT_GE(a.grants[i] + 1, a.uncapped[i]);
      }
      sum += a.grants[i];
      uncapped += a.uncapped[i];
    }
    EXPECT_EQ(sum, budget) << "trial " << trial;  // Σ = budget, to the yen
    EXPECT_EQ(uncapped, budget);
  }
}

// --- rule file ---

TEST(PreventionRuleFile, EmbeddedRulesByYear) {
  PreventionRule r7 = LoadPreventionRule(FiscalYear(2025));
  ASSERT_TRUE(r7.cap_multiple.has_value());
  EXPECT_EQ(*r7.cap_multiple, Rational(2));
  EXPECT_TRUE(r7.confirmed);
  EXPECT_TRUE(r7.notes.empty());
  // R8 lies past the file's known_through (R7): refused unless carried forward, and then
  // unconfirmed for R8 with a note every output prints.
  EXPECT_THROW(LoadPreventionRule(FiscalYear(2026)), YearNotKnownError);
  PreventionRule r8 = LoadPreventionRule(FiscalYear(2026), YearPolicy{true});
  EXPECT_EQ(r8.from, FiscalYear(2025));
  EXPECT_FALSE(r8.confirmed);
  EXPECT_TRUE(r8.notes.AnyCarriedForward());
  PreventionRule r3 = LoadPreventionRule(FiscalYear(2021));
  EXPECT_FALSE(r3.cap_multiple.has_value());
  EXPECT_TRUE(r3.confirmed);
  // R5 uses the R3 rule, which no source restates for R5: unconfirmed.
  PreventionRule r5 = LoadPreventionRule(FiscalYear(2023));
  EXPECT_FALSE(r5.cap_multiple.has_value());
  EXPECT_FALSE(r5.confirmed);
  EXPECT_FALSE(r5.notes.empty());
  // Before R2 the 事業費連動分 did not exist.
  EXPECT_THROW(LoadPreventionRule(FiscalYear(2019)), InputError);
}

void ExpectRuleError(const std::string& yaml, const std::string& where) {
  try {
    ParsePreventionRule(yaml, "p.yaml", FiscalYear(2025));
    ADD_FAILURE() << "accepted: " << yaml;
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find(where), std::string::npos) << e.what();
  }
}

TEST(PreventionRuleFile, BadFilesNameTheirPlace) {
  const std::string head =
      "known_through: R7\n"                                         // 1
      "sharing_rule:\n"                                             // 2
      "  values:\n"                                                 // 3
      "    - {from: R2, cap: none, confirmed: true, source: s}\n";  // 4
  ExpectRuleError(head +
                      "    - {from: R7, cap_multiple_of_projct_grant: 2, confirmed: true, "
                      "source: s}\n",
                  "p.yaml:5:18");  // misspelt key
  ExpectRuleError(head + "    - {from: R2, cap: none, confirmed: true, source: s}\n",
                  "古い順に書いてください");
  ExpectRuleError(head +
                      "    - {from: R7, cap: none, cap_multiple_of_project_grant: 2, "
                      "confirmed: true, source: s}\n",
                  "どちらか一方だけを書いてください");
  ExpectRuleError(head + "    - {from: R7, cap: 2, confirmed: true, source: s}\n",
                  "p.yaml:5:23: sharing_rule.cap: none だけが使えます");
  ExpectRuleError(head + "    - {from: X7, cap: none, confirmed: true, source: s}\n",
                  "p.yaml:5:14");
  ExpectRuleError(head + "    - {from: R7, cap: none, confirmed: yes please, source: s}\n",
                  "p.yaml:5:");
  ExpectRuleError(head + "sharing_rule: {values: []}\n", "p.yaml:5");  // duplicate key
  ExpectRuleError(head + "other_rule: {values: [{from: R2, confirmed: true, source: s}]}\n",
                  "p.yaml:5:1: 系列 「other_rule」は使えません");
  ExpectRuleError(
      "sharing_rule:\n  values:\n    - {from: R2, cap: none, confirmed: true, "
      "source: s}\n",
      "known_through がありません");
}

// --- data table ---

void ExpectDataError(const std::string& csv, const std::string& where) {
  TempDir dir;
  const std::string path = dir.Path("d.csv");
  WriteBytes(path, csv);
  try {
    LoadPreventionData(path, CapTwice());
    ADD_FAILURE() << "accepted: " << csv;
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find(path + where), std::string::npos) << e.what();
  }
}

TEST(PreventionData, ReadsCodesNamesAndAmounts) {
  TempDir dir;
  const std::string path = dir.Path("d.csv");
  // 全角 digits, the prefecture's 6-digit 団体コード, thousands separators.
  WriteBytes(path,
             "都道府県コード,都道府県名,点数,被保険者数,事業費分交付額\n"
             "１０,群馬県,４５.5,\"300,000\",120000000\n100005,重複?,1,1,1\n");
  EXPECT_THROW(LoadPreventionData(path, CapTwice()), InputError);  // 10 twice
  WriteBytes(path,
             "都道府県コード,都道府県名,点数,被保険者数,事業費分交付額\n"
             "１０,群馬県,４５.5,\"300,000\",120000000\n130001,東京都,1,1,1\n");
  auto bodies = LoadPreventionData(path, CapTwice());
  ASSERT_EQ(bodies.size(), 2u);
  EXPECT_EQ(bodies[0].code, "10");
  EXPECT_EQ(bodies[0].points, Rational(91, 2));
  EXPECT_EQ(bodies[0].insured, 300000);
  EXPECT_EQ(*bodies[0].project_grant, 120000000);
  EXPECT_EQ(bodies[1].code, "13");
}

TEST(PreventionData, ReadsCp932WithoutCap) {
  // A CP932 file (as Excel saves it) and the R3 rule: no 事業費分交付額 column needed.
  TempDir dir;
  const std::string path = dir.Path("d.csv");
  WriteBytes(path, io_test::ToCp932("都道府県コード,都道府県名,点数,被保険者数\n"
                                    "09,栃木県,20,250000\n10,群馬県,30,300000\n"));
  const PreventionRule r3 = LoadPreventionRule(FiscalYear(2021));
  auto bodies = LoadPreventionData(path, r3);
  ASSERT_EQ(bodies.size(), 2u);
  EXPECT_EQ(bodies[1].name, "群馬県");
  EXPECT_FALSE(bodies[1].project_grant.has_value());
  // 総得点 5,000,000 : 9,000,000 of a budget of 1,400 yen → 500 / 900.
  EXPECT_EQ(AllocatePrevention(r3, bodies, 1400).grants, (std::vector<Yen>{500, 900}));
}

TEST(PreventionData, BadCellsNameTheirPlace) {
  const std::string h = "都道府県コード,点数,被保険者数,事業費分交付額\n";
  ExpectDataError(h + "48,1,1,1\n", ":2:1");      // no such prefecture
  ExpectDataError(h + "102016,1,1,1\n", ":2:1");  // a municipality, not a prefecture
  ExpectDataError(h + "01,-1,1,1\n", ":2:2");     // negative points
  ExpectDataError(h + "01,1,0,1\n", ":2:3");      // no insured
  ExpectDataError(h + "01,1,1,\n", ":2:4");       // the cap needs 事業費分
  ExpectDataError(h + "01,1,1,1.5\n", ":2:4");    // a fraction of a yen
  ExpectDataError("都道府県コード,点数,被保険者数\n01,1,1\n", ":1: 列 事業費分交付額 がありません");
  ExpectDataError("都道府県コード,点数,被保険者数,事業費分交付額,備考\n01,1,1,1,x\n",
                  ":1:5: 見出し 備考 はこの表では使えません");
}

// --- the command ---

const std::string kSample = std::string(KOKUHO_SOURCE_DIR) + "/examples/incentive-sample";

TEST(PreventionCli, AllocatesTheSampleAndWritesNothingOnBadInput) {
  TempDir dir;
  const std::string out = dir.Path("out");
  int status = -1;
  std::string text = testing::RunKokuho("incentive allocate " + kSample +
                                            "/prevention_r7.csv --year R7 --budget 1000000000 "
                                            "--out " +
                                            out,
                                        &status);
  ASSERT_EQ(status, 0) << text;
  EXPECT_NE(text.find("事業費分交付額の 2 倍を上限"), std::string::npos) << text;
  auto json = nlohmann::json::parse(io_test::ReadBytes(out + "/incentive_prevention.json"));
  long long sum = 0;
  for (const auto& p : json["prefectures"]) {
    sum += p["grant_yen"].get<long long>();
    EXPECT_LE(p["grant_yen"].get<long long>(), p["cap_yen"].get<long long>());
  }
  EXPECT_EQ(sum, 1000000000LL);
  // 架空E県, the one prefecture below its cap, takes what the others could not.
  EXPECT_EQ(json["prefectures"][4]["grant_yen"], 100000000);
  EXPECT_TRUE(std::filesystem::exists(out + "/incentive_prevention.csv"));
  EXPECT_TRUE(std::filesystem::exists(out + "/incentive_prevention.xlsx"));

  // R8 lies past the rule file's known_through: refused, naming --carry-forward.
  text = testing::RunKokuho(
      "incentive allocate " + kSample + "/prevention_r7.csv --year R8 --budget 1000000000",
      &status);
  EXPECT_EQ(status, 1) << text;
  EXPECT_NE(text.find("--carry-forward"), std::string::npos) << text;
  // With --carry-forward: the R7 rule, and the output says it is not confirmed for R8.
  text = testing::RunKokuho("incentive allocate " + kSample +
                                "/prevention_r7.csv --year R8 --budget 1000000000 --carry-forward",
                            &status);
  ASSERT_EQ(status, 0) << text;
  EXPECT_NE(text.find("確認されていません"), std::string::npos) << text;
  EXPECT_NE(text.find("引き継いで"), std::string::npos) << text;

  // A budget above Σ caps (1,020,000,000) cannot be shared: an error, nothing written.
  const std::string out2 = dir.Path("out2");
  text = testing::RunKokuho("incentive allocate " + kSample +
                                "/prevention_r7.csv --year R7 --budget 2000000000 --out " + out2,
                            &status);
  EXPECT_NE(status, 0) << text;
  EXPECT_FALSE(std::filesystem::exists(out2));
}

}  // namespace
}  // namespace kokuho
