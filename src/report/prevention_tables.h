// The report of `kokuho incentive allocate` (予防・健康づくり支援交付金 事業費連動分): one
// table per prefecture with 点数, 被保険者数, 総得点, the share before the cap, the cap
// (2 × 事業費分 from R7), the 交付額 and whether the cap bound, plus a 合計 row; and the
// JSON form (docs/incentive-format.md §6).
//
//   PreventionReport rep{year, rule, bodies, budget, allocation};
//   ReportTable t = BuildPreventionTable(rep);
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "core/fiscal_year.h"
#include "core/yen.h"
#include "incentive/prevention.h"
#include "report/report_table.h"

namespace kokuho {

struct PreventionReport {
  FiscalYear year;
  const incentive::PreventionRule& rule;
  const std::vector<incentive::PreventionBody>& bodies;
  Yen budget = 0;
  const incentive::PreventionAllocation& allocation;
};

/// incentive_prevention: per prefecture and a 合計 row (Σ 交付額 = budget).
ReportTable BuildPreventionTable(const PreventionReport& rep);

/// {"format": "kokuho.prevention/1", fiscal_year, rule{from, cap_multiple, confirmed,
/// source}, budget_yen, prefectures[] {code, name, points, insured, weight, uncapped_yen,
/// cap_yen|null, grant_yen, at_cap}}; points and weights exact strings, yen integers.
nlohmann::ordered_json PreventionJson(const PreventionReport& rep);

}  // namespace kokuho
