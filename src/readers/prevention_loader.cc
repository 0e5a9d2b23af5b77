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
      throw InputError(s->pos, fmt::format("unknown series '{}' (expected sharing_rule)", s->name));
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
                                  ": expected exactly one of cap: none and "
                                  "cap_multiple_of_project_grant: N");
  if (none && m.Text("cap") != "none")
    throw InputError(m.PosOf(m.Require("cap")), m.where() + ".cap: expected none");
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
                     "missing column '事業費分交付額' (the rule of this year caps "
                     "each grant at a multiple of the 事業費分)");
  if (t.rows.empty()) throw InputError({t.file, 2, 0}, "expected at least one prefecture row");
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
                       "都道府県コード: expected a prefecture code 01 to 47 (or its "
                       "6-digit 団体コード such as 100005)");
    if (!codes.insert(*c).second)
      throw InputError(code.pos, fmt::format("都道府県コード {} appears twice", *c));
    b.code = *c;
    if (name_col) b.name = std::string(Trim(row.cells[*name_col].text));
    const TableCell& p = row.cells[points_col];
    auto points = TryParseNumber(p.text);
    if (!points || points->Sign() < 0) throw InputError(p.pos, "点数: expected a number ≥ 0");
    b.points = *points;
    const TableCell& n = row.cells[insured_col];
    b.insured = ParseCount(n.text, n.pos, "被保険者数", 1);
    if (grant_col) {
      const TableCell& g = row.cells[*grant_col];
      if (!Trim(g.text).empty())
        b.project_grant = ParseYen(g.text, g.pos, "事業費分交付額", 0);
      else if (rule.cap_multiple)
        throw InputError(g.pos, "事業費分交付額: expected an amount in yen (the cap needs it)");
    }
    out.push_back(std::move(b));
  }
  return out;
}

}  // namespace kokuho
