// The tables and JSON of the 財政安定化基金 ledger (`kokuho fund`, the roadmap report): per year
// and account (opening, each inflow and outflow by item, closing), the 市町村-side items (貸付金,
// 償還金, 拠出金) and the prefecture's yearly burden. Format: docs/finance-format.md.
//
//   kokuho fund examples/gunma-finance/fund.yaml
//   kokuho fund examples/gunma-finance/fund.yaml --out out/fund --format table,csv,xlsx,json
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "finance/fund.h"
#include "report/report_table.h"

namespace kokuho {

/// The tables fund_summary, fund_ledger, fund_municipalities, fund_prefecture (and
/// fund_due_after when something is still owed after the last year).
std::vector<ReportTable> BuildFundTables(const finance::FundPlan& plan,
                                         const finance::FundLedger& ledger);

/// The JSON form (yen as integers; keys in docs/finance-format.md).
nlohmann::ordered_json FundJson(const finance::FundPlan& plan, const finance::FundLedger& ledger);

}  // namespace kokuho
