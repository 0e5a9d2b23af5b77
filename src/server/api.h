// The JSON API of `kokuho serve` (docs/web-app.md), as plain functions: parse and validate a
// request body, call the engines, build the response. The HTTP layer (server.h) only moves
// bytes and status codes, so every rule here is tested without a socket.
//
// The server reads no file: `kokuho serve` loads the case, the rates and the scenario
// (cli/serve_inputs.h) and hands them over as AppData.
//
//   AppData data = MakeAppData(LoadCase("examples/gunma"), {}, std::nullopt);
//   scenario::YearPlan plan = ParseScenario(nlohmann::json::parse(R"({"alpha": 0.5})"),
//                                           data.case_data);
//   nofukin::Case c = ApplyScenario(data.case_data, plan);
//   nlohmann::ordered_json out = ComputeJson(data, c, ComputeScenario(c));
//
// Every refusal is an ApiError carrying the HTTP status (400 malformed, 404 unknown,
// 413 too large, 422 out of range or not computable), the field's path, and a message in
// Japanese that names the field and what was expected (server/messages_ja.h). A scenario
// coefficient's message repeats the value sent (α is no personal figure); a household's
// message never does (incomes are personal figures: the page shows them beside the box).
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
#include "scenario/scenario.h"

namespace kokuho::server {

/// A refused request: the HTTP status, a message in Japanese for the person at the app, and
/// the machine-readable path of the offending field ("alpha", "beta_prime.iryo",
/// "household.members[0].age"; empty when the request as a whole is wrong). The answer's body
/// is {"error": {"status", "message", "field"}}.
class ApiError : public std::runtime_error {
 public:
  ApiError(int status, const std::string& message, std::string field = {})
      : std::runtime_error(message), status_(status), field_(std::move(field)) {}
  int status() const { return status_; }
  const std::string& field() const { return field_; }

 private:
  int status_;
  std::string field_;
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
  std::map<int, LevyYear> levy_years;     ///< fiscal years with rates (empty: no calculator)
  std::optional<scenario::Run> scenario;  ///< the roadmap scenario's run (serve --scenario)
};

/// Computes the baseline of the case and keeps what the server answers from: the rates and
/// national rules of the household calculator's years, the roadmap scenario's run.
/// Throws CalculationError.
AppData MakeAppData(nofukin::Case case_data, std::map<int, LevyYear> levy_years,
                    std::optional<scenario::Run> scenario);

/// The live scenario of the web app as a one-year plan at the current stage:
/// {"alpha": 0.5, "beta_prime": 0.9 | {"iryo": 0.9, …}, "equal_share_index": 0.7 | {…},
/// "collection_rate": 0.95, "relief_allowance": 0.02, "relief_enabled": true} (absent or
/// null: the case's own value). Numbers may also be strings ("0.5", "95%"). Unknown keys and
/// wrong types: 400; out of range: 422.
scenario::YearPlan ParseScenario(const nlohmann::json& body, const nofukin::Case& c);

/// The case with the plan applied by scenario::ApplyPlan, as the CLI's scenario run does.
nofukin::Case ApplyScenario(const nofukin::Case& c, const scenario::YearPlan& plan);

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
/// "collection_rate"}, …], "case_year": {…}}. case_year, when the scenario has the case's own
/// fiscal year: the case's and the scenario's 納付金 and 1人当たり保険料 for it and, in words,
/// each input the scenario changes that year ("differences"). 404 without a scenario or for a
/// code the scenario does not have.
nlohmann::ordered_json HistoryJson(const AppData& data, const std::string& code);

/// A household levy request: {"municipality": "102016", "year": 2026 | "R8",
/// "household": {members: [...]} (docs/household-format.md), "explain": true,
/// "instalments": {"count": 10, "unit": 1000}}. With instalments the answer has the 期別
/// amounts (premium/instalments.h). A malformed household is a 400 whose field is
/// "household.<path>" and whose message is the loader's, the path shown as the form's label
/// (server/messages_ja.h).
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
