#include "readers/ageindex_loader.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "core/error.h"
#include "core/municipality_code.h"
#include "core/text.h"
#include "io/table_reader.h"
#include "io/value_parser.h"
#include "io/yaml_map.h"
#include "io/yaml_reader.h"

namespace kokuho {
namespace {

bool EndsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string Band(const TableCell& cell, const std::string& what) {
  std::string band = NormalizeWidth(Trim(cell.text));
  if (band.empty()) throw InputError(cell.pos, what + ": 年齢階級の名前を書いてください");
  return band;
}

Rational StandardRate(std::string_view text, const SourcePos& pos) {
  Rational r = ParseRate(text, pos, "基準率", RateRange::kAny);
  if (r.Sign() < 0) throw InputError(pos, "基準率: 0以上の値を書いてください");
  return r;
}

// Adds one band to the standard, refusing repeats; `pos` is where the band label is.
void AddBand(ageindex::Standard& s, const std::string& band, const SourcePos& pos,
             std::map<std::string, SourcePos>& seen) {
  if (auto it = seen.find(band); it != seen.end())
    throw InputError(
        pos, fmt::format("年齢階級 {} が2回あります (最初は{}行目)", band, it->second.line));
  seen.emplace(band, pos);
  s.bands.push_back(band);
}

ageindex::Standard StandardFromYaml(const std::string& path) {
  YAML::Node root = LoadYamlStrict(path);
  YamlMap top(root, path, "the top level");
  top.ExpectKeys({"bands"});
  YAML::Node list = top.Require("bands");
  if (!list.IsSequence() || list.size() == 0)
    throw InputError(top.PosOf(list), "bands: 年齢階級を1つ以上のリストで書いてください");
  ageindex::Standard s;
  std::map<std::string, SourcePos> seen;
  bool any_rate = false, any_pop = false;
  for (size_t i = 0; i < list.size(); ++i) {
    YamlMap band(list[i], path, fmt::format("bands[{}]", i));
    band.ExpectKeys({"年齢階級", "基準率", "基準人口"});
    YAML::Node label = band.Require("年齢階級");
    SourcePos pos = band.PosOf(label);
    std::string name = NormalizeWidth(Trim(ScalarText(label, pos, "年齢階級")));
    if (name.empty()) throw InputError(pos, "年齢階級: 年齢階級の名前を書いてください");
    AddBand(s, name, pos, seen);
    if (auto node = band.Optional("基準率")) {
      s.rate[name] =
          StandardRate(ScalarText(*node, band.PosOf(*node), "基準率"), band.PosOf(*node));
      any_rate = true;
    }
    if (auto node = band.Optional("基準人口")) {
      SourcePos p = band.PosOf(*node);
      s.population[name] = ParseCount(ScalarText(*node, p, "基準人口"), p, "基準人口", 0);
      any_pop = true;
    }
  }
  if (any_rate && s.rate.size() != s.bands.size())
    throw InputError({path, 0, 0},
                     "基準率は、すべての年齢階級に書くか、どれにも書かないでください");
  if (any_pop && s.population.size() != s.bands.size())
    throw InputError({path, 0, 0},
                     "基準人口は、すべての年齢階級に書くか、どれにも書かないでください");
  if (!any_rate && !any_pop)
    throw InputError({path, 0, 0},
                     "年齢階級ごとに 基準率 (間接法) か 基準人口 (直接法) を書いてください");
  return s;
}

}  // namespace

ageindex::Standard LoadAgeStandard(const std::string& path) {
  const std::string lower = AsciiLower(path);
  if (EndsWith(lower, ".yaml") || EndsWith(lower, ".yml")) return StandardFromYaml(path);
  Table t = ReadTable(path);
  auto band_col = t.ColumnIndex("年齢階級");
  auto rate_col = t.ColumnIndex("基準率");
  auto pop_col = t.ColumnIndex("基準人口");
  if (!band_col)
    throw InputError({path, 1, 0}, "列 年齢階級 がありません。見出し行に加えてください");
  if (!rate_col && !pop_col)
    throw InputError(
        {path, 1, 0},
        "列 基準率 (間接法) か 基準人口 (直接法) がありません。見出し行に加えてください");
  if (t.rows.empty()) throw InputError({path, 0, 0}, "基準に年齢階級の行がありません");
  ageindex::Standard s;
  std::map<std::string, SourcePos> seen;
  for (const TableRow& row : t.rows) {
    const TableCell& label = row.cells[*band_col];
    std::string band = Band(label, "年齢階級");
    AddBand(s, band, label.pos, seen);
    if (rate_col) s.rate[band] = StandardRate(row.cells[*rate_col].text, row.cells[*rate_col].pos);
    if (pop_col) {
      const TableCell& c = row.cells[*pop_col];
      s.population[band] = ParseCount(c.text, c.pos, "基準人口", 0);
    }
  }
  return s;
}

AgeIndexData LoadAgeIndexData(const std::string& path, const ageindex::Standard& standard) {
  Table t = ReadTable(path);
  AgeIndexData d;
  d.file = path;
  auto code_col = t.ColumnIndex("団体コード");
  auto band_col = t.ColumnIndex("年齢階級");
  auto name_col = t.ColumnIndex("市町村名");
  if (!code_col)
    throw InputError({path, 1, 0}, "列 団体コード がありません。見出し行に加えてください");
  if (!band_col)
    throw InputError({path, 1, 0}, "列 年齢階級 がありません。見出し行に加えてください");
  std::optional<size_t> pop_col, obs_col;
  for (const char* name : {"被保険者数", "人口"}) {
    if (auto c = t.ColumnIndex(name)) {
      if (pop_col)
        throw InputError(t.header[*c].pos, "人数の列は 被保険者数 か 人口 の1つだけにしてください");
      pop_col = c;
      d.population_column = name;
    }
  }
  for (const char* name : {"医療費", "件数", "患者数"}) {
    if (auto c = t.ColumnIndex(name)) {
      if (obs_col)
        throw InputError(t.header[*c].pos,
                         "実績の列は 医療費、件数、患者数 のうち1つだけにしてください");
      obs_col = c;
      d.observed_column = name;
    }
  }
  if (!pop_col)
    throw InputError({path, 1, 0}, "列 被保険者数 か 人口 がありません。見出し行に加えてください");
  if (!obs_col)
    throw InputError({path, 1, 0},
                     "列 医療費、件数、患者数 のどれかがありません。見出し行に加えてください");
  d.measure = d.observed_column == "医療費" ? AgeMeasure::kCost : AgeMeasure::kCases;
  if (t.rows.empty()) throw InputError({path, 0, 0}, "表にデータの行がありません");

  std::set<std::string> bands(standard.bands.begin(), standard.bands.end());
  std::map<std::string, size_t> index;  // code → municipalities
  std::vector<std::map<std::string, std::pair<ageindex::BandCount, SourcePos>>> rows_of;
  for (const TableRow& row : t.rows) {
    const TableCell& code_cell = row.cells[*code_col];
    auto code = MunicipalityCode::TryParse(Trim(code_cell.text));
    if (!code)
      throw InputError(code_cell.pos, "団体コード: " + MunicipalityCodeProblem(code_cell.text));
    const TableCell& band_cell = row.cells[*band_col];
    std::string band = Band(band_cell, "年齢階級");
    if (!bands.count(band))
      throw InputError(band_cell.pos,
                       fmt::format("年齢階級 {} は基準にありません (基準の年齢階級: {})", band,
                                   fmt::join(standard.bands, "、")));
    const TableCell& pc = row.cells[*pop_col];
    std::int64_t pop = ParseCount(pc.text, pc.pos, d.population_column, 0);
    const TableCell& oc = row.cells[*obs_col];
    std::int64_t obs = d.measure == AgeMeasure::kCost
                           ? ParseYen(oc.text, oc.pos, "医療費 (円)", 0)
                           : ParseCount(oc.text, oc.pos, d.observed_column, 0);
    if (d.measure == AgeMeasure::kCases && obs > pop)
      throw InputError(oc.pos, fmt::format("この年齢階級の{}が{}より多くなっています",
                                           d.observed_column, d.population_column));
    auto [it, inserted] = index.emplace(code->str(), d.municipalities.size());
    if (inserted) {
      d.municipalities.push_back({*code, "", {}});
      rows_of.emplace_back();
    }
    AgeIndexMunicipality& m = d.municipalities[it->second];
    if (name_col && m.name.empty()) m.name = std::string(Trim(row.cells[*name_col].text));
    auto& seen = rows_of[it->second];
    if (auto prev = seen.find(band); prev != seen.end())
      throw InputError(band_cell.pos,
                       fmt::format("{1} の年齢階級 {0} が2回あります (最初は{2}行目)", band,
                                   code->str(), prev->second.second.line));
    seen.emplace(band, std::make_pair(ageindex::BandCount{band, pop, obs}, band_cell.pos));
  }
  for (size_t i = 0; i < d.municipalities.size(); ++i) {
    for (const std::string& band : standard.bands) {
      auto it = rows_of[i].find(band);
      if (it == rows_of[i].end())
        throw InputError({path, 0, 0}, fmt::format("{} に年齢階級 {} の行がありません",
                                                   d.municipalities[i].code.str(), band));
      d.municipalities[i].bands.push_back(it->second.first);
    }
  }
  return d;
}

}  // namespace kokuho
