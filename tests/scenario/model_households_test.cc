// モデル世帯 (scenario/model_households.h, readers/model_households_loader.h): a model
// household's premium under a municipality's 市町村標準保険料率, worked by hand; Σ 分 = 合計
// and the 100円 and cap rules over random households; the default list's 軽減 tiers; and the
// list's bad input at its line and column.
#include "scenario/model_households.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

#include "core/error.h"
#include "readers/model_households_loader.h"
#include "readers/premium_rules_loader.h"

namespace kokuho::scenario {
namespace {

using nofukin::Case;
using nofukin::MunicipalityResult;

// FY2026 (R8): 医療 7.00% / 30,000 / 20,000; 支援 2.00% / 10,000 / 5,000;
// 介護 2.00% / 12,000 / 6,000; 子ども 0.30% / 1,000 / 500 (3方式).
struct Fixture {
  Case c;
  MunicipalityResult m;
  premium::NationalRules rules = LoadNationalRules(2026);

  Fixture() {
    c.prefecture = "テスト県";
    c.fiscal_year = FiscalYear(2026);
    c.parts = {Part::kIryo, Part::kShien, Part::kKaigo, Part::kKodomo};
    m.code = *MunicipalityCode::TryParse("102016");
    m.name = "前橋市";
    Set(Part::kIryo, Rational(7), 30'000, 20'000);
    Set(Part::kShien, Rational(2), 10'000, 5'000);
    Set(Part::kKaigo, Rational(2), 12'000, 6'000);
    Set(Part::kKodomo, Rational(3, 10), 1'000, 500);
  }
  void Set(Part p, Rational percent, Yen per_capita, Yen per_household) {
    nofukin::RateSet& r = m.part(p).municipal_standard;
    r.income_rate_percent = percent;
    r.per_capita = per_capita;
    r.per_household = per_household;
  }
  std::vector<ModelHouseholdPremium> Levy(const std::string& yaml) {
    return ModelHouseholdPremiums(ParseModelHouseholds(yaml, "m.yaml", 2026), m, c, rules);
  }
};

Yen Part_(const ModelHouseholdPremium& p, Part part) { return p.parts[static_cast<int>(part)]; }

TEST(ModelHouseholds, WorkedExamplesByHand) {
  Fixture f;
  const auto rows = f.Levy(R"(households:
  - label: 30歳の単身
    members:
      - {head: true, age: 30, income: {salary_revenue: 3000000}}
  - label: 年金の夫婦
    members:
      - {head: true, age: 70, income: {pension_revenue: 2200000}}
      - {age: 68, income: {pension_revenue: 900000}}
  - label: 事業所得1000万円
    members:
      - {head: true, age: 45, income: {business: 10000000}}
)");
  ASSERT_EQ(rows.size(), 3u);

  // 30歳の単身, 給与収入 300万 (2025年): 給与所得控除 300万 × 30% + 8万 = 98万 → 給与所得 202万;
  // 所得割の基礎 202万 − 基礎控除 43万 = 159万. 軽減判定 202万 > 2割 43万 + 57万 × 1 = 100万
  // → なし. No 介護分 (under 40). Each 分 truncated below 100円:
  //   医療 1,590,000 × 7%   = 111,300 + 30,000 + 20,000 = 161,300
  //   支援 1,590,000 × 2%   =  31,800 + 10,000 +  5,000 =  46,800
  //   子ども 1,590,000 × 0.3% = 4,770 + 1,000 + 500 = 6,270 → 6,200
  //   合計 214,300
  EXPECT_EQ(rows[0].label, "30歳の単身");
  EXPECT_EQ(rows[0].tier, 0);
  EXPECT_EQ(Part_(rows[0], Part::kIryo), 161'300);
  EXPECT_EQ(Part_(rows[0], Part::kShien), 46'800);
  EXPECT_EQ(Part_(rows[0], Part::kKaigo), 0);
  EXPECT_EQ(Part_(rows[0], Part::kKodomo), 6'200);
  EXPECT_EQ(rows[0].total, 214'300);

  // 年金の夫婦 (70歳・68歳): 公的年金等所得 220万 − 110万 = 110万 and 0 (90万 < 110万);
  // 所得割の基礎 110万 − 43万 = 67万. 軽減判定 110万 − 15万 (65歳以上) = 95万:
  // > 7割 43万, ≤ 5割 43万 + 31万 × 2 = 105万 → 5割 (均等割・平等割 × 0.5):
  //   医療 670,000 × 7%   = 46,900 + 60,000 × 0.5 + 20,000 × 0.5 = 86,900
  //   支援 670,000 × 2%   = 13,400 + 20,000 × 0.5 +  5,000 × 0.5 = 25,900
  //   子ども 670,000 × 0.3% = 2,010 + 2,000 × 0.5 + 500 × 0.5 = 3,260 → 3,200
  //   合計 116,000
  EXPECT_EQ(rows[1].tier, 2);
  EXPECT_EQ(Part_(rows[1], Part::kIryo), 86'900);
  EXPECT_EQ(Part_(rows[1], Part::kShien), 25'900);
  EXPECT_EQ(Part_(rows[1], Part::kKaigo), 0);
  EXPECT_EQ(Part_(rows[1], Part::kKodomo), 3'200);
  EXPECT_EQ(rows[1].total, 116'000);

  // 事業所得 1,000万 (45歳): 所得割の基礎 1,000万 − 43万 = 957万; caps (FY2026):
  //   医療 9,570,000 × 7% = 669,900 + 30,000 + 20,000 = 719,900 → 限度額 670,000
  //   支援 9,570,000 × 2% = 191,400 + 10,000 + 5,000 = 206,400 (≤ 260,000)
  //   介護 9,570,000 × 2% = 191,400 + 12,000 + 6,000 = 209,400 → 限度額 170,000
  //   子ども 9,570,000 × 0.3% = 28,710 + 1,000 + 500 = 30,210 → 限度額 30,000
  //   合計 1,076,400
  EXPECT_EQ(rows[2].tier, 0);
  EXPECT_EQ(Part_(rows[2], Part::kIryo), 670'000);
  EXPECT_EQ(Part_(rows[2], Part::kShien), 206'400);
  EXPECT_EQ(Part_(rows[2], Part::kKaigo), 170'000);
  EXPECT_EQ(Part_(rows[2], Part::kKodomo), 30'000);
  EXPECT_EQ(rows[2].total, 1'076'400);
}

// Over random households and rates: 合計 = Σ 分 to the yen, each 分 a multiple of 100 and
// at most its cap, a 分 not in the case is 0.
TEST(ModelHouseholds, TotalIsTheSumOfThePartsOverRandomHouseholds) {
  Fixture f;
  std::mt19937 rng(15);
  auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  for (int trial = 0; trial < 200; ++trial) {
    for (Part p : f.c.parts)
      f.Set(p, Rational(pick(0, 1200), 100), pick(0, 60) * 1000, pick(0, 40) * 1000);
    std::string yaml = "households:\n  - label: x\n    members:\n";
    const int n = pick(1, 5);
    for (int k = 0; k < n; ++k)
      yaml += "      - {" + std::string(k == 0 ? "head: true, " : "") +
              "age: " + std::to_string(pick(0, 74)) +
              ", income: {salary_revenue: " + std::to_string(pick(0, 200) * 50'000) +
              ", pension_revenue: " + std::to_string(pick(0, 60) * 50'000) + "}}\n";
    const auto rows = f.Levy(yaml);
    ASSERT_EQ(rows.size(), 1u);
    Yen sum = 0;
    for (Part p : kAllParts) {
      const Yen v = Part_(rows[0], p);
      sum += v;
      EXPECT_EQ(v % 100, 0) << yaml;
      EXPECT_GE(v, 0);
      EXPECT_LE(v, f.rules.caps[static_cast<int>(p)]) << PartLabel(p) << "\n" << yaml;
    }
    EXPECT_EQ(rows[0].total, sum) << yaml;
  }
}

// The default list (data/handout/model_households.yaml) shows the tiers its comments derive
// under the FY2026 thresholds, and the 介護分 only for the household of 40代.
TEST(ModelHouseholds, TheDefaultListShowsEachTierAndTheKaigoPart) {
  Fixture f;
  const auto list = LoadModelHouseholds(kDefaultModelHouseholds, 2026);
  ASSERT_EQ(list.size(), 4u);
  const auto rows = ModelHouseholdPremiums(list, f.m, f.c, f.rules);
  EXPECT_EQ(rows[0].tier, 1);  // 2割
  EXPECT_EQ(rows[1].tier, 2);  // 5割
  EXPECT_EQ(rows[2].tier, 3);  // 7割
  EXPECT_EQ(rows[3].tier, 0);  // なし
  EXPECT_GT(Part_(rows[0], Part::kKaigo), 0);
  for (std::size_t k = 1; k < rows.size(); ++k) EXPECT_EQ(Part_(rows[k], Part::kKaigo), 0);
}

TEST(ModelHouseholds, RulesOfAnotherYearAreRefused) {
  Fixture f;
  f.c.fiscal_year = FiscalYear(2027);
  EXPECT_THROW(f.Levy("households:\n  - label: a\n    members:\n      - {head: true, age: 30}\n"),
               CalculationError);
}

std::string Error(const std::string& yaml) {
  try {
    ParseModelHouseholds(yaml, "m.yaml", 2026);
  } catch (const InputError& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(ModelHouseholdsLoader, BadListsAreRefusedAtTheirPosition) {
  EXPECT_NE(Error("").find("m.yaml:1:1"), std::string::npos);
  EXPECT_NE(Error("households: []\n").find("m.yaml:1:13: households: モデル世帯は1世帯以上8世帯"),
            std::string::npos)
      << Error("households: []\n");
  // No label; the label given twice; a municipality; a household error with its path.
  const std::string member = "    members:\n      - {head: true, age: 30}\n";
  EXPECT_NE(Error("households:\n  - members:\n      - {head: true, age: 30}\n").find("label"),
            std::string::npos);
  const std::string twice =
      Error("households:\n  - label: a\n" + member + "  - label: a\n" + member);
  EXPECT_NE(twice.find("m.yaml:5:12: households[1].label: 「a」はすでに使われています"),
            std::string::npos)
      << twice;
  const std::string code =
      Error("households:\n  - label: a\n    municipality: \"102016\"\n" + member);
  EXPECT_NE(code.find("m.yaml:3:19: households[0].municipality"), std::string::npos) << code;
  const std::string age =
      Error("households:\n  - label: a\n    members:\n      - {head: true, age: 80}\n");
  EXPECT_NE(age.find("m.yaml:4:"), std::string::npos) << age;
  EXPECT_NE(age.find("households[0].members[0]"), std::string::npos) << age;
  const std::string unknown = Error("households:\n  - label: a\n    color: red\n" + member);
  EXPECT_NE(unknown.find("m.yaml:3:5"), std::string::npos) << unknown;
}

}  // namespace
}  // namespace kokuho::scenario
