// The optional sections of the roadmap report (`kokuho report`, docs/report-format.md):
// the 財政安定化基金 over the scenario's years, the 法定外繰入 plans, the KPI figures and
// the 保険者努力支援制度 scores, built from inputs the caller has loaded. Each section
// adds its tables (sheet names prefixed) to `tables` and returns the section's JSON
// for the HTML renderer (report/html_report.h).
//
//   report["sections"].push_back(FundSection(plan, run, tables));
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "finance/deficit.h"
#include "finance/fund.h"
#include "kpi/collection_bands.h"
#include "kpi/kpi.h"
#include "report/incentive_tables.h"
#include "report/report_table.h"
#include "scenario/run.h"

namespace kokuho {

/// The fund file's plan; the section adds each year's 激変緩和 draws on the 特例基金 and
/// the 財政調整事業 from `run` as withdrawals before simulating the ledger.
nlohmann::ordered_json FundSection(finance::FundPlan plan, const scenario::Run& run,
                                   std::vector<ReportTable>& tables);

nlohmann::ordered_json DeficitSection(const finance::DeficitInput& in,
                                      std::vector<ReportTable>& tables);

/// What the KPI section shows: the evaluated data and the 収納率 thresholds.
struct KpiFigures {
  const std::vector<kpi::Definition>& definitions;
  const std::vector<kpi::Observation>& observations;
  const kpi::Result& result;
  const kpi::CollectionBands& bands;
};
nlohmann::ordered_json KpiSection(const KpiFigures& e, std::vector<ReportTable>& tables);

nlohmann::ordered_json IncentiveSection(const IncentiveReport& o, std::vector<ReportTable>& tables);

}  // namespace kokuho
