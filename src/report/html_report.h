// The self-contained HTML report: one file that opens offline in any browser, with the
// report's data, the script that draws it (web/src/report, ECharts bundled at build
// time) and, when the report has a map, the prefecture's municipality boundaries, all
// inline. The data follows the schema "kokuho.report/1" (docs/report-format.md):
// sections of blocks of the kinds line, bar, map and table.
//
//   nlohmann::json report = {{"schema", "kokuho.report/1"}, {"title", "…"}, {"sections", …}};
//   std::string html = RenderHtmlReport(report);
//   WriteFileAtomic("report.html", html);
//
// The page makes no network request (a Content-Security-Policy forbids them) and uses
// the system's fonts (Noto CJK on Debian).
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace kokuho {

/// The schema name a report's "schema" field must hold.
inline constexpr std::string_view kReportSchema = "kokuho.report/1";

/// The credit line shown under every map (国土数値情報, CC BY 4.0).
inline constexpr std::string_view kMapCredit =
    "出典：国土交通省 国土数値情報（行政区域データ）を加工して作成";

/// Checks `report` against kokuho.report/1. Throws InputError({source, 0, 0}, message)
/// naming the offending field by its path (e.g. "sections[1].blocks[0].series[2].values:
/// 3 values for 4 x labels").
void ValidateReport(const nlohmann::json& report, const std::string& source = "report");

/// Validates `report` and renders the HTML page (UTF-8). Throws InputError for a
/// malformed report (`source` names it in the message), and std::runtime_error when
/// kokuho was built without the report's script (KOKUHO_WEB=OFF).
std::string RenderHtmlReport(const nlohmann::json& report, const std::string& source = "report");
/// The same for an ordered_json (the data keeps its key order in the page).
std::string RenderHtmlReport(const nlohmann::ordered_json& report,
                             const std::string& source = "report");

/// The municipalities of one prefecture ("10") cut out of a TopoJSON topology such as
/// data/geo/municipalities-2021.topojson: only its geometries (joined on the first two
/// digits of N03_007) and the arcs they use, renumbered. Throws InputError when the
/// topology has no municipality of that prefecture.
nlohmann::json PrefectureTopology(std::string_view topojson, const std::string& prefecture_code);

}  // namespace kokuho
