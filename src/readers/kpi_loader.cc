#include "readers/kpi_loader.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <tuple>

#include "core/municipality_code.h"
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
      return "百分率 (例: 42.6 または 42.6%)";
    case Unit::kYen:
      return "円単位の整数";
    case Unit::kCount:
      return "整数";
    case Unit::kIndex:
      return "小数の指数 (例: 0.9514)";
  }
  return "数";
}

Rational ParseValue(std::string_view text, const SourcePos& pos, const std::string& what,
                    Unit unit) {
  auto v = TryParseValue(text, unit);
  if (!v || ((unit == Unit::kYen || unit == Unit::kCount) && !(v->raw().get_den() == 1)))
    throw InputError(pos, fmt::format("{}: {}は使えません。{}で書いてください", what, Quoted(text),
                                      UnitWords(unit)));
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
    throw InputError(m.PosOf(n), fmt::format("{}.{}: {}は使えません。{} のどれかを書いてください",
                                             m.where(), key, Quoted(text), list));
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
                     m.where() + ".key: key は英小文字・数字・'_' だけで書いてください");
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
        throw InputError(
            m.PosOf(m.Require(k)),
            fmt::format("{}.{}: {} は比率の KPI (kind: ratio) だけに書けます", m.where(), k, k));
  }
  if (auto targets = m.Optional("targets")) {
    if (!targets->IsSequence())
      throw InputError(m.PosOf(*targets),
                       m.where() + ".targets: 目標のリスト (- year: …) で書いてください");
    for (size_t i = 0; i < targets->size(); ++i) {
      YamlMap t((*targets)[i], file, fmt::format("{}.targets[{}]", m.where(), i));
      t.ExpectKeys({"year", "value", "source", "confirmed"});
      YAML::Node yn = t.Require("year");
      std::string ytext = ScalarText(yn, t.PosOf(yn), t.where() + ".year");
      auto year = FiscalYear::TryParse(ytext);
      if (!year)
        throw InputError(t.PosOf(yn),
                         t.where() + ".year: 年度を 2029、令和11年度、R11 のように書いてください");
      if (!d.targets.empty() && !(d.targets.back().year < *year))
        throw InputError(t.PosOf(yn),
                         t.where() + ".year: 目標は年度の順に、1年度に1つずつ書いてください");
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
    throw InputError(top.PosOf(list), "kpis: KPI の定義を1つ以上のリストで書いてください");
  std::vector<Definition> defs;
  std::map<std::string, int> seen;  // key or label → line
  for (size_t i = 0; i < list.size(); ++i) {
    Definition d = ReadDefinition(list[i], path, i);
    const SourcePos pos = PosOf(list[i], path);
    for (const std::string& name : {d.key, d.label}) {
      auto [it, fresh] = seen.emplace(name, pos.line);
      if (!fresh)
        throw InputError(pos, fmt::format("kpis[{}]: {}は{}行目の KPI ですでに使われています", i,
                                          Quoted(name), it->second));
    }
    defs.push_back(std::move(d));
  }
  top.RejectUnknownKeys();
  return defs;
}

}  // namespace

