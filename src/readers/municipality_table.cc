#include "readers/municipality_table.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "core/municipality_code.h"
#include "core/text.h"
#include "io/value_parser.h"

namespace kokuho {
namespace {

using nofukin::Case;
using nofukin::LevyMethod;

constexpr const char* kCode = "団体コード";
constexpr const char* kName = "市町村名";
constexpr const char* kEpsilon = "医療費指数";
constexpr const char* kBaseYear = "基準年度1人当たり額";
constexpr const char* kPreviousYear = "前年度1人当たり額";
constexpr const char* kRetiree = "退職被保険者等分";

// Fields that may be given per 分 (prefixed "医療_", "介護_" …) or once for all.
const std::vector<std::string>& PartFields() {
  static const std::vector<std::string> fields = {
      "被保険者数",     "世帯数",   "所得1",    "所得2",      "所得3",      "固定資産税額",
      "標準的な収納率", "賦課方式", "応能割合", "均等割割合", "資産割割合", "収納率"};
  return fields;
}

// 介護分 is levied on 40–64歳 members (介護保険第2号被保険者) and the 子ども分 per-capita
// share on members aged 18 and over (こども家庭庁; docs/sources-nofukin.md item 2), so
// their populations can never fall back to the all-member columns.
bool MustBePartSpecific(Part p, const std::string& field) {
  if (p == Part::kKaigo)
    return field == "被保険者数" || field == "世帯数" || field.rfind("所得", 0) == 0;
  if (p == Part::kKodomo) return field == "被保険者数";
  return false;
}

std::string Describe(Part p, const std::string& field) {
  if (p == Part::kKaigo && field == "被保険者数") return "40–64歳の被保険者数 (介護納付金分)";
  if (p == Part::kKodomo && field == "被保険者数")
    return "18歳以上の被保険者数 (子ども・子育て支援納付金分)";
  return field + " (" + PartLabel(p) + ")";
}

class TableView {
 public:
  TableView(const Table& t, const Case& c) : t_(t), c_(c) {
    for (size_t i = 0; i < t.header.size(); ++i) index_[t.header[i].text] = i;
    header_line_ = t.header.empty() ? 1 : t.header[0].pos.line;
  }

  std::optional<size_t> Find(const std::string& name) const {
    auto it = index_.find(name);
    if (it == index_.end()) return std::nullopt;
    return it->second;
  }

  // The column for a 分's field: "<part>_<field>", else the plain one where allowed.
  std::optional<size_t> PartColumn(Part p, const std::string& field) const {
    if (auto i = Find(PartShortLabel(p) + "_" + field)) return i;
    if (MustBePartSpecific(p, field)) return std::nullopt;
    return Find(field);
  }

  size_t RequirePart(Part p, const std::string& field) const {
    auto i = PartColumn(p, field);
    if (!i) {
      std::string name = MustBePartSpecific(p, field) ? PartShortLabel(p) + "_" + field : field;
      throw InputError({t_.file, header_line_, 1},
                       fmt::format("列 {} がありません ({})。見出し行に加えてください", name,
                                   Describe(p, field)));
    }
    return *i;
  }

  size_t Require(const std::string& name, const std::string& why) const {
    auto i = Find(name);
    if (!i)
      throw InputError({t_.file, header_line_, 1},
                       fmt::format("列 {} ({}) がありません。見出し行に加えてください", name, why));
    return *i;
  }

  void RejectUnknownColumns() const {
    std::set<std::string> known = StandardColumns();
    for (const auto& item : c_.items) known.insert(item.column);
    for (const auto& cell : t_.header)
      if (!known.count(cell.text))
        throw InputError(cell.pos, fmt::format("見出し {}は市町村表では使えません。列の名前は "
                                               "docs/case-format.md §2 のとおりにし、個別加減算の"
                                               "列は prefecture.yaml の individual_items に書いて"
                                               "ください",
                                               Quoted(cell.text)));
  }

  // 所得1…3 are consecutive years: 所得3 without 所得2 would be silently dropped.
  void CheckIncomeYears() const {
    for (Part p : c_.parts)
      if (!PartColumn(p, "所得2"))
        if (auto third = PartColumn(p, "所得3"))
          throw InputError(t_.header[*third].pos,
                           fmt::format("列 {} があるときは、その前の年の列 (所得2) も必要です",
                                       t_.header[*third].text));
  }

