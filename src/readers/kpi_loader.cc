#include "readers/kpi_loader.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <tuple>

#include "core/text.h"
#include "io/embedded_data.h"
#include "io/parameter_file.h"
#include "io/table_reader.h"
#include "io/value_parser.h"
#include "io/yaml_map.h"
#include "io/yaml_reader.h"

namespace kokuho {
namespace {

using kpi::Definition;
using kpi::Direction;
using kpi::Kind;
using kpi::Observation;
using kpi::Unit;

bool HasPercentSign(std::string_view text) {
  std::string n = NormalizeWidth(text);
  return n.find('%') != std::string::npos;
}

// A value in the KPI's natural unit. Percent KPIs are written in percent, with or
// without the sign ("42.6" and "42.6%" both mean 0.426).
std::optional<Rational> TryParseValue(std::string_view text, Unit unit) {
  auto v = TryParseNumber(text);
  if (!v) return std::nullopt;
  if (unit == Unit::kPercent && !HasPercentSign(text)) return *v / Rational(100);
  return v;
}

// Digits after the decimal point as written ("39.2788" → 4, "40%" → 0).
int DecimalPlaces(std::string_view text) {
  std::string n = NormalizeWidth(Trim(text));
  auto dot = n.find('.');
  if (dot == std::string::npos) return 0;
  int places = 0;
  for (size_t i = dot + 1; i < n.size() && n[i] >= '0' && n[i] <= '9'; ++i) ++places;
  return places;
}

const char* UnitWords(Unit unit) {
  switch (unit) {
    case Unit::kPercent:
      return "a percentage such as 42.6 or 42.6%";
    case Unit::kYen:
      return "whole yen";
    case Unit::kCount:
      return "a whole number";
    case Unit::kIndex:
      return "a decimal index such as 0.9514";
  }
  return "a number";
}

Rational ParseValue(std::string_view text, const SourcePos& pos, const std::string& what,
                    Unit unit) {
  auto v = TryParseValue(text, unit);
  if (!v) throw InputError(pos, fmt::format("{}: expected {}", what, UnitWords(unit)));
  if ((unit == Unit::kYen || unit == Unit::kCount) && !(v->raw().get_den() == 1))
    throw InputError(pos, fmt::format("{}: expected {}", what, UnitWords(unit)));
  return *v;
}

template <typename E>
E ParseEnum(YamlMap& m, const std::string& key, const std::map<std::string, E>& choices) {
  YAML::Node n = m.Require(key);
  std::string text = ScalarText(n, m.PosOf(n), m.where() + "." + key);
  auto it = choices.find(std::string(Trim(text)));
  if (it == choices.end()) {
    std::string list;
    for (const auto& [name, value] : choices) list += (list.empty() ? "" : ", ") + name;
    throw InputError(m.PosOf(n), fmt::format("{}.{}: expected one of {}", m.where(), key, list));
  }
  return it->second;
}

Definition ReadDefinition(const YAML::Node& node, const std::string& file, size_t index) {
  YamlMap m(node, file, fmt::format("kpis[{}]", index));
  m.ExpectKeys({"key", "label", "unit", "direction", "kind", "numerator", "denominator",
                "exclusions", "source", "targets"});
  Definition d;
  d.key = m.Text("key");
  if (d.key.empty() ||
      d.key.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_") != std::string::npos)
    throw InputError(m.PosOf(m.Require("key")),
                     m.where() + ".key: expected lower-case letters, digits and '_'");
  d.label = m.Text("label");
  d.unit = ParseEnum<Unit>(m, "unit",
                           {{"percent", Unit::kPercent},
                            {"yen", Unit::kYen},
                            {"count", Unit::kCount},
                            {"index", Unit::kIndex}});
  d.direction = ParseEnum<Direction>(
      m, "direction",
      {{"higher", Direction::kHigherIsBetter}, {"lower", Direction::kLowerIsBetter}});
  d.kind = ParseEnum<Kind>(
      m, "kind", {{"ratio", Kind::kRatio}, {"amount", Kind::kAmount}, {"count", Kind::kCount}});
  d.source = m.Text("source");
  if (d.kind == Kind::kRatio) {
    d.numerator = m.Text("numerator");
    d.denominator = m.Text("denominator");
    d.exclusions = m.OptionalText("exclusions").value_or("");
  } else {
    for (const char* k : {"numerator", "denominator", "exclusions"})
      if (m.Has(k))
        throw InputError(m.PosOf(m.Require(k)),
                         fmt::format("{}.{}: only a ratio KPI has a {}", m.where(), k, k));
  }
  if (auto targets = m.Optional("targets")) {
    if (!targets->IsSequence())
      throw InputError(m.PosOf(*targets), m.where() + ".targets: expected a list");
    for (size_t i = 0; i < targets->size(); ++i) {
      YamlMap t((*targets)[i], file, fmt::format("{}.targets[{}]", m.where(), i));
      t.ExpectKeys({"year", "value", "source", "confirmed"});
      YAML::Node yn = t.Require("year");
      std::string ytext = ScalarText(yn, t.PosOf(yn), t.where() + ".year");
      auto year = FiscalYear::TryParse(ytext);
      if (!year)
        throw InputError(t.PosOf(yn),
                         t.where() + ".year: expected a fiscal year (2029, 令和11年度, R11)");
      if (!d.targets.empty() && !(d.targets.back().year < *year))
        throw InputError(
            t.PosOf(yn),
            t.where() + ".year: targets must be in increasing year order, one per year");
      YAML::Node vn = t.Require("value");
      Rational value = ParseValue(ScalarText(vn, t.PosOf(vn), t.where() + ".value"), t.PosOf(vn),
                                  t.where() + ".value", d.unit);
      std::string source = t.Text("source");
      bool confirmed = true;
      if (auto c = t.OptionalBool("confirmed")) confirmed = *c;
      t.RejectUnknownKeys();
      d.targets.push_back({*year, value, source, confirmed});
    }
  }
  m.RejectUnknownKeys();
  return d;
}

// The columns of the data table.
constexpr const char* kCode = "団体コード";
constexpr const char* kYear = "年度";
constexpr const char* kKpi = "指標";
constexpr const char* kNumerator = "分子";
constexpr const char* kDenominator = "分母";
constexpr const char* kExcluded = "除外額";
constexpr const char* kValue = "値";
constexpr const char* kName = "名称";
constexpr const char* kSource = "出典";
constexpr const char* kInsured = "被保険者数";

std::vector<Definition> ReadDefinitions(const YAML::Node& root, const std::string& path);

}  // namespace

std::vector<Definition> LoadKpiDefinitions(const std::string& path) {
  return ReadDefinitions(LoadYamlStrict(path), path);
}

std::vector<Definition> ParseKpiDefinitions(const std::string& utf8, const std::string& file) {
  return ReadDefinitions(ParseYamlStrict(utf8, file), file);
}

namespace {

std::vector<Definition> ReadDefinitions(const YAML::Node& root, const std::string& path) {
  YamlMap top(root, path, "the top level");
  top.ExpectKeys({"kpis"});
  YAML::Node list = top.Require("kpis");
  if (!list.IsSequence() || list.size() == 0)
    throw InputError(top.PosOf(list), "kpis: expected a non-empty list of KPI definitions");
  std::vector<Definition> defs;
  std::map<std::string, int> seen;  // key or label → line
  for (size_t i = 0; i < list.size(); ++i) {
    Definition d = ReadDefinition(list[i], path, i);
    const SourcePos pos = PosOf(list[i], path);
    for (const std::string& name : {d.key, d.label}) {
      auto [it, fresh] = seen.emplace(name, pos.line);
      if (!fresh)
        throw InputError(pos, fmt::format("kpis[{}]: '{}' is already used by the KPI at line {}", i,
                                          name, it->second));
    }
    defs.push_back(std::move(d));
  }
  top.RejectUnknownKeys();
  return defs;
}

}  // namespace

std::string KpiDataFile(const std::string& path) {
  namespace fs = std::filesystem;
  if (!fs::is_directory(path)) return path;
  for (const char* name : {"kpi.csv", "kpi.xlsx"})
    if (fs::exists(fs::path(path) / name)) return (fs::path(path) / name).string();
  throw InputError({path, 0, 0}, "expected kpi.csv or kpi.xlsx in this folder");
}

std::vector<Observation> LoadKpiData(const std::string& path,
                                     const std::vector<Definition>& definitions) {
  const std::string file = KpiDataFile(path);
  Table t = ReadTable(file);
  CheckColumns(
      t,
      {kCode, kYear, kKpi, kNumerator, kDenominator, kExcluded, kValue, kName, kSource, kInsured},
      {kCode, kYear, kKpi});
  if (!t.ColumnIndex(kValue) && !(t.ColumnIndex(kNumerator) && t.ColumnIndex(kDenominator)))
    throw InputError({file, 1, 0}, "missing column '値' (or both '分子' and '分母')");
  if (t.rows.empty()) throw InputError({file, 0, 0}, "no data rows");

  std::map<std::string, const Definition*> by_name;
  for (const Definition& d : definitions) {
    by_name[d.key] = &d;
    by_name[d.label] = &d;
  }
  auto cell = [&](const TableRow& row, const char* column) -> const TableCell* {
    auto i = t.ColumnIndex(column);
    if (!i) return nullptr;
    const TableCell& c = row.cells[*i];
    return Trim(c.text).empty() ? nullptr : &c;
  };

  std::vector<Observation> out;
  std::map<std::tuple<std::string, int, std::string>, int> seen;  // → line
  std::string prefecture;
  for (const TableRow& row : t.rows) {
    Observation o;
    const TableCell& code_cell = row.cells[*t.ColumnIndex(kCode)];
    auto code = MunicipalityCode::TryParse(Trim(code_cell.text));
    if (!code)
      throw InputError(code_cell.pos,
                       "団体コード: expected a 6-digit code with its check digit (e.g. 102016)");
    if (prefecture.empty()) prefecture = code->prefecture();
    if (code->prefecture() != prefecture)
      throw InputError(code_cell.pos,
                       fmt::format("団体コード: every row must be of one prefecture ({}), so that "
                                   "prefecture totals mean something",
                                   prefecture));
    o.code = *code;
    const TableCell& year_cell = row.cells[*t.ColumnIndex(kYear)];
    auto year = FiscalYear::TryParse(Trim(year_cell.text));
    if (!year)
      throw InputError(year_cell.pos, "年度: expected a fiscal year (2023, 令和5年度, R5)");
    o.year = *year;
    const TableCell& kpi_cell = row.cells[*t.ColumnIndex(kKpi)];
    auto it = by_name.find(std::string(Trim(kpi_cell.text)));
    if (it == by_name.end()) {
      std::string keys;
      for (const Definition& d : definitions) keys += (keys.empty() ? "" : ", ") + d.key;
      throw InputError(kpi_cell.pos,
                       fmt::format("指標: not a KPI of the definitions; expected a key or label "
                                   "({})",
                                   keys));
    }
    const Definition& d = *it->second;
    o.key = d.key;
    if (const TableCell* c = cell(row, kName)) o.name = std::string(Trim(c->text));
    if (const TableCell* c = cell(row, kInsured)) o.insured = ParseCount(c->text, c->pos, kInsured);
    auto [prev, fresh] = seen.emplace(std::tuple{o.code.str(), o.year.year(), o.key}, row.pos.line);
    if (!fresh)
      throw InputError(kpi_cell.pos,
                       fmt::format("{} {} {}: given twice (first at line {})", o.code.str(),
                                   o.year.ToWareki(), d.label, prev->second));

    const TableCell* num = cell(row, kNumerator);
    const TableCell* den = cell(row, kDenominator);
    const TableCell* exc = cell(row, kExcluded);
    const TableCell* val = cell(row, kValue);
    if (d.kind != Kind::kRatio) {
      for (const TableCell* c : {num, den, exc})
        if (c)
          throw InputError(c->pos, fmt::format("{}: an amount/count KPI takes only 値, not 分子, "
                                               "分母 or 除外額",
                                               d.label));
      if (!val) {
        auto i = t.ColumnIndex(kValue);
        SourcePos pos = i ? row.cells[*i].pos : row.pos;
        throw InputError(pos, fmt::format("値: a value is required for {}", d.label));
      }
      o.value = ParseValue(val->text, val->pos, "値", d.unit);
      out.push_back(std::move(o));
      continue;
    }
    // Ratio KPI: 分子 and 分母 are counts or yen (whole, ≥ 0); 除外額 only where the
    // definition names exclusions (収納率: 居所不明者分, spec/finance.md §4).
    auto whole = [&](const TableCell* c, const char* what) {
      auto v = TryParseNumber(c->text);
      if (!v || v->Sign() < 0 || v->raw().get_den() != 1)
        throw InputError(c->pos, fmt::format("{}: expected a whole number ≥ 0", what));
      return *v;
    };
    if (exc && d.exclusions.empty())
      throw InputError(exc->pos, fmt::format("除外額: {} has no exclusions", d.label));
    if (exc && !(num && den))
      throw InputError(exc->pos, "除外額: needs 分子 and 分母 in the same row");
    if (num && !den) throw InputError(num->pos, "分子: needs 分母 in the same row");
    if (den) o.denominator = whole(den, "分母");
    if (exc) o.excluded = whole(exc, "除外額");
    if (den && !(*o.Base()).Sign())
      throw InputError(den->pos, "分母: must be greater than 0 (after 除外額)");
    if (den && (*o.Base()).Sign() < 0) throw InputError(exc->pos, "除外額: must not exceed 分母");
    if (num) {
      o.numerator = whole(num, "分子");
      o.value = *o.numerator / *o.Base();
      if (val) {
        // A 値 given beside 分子/分母 must be their ratio, rounded half-up to the places
        // written (so "93.06" beside 9306/10000 passes, "93.1" beside 9306/10000 too).
        auto shown = TryParseNumber(val->text);
        Rational scaled = o.value;
        if (d.unit == Unit::kPercent) {
          scaled = scaled * Rational(100);
          if (shown && HasPercentSign(val->text)) shown = *shown * Rational(100);
        }
        if (!shown ||
            scaled.RoundToDecimals(DecimalPlaces(val->text), RoundingMode::kHalfUp) != *shown)
          throw InputError(val->pos, fmt::format("値: does not match 分子 ÷ 分母 (= {})",
                                                 scaled.ToDecimalString(4)));
      }
    } else {
      if (!val) {
        auto i = t.ColumnIndex(kValue);
        SourcePos pos = i ? row.cells[*i].pos : row.pos;
        throw InputError(pos,
                         fmt::format("値: a value (or 分子 and 分母) is required for {}", d.label));
      }
      o.value = ParseValue(val->text, val->pos, "値", d.unit);
      if (o.value.Sign() < 0) throw InputError(val->pos, "値: a ratio must not be negative");
    }
    out.push_back(std::move(o));
  }
  return out;
}

}  // namespace kokuho

namespace kokuho {
namespace {

constexpr const char* kBandsPath = "data/kpi/collection_bands.yaml";

// A 収納率 threshold: a percentage with its sign, above 0% and at most 100%.
Rational BandPercent(YamlMap& m, const std::string& key) {
  YAML::Node n = m.Require(key);
  const Rational v = PercentWithSign(n, m.PosOf(n), m.where() + "." + key);
  if (v.Sign() <= 0 || v > Rational(1))
    throw InputError(m.PosOf(n), fmt::format("{}.{}: expected a percentage above 0% and at "
                                             "most 100%",
                                             m.where(), key));
  return v;
}

}  // namespace

kpi::CollectionBands ParseCollectionBands(const std::string& utf8, const std::string& file) {
  const ParameterFile f = ParameterFile::Parse(utf8, file);
  for (const ParameterSeries* s : f.AllSeries())
    if (s->name != "collection_thresholds")
      throw InputError(s->pos, fmt::format("unknown series '{}' (expected "
                                           "collection_thresholds)",
                                           s->name));
  // The latest published evaluation: the last entry (the table shows it as such).
  const ParameterSeries& series = f.Series("collection_thresholds");
  kpi::CollectionBands b;
  ResolvedEntry e =
      f.Resolve("collection_thresholds", series.entries.back().from, YearPolicy{}, b.notes);
  YamlMap& m = e.map;
  m.ExpectKeys(ResolvedEntry::Fields({"actuals_year", "points", "classes"}));
  b.incentive_year = e.from;
  {
    YAML::Node n = m.Require("actuals_year");
    b.actuals_year = FiscalYearAt(n, m.PosOf(n), m.where() + ".actuals_year");
  }
  YamlMap pts(m.Require("points"), file, "points");
  pts.ExpectKeys({"top30", "top50"});
  b.points_top30 = pts.Rate("top30", RateRange::kPositive);
  b.points_top50 = pts.Rate("top50", RateRange::kPositive);
  pts.RejectUnknownKeys();
  b.confirmed = e.confirmed;
  b.source = e.source;
  YAML::Node classes = m.Require("classes");
  if (!classes.IsSequence() || classes.size() == 0)
    throw InputError(m.PosOf(classes), "classes: expected a non-empty list");
  for (const YAML::Node& node : classes) {
    YamlMap c(node, file, "classes[]");
    c.ExpectKeys({"label", "min", "below", "top30", "top50"});
    kpi::BandClass k;
    k.label = c.Text("label");
    k.min = c.Integer("min", 0, 100'000'000);
    if (c.Has("below")) k.below = c.Integer("below", 1, 100'000'000);
    if (k.below && *k.below <= k.min)
      throw InputError(c.PosOf(c.Require("below")), "classes[].below: expected more than min");
    if (c.Has("top30")) k.top30 = BandPercent(c, "top30");
    if (c.Has("top50")) k.top50 = BandPercent(c, "top50");
    if (k.top30 && k.top50 && *k.top30 < *k.top50)
      throw InputError(c.PosOf(c.Require("top30")),
                       "classes[].top30: the 上位3割 threshold cannot be below the 上位5割 one");
    c.RejectUnknownKeys();
    b.classes.push_back(std::move(k));
  }
  // The bands must cover every 被保険者数 ≥ 1 exactly once: sorted by min, no gaps or overlaps.
  std::vector<const kpi::BandClass*> sorted;
  for (const auto& k : b.classes) sorted.push_back(&k);
  std::sort(sorted.begin(), sorted.end(),
            [](const auto* x, const auto* y) { return x->min < y->min; });
  std::int64_t next = 0;
  for (const auto* k : sorted) {
    if (k->min != next)
      throw InputError(m.PosOf(classes),
                       fmt::format("classes: the bands must cover 0 and up without gaps or "
                                   "overlaps (a band should start at {}, not {})",
                                   next, k->min));
    if (!k->below && k != sorted.back())
      throw InputError(m.PosOf(classes), "classes: only the largest band may omit below");
    next = k->below.value_or(0);
  }
  if (sorted.back()->below)
    throw InputError(m.PosOf(classes),
                     "classes: the largest band must omit below (no upper bound)");
  m.RejectUnknownKeys();
  return b;
}

kpi::CollectionBands LoadCollectionBands() {
  return ParseCollectionBands(std::string(EmbeddedDataFile(kBandsPath)), kBandsPath);
}

}  // namespace kokuho