std::string KpiDataFile(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;  // a name the system refuses is not a folder: ReadTable then reports it
  if (!fs::is_directory(path, ec)) return path;
  for (const char* name : {"kpi.csv", "kpi.xlsx"})
    if (fs::exists(fs::path(path) / name, ec)) return (fs::path(path) / name).string();
  throw InputError({path, 0, 0},
                   "このフォルダに kpi.csv も kpi.xlsx もありません。KPI "
                   "の表のファイルか、それのあるフォルダを指定してください");
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
    throw InputError({file, 1, 0},
                     "列 値 (または 分子 と 分母) がありません。見出し行に加えてください");
  if (t.rows.empty()) throw InputError({file, 0, 0}, "表にデータの行がありません");

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
      throw InputError(code_cell.pos, "団体コード: " + MunicipalityCodeProblem(code_cell.text));
    if (prefecture.empty()) prefecture = code->prefecture();
    if (code->prefecture() != prefecture)
      throw InputError(code_cell.pos,
                       fmt::format("団体コード: 最初の行と違う都道府県の団体です (最初の行は"
                                   "都道府県コード {})。県の合計を出すため、1つの都道府県の表に"
                                   "してください",
                                   prefecture));
    o.code = *code;
    const TableCell& year_cell = row.cells[*t.ColumnIndex(kYear)];
    auto year = FiscalYear::TryParse(Trim(year_cell.text));
    if (!year)
      throw InputError(year_cell.pos, "年度: " + Quoted(year_cell.text) +
                                          "は年度として読めません。2023、令和5年度、R5 のように"
                                          "書いてください");
    o.year = *year;
    const TableCell& kpi_cell = row.cells[*t.ColumnIndex(kKpi)];
    auto it = by_name.find(std::string(Trim(kpi_cell.text)));
    if (it == by_name.end()) {
      std::string keys;
      for (const Definition& d : definitions) keys += (keys.empty() ? "" : ", ") + d.key;
      throw InputError(kpi_cell.pos,
                       fmt::format("指標: {}は定義にない KPI です。key か名前 ({}) を書いて"
                                   "ください",
                                   Quoted(kpi_cell.text), keys));
    }
    const Definition& d = *it->second;
    o.key = d.key;
    if (const TableCell* c = cell(row, kName)) o.name = std::string(Trim(c->text));
    if (const TableCell* c = cell(row, kInsured)) o.insured = ParseCount(c->text, c->pos, kInsured);
    auto [prev, fresh] = seen.emplace(std::tuple{o.code.str(), o.year.year(), o.key}, row.pos.line);
    if (!fresh)
      throw InputError(kpi_cell.pos,
                       fmt::format("{} {} {}: 2回あります (最初は{}行目)", o.code.str(),
                                   o.year.ToWareki(), d.label, prev->second));

    const TableCell* num = cell(row, kNumerator);
    const TableCell* den = cell(row, kDenominator);
    const TableCell* exc = cell(row, kExcluded);
    const TableCell* val = cell(row, kValue);
    if (d.kind != Kind::kRatio) {
      for (const TableCell* c : {num, den, exc})
        if (c)
          throw InputError(c->pos, fmt::format("{}: 金額・件数の KPI には 値 だけを書きます。分子・"
                                               "分母・除外額 は空欄にしてください",
                                               d.label));
      if (!val) {
        auto i = t.ColumnIndex(kValue);
        SourcePos pos = i ? row.cells[*i].pos : row.pos;
        throw InputError(pos, fmt::format("値: {} の値がありません", d.label));
      }
      o.value = ParseValue(val->text, val->pos, "値", d.unit);
      out.push_back(std::move(o));
      continue;
    }
    // Ratio KPI: 分子 and 分母 are counts or yen (whole, ≥ 0); 除外額 only where the
    // definition names exclusions (収納率: 居所不明者分, docs/kpi-format.md).
    auto whole = [&](const TableCell* c, const char* what) {
      auto v = TryParseNumber(c->text);
      if (!v || v->Sign() < 0 || v->raw().get_den() != 1)
        throw InputError(c->pos, fmt::format("{}: 0以上の整数で書いてください", what));
      return *v;
    };
    if (exc && d.exclusions.empty())
      throw InputError(
          exc->pos, fmt::format("除外額: {} には除外額がありません。空欄にしてください", d.label));
    if (exc && !(num && den))
      throw InputError(exc->pos, "除外額: 同じ行に分子と分母も書いてください");
    if (num && !den) throw InputError(num->pos, "分子: 同じ行に分母も書いてください");
    if (den) o.denominator = whole(den, "分母");
    if (exc) o.excluded = whole(exc, "除外額");
    if (den && !(*o.Base()).Sign())
      throw InputError(den->pos, "分母: 除外額を引いた後の分母が0です。0より大きくしてください");
    if (den && (*o.Base()).Sign() < 0)
      throw InputError(exc->pos, "除外額: 分母以下の額にしてください");
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
          throw InputError(val->pos,
                           fmt::format("値: 分子 ÷ 分母 (= {}) と合いません。値か分子・分母を"
                                       "確かめてください",
                                       scaled.ToDecimalString(4)));
      }
    } else {
      if (!val) {
        auto i = t.ColumnIndex(kValue);
        SourcePos pos = i ? row.cells[*i].pos : row.pos;
        throw InputError(pos, fmt::format("値: {} の値 (または分子と分母) がありません", d.label));
      }
      o.value = ParseValue(val->text, val->pos, "値", d.unit);
      if (o.value.Sign() < 0) throw InputError(val->pos, "値: 比率は0以上で書いてください");
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
    throw InputError(
        m.PosOf(n),
        fmt::format("{}.{}: 0% より大きく 100% 以下の百分率を書いてください", m.where(), key));
  return v;
}

}  // namespace

kpi::CollectionBands ParseCollectionBands(const std::string& utf8, const std::string& file) {
  const ParameterFile f = ParameterFile::Parse(utf8, file);
  for (const ParameterSeries* s : f.AllSeries())
    if (s->name != "collection_thresholds")
      throw InputError(s->pos, fmt::format("系列 {}は使えません (collection_thresholds だけを"
                                           "書きます)",
                                           Quoted(s->name)));
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
    throw InputError(m.PosOf(classes), "classes: 区分を1つ以上のリストで書いてください");
  for (const YAML::Node& node : classes) {
    YamlMap c(node, file, "classes[]");
    c.ExpectKeys({"label", "min", "below", "top30", "top50"});
    kpi::BandClass k;
    k.label = c.Text("label");
    k.min = c.Integer("min", 0, 100'000'000);
    if (c.Has("below")) k.below = c.Integer("below", 1, 100'000'000);
    if (k.below && *k.below <= k.min)
      throw InputError(c.PosOf(c.Require("below")),
                       "classes[].below: min より大きい値を書いてください");
    if (c.Has("top30")) k.top30 = BandPercent(c, "top30");
    if (c.Has("top50")) k.top50 = BandPercent(c, "top50");
    if (k.top30 && k.top50 && *k.top30 < *k.top50)
      throw InputError(c.PosOf(c.Require("top30")),
                       "classes[].top30: 上位3割の基準は上位5割の基準以上にしてください");
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
                       fmt::format("classes: 区分は0から切れ目も重なりもなく続けてください "
                                   "(区分は {} から始まるはずですが、{} からです)",
                                   next, k->min));
    if (!k->below && k != sorted.back())
      throw InputError(m.PosOf(classes), "classes: below を省けるのは最大の区分だけです");
    next = k->below.value_or(0);
  }
  if (sorted.back()->below)
    throw InputError(m.PosOf(classes),
                     "classes: 最大の区分には below を書かないでください (上限なし)");
  m.RejectUnknownKeys();
  return b;
}

kpi::CollectionBands LoadCollectionBands() {
  return ParseCollectionBands(std::string(EmbeddedDataFile(kBandsPath)), kBandsPath);
}

}  // namespace kokuho
