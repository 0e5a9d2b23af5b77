#include "readers/prevention_loader.h"

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

using incentive::PreventionBody;
using incentive::PreventionRule;

constexpr const char* kEmbeddedPath = "data/incentive/prevention.yaml";
PreventionRule FromFile(const ParameterFile& f, FiscalYear year, const YearPolicy& policy) {
  for (const ParameterSeries* s : f.AllSeries())
    if (s->name != "sharing_rule")
      throw InputError(s->pos, fmt::format("系列 {}は使えません (sharing_rule だけを書きます)",
                                           Quoted(s->name)));
  PreventionRule r;
  r.file = f.file();
  ResolvedEntry e = f.Resolve("sharing_rule", year, policy, r.notes);
  YamlMap& m = e.map;
  m.ExpectKeys(ResolvedEntry::Fields({"cap", "cap_multiple_of_project_grant"}));
  r.from = e.from;
  r.confirmed = e.confirmed;
  r.source = e.source;
  const bool none = m.Has("cap");
  const bool multiple = m.Has("cap_multiple_of_project_grant");
  if (none == multiple)
    throw InputError(m.pos(), m.where() +
                                  ": cap: none と cap_multiple_of_project_grant: N の"
                                  "どちらか一方だけを書いてください");
  if (none && m.Text("cap") != "none")
    throw InputError(m.PosOf(m.Require("cap")), m.where() + ".cap: none だけが使えます");
  if (multiple) r.cap_multiple = m.Rate("cap_multiple_of_project_grant", RateRange::kPositive);
  m.RejectUnknownKeys();
  return r;
}

}  // namespace

PreventionRule ParsePreventionRule(const std::string& utf8, const std::string& file,
                                   FiscalYear year, const YearPolicy& policy) {
  return FromFile(ParameterFile::Parse(utf8, file), year, policy);
}

PreventionRule LoadPreventionRule(FiscalYear year, const YearPolicy& policy) {
  return FromFile(ParameterFile::Embedded(kEmbeddedPath), year, policy);
}

PreventionRule LoadPreventionRuleFile(const std::string& path, FiscalYear year,
                                      const YearPolicy& policy) {
  return FromFile(ParameterFile::FromPath(path), year, policy);
}

std::vector<PreventionBody> LoadPreventionData(const std::string& path,
                                               const PreventionRule& rule) {
  Table t = ReadTable(path);
  CheckColumns(t, {"都道府県コード", "都道府県名", "点数", "被保険者数", "事業費分交付額"},
               {"都道府県コード", "点数", "被保険者数"});
  if (rule.cap_multiple && !t.ColumnIndex("事業費分交付額"))
    throw InputError({t.file, 1, 0},
                     "列 事業費分交付額 がありません。この年度の規則では交付額の上限が事業費分の"
                     "倍数なので、この列が必要です");
  if (t.rows.empty())
    throw InputError({t.file, 2, 0}, "都道府県の行がありません。1行以上書いてください");
  auto name_col = t.ColumnIndex("都道府県名");
  auto grant_col = t.ColumnIndex("事業費分交付額");
  const size_t code_col = *t.ColumnIndex("都道府県コード");
  const size_t points_col = *t.ColumnIndex("点数");
  const size_t insured_col = *t.ColumnIndex("被保険者数");
  std::vector<PreventionBody> out;
  std::set<std::string> codes;
  for (const TableRow& row : t.rows) {
    PreventionBody b;
    b.pos = row.pos;
    const TableCell& code = row.cells[code_col];
    auto c = TryParsePrefectureCode(code.text);
    if (!c)
      throw InputError(code.pos,
                       "都道府県コード: " + Quoted(code.text) +
                           "は都道府県コードではありません。01〜47 (または 100005 のような6桁の"
                           "団体コード) で書いてください");
    if (!codes.insert(*c).second)
      throw InputError(code.pos, fmt::format("都道府県コード: {} が2回あります", *c));
    b.code = *c;
    if (name_col) b.name = std::string(Trim(row.cells[*name_col].text));
    const TableCell& p = row.cells[points_col];
    auto points = TryParseNumber(p.text);
    if (!points || points->Sign() < 0)
      throw InputError(p.pos,
                       "点数: " + Quoted(p.text) + "は使えません。0以上の数を書いてください");
    b.points = *points;
    const TableCell& n = row.cells[insured_col];
    b.insured = ParseCount(n.text, n.pos, "被保険者数", 1);
    if (grant_col) {
      const TableCell& g = row.cells[*grant_col];
      if (!Trim(g.text).empty())
        b.project_grant = ParseYen(g.text, g.pos, "事業費分交付額", 0);
      else if (rule.cap_multiple)
        throw InputError(
            g.pos,
            "事業費分交付額: 値がありません。上限の計算に要るので金額 (円) を書いてください");
    }
    out.push_back(std::move(b));
  }
  return out;
}

}  // namespace kokuho
