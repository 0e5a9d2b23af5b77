#include "io/prevention_loader.h"

#include <fmt/format.h>

#include <set>

#include "core/municipality_code.h"
#include "core/text.h"
#include "io/embedded_data.h"
#include "io/table_reader.h"
#include "io/value_parser.h"
#include "io/yaml_map.h"
#include "io/yaml_reader.h"

namespace kokuho {
namespace {

using incentive::PreventionBody;
using incentive::PreventionRule;

constexpr const char* kEmbeddedPath = "data/incentive/prevention.yaml";
PreventionRule ReadRule(const YAML::Node& node, const std::string& file, const std::string& where) {
  YamlMap m(node, file, where);
  m.ExpectKeys({"from", "cap", "cap_multiple_of_project_grant", "confirmed_for", "source"});
  PreventionRule r;
  r.file = file;
  YAML::Node from = m.Require("from");
  r.from = FiscalYearAt(from, m.PosOf(from), where + ".from");
  const bool none = m.Has("cap");
  const bool multiple = m.Has("cap_multiple_of_project_grant");
  if (none == multiple)
    throw InputError(m.pos(), where +
                                  ": expected exactly one of cap: none and "
                                  "cap_multiple_of_project_grant: N");
  if (none && m.Text("cap") != "none")
    throw InputError(m.PosOf(m.Require("cap")), where + ".cap: expected none");
  if (multiple) r.cap_multiple = m.Rate("cap_multiple_of_project_grant", RateRange::kPositive);
  YAML::Node years = m.Require("confirmed_for");
  if (!years.IsSequence())
    throw InputError(m.PosOf(years), where +
                                         ".confirmed_for: expected a list of fiscal years "
                                         "(may be empty: [])");
  for (const YAML::Node& y : years)
    r.confirmed_for.push_back(FiscalYearAt(y, m.PosOf(y), where + ".confirmed_for"));
  r.source = m.Text("source");
  if (Trim(r.source).empty())
    throw InputError(m.PosOf(m.Require("source")), where + ".source: expected the document");
  m.RejectUnknownKeys();
  return r;
}

PreventionRule FromYaml(const YAML::Node& root, const std::string& file, FiscalYear year) {
  YamlMap m(root, file, "the top level");
  m.ExpectKeys({"rules"});
  YAML::Node rules = m.Require("rules");
  if (!rules.IsSequence() || rules.size() == 0)
    throw InputError(m.PosOf(rules), "rules: expected a non-empty list");
  std::optional<PreventionRule> found;
  std::vector<FiscalYear> froms;
  for (size_t k = 0; k < rules.size(); ++k) {
    PreventionRule r = ReadRule(rules[k], file, fmt::format("rules[{}]", k));
    if (!froms.empty() && !(froms.back() < r.from))
      throw InputError(PosOf(rules[k], file), fmt::format("rules[{}].from: the rules must be in "
                                                          "increasing year order",
                                                          k));
    froms.push_back(r.from);
    if (!(year < r.from)) found = std::move(r);
  }
  // The year comes from --year, so the message points at the rules it could not match.
  if (!found)
    throw InputError(m.PosOf(rules), fmt::format("no 事業費連動分 rule for {} (the first rule "
                                                 "is from {})",
                                                 year.ToWareki(), froms.front().ToWareki()));
  return *found;
}

}  // namespace

PreventionRule ParsePreventionRule(const std::string& utf8, const std::string& file,
                                   FiscalYear year) {
  return FromYaml(ParseYamlStrict(utf8, file), file, year);
}

PreventionRule LoadPreventionRule(FiscalYear year) {
  return ParsePreventionRule(std::string(EmbeddedDataFile(kEmbeddedPath)), kEmbeddedPath, year);
}

PreventionRule LoadPreventionRuleFile(const std::string& path, FiscalYear year) {
  return FromYaml(LoadYamlStrict(path), path, year);
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
