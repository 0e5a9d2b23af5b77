#include "io/parameter_file.h"

#include <fmt/format.h>

#include <algorithm>

#include "core/text.h"
#include "io/embedded_data.h"
#include "io/encoding.h"
#include "io/yaml_reader.h"

namespace kokuho {
namespace {

/// How a message names a series: its description with the key, e.g. 「応益割額の係数
/// (ouneki_coeff)」, or the key alone.
std::string SeriesLabel(const ParameterSeries& s) {
  return s.description.empty() ? s.name : fmt::format("{} ({})", s.description, s.name);
}

const char* const kBookkeeping[] = {"from", "confirmed", "source", "note"};

std::optional<FiscalYear> KnownThrough(const YAML::Node& node, const SourcePos& pos,
                                       const std::string& what) {
  if (node.IsScalar() && node.Scalar() == "open") return std::nullopt;
  return FiscalYearAt(node, pos, what + " (a fiscal year such as 2026 or R8, or open)");
}

// A month "2024-06" or "202406" (yyyymm), for `period: month` series.
std::optional<std::int32_t> ParseMonth(std::string_view t) {
  t = Trim(t);
  std::string digits;
  for (char c : t)
    if (c != '-') digits.push_back(c);
  if (digits.size() != 6 || (t.size() == 7 && t[4] != '-') || (t.size() != 6 && t.size() != 7))
    return std::nullopt;
  std::int32_t v = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  if (v % 100 < 1 || v % 100 > 12 || v / 100 < 1900) return std::nullopt;
  return v;
}

std::int32_t MonthAt(const YAML::Node& node, const SourcePos& pos, const std::string& what) {
  auto m = node.IsScalar() ? ParseMonth(node.Scalar()) : std::nullopt;
  if (!m) throw InputError(pos, what + ": 年月を 2024-06 のように書いてください (period: month)");
  return *m;
}

// The fiscal year (April–March) a month falls in.
FiscalYear FiscalYearOfMonth(std::int32_t yyyymm) {
  return FiscalYear(yyyymm % 100 >= 4 ? yyyymm / 100 : yyyymm / 100 - 1);
}

ParameterSeries ReadSeries(const std::string& name, const SourcePos& name_pos,
                           const YAML::Node& node, const std::string& file,
                           const std::optional<std::optional<FiscalYear>>& file_known,
                           std::int32_t file_known_month, const SourcePos& file_known_pos) {
  YamlMap m(node, file, name);
  m.ExpectKeys({"description", "law", "period", "known_through", "values"});
  ParameterSeries s;
  s.name = name;
  s.pos = name_pos;
  s.description = m.OptionalText("description").value_or("");
  s.law = m.OptionalText("law").value_or("");
  if (auto period = m.OptionalText("period")) {
    if (*period != "fiscal_year" && *period != "income_year" && *period != "month")
      throw InputError(
          m.PosOf(m.Require("period")),
          name + ".period: " + Quoted(*period) +
              "は使えません。fiscal_year、income_year、month のどれかを書いてください");
    s.income_year = *period == "income_year";
    s.monthly = *period == "month";
  }
  if (auto k = m.Optional("known_through")) {
    s.known_through_pos = m.PosOf(*k);
    if (s.monthly && !(k->IsScalar() && k->Scalar() == "open")) {
      s.known_through_month = MonthAt(*k, s.known_through_pos, name + ".known_through");
      s.known_through = FiscalYearOfMonth(s.known_through_month);
    } else {
      s.known_through = KnownThrough(*k, m.PosOf(*k), name + ".known_through");
    }
  } else if (file_known) {
    if (s.monthly != (file_known_month != 0) && *file_known)
      throw InputError(file_known_pos,
                       name + (s.monthly ? ": 月ごとの系列 (period: month) の known_through は "
                                           "2026-05 のような年月か open で書いてください"
                                         : ": この系列の known_through は 2026 のような年度で"
                                           "書いてください (年月は period: month の系列だけです)"));
    s.known_through = *file_known;
    s.known_through_month = file_known_month;
    s.known_through_pos = file_known_pos;
  } else {
    throw InputError(name_pos, name +
                                   ": known_through がありません。値が分かっている最後の年度"
                                   "か open を、ここかファイルの先頭に書いてください");
  }
  YAML::Node values = m.Require("values");
  if (!values.IsSequence() || values.size() == 0)
    throw InputError(m.PosOf(values), name + ".values: 値を1つ以上のリストで書いてください");
  for (size_t i = 0; i < values.size(); ++i) {
    const std::string where = fmt::format("{}.values[{}]", name, i);
    YamlMap e(values[i], file, where);
    ParameterEntry entry;
    entry.node = values[i];
    entry.pos = e.pos();
    YAML::Node from = e.Require("from");
    if (s.monthly) {
      entry.from_month = MonthAt(from, e.PosOf(from), where + ".from");
      entry.from = FiscalYearOfMonth(entry.from_month);
      if (!s.entries.empty() && s.entries.back().from_month >= entry.from_month)
        throw InputError(e.PosOf(from),
                         fmt::format("{}.from: 値は from の古い順に書いてください ({} が {} の"
                                     "後にあります)",
                                     where, FormatMonth(entry.from_month),
                                     FormatMonth(s.entries.back().from_month)));
    } else {
      entry.from = FiscalYearAt(from, e.PosOf(from), where + ".from");
    }
    if (!s.monthly && !s.entries.empty() && !(s.entries.back().from < entry.from))
      throw InputError(e.PosOf(from),
                       fmt::format("{}.from: 値は from の古い順に書いてください ({} が {} の"
                                   "後にあります)",
                                   where, entry.from.year(), s.entries.back().from.year()));
    entry.confirmed = e.Bool("confirmed");
    entry.source = e.Text("source");
    if (Trim(entry.source).empty())
      throw InputError(e.PosOf(e.Require("source")),
                       where + ".source: 値の出典 (法令・通知・資料) を書いてください");
    s.entries.push_back(std::move(entry));
  }
  if (s.monthly && s.known_through) {
    if (s.entries.back().from_month > s.known_through_month)
      throw InputError(s.known_through_pos,
                       fmt::format("{}: known_through {} が最後の値の年月 {} より前です", name,
                                   FormatMonth(s.known_through_month),
                                   FormatMonth(s.entries.back().from_month)));
  } else if (s.known_through) {
    const int last = s.entries.back().from.year() + (s.income_year ? 1 : 0);
    if (last > s.known_through->year())
      throw InputError(s.known_through_pos,
                       fmt::format("{}: known_through {} が最後の値の年度 {} より前です", name,
                                   s.known_through->year(), last));
  }
  m.RejectUnknownKeys();
  return s;
}

}  // namespace

std::vector<std::string> ResolvedEntry::Fields(std::vector<std::string> fields) {
  for (const char* k : kBookkeeping) fields.emplace_back(k);
  return fields;
}

std::string ResolvedEntry::Where() const {
  if (from_month) return fmt::format("{} {} (from {})", file, series, FormatMonth(from_month));
  return fmt::format("{} {} (from {})", file, series, from.year());
}

std::string FormatMonth(std::int32_t yyyymm) {
  return fmt::format("{:04}-{:02}", yyyymm / 100, yyyymm % 100);
}

ParameterFile ParameterFile::Embedded(const std::string& repo_path) {
  std::string_view text = EmbeddedDataFile(repo_path);
  if (text.empty())
    throw InputError({repo_path, 0, 0},
                     "このデータファイルは kokuho に組み込まれていません (ビルドの誤りです: "
                     "data/**/*.yaml はすべて組み込まれるはずです)");
  return Parse(std::string(text), repo_path);
}

ParameterFile ParameterFile::FromPath(const std::string& path) {
  return Parse(ReadTextFile(path), path);
}

ParameterFile ParameterFile::Parse(const std::string& utf8, const std::string& file) {
  ParameterFile f;
  f.file_ = file;
  f.root_ = ParseYamlStrict(utf8, file);
  if (!f.root_.IsMap())
    throw InputError(PosOf(f.root_, file),
                     "系列の組 (項目名: 値) で書いてください (docs/parameters.md: known_through"
                     " の後に、系列ごとに1つの項目とその値)");
  std::optional<std::optional<FiscalYear>> file_known;
  std::int32_t file_known_month = 0;
  SourcePos file_known_pos;
  if (YAML::Node k = f.root_["known_through"]) {
    file_known_pos = PosOf(k, file);
    // A month (2026-05, for period: month files) or a fiscal year (2026, R8) or open.
    if (auto month = k.IsScalar() ? ParseMonth(k.Scalar()) : std::nullopt) {
      file_known_month = *month;
      file_known = FiscalYearOfMonth(*month);
    } else {
      file_known = KnownThrough(k, file_known_pos, "known_through");
    }
  }
  for (const auto& kv : f.root_) {
    const std::string name = kv.first.Scalar();
    if (name == "known_through") continue;
    f.series_.emplace(name, ReadSeries(name, PosOf(kv.first, file), kv.second, file, file_known,
                                       file_known_month, file_known_pos));
    f.order_.push_back(name);
  }
  if (f.order_.empty())
    throw InputError({file, 1, 1}, "系列が1つもありません。1つ以上書いてください");
  return f;
}

bool ParameterFile::Has(const std::string& series) const { return series_.count(series) > 0; }

const ParameterSeries& ParameterFile::Series(const std::string& series) const {
  auto it = series_.find(series);
  if (it == series_.end())
    throw InputError({file_, 1, 1}, fmt::format("系列 {} がありません", series));
  return it->second;
}

std::vector<const ParameterSeries*> ParameterFile::AllSeries() const {
  std::vector<const ParameterSeries*> out;
  for (const std::string& name : order_) out.push_back(&series_.at(name));
  return out;
}

std::optional<ResolvedEntry> ParameterFile::TryResolve(const std::string& name, FiscalYear year,
                                                       const YearPolicy& policy,
                                                       ParameterNotes& notes) const {
  const ParameterSeries& s = Series(name);
  if (s.monthly) return TryResolveMonth(name, year.year() * 100 + 4, policy, notes);
  bool carried = false;
  if (s.known_through && *s.known_through < year) {
    if (!policy.carry_forward)
      throw YearNotKnownError(
          s.known_through_pos,
          fmt::format("{}の{}は未確認です: このファイルの値は{}までです (known_through)。{}の値を"
                      "引き継いで計算するには --carry-forward を指定してください "
                      "(すべての出力に注意書きが付きます)。公表値があればこのファイルに"
                      "{}の値を追加してください",
                      year.ToWareki(), SeriesLabel(s), s.known_through->ToWareki(),
                      s.known_through->ToWareki(), year.ToWareki()));
    carried = true;
  }
  const FiscalYear key(year.year() - (s.income_year ? 1 : 0));
  const ParameterEntry* chosen = nullptr;
  for (const ParameterEntry& e : s.entries)
    if (!(key < e.from)) chosen = &e;
  if (!chosen) return std::nullopt;
  YamlMap map(chosen->node, file_, name);
  for (const char* k : kBookkeeping)
    if (map.Has(k)) map.Require(k);  // marks them read
  if (carried)
    notes.Add(
        {ParameterNote::kCarriedForward, name, file_, *s.known_through, year, "", s.description});
  if (!chosen->confirmed)
    notes.Add({ParameterNote::kUnconfirmed, name, file_, chosen->from, year, chosen->source,
               s.description});
  return ResolvedEntry{std::move(map), chosen->from,   0,     chosen->confirmed && !carried,
                       carried,        chosen->source, file_, name};
}

std::optional<ResolvedEntry> ParameterFile::TryResolveMonth(const std::string& name,
                                                            std::int32_t month,
                                                            const YearPolicy& policy,
                                                            ParameterNotes& notes) const {
  const ParameterSeries& s = Series(name);
  if (!s.monthly)
    throw InputError(s.pos, name +
                                ": 月ごとの系列 (period: month) ではないので、月ごとの値は"
                                "ありません");
  bool carried = false;
  if (s.known_through && s.known_through_month < month) {
    if (!policy.carry_forward)
      throw YearNotKnownError(
          s.known_through_pos,
          fmt::format("{}年{}月の {} は未確認です: このファイルの値は{}年{}月までです "
                      "(known_through)。その値を引き継いで計算するには --carry-forward を指定して"
                      "ください (すべての出力に注意書きが付きます)。改定後の値があればこのファイル"
                      "に追加してください",
                      month / 100, month % 100, SeriesLabel(s), s.known_through_month / 100,
                      s.known_through_month % 100));
    carried = true;
  }
  const ParameterEntry* chosen = nullptr;
  for (const ParameterEntry& e : s.entries)
    if (e.from_month <= month) chosen = &e;
  if (!chosen) return std::nullopt;
  YamlMap map(chosen->node, file_, name);
  for (const char* k : kBookkeeping)
    if (map.Has(k)) map.Require(k);
  const FiscalYear fy = FiscalYearOfMonth(month);
  if (carried) {
    ParameterNote n{
        ParameterNote::kCarriedForward, name, file_, *s.known_through, fy, "", s.description};
    n.from_month = s.known_through_month;
    n.month = month;
    notes.Add(n);
  }
  if (!chosen->confirmed) {
    ParameterNote n{
        ParameterNote::kUnconfirmed, name, file_, chosen->from, fy, chosen->source, s.description};
    n.from_month = chosen->from_month;
    n.month = month;
    notes.Add(n);
  }
  ResolvedEntry r{std::move(map),
                  chosen->from,
                  chosen->from_month,
                  chosen->confirmed && !carried,
                  carried,
                  chosen->source,
                  file_,
                  name};
  return r;
}

ResolvedEntry ParameterFile::Resolve(const std::string& name, FiscalYear year,
                                     const YearPolicy& policy, ParameterNotes& notes) const {
  auto r = TryResolve(name, year, policy, notes);
  if (!r) {
    const ParameterSeries& s = Series(name);
    throw InputError(
        s.entries.front().pos,
        fmt::format("{}の{}はありません: 最初の値は{}からです", year.ToWareki(), SeriesLabel(s),
                    s.income_year ? fmt::format("{}年 (所得年)", s.entries.front().from.year())
                                  : s.entries.front().from.ToWareki()));
  }
  return std::move(*r);
}

std::vector<std::string> EmbeddedParameterFiles() {
  // Every embedded file but the catalogues (data/kpi/definitions.yaml, the KPI catalogue in
  // the format users write for their own KPIs) starts its series with known_through.
  std::vector<std::string> out;
  for (std::string_view p : EmbeddedDataPaths()) {
    const std::string_view text = EmbeddedDataFile(p);
    if (text.starts_with("known_through:") || text.find("\nknown_through:") != text.npos)
      out.emplace_back(p);
  }
  return out;
}

}  // namespace kokuho
