// ParameterFile: the one format of kokuho's dated rule files (data/**/*.yaml) and its one
// resolver. The format is described in docs/parameters.md; in short:
//
//   known_through: 2026               # the last fiscal year the values are known for
//                                     # (`open`: in force until the law is amended)
//   caps:                             # a series
//     description: 賦課限度額 (円)
//     law: 国民健康保険法施行令 第29条の7 第2項; 地方税法 第703条の4
//     period: fiscal_year             # or income_year (looked up with the year before),
//                                     # or month (from: 2024-06, for 診療年月 rules)
//     known_through: 2026             # optional, overrides the file's
//     values:
//       - {from: 2025, confirmed: true, source: "...", iryo: 660000, shien: 260000}
//       - {from: 2026, confirmed: true, source: "...", iryo: 670000, shien: 260000}
//
// The value in force in fiscal year Y is the last entry with from ≤ Y. A year past the
// series' known_through is refused unless the caller's YearPolicy allows carrying the last
// value forward; every use of such a value, or of one marked confirmed: false, is added to
// the caller's ParameterNotes so that each output can say so.
//
//   ParameterFile f = ParameterFile::Embedded("data/premium/national.yaml");
//   ResolvedEntry e = f.Resolve("caps", FiscalYear(2026), policy, notes);
//   e.map.ExpectKeys(e.Fields({"iryo", "shien", "kaigo", "kodomo"}));
//   Yen iryo = e.map.YenValue("iryo");
//   e.map.RejectUnknownKeys();
#pragma once

#include <yaml-cpp/yaml.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/fiscal_year.h"
#include "core/parameter_notes.h"
#include "io/yaml_map.h"

namespace kokuho {

/// One dated value: in force from `from` until the next entry.
struct ParameterEntry {
  FiscalYear from{0};           ///< a fiscal year, or an income year in an income_year series; in a
                                ///< month series the fiscal year of from_month
  std::int32_t from_month = 0;  ///< month series: in force from this month (yyyymm), else 0
  bool confirmed = false;
  std::string source;
  YAML::Node node;  ///< the whole entry (its value fields beside from/confirmed/source/note)
  SourcePos pos;
};

struct ParameterSeries {
  std::string name;
  std::string description;
  std::string law;                          ///< the articles the values come from (searchable)
  bool income_year = false;                 ///< entries keyed by income year (= fiscal year − 1)
  bool monthly = false;                     ///< period: month (entries from a month, yyyymm)
  std::optional<FiscalYear> known_through;  ///< nullopt: open (until the law is amended)
  std::int32_t known_through_month = 0;     ///< month series: the last month known (yyyymm)
  SourcePos known_through_pos;
  std::vector<ParameterEntry> entries;
  SourcePos pos;
};

/// The entry in force for a year, as a YamlMap whose bookkeeping keys (from, confirmed,
/// source, note) are already read.
struct ResolvedEntry {
  YamlMap map;
  FiscalYear from{0};
  std::int32_t from_month = 0;  ///< month series: the entry's first month (yyyymm)
  bool confirmed = false;
  bool carried_forward = false;
  std::string source;
  std::string file;
  std::string series;
  std::string description;  ///< the series' description (「賦課限度額 (円)」), may be empty

  /// `fields` plus the bookkeeping keys, for YamlMap::ExpectKeys.
  static std::vector<std::string> Fields(std::vector<std::string> fields);
  /// "national.yaml caps (from 2026)": where the value came from, for traces and sources.
  std::string Where() const;
};

class ParameterFile {
 public:
  /// A file compiled into the binary (its repository path, e.g. "data/nofukin/parts.yaml").
  static ParameterFile Embedded(const std::string& repo_path);
  /// A file the user gives (UTF-8 or CP932).
  static ParameterFile FromPath(const std::string& path);
  /// YAML text already in memory; `file` names it in messages.
  static ParameterFile Parse(const std::string& utf8, const std::string& file);

  const std::string& file() const { return file_; }
  bool Has(const std::string& series) const;
  /// Throws InputError (at the top of the file) when the series is missing.
  const ParameterSeries& Series(const std::string& series) const;
  std::vector<const ParameterSeries*> AllSeries() const;

  /// The entry of `series` in force in fiscal year `year`, or nullopt when the series has
  /// no entry that early (a rule not yet in force). Throws YearNotKnownError when `year`
  /// is past known_through and `policy` does not carry values forward. Adds to `notes`.
  std::optional<ResolvedEntry> TryResolve(const std::string& series, FiscalYear year,
                                          const YearPolicy& policy, ParameterNotes& notes) const;
  /// Like TryResolve; a year before the first entry is an InputError naming the first year.
  ResolvedEntry Resolve(const std::string& series, FiscalYear year, const YearPolicy& policy,
                        ParameterNotes& notes) const;
  /// The entry of a `period: month` series in force in `month` (yyyymm, e.g. a 診療年月);
  /// nullopt before the first entry. A month past known_through is refused unless
  /// `policy` carries values forward. A year series is an InputError. TryResolve on a
  /// month series resolves the fiscal year's first month (April).
  std::optional<ResolvedEntry> TryResolveMonth(const std::string& series, std::int32_t month,
                                               const YearPolicy& policy,
                                               ParameterNotes& notes) const;

 private:
  std::string file_;
  YAML::Node root_;
  std::map<std::string, ParameterSeries> series_;
  std::vector<std::string> order_;
};

/// "2024-06" for 202406.
std::string FormatMonth(std::int32_t yyyymm);

/// The repository paths of every embedded data file, sorted.
std::vector<std::string> EmbeddedParameterFiles();

}  // namespace kokuho
