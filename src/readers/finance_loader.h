// Reading the 財政安定化基金 plan (YAML) and the 法定外繰入 / 赤字 table (CSV or xlsx),
// strictly: unknown or repeated keys, years out of order, negative amounts, bad or
// unknown 団体コード are InputErrors at file:line:column. The formats are in
// docs/finance-format.md.
//
//   finance::FundPlan plan = LoadFundPlan("examples/gunma-finance/fund.yaml");
//   finance::FundLedger ledger = finance::SimulateFund(plan);
//
//   // The same structure embedded in another YAML file (e.g. a scenario):
//   YAML::Node root = LoadYamlStrict("scenario.yaml");
//   finance::FundPlan p = ParseFundPlan(root["fund"], "scenario.yaml");
//
//   finance::DeficitInput d = LoadDeficits("examples/gunma-finance/deficits.csv");
#pragma once

#include <yaml-cpp/yaml.h>

#include <map>
#include <optional>
#include <string>

#include "core/municipality_code.h"
#include "finance/deficit.h"
#include "finance/fund.h"

namespace kokuho {

struct FinanceLoadOptions {
  /// When set, every 団体コード must be one of these (code → name; names feed the tables).
  std::optional<std::map<MunicipalityCode, std::string>> known_municipalities;
};

/// Reads the fund plan file (UTF-8 or CP932). A `municipalities:` key in the file names a
/// table (団体コード, 市町村名) relative to the file, used like known_municipalities.
finance::FundPlan LoadFundPlan(const std::string& path, const FinanceLoadOptions& options = {});

/// Reads a fund plan from a YAML mapping node (positions from the node's marks; `file`
/// names the file it came from, and relative paths are resolved against its folder).
finance::FundPlan ParseFundPlan(const YAML::Node& node, const std::string& file,
                                const FinanceLoadOptions& options = {});

/// A 市町村 list: the 団体コード and 市町村名 (or 名称) columns of a CSV/xlsx table (other
/// columns are ignored, so a case's municipalities.csv will do).
std::map<MunicipalityCode, std::string> LoadMunicipalityList(const std::string& path);

/// Reads the deficit table (columns in docs/finance-format.md §2). Rows of one 市町村
/// must be in increasing year order; plans (計画基準年度, 解消目標年度) are given on at
/// least one row of the 市町村 and must agree where repeated.
finance::DeficitInput LoadDeficits(const std::string& path, const FinanceLoadOptions& options = {});

}  // namespace kokuho