  const Table& table() const { return t_; }
  int header_line() const { return header_line_; }

 private:
  const Table& t_;
  const Case& c_;
  std::map<std::string, size_t> index_;
  int header_line_;
};

LevyMethod ParseMethodCell(const TableCell& cell, const std::string& what) {
  std::string t = NormalizeWidth(Trim(cell.text));
  if (t == "2方式") return LevyMethod::kTwo;
  if (t == "3方式") return LevyMethod::kThree;
  if (t == "4方式") return LevyMethod::kFour;
  throw InputError(cell.pos, what + ": " + Quoted(cell.text) +
                                 "は算定方式として読めません。2方式、3方式、4方式のどれかを書いて"
                                 "ください");
}

bool Blank(const TableCell& cell) { return Trim(cell.text).empty(); }

void ReadPartCells(const TableView& v, const TableRow& row, Part p, const Case& c,
                   nofukin::MunicipalityPartInput& mp) {
  const nofukin::PartPolicy& policy = c.policy(p);
  const std::string prefix = PartLabel(p) + " ";
  auto cell = [&](size_t i) -> const TableCell& { return row.cells[i]; };
  const TableCell& n = cell(v.RequirePart(p, "被保険者数"));
  mp.insured = ParseCount(n.text, n.pos, prefix + "被保険者数");
  const TableCell& h = cell(v.RequirePart(p, "世帯数"));
  mp.households = ParseCount(h.text, h.pos, prefix + "世帯数");
  if (mp.households > mp.insured)
    throw InputError(h.pos, prefix +
                                "世帯数: 世帯数が被保険者数より多くなっています (どの国保世帯にも"
                                "被保険者が1人以上います)。世帯数と被保険者数を確かめてください");
  for (int year = 1; year <= 3; ++year) {
    std::string field = fmt::format("所得{}", year);
    auto i = year == 1 ? std::optional<size_t>(v.RequirePart(p, field)) : v.PartColumn(p, field);
    if (!i) break;
    mp.income_years.push_back(ParseYen(cell(*i).text, cell(*i).pos, prefix + field));
  }
  const TableCell& r = cell(v.RequirePart(p, "標準的な収納率"));
  mp.collection_rate =
      ParseRate(r.text, r.pos, prefix + "標準的な収納率", RateRange::kOpenZeroToOne);

  auto asset_col = v.PartColumn(p, "固定資産税額");
  if (policy.standard_levy == LevyMethod::kFour && !asset_col) v.RequirePart(p, "固定資産税額");
  if (asset_col && !Blank(cell(*asset_col)))
    mp.asset_base = ParseYen(cell(*asset_col).text, cell(*asset_col).pos, prefix + "固定資産税額");

  // Own 算定基準: each missing cell defaults to the prefecture-uniform basis.
  nofukin::OwnBasis& own = mp.own;
  own.method = policy.standard_levy;
  if (auto i = v.PartColumn(p, "賦課方式"); i && !Blank(cell(*i)))
    own.method = ParseMethodCell(cell(*i), prefix + "賦課方式");
  own.ability_share = policy.beta_prime / (Rational(1) + policy.beta_prime);
  if (auto i = v.PartColumn(p, "応能割合"); i && !Blank(cell(*i)))
    own.ability_share =
        ParseRate(cell(*i).text, cell(*i).pos, prefix + "応能割合", RateRange::kOpenInterval);
  own.equal_share = own.method == LevyMethod::kTwo ? Rational(1) : policy.equal_share_index;
  if (auto i = v.PartColumn(p, "均等割割合"); i && !Blank(cell(*i)))
    own.equal_share = ParseRate(
        cell(*i).text, cell(*i).pos, prefix + "均等割割合",
        own.method == LevyMethod::kTwo ? RateRange::kOpenZeroToOne : RateRange::kOpenInterval);
  if (own.method == LevyMethod::kTwo && own.equal_share != Rational(1)) {
    const TableCell& e = cell(*v.PartColumn(p, "均等割割合"));
    throw InputError(e.pos, prefix + "均等割割合: 2方式 (平等割なし) では100%にしてください");
  }
  own.asset_share = own.method == LevyMethod::kFour ? policy.asset_share : Rational(0);
  auto share_col = v.PartColumn(p, "資産割割合");
  if (share_col && !Blank(cell(*share_col))) {
    if (own.method != LevyMethod::kFour)
      throw InputError(cell(*share_col).pos,
                       prefix + "資産割割合: 4方式のときだけ使います。空欄にしてください");
    own.asset_share = ParseRate(cell(*share_col).text, cell(*share_col).pos, prefix + "資産割割合",
                                RateRange::kOpenInterval);
  }
  if (own.method == LevyMethod::kFour) {
    if (own.asset_share.IsZero())
      throw InputError(row.pos, prefix + "資産割割合: 4方式の市町村には資産割割合が必要です");
    if (mp.asset_base <= 0)
      throw InputError(asset_col ? cell(*asset_col).pos : row.pos,
                       prefix + "固定資産税額: 4方式では1円以上の額を書いてください");
  }
  own.collection_rate = mp.collection_rate;
  if (auto i = v.PartColumn(p, "収納率"); i && !Blank(cell(*i)))
    own.collection_rate =
        ParseRate(cell(*i).text, cell(*i).pos, prefix + "収納率", RateRange::kOpenZeroToOne);
}

}  // namespace

std::set<std::string> StandardColumns() {
  std::set<std::string> known = {kCode, kName, kEpsilon, kBaseYear, kPreviousYear, kRetiree};
  for (const auto& f : PartFields()) {
    known.insert(f);
    for (Part p : kAllParts) known.insert(PartShortLabel(p) + "_" + f);
  }
  return known;
}

void ReadMunicipalityTable(const Table& table, Case& c) {
  TableView v(table, c);
  v.RejectUnknownColumns();
  v.CheckIncomeYears();
  const size_t code_col = v.Require(kCode, "総務省 全国地方公共団体コード");
  const size_t name_col = v.Require(kName, "市町村名");
  const auto eps_col = v.Find(kEpsilon);
  const char* base_name = c.relief.base_is_previous_year ? kPreviousYear : kBaseYear;
  std::optional<size_t> base_col;
  if (c.relief.enabled) base_col = v.Require(base_name, "激変緩和の丈比べの基準");
  std::vector<size_t> item_cols;
  for (const auto& item : c.items)
    item_cols.push_back(v.Require(item.column, "個別加減算: " + item.name));
  const auto retiree_col = v.Find(kRetiree);

  std::map<std::string, int> seen;  // code -> line
  for (const TableRow& row : table.rows) {
    nofukin::MunicipalityInput m;
    m.row = row.pos;
    const TableCell& code_cell = row.cells[code_col];
    auto code = MunicipalityCode::TryParse(code_cell.text);
    if (!code) {
      // A 合計 row under the table (most sheets have one): say so rather than "bad code".
      const std::string name = NormalizeWidth(Trim(row.cells[name_col].text));
      const std::string code_text = NormalizeWidth(Trim(code_cell.text));
      for (const std::string& word : {code_text, name})
        if (word == "合計" || word == "計" || word == "県計" || word == "総計" || word == "小計")
          throw InputError(code_cell.pos,
                           fmt::format("{}の行です: 市町村表には市町村の行だけを書いてください "
                                       "(県の合計は kokuho が計算します)。この行を削除してください",
                                       word));
      // A wrong check digit: the code it probably meant, with the row's name.
      throw InputError(code_cell.pos,
                       "団体コード: " + MunicipalityCodeProblem(code_cell.text, name));
    }
    if (code->prefecture() != c.prefecture_code)
      throw InputError(code_cell.pos,
                       fmt::format("団体コード: {}は都道府県コード {} の市町村です。この事例の"
                                   "都道府県 ({}) の市町村だけを書いてください",
                                   code->str(), code->prefecture(), c.prefecture_code));
    if (auto it = seen.find(code->str()); it != seen.end())
      throw InputError(code_cell.pos, fmt::format("団体コード: {}が2回あります (最初は{}行目)。"
                                                  "1市町村1行にしてください",
                                                  code->str(), it->second));
    seen[code->str()] = code_cell.pos.line;
    m.code = *code;
    m.name = std::string(Trim(row.cells[name_col].text));
    if (m.name.empty())
      throw InputError(row.cells[name_col].pos,
                       "市町村名: 市町村名がありません。名前を書いてください");
    for (Part p : c.parts) ReadPartCells(v, row, p, c, m.part(p));
    if (eps_col && !Blank(row.cells[*eps_col]))
      m.epsilon = ParseRate(row.cells[*eps_col].text, row.cells[*eps_col].pos, kEpsilon,
                            RateRange::kPositive);
    if (base_col) {
      const TableCell& b = row.cells[*base_col];
      m.relief_base_per_capita = ParseYen(b.text, b.pos, base_name, 1);
    }
    for (size_t k = 0; k < item_cols.size(); ++k) {
      const TableCell& cell = row.cells[item_cols[k]];
      m.item_amounts.push_back(ParseYen(cell.text, cell.pos, c.items[k].column));
    }
    if (retiree_col && !Blank(row.cells[*retiree_col]))
      m.retiree_nofukin =
          ParseYen(row.cells[*retiree_col].text, row.cells[*retiree_col].pos, kRetiree);
    c.municipalities.push_back(std::move(m));
  }
  if (c.municipalities.empty())
    throw InputError({table.file, 0, 0}, "市町村の行がありません。1市町村1行で書いてください");
  // Case order is code order: the largest-remainder tie-break follows it.
  std::sort(c.municipalities.begin(), c.municipalities.end(),
            [](const auto& a, const auto& b) { return a.code < b.code; });
}

void ReadAgeBands(const Table& table, Case& c) {
  std::map<std::string, size_t> index;
  for (size_t i = 0; i < table.header.size(); ++i) {
    const std::string& h = table.header[i].text;
    if (h != kCode && h != "年齢階級" && h != "被保険者数" && h != "医療費" && h != "高額超過額")
      throw InputError(table.header[i].pos,
                       "見出し " + Quoted(h) +
                           "は使えません。使える見出し: 団体コード、年齢階級、被保険者数、医療費、"
                           "高額超過額");
    index[h] = i;
  }
  const int header_line = table.header.empty() ? 1 : table.header[0].pos.line;
  for (const char* required : {kCode, "年齢階級", "被保険者数", "医療費"})
    if (!index.count(required))
      throw InputError({table.file, header_line, 0},
                       fmt::format("列 {} がありません。見出し行に加えてください", required));
  std::map<std::string, nofukin::MunicipalityInput*> by_code;
  for (auto& m : c.municipalities) by_code[m.code.str()] = &m;
  std::set<std::pair<std::string, std::string>> seen;
  for (const TableRow& row : table.rows) {
    const TableCell& code_cell = row.cells[index[kCode]];
    auto code = MunicipalityCode::TryParse(code_cell.text);
    if (!code || !by_code.count(code->str()))
      throw InputError(code_cell.pos,
                       "団体コード: " + Quoted(code_cell.text) +
                           "は市町村表にない団体コードです。市町村表の市町村を書いてください");
    nofukin::AgeBand band;
    const TableCell& label = row.cells[index["年齢階級"]];
    band.label = NormalizeWidth(Trim(label.text));
    if (!c.national_cost_per_capita.count(band.label))
      throw InputError(label.pos, "年齢階級: " + Quoted(band.label) +
                                      "は national_cost_per_capita にない年齢階級です");
    if (!seen.insert({code->str(), band.label}).second)
      throw InputError(label.pos, "年齢階級: この市町村にこの年齢階級の行が2つあります");
    const TableCell& n = row.cells[index["被保険者数"]];
    band.insured = ParseCount(n.text, n.pos, "被保険者数", 0);
    const TableCell& cost = row.cells[index["医療費"]];
    band.cost = ParseYen(cost.text, cost.pos, "医療費");
    if (index.count("高額超過額")) {
      const TableCell& high = row.cells[index["高額超過額"]];
      band.cost_above_threshold = ParseYen(high.text, high.pos, "高額超過額");
      if (band.cost_above_threshold > band.cost)
        throw InputError(high.pos, "高額超過額: 医療費以下の額を書いてください");
    }
    by_code[code->str()]->age_bands.push_back(band);
  }
}

void CheckEpsilonSources(const Table& table, const Case& c) {
  if (!c.HasPart(Part::kIryo)) return;
  auto eps_col = table.ColumnIndex(kEpsilon);
  for (const auto& m : c.municipalities) {
    if (m.epsilon || !m.age_bands.empty()) continue;
    SourcePos pos = m.row;
    if (eps_col) pos.column = static_cast<int>(*eps_col) + 1;
    throw InputError(pos,
                     "医療費指数: 値がありません。医療費指数を書くか、計算のための age_bands を"
                     "prefecture.yaml に書いてください");
  }
}

}  // namespace kokuho
