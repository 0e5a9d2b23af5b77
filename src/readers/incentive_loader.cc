#include "readers/incentive_loader.h"

#include <fmt/format.h>

#include <set>

#include "core/municipality_code.h"
#include "core/text.h"
#include "io/parameter_file.h"
#include "io/table_reader.h"
#include "io/value_parser.h"
#include "io/yaml_map.h"
#include "io/yaml_reader.h"

namespace kokuho {
namespace {

using incentive::Entity;
using incentive::IncentiveRules;
using incentive::Indicator;
using incentive::Item;
using incentive::Level;
using incentive::LevelRules;
using incentive::Provenance;
using incentive::RuleKind;

constexpr const char* kEmbeddedPath = "data/incentive/definitions.yaml";

Rational NumberAt(const YAML::Node& n, const SourcePos& pos, const std::string& what) {
  auto v = TryParseNumber(ScalarText(n, pos, what));
  if (!v)
    throw InputError(pos, fmt::format("{}: {}は数として読めません。数を書いてください", what,
                                      Quoted(n.Scalar())));
  return *v;
}

// confirmed: / source: of a value's map.
Provenance ReadProvenance(YamlMap& m) {
  Provenance p;
  p.pos = m.pos();
  p.confirmed = m.Bool("confirmed");
  p.source = m.Text("source");
  if (Trim(p.source).empty())
    throw InputError(m.PosOf(m.Require("source")),
                     m.where() + ".source: 値の出典 (通知・資料の名前) を書いてください");
  return p;
}

// {value, confirmed, source}
std::pair<Rational, Provenance> ReadValued(const YAML::Node& node, const std::string& file,
                                           const std::string& where) {
  YamlMap m(node, file, where);
  m.ExpectKeys({"value", "confirmed", "source"});
  YAML::Node v = m.Require("value");
  Rational value = NumberAt(v, m.PosOf(v), where + ".value");
  Provenance p = ReadProvenance(m);
  p.pos = m.PosOf(v);
  return {value, p};
}

YAML::Node Sequence(YamlMap& m, const std::string& key) {
  YAML::Node n = m.Require(key);
  if (!n.IsSequence() || n.size() == 0)
    throw InputError(m.PosOf(n),
                     fmt::format("{}.{}: 1つ以上の要素のリストで書いてください", m.where(), key));
  return n;
}

std::vector<incentive::ThresholdStep> ReadSteps(const YAML::Node& seq, const std::string& file,
                                                const std::string& where, const Item& item) {
  if (!seq.IsSequence() || seq.size() == 0)
    throw InputError(PosOf(seq, file), where + ": 段階 (steps) を1つ以上のリストで書いてください");
  const std::string bound_key = item.lower_is_better ? "at_most" : "at_least";
  std::vector<incentive::ThresholdStep> steps;
  for (const YAML::Node& s : seq) {
    YamlMap m(s, file, where + "[]");
    m.ExpectKeys({bound_key, "points", "confirmed", "source"});
    YAML::Node b = m.Require(bound_key);
    incentive::ThresholdStep step;
    step.bound = item.percent ? PercentWithSign(b, m.PosOf(b), m.where() + "." + bound_key)
                              : NumberAt(b, m.PosOf(b), m.where() + "." + bound_key);
    YAML::Node p = m.Require("points");
    step.points = NumberAt(p, m.PosOf(p), m.where() + ".points");
    step.provenance = ReadProvenance(m);
    // Best first: the first step met wins, so bounds must get strictly easier.
    if (!steps.empty() && (item.lower_is_better ? step.bound <= steps.back().bound
                                                : step.bound >= steps.back().bound))
      throw InputError(m.PosOf(b), fmt::format("{}.{}: 段階は良い順に書いてください ({} の値が"
                                               "{}順)",
                                               m.where(), bound_key, bound_key,
                                               item.lower_is_better ? "小さい" : "大きい"));
    steps.push_back(std::move(step));
  }
  return steps;
}

Item ReadItem(const YAML::Node& node, const std::string& file, const std::string& where,
              const IncentiveRules& rules) {
  YamlMap m(node, file, where);
  Item item;
  item.pos = m.pos();
  YAML::Node rule_node = m.Require("rule");
  const std::string rule = ScalarText(rule_node, m.PosOf(rule_node), where + ".rule");
  if (rule == "flag") {
    m.ExpectKeys({"key", "label", "column", "rule", "yes", "no", "confirmed", "source"});
    item.kind = RuleKind::kFlag;
  } else if (rule == "threshold") {
    m.ExpectKeys({"key", "label", "column", "rule", "unit", "direction", "steps", "tables"});
    item.kind = RuleKind::kThreshold;
  } else if (rule == "percentile") {
    m.ExpectKeys({"key", "label", "column", "rule", "unit", "direction", "bands"});
    item.kind = RuleKind::kPercentile;
  } else if (rule == "rank") {
    m.ExpectKeys({"key", "label", "column", "rule", "unit", "direction", "bands"});
    item.kind = RuleKind::kRank;
  } else if (rule == "share") {
    m.ExpectKeys({"key", "label", "column", "rule", "steps"});
    item.kind = RuleKind::kShare;
  } else {
    throw InputError(m.PosOf(rule_node),
                     where + ".rule: " + Quoted(rule) +
                         "は使えません。threshold、percentile、rank、flag、share のどれかを"
                         "書いてください");
  }
  item.key = m.Text("key");
  item.label = m.Text("label");
  item.column = std::string(Trim(NormalizeWidth(m.Text("column"))));
  if (item.column.empty() || item.column == "団体コード" || item.column == "被保険者数" ||
      item.column == "名称")
    throw InputError(m.PosOf(m.Require("column")),
                     where +
                         ".column: 団体コード・名称・被保険者数 のほかのデータの列の名前を"
                         "書いてください");
  const std::string w = where + " (" + item.key + ")";
  if (item.kind == RuleKind::kFlag) {
    YAML::Node y = m.Require("yes"), n = m.Require("no");
    item.points_yes = NumberAt(y, m.PosOf(y), w + ".yes");
    item.points_no = NumberAt(n, m.PosOf(n), w + ".no");
    item.provenance = ReadProvenance(m);
    m.RejectUnknownKeys();
    return item;
  }
  if (item.kind == RuleKind::kShare) {
    // The share of municipalities with the flag, against steps in percent.
    item.percent = true;
    item.tables.push_back({"", ReadSteps(m.Require("steps"), file, w + ".steps", item)});
    m.RejectUnknownKeys();
    return item;
  }
  YAML::Node unit = m.Require("unit");
  const std::string u = ScalarText(unit, m.PosOf(unit), w + ".unit");
  if (u != "percent" && u != "number")
    throw InputError(m.PosOf(unit), w + ".unit: " + Quoted(u) +
                                        "は使えません。percent か number を書いてください");
  item.percent = u == "percent";
  if (auto d = m.OptionalText("direction")) {
    if (*d != "higher" && *d != "lower")
      throw InputError(m.PosOf(m.Require("direction")),
                       w + ".direction: " + Quoted(*d) +
                           "は使えません。higher か lower (どちらが良い値か) を書いてください");
    item.lower_is_better = *d == "lower";
  }
  if (item.kind == RuleKind::kRank) {
    YAML::Node bands = Sequence(m, "bands");
    for (const YAML::Node& b : bands) {
      YamlMap bm(b, file, w + ".bands[]");
      bm.ExpectKeys({"rank_at_most", "points", "confirmed", "source"});
      incentive::RankBand band;
      band.at_most = bm.Integer("rank_at_most", 1, 1'000'000);
      if (!item.ranks.empty() && band.at_most <= item.ranks.back().at_most)
        throw InputError(bm.PosOf(bm.Require("rank_at_most")),
                         bm.where() +
                             ".rank_at_most: 段階は良い順 (rank_at_most の小さい順) に書いて"
                             "ください");
      YAML::Node p = bm.Require("points");
      band.points = NumberAt(p, bm.PosOf(p), bm.where() + ".points");
      band.provenance = ReadProvenance(bm);
      item.ranks.push_back(std::move(band));
    }
  } else if (item.kind == RuleKind::kPercentile) {
    YAML::Node bands = Sequence(m, "bands");
    for (const YAML::Node& b : bands) {
      YamlMap bm(b, file, w + ".bands[]");
      bm.ExpectKeys({"top", "points", "confirmed", "source"});
      YAML::Node t = bm.Require("top"), p = bm.Require("points");
      incentive::PercentileBand band;
      band.top = PercentWithSign(t, bm.PosOf(t), bm.where() + ".top");
      if (band.top.Sign() <= 0 || band.top > Rational(1))
        throw InputError(bm.PosOf(t),
                         bm.where() + ".top: 0% より大きく 100% 以下の割合を書いてください");
      if (!item.bands.empty() && band.top <= item.bands.back().top)
        throw InputError(bm.PosOf(t),
                         bm.where() + ".top: 段階は良い順 (top の小さい順) に書いてください");
      band.points = NumberAt(p, bm.PosOf(p), bm.where() + ".points");
      band.provenance = ReadProvenance(bm);
      item.bands.push_back(std::move(band));
    }
  } else {
    const bool has_steps = m.Has("steps"), has_tables = m.Has("tables");
    if (has_steps == has_tables)
      throw InputError(m.pos(), w + ": steps (表1つ) か tables (規模区分ごとの表) の"
                                    "どちらか一方を書いてください");
    if (has_steps) {
      item.tables.push_back({"", ReadSteps(m.Require("steps"), file, w + ".steps", item)});
    } else {
      YAML::Node tables = Sequence(m, "tables");
      std::set<std::string> seen;
      for (const YAML::Node& t : tables) {
        YamlMap tm(t, file, w + ".tables[]");
        tm.ExpectKeys({"class", "steps"});
        YAML::Node c = tm.Require("class");
        std::string cls = ScalarText(c, tm.PosOf(c), tm.where() + ".class");
        if (!rules.FindClass(cls))
          throw InputError(tm.PosOf(c), tm.where() + ".class: 規模区分 " + Quoted(cls) +
                                            "はありません (size_classes の key を書いてください)");
        if (!seen.insert(cls).second)
          throw InputError(tm.PosOf(c),
                           tm.where() + ".class: 規模区分 " + Quoted(cls) + "が2回あります");
        item.tables.push_back({cls, ReadSteps(tm.Require("steps"), file, w + ".steps", item)});
      }
      for (const auto& sc : rules.size_classes)
        if (!seen.count(sc.key))
          throw InputError(m.PosOf(tables),
                           w + ".tables: 規模区分 " + sc.key + " の表がありません。加えてください");
    }
  }
  m.RejectUnknownKeys();
  return item;
}

LevelRules ReadLevel(const YAML::Node& node, const std::string& file, Level level,
                     const IncentiveRules& rules, std::set<std::string>& item_keys) {
  const std::string where = level == Level::kMunicipal ? "municipal" : "prefectural";
  YamlMap m(node, file, where);
  m.ExpectKeys({"total", "indicators"});
  LevelRules lr;
  lr.level = level;
  auto [total, total_prov] = ReadValued(m.Require("total"), file, where + ".total");
  lr.declared_total = total;
  lr.total_provenance = total_prov;
  YAML::Node inds = Sequence(m, "indicators");
  std::set<std::string> keys;
  for (const YAML::Node& n : inds) {
    YamlMap im(n, file, where + ".indicators[]");
    im.ExpectKeys({"key", "label", "max", "items"});
    Indicator ind;
    ind.key = im.Text("key");
    if (!keys.insert(ind.key).second)
      throw InputError(im.PosOf(im.Require("key")),
                       "指標の key " + Quoted(ind.key) + "が2回あります");
    ind.label = im.Text("label");
    const std::string w = where + "." + ind.key;
    auto [max, max_prov] = ReadValued(im.Require("max"), file, w + ".max");
    if (max.Sign() <= 0) throw InputError(max_prov.pos, w + ".max: 0より大きい数を書いてください");
    ind.max_points = max;
    ind.max_provenance = max_prov;
    YAML::Node items = Sequence(im, "items");
    Rational item_max = 0;
    for (const YAML::Node& it : items) {
      Item item = ReadItem(it, file, w + ".items[]", rules);
      // A rank among prefectures (rank_among_prefs, docs/incentive-format.md) needs every
      // prefecture's data; the data of one prefecture cannot rank it, so it is refused rather than
      // scored as a field of one.
      if (level == Level::kPrefectural &&
          (item.kind == RuleKind::kPercentile || item.kind == RuleKind::kRank))
        throw InputError(PosOf(it["rule"], file),
                         w + ".items[].rule: percentile と rank は市町村分だけに使えます "
                             "(都道府県の順位は計算しません。公表された順位を数の列にして、"
                             "threshold と direction: lower で書いてください)");
      // A share is the prefecture's view of its municipalities.
      if (level == Level::kMunicipal && item.kind == RuleKind::kShare)
        throw InputError(PosOf(it["rule"], file),
                         w + ".items[].rule: share は都道府県分だけに使えます (該当する市町村"
                             "の割合です)");
      if (!item_keys.insert(item.key).second)
        throw InputError(PosOf(it["key"], file),
                         "項目の key " + Quoted(item.key) + "が2回あります");
      item_max += item.MaxPoints();
      ind.items.push_back(std::move(item));
    }
    // The items cannot give more than the indicator's 満点.
    if (item_max > ind.max_points)
      throw InputError(max_prov.pos,
                       fmt::format("{}.max: 項目の点の合計 {} 点が満点 {} を超えています", w,
                                   item_max.ToString(), ind.max_points.ToString()));
    im.RejectUnknownKeys();
    lr.indicators.push_back(std::move(ind));
  }
  // Σ 満点 of the indicators = the total the source states (R3: 1,000 and 296).
  if (lr.MaxPoints() != lr.declared_total)
    throw InputError(total_prov.pos,
                     fmt::format("{}.total: 指標の満点の合計は {} で、{} ではありません", where,
                                 lr.MaxPoints().ToString(), lr.declared_total.ToString()));
  m.RejectUnknownKeys();
  return lr;
}

// The definition set in force in `year`: an entry of the series `definitions`.
IncentiveRules RulesFromFile(const ParameterFile& f, FiscalYear year, const YearPolicy& policy) {
  for (const ParameterSeries* s : f.AllSeries())
    if (s->name != "definitions")
      throw InputError(
          s->pos, fmt::format("系列 {}は使えません (definitions だけを書きます)", Quoted(s->name)));
  IncentiveRules r;
  const std::string& file = f.file();
  r.file = file;
  ResolvedEntry e = f.Resolve("definitions", year, policy, r.notes);
  YamlMap& m = e.map;
  m.ExpectKeys(ResolvedEntry::Fields({"title", "size_classes", "municipal", "prefectural"}));
  r.year = e.from;
  m.Text("title");
  YAML::Node classes = Sequence(m, "size_classes");
  std::int64_t next_min = 0;  // the min the next class must have
  bool open_ended = false;    // a class without below was seen
  for (const YAML::Node& c : classes) {
    YamlMap cm(c, file, "size_classes[]");
    cm.ExpectKeys({"key", "label", "min", "below"});
    incentive::SizeClass sc;
    sc.key = cm.Text("key");
    sc.label = cm.Text("label");
    YAML::Node mn = cm.Require("min");
    sc.min_insured =
        ParseCount(ScalarText(mn, cm.PosOf(mn), "min"), cm.PosOf(mn), "size_classes[].min", 0);
    if (r.FindClass(sc.key))
      throw InputError(cm.PosOf(cm.Require("key")),
                       "規模区分の key " + Quoted(sc.key) + "が2回あります");
    // The classes must cover 0, 1, 2 … without gaps or overlaps, smallest first.
    if (open_ended)
      throw InputError(cm.PosOf(mn),
                       "size_classes[]: 上限のない区分 (below のない区分) の後に区分があります。"
                       "上限のない区分を最後にしてください");
    if (sc.min_insured != next_min)
      throw InputError(cm.PosOf(mn),
                       fmt::format("size_classes[].min: {} にしてください (前の区分の "
                                   "below。区分は小さい順に書きます)",
                                   next_min));
    if (auto b = cm.Optional("below")) {
      sc.below = ParseCount(ScalarText(*b, cm.PosOf(*b), "below"), cm.PosOf(*b),
                            "size_classes[].below", sc.min_insured + 1);
      next_min = *sc.below;
    } else {
      open_ended = true;
    }
    cm.RejectUnknownKeys();
    r.size_classes.push_back(std::move(sc));
  }
  if (!open_ended)
    throw InputError(m.PosOf(classes),
                     "size_classes: 最後の区分には below を書かないでください (上限なし)");
  std::set<std::string> item_keys;
  r.municipal = ReadLevel(m.Require("municipal"), file, Level::kMunicipal, r, item_keys);
  r.prefectural = ReadLevel(m.Require("prefectural"), file, Level::kPrefectural, r, item_keys);
  m.RejectUnknownKeys();
  return r;
}

}  // namespace

IncentiveRules ParseIncentiveRules(const std::string& utf8, const std::string& file,
                                   FiscalYear year, const YearPolicy& policy) {
  return RulesFromFile(ParameterFile::Parse(utf8, file), year, policy);
}

IncentiveRules LoadIncentiveRulesFile(const std::string& path, FiscalYear year,
                                      const YearPolicy& policy) {
  return RulesFromFile(ParameterFile::FromPath(path), year, policy);
}

std::vector<FiscalYear> IncentiveYears() {
  std::vector<FiscalYear> years;
  const ParameterFile f = ParameterFile::Embedded(kEmbeddedPath);
  for (const ParameterEntry& e : f.Series("definitions").entries) years.push_back(e.from);
  return years;
}

IncentiveRules LoadIncentiveRules(FiscalYear year, const YearPolicy& policy) {
  const ParameterFile f = ParameterFile::Embedded(kEmbeddedPath);
  // Each year has its own indicators: the definitions of an earlier year are not in force
  // in a later one unless carried forward on request, so a year between two entries (or
  // before the first) is refused with the years available.
  bool have_year = false;
  std::string have;
  for (FiscalYear y : IncentiveYears()) {
    have += (have.empty() ? "" : ", ") + y.ToShortWareki();
    have_year = have_year || y == year;
  }
  const ParameterSeries& s = f.Series("definitions");
  const bool past = s.known_through && *s.known_through < year;
  if (!have_year && !past)
    throw InputError({"--year", 0, 0},
                     fmt::format("{}の保険者努力支援制度の定義は同梱されていません (同梱: {})。"
                                 "通知の配点を同じ形式で書いたファイルを --rules FILE で指定して"
                                 "ください (docs/incentive-format.md)",
                                 year.ToWareki(), have.empty() ? "なし" : have));
  return RulesFromFile(f, year, policy);
}

namespace {

const std::set<std::string>& YesWords() {
  static const std::set<std::string> w = {"1",    "yes", "Yes",  "YES", "true", "TRUE",
                                          "はい", "有",  "あり", "○",   "〇",   "◯"};
  return w;
}
const std::set<std::string>& NoWords() {
  static const std::set<std::string> w = {"0",      "no", "No",   "NO", "false", "FALSE",
                                          "いいえ", "無", "なし", "×",  "-"};
  return w;
}

// What an item column needs: flag or number/percent; and which levels use it.
struct ColumnUse {
  bool flag = false;
  bool percent = false;
  bool municipal = false;
  bool prefectural = false;
  std::string first_item;
};

std::map<std::string, ColumnUse> ColumnUses(const IncentiveRules& rules, const std::string& file) {
  std::map<std::string, ColumnUse> uses;
  for (const LevelRules* lr : {&rules.municipal, &rules.prefectural})
    for (const auto& ind : lr->indicators)
      for (const auto& item : ind.items) {
        // A share reads a flag of the municipal rows.
        const bool share = item.kind == RuleKind::kShare;
        const bool flag = item.kind == RuleKind::kFlag || share;
        const bool percent = !share && item.percent;
        auto [it, fresh] = uses.try_emplace(item.column);
        ColumnUse& u = it->second;
        if (fresh) {
          u.flag = flag;
          u.percent = percent;
          u.first_item = item.key;
        } else if (u.flag != flag || u.percent != percent) {
          throw InputError(item.pos,
                           fmt::format("列 {} を {} は{}として、{} は{}として読みます。"
                                       "1つの列は1通りに読むようにしてください",
                                       item.column, u.first_item, u.flag ? "はい/いいえ" : "数",
                                       item.key, flag ? "はい/いいえ" : "数"));
        }
        (lr->level == Level::kMunicipal || share ? u.municipal : u.prefectural) = true;
      }
  return uses;
}

Rational ParseValue(const TableCell& cell, const ColumnUse& use, const std::string& column) {
  const std::string t(Trim(NormalizeWidth(cell.text)));
  if (use.flag) {
    if (YesWords().count(t)) return 1;
    if (NoWords().count(t)) return 0;
    throw InputError(cell.pos, column + ": " + Quoted(t) +
                                   "は使えません。はい/いいえ (1/0、○/×) で書いてください");
  }
  auto v = TryParseNumber(t);
  if (!v) throw InputError(cell.pos, column + ": " + Quoted(t) + "は数として読めません");
  if (use.percent) {
    // A rate column holds percent: "39.28" and "39.28%" both mean 39.28%.
    const bool has_sign = !t.empty() && t.back() == '%';
    Rational r = has_sign ? *v : *v / Rational(100);
    if (r.Sign() < 0 || r > Rational(1))
      throw InputError(cell.pos,
                       column + ": " + Quoted(t) + "は範囲外です。0〜100 の百分率で書いてください");
    return r;
  }
  return *v;
}

struct RawRow {
  SourcePos pos;
  TableCell code;
  std::optional<TableCell> name;
  std::optional<TableCell> insured;
  std::map<std::string, TableCell> values;
  std::map<std::string, SourcePos> blank_at;  ///< wide form: the empty cell of a column
};

// Wide: 団体コード, [名称], 被保険者数, one column per item column.
std::vector<RawRow> WideRows(const Table& table, const std::map<std::string, ColumnUse>& uses) {
  std::optional<size_t> code_col, name_col, insured_col;
  std::vector<std::pair<size_t, std::string>> value_cols;
  for (size_t j = 0; j < table.header.size(); ++j) {
    const std::string& h = table.header[j].text;
    if (h == "団体コード") {
      code_col = j;
    } else if (h == "名称") {
      name_col = j;
    } else if (h == "被保険者数") {
      insured_col = j;
    } else if (uses.count(h)) {
      value_cols.push_back({j, h});
    } else {
      throw InputError(table.header[j].pos,
                       fmt::format("見出し {}は使えません。団体コード、名称、被保険者数、"
                                   "または定義にある指標の列を書いてください",
                                   Quoted(h)));
    }
  }
  const SourcePos header_pos{table.file, table.header.empty() ? 1 : table.header[0].pos.line, 0};
  if (!code_col)
    throw InputError(header_pos, "列 団体コード がありません。見出し行に加えてください");
  if (!insured_col)
    throw InputError(header_pos, "列 被保険者数 がありません。見出し行に加えてください");
  for (const auto& [col, use] : uses) {
    bool present = false;
    for (const auto& vc : value_cols) present |= vc.second == col;
    if (!present)
      throw InputError(header_pos,
                       fmt::format("列 {} がありません (項目 {} が読みます)。見出し行に加えて"
                                   "ください",
                                   col, use.first_item));
  }
  std::vector<RawRow> rows;
  for (const TableRow& row : table.rows) {
    RawRow r;
    r.pos = row.pos;
    r.code = row.cells[*code_col];
    if (name_col) r.name = row.cells[*name_col];
    r.insured = row.cells[*insured_col];
    for (const auto& [j, col] : value_cols)
      if (!Trim(row.cells[j].text).empty())
        r.values[col] = row.cells[j];
      else
        r.blank_at[col] = row.cells[j].pos;
    rows.push_back(std::move(r));
  }
  return rows;
}

// Long: 団体コード, [名称], 項目, 値 — one row per value; 項目 被保険者数 gives N.
std::vector<RawRow> LongRows(const Table& table, const std::map<std::string, ColumnUse>& uses) {
  auto code_col = table.ColumnIndex("団体コード");
  auto name_col = table.ColumnIndex("名称");
  auto item_col = table.ColumnIndex("項目");
  auto value_col = table.ColumnIndex("値");
  for (const TableCell& h : table.header)
    if (h.text != "団体コード" && h.text != "名称" && h.text != "項目" && h.text != "値")
      throw InputError(h.pos,
                       "見出し " + Quoted(h.text) +
                           "は使えません。縦持ちの表の見出しは 団体コード、名称、項目、値 です");
  std::vector<RawRow> rows;
  std::map<std::string, size_t> by_code;
  for (const TableRow& row : table.rows) {
    const TableCell& code = row.cells[*code_col];
    const std::string key(Trim(NormalizeWidth(code.text)));
    auto [it, fresh] = by_code.try_emplace(key, rows.size());
    if (fresh) {
      RawRow r;
      r.pos = row.pos;
      r.code = code;
      rows.push_back(std::move(r));
    }
    RawRow& r = rows[it->second];
    if (name_col && !Trim(row.cells[*name_col].text).empty()) r.name = row.cells[*name_col];
    const TableCell& item = row.cells[*item_col];
    const std::string name(Trim(NormalizeWidth(item.text)));
    const TableCell& value = row.cells[*value_col];
    if (name == "被保険者数") {
      if (r.insured) throw InputError(item.pos, "この団体コードの被保険者数が2回あります");
      r.insured = value;
    } else if (uses.count(name)) {
      if (r.values.count(name))
        throw InputError(item.pos, "この団体コードの " + name + " が2回あります");
      r.values[name] = value;
    } else {
      throw InputError(item.pos, "項目 " + Quoted(name) +
                                     "は使えません。被保険者数か、定義にある指標の列の名前を書いて"
                                     "ください");
    }
  }
  return rows;
}

}  // namespace

std::vector<Entity> ReadIncentiveData(const Table& table, const IncentiveRules& rules) {
  const auto uses = ColumnUses(rules, rules.file);
  const bool long_form =
      table.ColumnIndex("項目") && table.ColumnIndex("値") && !table.ColumnIndex("被保険者数");
  std::vector<RawRow> raw = long_form ? LongRows(table, uses) : WideRows(table, uses);
  if (raw.empty()) throw InputError({table.file, 0, 0}, "表にデータの行がありません");
  std::vector<Entity> out;
  std::set<std::string> codes;
  std::string prefecture;
  for (RawRow& r : raw) {
    Entity e;
    e.pos = r.pos;
    auto code = MunicipalityCode::TryParse(Trim(NormalizeWidth(r.code.text)));
    if (!code) throw InputError(r.code.pos, "団体コード: " + MunicipalityCodeProblem(r.code.text));
    e.code = code->str();
    if (!codes.insert(e.code).second)
      throw InputError(r.code.pos, "団体コード: " + e.code + " が2回あります");
    if (prefecture.empty()) prefecture = code->prefecture();
    if (code->prefecture() != prefecture)
      throw InputError(r.code.pos,
                       "団体コード: 最初の行と違う都道府県の団体です (最初の行は都道府県コード " +
                           prefecture + ")。1つの都道府県の表にしてください");
    e.level = e.code.substr(2, 3) == "000" ? Level::kPrefectural : Level::kMunicipal;
    if (r.name) e.name = std::string(Trim(r.name->text));
    if (!r.insured || Trim(r.insured->text).empty())
      throw InputError(r.insured ? r.insured->pos : r.pos,
                       "被保険者数: 値がありません。被保険者数を書いてください");
    e.insured = ParseCount(r.insured->text, r.insured->pos, "被保険者数");
    for (const auto& [col, use] : uses) {
      const bool needed = e.level == Level::kMunicipal ? use.municipal : use.prefectural;
      auto it = r.values.find(col);
      if (!needed) {
        if (it != r.values.end())
          throw InputError(it->second.pos, fmt::format("{}: {}には使いません。空欄にしてください",
                                                       col, incentive::LevelName(e.level)));
        continue;
      }
      if (it == r.values.end())
        throw InputError(r.blank_at.count(col) ? r.blank_at.at(col) : r.pos,
                         fmt::format("{}: {} の値がありません (項目 {} に必要です)", col, e.code,
                                     use.first_item));
      e.values[col] = ParseValue(it->second, use, col);
      e.where[col] = it->second.pos;
    }
    out.push_back(std::move(e));
  }
  int prefs = 0;
  for (const auto& e : out)
    if (e.level == Level::kPrefectural && ++prefs > 1)
      throw InputError(e.pos, "都道府県の行 (団体コードの3〜5桁目が000) が2つ以上あります");
  return out;
}

std::vector<Entity> LoadIncentiveData(const std::string& path, const IncentiveRules& rules) {
  return ReadIncentiveData(ReadTable(path), rules);
}

incentive::NationalAverage LoadNationalAverage(const std::string& path,
                                               const IncentiveRules& rules) {
  YAML::Node root = LoadYamlStrict(path);
  YamlMap m(root, path, "the top level");
  m.ExpectKeys({"fiscal_year", "source", "municipal", "prefectural"});
  incentive::NationalAverage avg;
  YAML::Node fy = m.Require("fiscal_year");
  auto year = FiscalYear::TryParse(ScalarText(fy, m.PosOf(fy), "fiscal_year"));
  if (!year || *year != rules.year)
    throw InputError(m.PosOf(fy),
                     "fiscal_year: 定義の年度 " + rules.year.ToShortWareki() + " を書いてください");
  avg.source = m.Text("source");
  for (const LevelRules* lr : {&rules.municipal, &rules.prefectural}) {
    const std::string key = lr->level == Level::kMunicipal ? "municipal" : "prefectural";
    auto node = m.Optional(key);
    if (!node) continue;
    YamlMap lm(*node, path, key);
    auto& by_key = lr->level == Level::kMunicipal ? avg.municipal : avg.prefectural;
    auto& total = lr->level == Level::kMunicipal ? avg.municipal_total : avg.prefectural_total;
    for (auto& [k, v] : lm.Entries()) {
      const std::string name = k.as<std::string>();
      Rational value = NumberAt(v, lm.PosOf(v), key + "." + name);
      if (name == "total") {
        total = value;
        continue;
      }
      bool known = false;
      for (const auto& ind : lr->indicators) known |= ind.key == name;
      if (!known)
        throw InputError(lm.PosOf(k),
                         fmt::format("{}: 指標 {}はありません。total か、定義にある指標の "
                                     "key を書いてください",
                                     key, Quoted(name)));
      by_key[name] = value;
    }
  }
  m.RejectUnknownKeys();
  return avg;
}

}  // namespace kokuho
