// The モデル世帯 table of the 説明資料 (report/model_household_tables.h): columns, the
// previous year's 合計 and 増減 (= 合計 − 前年度, by hand), the xlsx formulas, a
// municipality missing from the previous year, and the page's note.
#include "report/model_household_tables.h"

#include <gtest/gtest.h>

#include "readers/model_households_loader.h"
#include "readers/premium_rules_loader.h"

namespace kokuho {
namespace {

using nofukin::Case;
using nofukin::MunicipalityResult;
using nofukin::Result;

MunicipalityResult Municipality(const char* code, const char* name, Yen per_capita) {
  MunicipalityResult m;
  m.code = *MunicipalityCode::TryParse(code);
  m.name = name;
  for (Part p : kAllParts) {
    m.part(p).municipal_standard.income_rate_percent = Rational(0);
    m.part(p).municipal_standard.per_capita = per_capita;
    m.part(p).municipal_standard.per_household = 0;
  }
  return m;
}

TEST(ModelHouseholdTable, PreviousYearTotalsAndTheirChange) {
  // Two FY2026 cases (R8 against itself as the "previous year", to keep the rules known):
  // only 均等割 (no 所得割, no 平等割), 1 person aged 30 with no income → 7割軽減, no 介護分.
  //   this year: 均等割 10,000 per 分 → 3,000 each (10,000 × 0.3); 医療・支援・子ども → 9,000
  //   previous:  均等割 20,000 per 分 → 6,000 each → 18,000; 増減 9,000 − 18,000 = −9,000
  Case c;
  c.fiscal_year = FiscalYear(2026);
  c.parts = {Part::kIryo, Part::kShien, Part::kKaigo, Part::kKodomo};
  Result r, prev;
  r.fiscal_year = prev.fiscal_year = FiscalYear(2026);
  r.municipalities = {Municipality("102016", "前橋市", 10'000),
                      Municipality("102024", "高崎市", 10'000)};
  prev.municipalities = {Municipality("102016", "前橋市", 20'000)};  // 高崎市 absent
  const auto households = ParseModelHouseholds(
      "households:\n  - label: 無所得の単身\n    members:\n      - {head: true, age: 30}\n",
      "m.yaml", 2026);
  const premium::NationalRules rules = LoadNationalRules(2026);
  HandoutModelHouseholds model{&households, &rules, &c, &households, &rules};

  const ReportTable t = ModelHouseholdTable(model, c, r, &prev, 0);
  EXPECT_EQ(t.header, (std::vector<std::string>{"モデル世帯", "軽減", "医療分", "支援分", "介護分",
                                                "子ども分", "合計", "前年度 合計", "増減"}));
  ASSERT_EQ(t.rows.size(), 1u);
  const auto& row = t.rows[0];
  EXPECT_EQ(row[0].text, "無所得の単身");
  EXPECT_EQ(row[1].text, "7割");
  EXPECT_EQ(row[2].integer, 3'000);
  EXPECT_EQ(row[4].integer, 0);  // 介護分: nobody 40–64
  EXPECT_EQ(row[5].integer, 3'000);
  EXPECT_EQ(row[6].integer, 9'000);  // 医療 + 支援 + 子ども
  EXPECT_EQ(row[6].formula, "=SUM(C{row}:F{row})");
  EXPECT_EQ(row[7].integer, 18'000);
  EXPECT_EQ(row[8].integer, -9'000);
  EXPECT_EQ(row[8].formula, "=G{row}-H{row}");

  // The files' table: every municipality, 高崎市 without a previous year.
  const ReportTable all = ModelHouseholdsAllTable(model, c, r, &prev);
  ASSERT_EQ(all.rows.size(), 2u);
  EXPECT_EQ(all.rows[1][1].text, "高崎市");
  EXPECT_EQ(all.rows[1][9].kind, ReportCell::kEmpty);
  EXPECT_EQ(all.rows[1][10].kind, ReportCell::kEmpty);
  EXPECT_EQ(all.rows[0][8].formula, "=SUM(E{row}:H{row})");

  // Without the previous year: no 前年度 columns; the note says it is a 試算.
  const ReportTable alone = ModelHouseholdTable(model, c, r, nullptr, 0);
  EXPECT_EQ(alone.header.back(), "合計");
  const std::string note = ModelHouseholdNote(c, false);
  EXPECT_NE(note.find("試算"), std::string::npos);
  EXPECT_NE(note.find("実際の保険料率による額ではありません"), std::string::npos);
}

}  // namespace
}  // namespace kokuho
