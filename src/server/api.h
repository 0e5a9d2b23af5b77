// The JSON API of `kokuho serve` (docs/web-app.md), as plain functions: parse and validate a
// request body, call the engines, build the response. The HTTP layer (server.h) only moves
// bytes and status codes, so every rule here is tested without a socket.
//
//   AppData data = LoadAppData("examples/gunma", "examples/levy/rates-gunma-sample.csv");
//   ScenarioParams p = ParseScenario(nlohmann::json::parse(R"({"alpha": 0.5})"));
//   nofukin::Result r = nofukin::Compute(ApplyScenario(data.case_data, p));
//   nlohmann::ordered_json out = ComputeJson(data, p, r);
//
// Every refusal is an ApiError carrying the HTTP status (400 malformed, 404 unknown,
// 413 too large, 422 out of range or not computable) and a message that names the field
// and what was expected, never the value sent (household incomes are personal figures).
#pragma once

#include <array>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/part.h"
#include "core/rational.h"
#include "nofukin/model.h"
#include "nofukin/result.h"
#include "premium/rules.h"
#include "premium/schedule.h"
#include "scenario/run.h"

namespace kokuho::server {

/// A refused request: the HTTP status and a message for the client.
class ApiError : public std::runtime_error {
 public:
  ApiError(int status, const std::string& message) : std::runtime_error(message), status_(status) {}
  int status() const { return status_; }

 private:
  int status_;
};

/// The rate schedules and national rules of one fiscal year (for the household calculator).
struct LevyYear {
  premium::NationalRules rules;
  std::vector<premium::RateSchedule> schedules;
};

/// Everything the server computes from, loaded once at start-up and then only read.
struct AppData {
  nofukin::Case case_data;
  nofukin::Result baseline;                      ///< the case as given
  std::vector<Yen> baseline_per_capita_premium;  ///< per municipality, for the changes
  std::vector<Yen> baseline_per_capita_nofukin;
  std::string rates_path;                 ///< empty: no household calculator
  std::map<int, LevyYear> levy_years;     ///< fiscal years with rates in the rates file
  std::optional<scenario::Run> scenario;  ///< the roadmap scenario's run (serve --scenario)
};

/// Loads the case, computes the baseline and, when `rates_path` is given, reads the rates
/// of every fiscal year the national rules cover. Throws InputError / CalculationError.
AppData LoadAppData(const std::string& case_path, const std::string& rates_path);

/// Loads the roadmap scenario file (docs/scenario-format.md) and runs it once at the
/// 納付金 level (no households) into `data.scenario`, for the municipality history.
/// Throws InputError / CalculationError.
void LoadScenarioRun(AppData& data, const std::string& scenario_path);

/// The live-scenario overrides (absent: the case's own value).
struct ScenarioParams {
  std::optional<Rational> alpha;                                      ///< α (医療分) in [0, 1]
  std::array<std::optional<Rational>, kPartCount> beta_prime;         ///< β′ in (0, 3]
  std::array<std::optional<Rational>, kPartCount> equal_share_index;  ///< e in (0, 1)
  std::optional<Rational> collection_rate;  ///< one 標準的な収納率 for every municipality, (0, 1]
  std::optional<Rational> relief_allowance;  ///< 激変緩和 x in [0, 1]
  std::optional<bool> relief_enabled;
};

/// Parses {"alpha": 0.5, "beta_prime": 0.9 | {"iryo": 0.9, …}, "equal_share_index": 0.7 | {…},
/// "collection_rate": 0.95, "relief_allowance": 0.02, "relief_enabled": true}. Numbers may
/// also be strings ("0.5", "95%"). Unknown keys and wrong types: 400; out of range: 422.
ScenarioParams ParseScenario(const nlohmann::json& body, const nofukin::Case& c);

/// The case with the overrides applied.
nofukin::Case ApplyScenario(const nofukin::Case& c, const ScenarioParams& p);

/// Computes the scenario; a rule the engine cannot satisfy becomes a 422.
nofukin::Result ComputeScenario(const nofukin::Case& c, bool trace = false);

/// The prefecture overview and scenario result: parameters in effect, totals per 分, and per
/// municipality the 納付金 per 分, per-capita figures and the change against the baseline.
nlohmann::ordered_json ComputeJson(const AppData& data, const nofukin::Case& scenario,
                                   const nofukin::Result& r);

/// The case's description: prefecture, 年度, 分, parameters and their ranges, municipalities,
/// and the fiscal years of the household calculator.
nlohmann::ordered_json CaseJson(const AppData& data);

/// One municipality: 納付金 per 分 with its derivation (the trace), the three kinds of
/// 標準保険料率 and its KPIs. `r` must be computed with trace on. 404 for an unknown code.
nlohmann::ordered_json MunicipalityJson(const AppData& data, const nofukin::Case& scenario,
                                        const nofukin::Result& r, const std::string& code);

/// One municipality across the scenario's years: {"scenario": name, "years": [{"fiscal_year",
/// "label", "stage", "nofukin", "nofukin_per_capita", "premium_per_capita", "relief",
/// "collection_rate"}, …]}. 404 without a scenario or for a code the scenario does not have.
nlohmann::ordered_json HistoryJson(const AppData& data, const std::string& code);

/// A household levy request: {"municipality": "102016", "year": 2026 | "R8",
/// "household": {members: [...]} (docs/household-format.md), "explain": true}.
nlohmann::ordered_json LevyResponse(const AppData& data, const nlohmann::json& body);

/// A table to download: {"format": "csv" | "xlsx", "filename": "…", "title": "…",
/// "header": [..], "rows": [[text | number | null, …], …]}.
struct ExportRequest {
  std::string format;
  std::string filename;  ///< without extension, safe for a file name
  std::string title;
  std::vector<std::string> header;
  std::vector<std::vector<nlohmann::json>> rows;
};
ExportRequest ParseExport(const nlohmann::json& body);

/// The file's bytes and MIME type.
struct ExportFile {
  std::string bytes;
  std::string content_type;
  std::string filename;  ///< with extension
};
ExportFile BuildExport(const ExportRequest& request);

/// Parses a request body as JSON (400 with the parser's position on error; 400 for a body
/// that is not an object).
nlohmann::json ParseBody(const std::string& body);

}  // namespace kokuho::server
