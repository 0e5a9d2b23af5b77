// 法定外繰入 / 赤字削減・解消計画: the deficit definition, the plan flags and the
// 改革工程表 KPI counts on hand-made rows.
#include "finance/deficit.h"

#include <gtest/gtest.h>

namespace kokuho::finance {
namespace {

MunicipalityCode Code(const char* s) { return *MunicipalityCode::TryParse(s); }

DeficitYear Row(const char* code, int year, Yen settlement, Yen policy = 0, Yen past = 0,
                Yen other = 0, Yen kuriage = 0, std::optional<Yen> reduction = std::nullopt) {
  DeficitYear d;
  d.code = Code(code);
  d.year = FiscalYear(year);
  d.settlement = settlement;
  d.policy = policy;
  d.past_deficit = past;
  d.other = other;
  d.kuriage_increase = kuriage;
  d.planned_reduction = reduction;
  d.pos = {"deficits.csv", 2, 0};
  d.reduction_pos = {"deficits.csv", 2, 11};
  return d;
}

const DeficitStatus& Status(const DeficitResult& r, const char* code, int year) {
  for (const auto& s : r.municipalities)
    if (s.row->code == Code(code) && s.row->year.year() == year) return s;
  throw std::out_of_range("row");
}

TEST(Deficit, NationalFy2020TableAddsUp) {
  // MHLW 財政状況 R2 (spec §2.1), ¥100m units: 決算補填目的 12 + 0, 保険者の政策 724 + 4 + 0,
  // 過年度の赤字 9 + 18 → 767; 決算補填等以外 612; 法定外繰入 1,379.
  DeficitYear d = Row("102016", 2020, 12, 728, 27, 612);
  EXPECT_EQ(d.Kessan(), 767);
  EXPECT_EQ(d.NonStatutory(), 1'379);
  // 削減・解消すべき赤字 = 決算補填等目的 + 繰上充用 新規増加分; 決算補填等以外 is not 赤字.
  d.kuriage_increase = 5;
  EXPECT_EQ(d.ToEliminate(), 772);
}

TEST(Deficit, PlanFlags) {
  DeficitInput in;
  // 102016: plan R4 (2022) → R12 (2030): 8 years > 6. Base deficit 100; planned reductions
  // 10 in 2023 and 2024 → planned 90, 80. Actual 95 (2023, behind), 80 (2024, on plan).
  in.rows = {Row("102016", 2022, 60, 40), Row("102016", 2023, 55, 40, 0, 0, 0, 10),
             Row("102016", 2024, 50, 30, 0, 0, 0, 10)};
  in.plans[Code("102016")] = {Code("102016"), FiscalYear(2022), FiscalYear(2030), {}};
  // 102024: deficit in 2022 cleared in 2023 → no plan required in 2022.
  in.rows.push_back(Row("102024", 2022, 5));
  in.rows.push_back(Row("102024", 2023, 0, 0, 0, 30));
  // 102032: a deficit (繰上充用 only) in 2024, nothing later known → plan required ([K]).
  in.rows.push_back(Row("102032", 2024, 0, 0, 0, 0, 7));
  // 102041: plan R5 → R7 (2023 → 2025) clearing 20 by 2025: planned 0 at t+2 → not required.
  in.rows.push_back(Row("102041", 2023, 20));
  in.rows.push_back(Row("102041", 2024, 12, 0, 0, 0, 0, 10));
  in.plans[Code("102041")] = {Code("102041"), FiscalYear(2023), FiscalYear(2025), {}};
  // (2025's 削減予定額 of 10 sits on a row the table does not have: planned stays 10.)
  DeficitResult r = EvaluateDeficits(in);

  const auto& a = Status(r, "102016", 2023);
  EXPECT_EQ(a.planned, 90);
  EXPECT_TRUE(a.behind_schedule);
  EXPECT_TRUE(a.target_over_six_years);
  EXPECT_TRUE(a.plan_in_force);
  EXPECT_TRUE(a.plan_required);
  EXPECT_FALSE(Status(r, "102016", 2024).behind_schedule);
  EXPECT_FALSE(Status(r, "102016", 2022).behind_schedule);  // base year

  EXPECT_FALSE(Status(r, "102024", 2022).plan_required);
  EXPECT_FALSE(Status(r, "102024", 2023).plan_required);  // no deficit
  EXPECT_TRUE(Status(r, "102032", 2024).plan_required);
  EXPECT_TRUE(Status(r, "102041", 2023).plan_required);    // planned 10 at 2025, not 0
  EXPECT_TRUE(Status(r, "102041", 2024).behind_schedule);  // 12 > 20 − 10
  EXPECT_FALSE(Status(r, "102041", 2024).target_over_six_years);

  ASSERT_EQ(r.plans.size(), 2u);
  EXPECT_EQ(r.plans[0].base_deficit, 100);
  EXPECT_EQ(r.plans[0].planned_at_target, 80);
  EXPECT_TRUE(r.plans[0].target_over_six_years);
}

TEST(Deficit, PlanThatClearsByTheSecondYearNeedsNone) {
  DeficitInput in;
  in.rows = {Row("102016", 2022, 20), Row("102016", 2023, 10, 0, 0, 0, 0, 10),
             Row("102016", 2024, 0, 0, 0, 0, 0, 10)};
  in.plans[Code("102016")] = {Code("102016"), FiscalYear(2022), FiscalYear(2024), {}};
  DeficitResult r = EvaluateDeficits(in);
  EXPECT_FALSE(Status(r, "102016", 2022).plan_required);  // actual 0 in 2024
  EXPECT_EQ(r.plans[0].planned_at_target, 0);
}

TEST(Deficit, KpiCountsPerYear) {
  DeficitInput in;
  in.rows = {Row("102016", 2022, 60, 40),      Row("102016", 2023, 0, 0, 0, 9),
             Row("102024", 2022, 0, 0, 0, 30), Row("102024", 2023, 0, 0, 0, 0, 4),
             Row("102032", 2022, 0, 0, 3),     Row("102032", 2023, 0, 0, 2)};
  in.plans[Code("102032")] = {Code("102032"), FiscalYear(2022), FiscalYear(2024), {}};
  DeficitResult r = EvaluateDeficits(in);
  ASSERT_EQ(r.kpis.size(), 2u);
  const DeficitKpiYear& k22 = r.kpis[0];
  EXPECT_EQ(k22.municipalities, 3);
  EXPECT_EQ(k22.kessan_total, 103);         // 60 + 40 + 3
  EXPECT_EQ(k22.non_statutory_total, 133);  // + 30 (決算補填等以外)
  EXPECT_EQ(k22.with_kessan, 2);
  EXPECT_EQ(k22.with_deficit, 2);
  EXPECT_EQ(k22.with_plan, 1);
  const DeficitKpiYear& k23 = r.kpis[1];
  EXPECT_EQ(k23.kessan_total, 2);
  EXPECT_EQ(k23.kuriage_total, 4);
  EXPECT_EQ(k23.to_eliminate_total, 6);
  EXPECT_EQ(k23.with_kessan, 1);
  EXPECT_EQ(k23.with_deficit, 2);  // 102024 by 繰上充用 alone
  EXPECT_EQ(k23.with_plan, 1);
}

TEST(Deficit, PlanErrorsPointAtTheCell) {
  DeficitInput in;
  in.rows = {Row("102016", 2023, 10)};
  in.plans[Code("102016")] = {
      Code("102016"), FiscalYear(2022), FiscalYear(2025), {"deficits.csv", 2, 9}};
  try {
    EvaluateDeficits(in);
    ADD_FAILURE();
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()),
              "deficits.csv:2:9: 計画基準年度: 102016 に 令和4年度 の行がありません");
  }
  in.rows = {Row("102016", 2022, 10), Row("102016", 2023, 10, 0, 0, 0, 0, 11)};
  try {
    EvaluateDeficits(in);
    ADD_FAILURE();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("deficits.csv:2:11: 削減予定額"), std::string::npos);
  }
}

}  // namespace
}  // namespace kokuho::finance
