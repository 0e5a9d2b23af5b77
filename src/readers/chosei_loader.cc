#include "readers/chosei_loader.h"

#include <fmt/format.h>

#include <algorithm>
#include <iterator>
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

using chosei::Coefficients;
using chosei::Prefecture;
using chosei::Provenance;

constexpr const char* kEmbeddedPath = "data/chosei/coefficients.yaml";

const char* const kSeries[] = {"ouneki_coeff", "ouneki_cap",   "ounou_coeff",
                               "ounou_cap",    "ounou_places", "ounou_rounding"};

// One coefficient in force in `year`: its `value` text, position and provenance.
struct Valued {
  std::string text;
  Provenance prov;
  std::string where;
};

Valued ReadValued(const ParameterFile& f, const std::string& series, FiscalYear year,
                  const YearPolicy& policy, ParameterNotes& notes) {
  ResolvedEntry e = f.Resolve(series, year, policy, notes);
  e.map.ExpectKeys(ResolvedEntry::Fields({"value"}));
  Valued v;
  YAML::Node value = e.map.Require("value");
  v.where = e.map.where() + ".value";
  v.prov.pos = e.map.PosOf(value);
  v.text = ScalarText(value, v.prov.pos, v.where);
  v.prov.confirmed = e.confirmed;
  v.prov.source = e.source;
  e.map.RejectUnknownKeys();
  return v;
}

Coefficients FromFile(const ParameterFile& f, FiscalYear year, const YearPolicy& policy) {
  for (const ParameterSeries* s : f.AllSeries())
    if (std::find(std::begin(kSeries), std::end(kSeries), s->name) == std::end(kSeries))
      throw InputError(s->pos, fmt::format("系列 {}は使えません (使える系列: ouneki_coeff、"
                                           "ouneki_cap、ounou_coeff、ounou_cap、ounou_places、"
                                           "ounou_rounding)",
                                           Quoted(s->name)));
  Coefficients c;
  c.year = year;
  c.file = f.file();
  auto rate = [&](const char* series, RateRange range, Provenance* prov) {
    Valued v = ReadValued(f, series, year, policy, c.notes);
    *prov = v.prov;
    return ParseRate(v.text, v.prov.pos, v.where, range);
  };
  c.ouneki_coeff = rate("ouneki_coeff", RateRange::kPositive, &c.ouneki_coeff_src);
  c.ouneki_cap = rate("ouneki_cap", RateRange::kPositive, &c.ouneki_cap_src);
  c.ounou_coeff = rate("ounou_coeff", RateRange::kPositive, &c.ounou_coeff_src);
  c.ounou_cap = rate("ounou_cap", RateRange::kOpenZeroToOne, &c.ounou_cap_src);
  {
    Valued v = ReadValued(f, "ounou_places", year, policy, c.notes);
    const std::int64_t places = ParseCount(v.text, v.prov.pos, v.where, 0);
    if (places > 20) throw InputError(v.prov.pos, v.where + ": 桁数は20以下にしてください");
    c.ounou_places = static_cast<int>(places);
  }
  Valued r = ReadValued(f, "ounou_rounding", year, policy, c.notes);
  auto mode = TryParseRoundingMode(r.text);
  if (!mode)
    throw InputError(r.prov.pos, r.where + ": " + Quoted(r.text) +
                                     "は使えません。floor、ceil、half_up のどれかを"
                                     "書いてください");
  c.ounou_rounding = *mode;
  c.rounding_src = r.prov;
  return c;
}

const char* const kRequired[] = {"都道府県コード",   "都道府県名",     "医療給付費等", "公費等",
                                 "前期高齢者交付金", "平均被保険者数", "総所得金額等"};

}  // namespace

Coefficients ParseChoseiCoefficients(const std::string& utf8, const std::string& file,
                                     FiscalYear year, const YearPolicy& policy) {
  return FromFile(ParameterFile::Parse(utf8, file), year, policy);
}

Coefficients LoadChoseiCoefficients(FiscalYear year, const YearPolicy& policy) {
  return FromFile(ParameterFile::Embedded(kEmbeddedPath), year, policy);
}

Coefficients LoadChoseiCoefficientsFile(const std::string& path, FiscalYear year,
                                        const YearPolicy& policy) {
  return FromFile(ParameterFile::FromPath(path), year, policy);
}

std::vector<Prefecture> LoadChoseiData(const std::string& path) {
  Table t = ReadTable(path);
  std::vector<size_t> col;
  for (const char* name : kRequired) {
    auto i = t.ColumnIndex(name);
    if (!i)
      throw InputError({t.file, 1, 0},
                       fmt::format("列 {} がありません。見出し行に加えてください", name));
    col.push_back(*i);
  }
  std::optional<size_t> index_col = t.ColumnIndex("地域差指数");
  if (t.rows.empty())
    throw InputError({t.file, 2, 0}, "都道府県の行がありません。1行以上書いてください");
  std::vector<Prefecture> out;
  std::set<std::string> codes;
  for (const TableRow& row : t.rows) {
    Prefecture p;
    p.pos = row.pos;
    const TableCell& code = row.cells[col[0]];
    auto parsed = TryParsePrefectureCode(code.text);
    if (!parsed)
      throw InputError(code.pos, "都道府県コード: " + Quoted(code.text) +
                                     "は都道府県コードではありません。01〜47 で書いてください");
    const std::string c = *parsed;
    if (!codes.insert(c).second)
      throw InputError(code.pos, fmt::format("都道府県コード: {} が2回あります", c));
    p.code = c;
    p.name = std::string(Trim(row.cells[col[1]].text));
    if (p.name.empty()) throw InputError(row.cells[col[1]].pos, "都道府県名: 名前を書いてください");
    p.benefits = ParseYen(row.cells[col[2]].text, row.cells[col[2]].pos, "医療給付費等");
    p.public_funds = ParseYen(row.cells[col[3]].text, row.cells[col[3]].pos, "公費等");
    p.zenki = ParseYen(row.cells[col[4]].text, row.cells[col[4]].pos, "前期高齢者交付金");
    if (p.public_funds + p.zenki > p.benefits)
      throw InputError(
          row.cells[col[4]].pos,
          "公費等 + 前期高齢者交付金 が医療給付費等を超えています (調整対象需要額 < 0)。"
          "額を確かめてください");
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
