#include "io/chosei_loader.h"

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

using chosei::Coefficients;
using chosei::Prefecture;
using chosei::Provenance;

constexpr const char* kEmbeddedPath = "data/chosei/coefficients.yaml";

// {value, confirmed, source}: the value's text, its position and provenance.
struct Valued {
  std::string text;
  Provenance prov;
};

Valued ReadValued(YamlMap& parent, const std::string& key) {
  YAML::Node node = parent.Require(key);
  YamlMap m(node, parent.file(), parent.where() + "." + key);
  m.ExpectKeys({"value", "confirmed", "source"});
  Valued v;
  YAML::Node value = m.Require("value");
  v.prov.pos = m.PosOf(value);
  v.text = ScalarText(value, v.prov.pos, m.where() + ".value");
  v.prov.confirmed = m.Bool("confirmed");
  v.prov.source = m.Text("source");
  if (Trim(v.prov.source).empty())
    throw InputError(m.PosOf(m.Require("source")),
                     m.where() + ".source: expected the document the value comes from");
  return v;
}

Rational RateOf(YamlMap& parent, const std::string& key, RateRange range, Provenance* prov) {
  Valued v = ReadValued(parent, key);
  *prov = v.prov;
  return ParseRate(v.text, v.prov.pos, parent.where() + "." + key + ".value", range);
}

Coefficients FromYaml(const YAML::Node& root_node, const std::string& file, FiscalYear year) {
  YamlMap root(root_node, file, "the top level");
  root.ExpectKeys({"years"});
  YAML::Node years = root.Require("years");
  if (!years.IsSequence() || years.size() == 0)
    throw InputError(root.PosOf(years), "years: expected a list of fiscal years");
  std::set<int> seen;
  std::optional<Coefficients> found;
  for (size_t i = 0; i < years.size(); ++i) {
    YamlMap m(years[i], file, fmt::format("years[{}]", i));
    m.ExpectKeys({"fiscal_year", "ouneki_coeff", "ouneki_cap", "ounou_coeff", "ounou_cap",
                  "ounou_places", "ounou_rounding"});
    YAML::Node fy_node = m.Require("fiscal_year");
    auto fy =
        FiscalYear::TryParse(ScalarText(fy_node, m.PosOf(fy_node), m.where() + ".fiscal_year"));
    if (!fy)
      throw InputError(m.PosOf(fy_node),
                       m.where() + ".fiscal_year: expected a fiscal year such as R5 or 2023");
    if (!seen.insert(fy->year()).second)
      throw InputError(m.PosOf(fy_node),
                       fmt::format("{}.fiscal_year: {} appears twice", m.where(), fy->ToWareki()));
    Coefficients c;
    c.year = *fy;
    c.file = file;
    c.ouneki_coeff = RateOf(m, "ouneki_coeff", RateRange::kPositive, &c.ouneki_coeff_src);
    c.ouneki_cap = RateOf(m, "ouneki_cap", RateRange::kPositive, &c.ouneki_cap_src);
    c.ounou_coeff = RateOf(m, "ounou_coeff", RateRange::kPositive, &c.ounou_coeff_src);
    c.ounou_cap = RateOf(m, "ounou_cap", RateRange::kOpenZeroToOne, &c.ounou_cap_src);
    c.ounou_places = m.Integer("ounou_places", 0, 20);
    Valued r = ReadValued(m, "ounou_rounding");
    auto mode = TryParseRoundingMode(r.text);
    if (!mode)
      throw InputError(r.prov.pos,
                       m.where() + ".ounou_rounding.value: expected floor, ceil or half_up");
    c.ounou_rounding = *mode;
    c.rounding_src = r.prov;
    m.RejectUnknownKeys();
    if (*fy == year) found = c;
  }
  if (!found)
    throw InputError({file, 0, 0},
                     fmt::format("no coefficients for {} (add a years entry)", year.ToWareki()));
  return *found;
}

const char* const kRequired[] = {"都道府県コード",   "都道府県名",     "医療給付費等", "公費等",
                                 "前期高齢者交付金", "平均被保険者数", "総所得金額等"};

}  // namespace

Coefficients ParseChoseiCoefficients(const std::string& utf8, const std::string& file,
                                     FiscalYear year) {
  return FromYaml(ParseYamlStrict(utf8, file), file, year);
}

Coefficients LoadChoseiCoefficients(FiscalYear year) {
  std::string_view text = EmbeddedDataFile(kEmbeddedPath);
  return ParseChoseiCoefficients(std::string(text), kEmbeddedPath, year);
}

Coefficients LoadChoseiCoefficientsFile(const std::string& path, FiscalYear year) {
  return FromYaml(LoadYamlStrict(path), path, year);
}

std::vector<Prefecture> LoadChoseiData(const std::string& path) {
  Table t = ReadTable(path);
  std::vector<size_t> col;
  for (const char* name : kRequired) {
    auto i = t.ColumnIndex(name);
    if (!i) throw InputError({t.file, 1, 0}, fmt::format("missing column {}", name));
    col.push_back(*i);
  }
  std::optional<size_t> index_col = t.ColumnIndex("地域差指数");
  if (t.rows.empty()) throw InputError({t.file, 2, 0}, "expected at least one prefecture row");
  std::vector<Prefecture> out;
  std::set<std::string> codes;
  for (const TableRow& row : t.rows) {
    Prefecture p;
    p.pos = row.pos;
    const TableCell& code = row.cells[col[0]];
    auto parsed = TryParsePrefectureCode(code.text);
    if (!parsed) throw InputError(code.pos, "都道府県コード: expected a prefecture code 01 to 47");
    const std::string c = *parsed;
    if (!codes.insert(c).second)
      throw InputError(code.pos, fmt::format("都道府県コード {} appears twice", c));
    p.code = c;
    p.name = std::string(Trim(row.cells[col[1]].text));
    if (p.name.empty()) throw InputError(row.cells[col[1]].pos, "都道府県名: expected a name");
    p.benefits = ParseYen(row.cells[col[2]].text, row.cells[col[2]].pos, "医療給付費等");
    p.public_funds = ParseYen(row.cells[col[3]].text, row.cells[col[3]].pos, "公費等");
    p.zenki = ParseYen(row.cells[col[4]].text, row.cells[col[4]].pos, "前期高齢者交付金");
    if (p.public_funds + p.zenki > p.benefits)
      throw InputError(row.cells[col[4]].pos,
                       "公費等 + 前期高齢者交付金 exceed 医療給付費等 (調整対象需要額 < 0)");
    p.insured = ParseCount(row.cells[col[5]].text, row.cells[col[5]].pos, "平均被保険者数");
    p.income = ParseYen(row.cells[col[6]].text, row.cells[col[6]].pos, "総所得金額等");
    if (index_col) {
      const TableCell& ix = row.cells[*index_col];
      if (!Trim(ix.text).empty())
        p.region_index = ParseRate(ix.text, ix.pos, "地域差指数", RateRange::kPositive);
    }
    out.push_back(std::move(p));
  }
  return out;
}

}  // namespace kokuho
