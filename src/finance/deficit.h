// 法定外一般会計繰入 and 赤字削減・解消計画: per 市町村 and year, the deficit to be
// eliminated, the plan's schedule, and the 改革工程表 KPIs (docs/finance-format.md).
//
// 削減・解消すべき赤字 = 決算補填等目的の法定外一般会計繰入金 + 繰上充用金の新規増加分
// (「国民健康保険保険者の赤字削減・解消計画の策定等について」平成30年1月29日 保国発0129第2号,
// as summarised by Hokkaido and Saga [V]). 決算補填等目的 is the sum of the MHLW groups
// 決算補填目的, 保険者の政策によるもの and 過年度の赤字によるもの (MHLW 財政状況 R2 [V]);
// 決算補填等以外の目的 is 法定外繰入 but not 赤字.
//
//   finance::DeficitInput in = LoadDeficits("examples/gunma-finance/deficits.csv");
//   finance::DeficitResult r = finance::EvaluateDeficits(in);
//   for (const auto& k : r.kpis) … k.kessan_total, k.with_kessan, k.with_plan …
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/fiscal_year.h"
#include "core/municipality_code.h"
#include "core/yen.h"

namespace kokuho::finance {

/// One 市町村's 決算 figures for one fiscal year.
struct DeficitYear {
  MunicipalityCode code;
  FiscalYear year{2018};
  // 決算補填等目的 (MHLW classification, docs/finance-format.md):
  Yen settlement = 0;  ///< 決算補填目的 (保険料の収納不足, 高額療養費貸付金)
  Yen policy = 0;  ///< 保険者の政策によるもの (負担緩和, 任意給付, 地単の軽減)
  Yen past_deficit = 0;  ///< 過年度の赤字によるもの (累積赤字補填, 公債費・借入金利息)
  // Not 赤字:
  Yen other = 0;  ///< 決算補填等以外の目的 (減免, 地単波及, 保健事業, 直診, 基金積立 …)
  Yen kuriage_increase = 0;              ///< 繰上充用金の新規増加分
  std::optional<Yen> planned_reduction;  ///< 削減予定額 planned for this year
  SourcePos pos;                         ///< the row
  SourcePos reduction_pos;               ///< the 削減予定額 cell

  /// 決算補填等目的の法定外繰入 = settlement + policy + past_deficit.
  Yen Kessan() const { return settlement + policy + past_deficit; }
  /// 法定外繰入 in total = Kessan() + other.
  Yen NonStatutory() const { return Kessan() + other; }
  /// 削減・解消すべき赤字 = Kessan() + kuriage_increase.
  Yen ToEliminate() const { return Kessan() + kuriage_increase; }
};

/// A 赤字削減・解消計画: its base year (the year whose deficit it plans away) and its
/// 解消目標年度; the yearly 削減予定額 sit on the DeficitYear rows.
struct DeficitPlan {
  MunicipalityCode code;
  FiscalYear base_year{2018};
  FiscalYear target_year{2018};
  SourcePos pos;  ///< the 計画基準年度 cell
};

struct DeficitInput {
  std::vector<DeficitYear>
      rows;  ///< by code, then year (the loader keeps each 市町村's years in order)
  std::map<MunicipalityCode, DeficitPlan> plans;
  std::map<MunicipalityCode, std::string> names;
  std::string file;
};

/// The derived status of one 市町村 in one year.
struct DeficitStatus {
  const DeficitYear* row = nullptr;
  std::optional<Yen> planned;  ///< the plan's deficit for the year (base − Σ 削減予定額)
  bool plan_in_force = false;  ///< base_year ≤ year ≤ target_year
  /// A deficit exists and is not expected to be cleared by t+2 (翌々年度, Hokkaido [V]):
  /// not cleared in the actuals of t+1 or t+2, nor planned to be 0 by t+2.
  bool plan_required = false;
  bool target_over_six_years = false;  ///< target_year − base_year > 6 (Hokkaido [V]; count [K])
  bool behind_schedule = false;        ///< actual 削減・解消すべき赤字 > planned
};

/// 改革工程表2022 KPIs for one year (docs/finance-format.md [V]), over the rows of that year.
struct DeficitKpiYear {
  FiscalYear year{2018};
  int municipalities = 0;  ///< rows in the year
  Yen kessan_total = 0;    ///< Σ 決算補填等目的 (KPI: below FY2020 ¥76.7bn nationally)
  Yen non_statutory_total = 0;  ///< Σ 法定外繰入
  Yen kuriage_total = 0;        ///< Σ 繰上充用 新規増加分
  Yen to_eliminate_total = 0;   ///< Σ 削減・解消すべき赤字
  int with_kessan = 0;      ///< 市町村 with 決算補填等目的 繰入 > 0 (KPI: 100 → 50)
  int with_deficit = 0;     ///< 市町村 with 削減・解消すべき赤字 > 0
  int with_plan = 0;        ///< 市町村 with a plan in force
  int plan_required = 0;    ///< 市町村 that need a plan
  int behind_schedule = 0;  ///< 市町村 behind their plan
};

struct PlanSummary {
  const DeficitPlan* plan = nullptr;
  Yen base_deficit = 0;       ///< 削減・解消すべき赤字 in the base year
  Yen planned_at_target = 0;  ///< what the schedule leaves in the target year (0 = cleared)
  bool target_over_six_years = false;
};

struct DeficitResult {
  std::vector<DeficitStatus> municipalities;  ///< in the order of input.rows
  std::vector<PlanSummary> plans;             ///< by code
  std::vector<DeficitKpiYear> kpis;           ///< by year
};

/// The 6-year rule: a target more than this many years after the base year is flagged.
inline constexpr int kPlanTargetYears = 6;

/// Derives the flags and KPIs. Throws InputError (at the cell) when a plan has no row for
/// its base year, or its 削減予定額 add up to more than the base-year deficit.
/// `input` must outlive the result (it points into input.rows and input.plans).
DeficitResult EvaluateDeficits(const DeficitInput& input);

}  // namespace kokuho::finance
