#include "readers/finance_loader.h"

#include <fmt/format.h>

#include <filesystem>
#include <set>

#include "core/municipality_code.h"
#include "core/text.h"
#include "io/table_reader.h"
#include "io/value_parser.h"
#include "io/yaml_map.h"
#include "io/yaml_reader.h"

namespace kokuho {
namespace {

using finance::Account;
using finance::EventType;
using finance::FundEvent;
using finance::FundPlan;

constexpr const char* kYearWords = "年度を 2025、令和7年度、R7 のように書いてください";

FiscalYear ParseYearNode(const YAML::Node& n, const std::string& file, const std::string& what) {
  SourcePos pos = PosOf(n, file);
  auto y = FiscalYear::TryParse(Trim(ScalarText(n, pos, what)));
  if (!y) throw InputError(pos, fmt::format("{}: {}", what, kYearWords));
  return *y;
}

FiscalYear YearAt(YamlMap& m, const std::string& key) {
  return ParseYearNode(m.Require(key), m.file(), m.where() + "." + key);
}

MunicipalityCode CodeAt(YamlMap& m, const std::string& key, const FinanceLoadOptions& options) {
  YAML::Node n = m.Require(key);
  SourcePos pos = m.PosOf(n);
  auto code = MunicipalityCode::TryParse(Trim(ScalarText(n, pos, m.where() + "." + key)));
  if (!code)
    throw InputError(pos,
                     fmt::format("{}.{}: {}", m.where(), key, MunicipalityCodeProblem(n.Scalar())));
  if (options.known_municipalities && !options.known_municipalities->count(*code))
    throw InputError(
        pos, fmt::format("{}.{}: {} は市町村の一覧にありません", m.where(), key, code->str()));
  return *code;
}

Account AccountAt(YamlMap& m, const std::vector<Account>& allowed, std::optional<Account> dflt) {
  std::string list;
  for (Account a : allowed)
    list += (list.empty() ? "" : ", ") + std::string(finance::AccountKey(a));
  auto text = m.OptionalText("account");
  if (!text) {
    if (dflt) return *dflt;
    throw InputError(m.pos(),
                     fmt::format("{}: 項目 account がありません ({} のどれか)", m.where(), list));
  }
  auto a = finance::AccountFromKey(std::string(Trim(*text)));
  if (!a || std::find(allowed.begin(), allowed.end(), *a) == allowed.end())
    throw InputError(m.PosOf(m.Require("account")),
                     fmt::format("{}.account: {}は使えません。{} のどれかを書いてください",
                                 m.where(), Quoted(*text), list));
  return *a;
}

FundEvent ReadEvent(const YAML::Node& node, FiscalYear year, const std::string& where,
                    const std::string& file, const FinanceLoadOptions& options) {
  YamlMap m(node, file, where);
  YAML::Node type_node = m.Require("type");
  std::string type_text(Trim(ScalarText(type_node, m.PosOf(type_node), where + ".type")));
  auto type = finance::EventTypeFromKey(type_text);
  if (!type)
    throw InputError(m.PosOf(type_node),
                     where + ".type: " + Quoted(type_text) +
                         "は使えません。loan、grant、early_repayment、drawdown、surplus、"
                         "investment_income、deposit、adjust_withdrawal、tokurei_withdrawal の"
                         "どれかを書いてください");
  FundEvent e;
  e.type = *type;
  e.year = year;
  e.pos = m.pos();
  std::vector<std::string> keys = {"type", "amount", "note"};
  switch (e.type) {
    case EventType::kLoan:
      keys.insert(keys.end(), {"municipality", "shortfall"});
      break;
    case EventType::kGrant:
      keys.insert(keys.end(), {"municipality", "shortfall", "refill_delay"});
      break;
    case EventType::kEarlyRepayment:
      keys.insert(keys.end(), {"municipality", "loan_year"});
      break;
    case EventType::kDrawdown:
      keys.insert(keys.end(), {"shortfall", "repayment_start", "instalments"});
      break;
    case EventType::kSurplus:
    case EventType::kInvestmentIncome:
    case EventType::kDeposit:
      keys.push_back("account");
      break;
    case EventType::kAdjustWithdrawal:
    case EventType::kTokureiWithdrawal:
      break;
  }
  m.ExpectKeys(keys);
  e.amount = m.YenValue("amount", 0);
  m.OptionalText("note");
  switch (e.type) {
    case EventType::kLoan:
    case EventType::kGrant:
    case EventType::kEarlyRepayment:
      e.municipality = CodeAt(m, "municipality", options);
      break;
    default:
      break;
  }
  if (m.Has("shortfall")) e.shortfall = m.YenValue("shortfall", 0);
  if (e.type == EventType::kGrant && !e.shortfall)
    throw InputError(m.pos(), where +
                                  ": 交付 (grant) には shortfall (収納不足額) も書いてください "
                                  "(交付は収納不足額の一定割合までです)");
  if (m.Has("refill_delay")) e.refill_delay = m.Integer("refill_delay", 0, 10);
  if (m.Has("repayment_start")) e.repayment_start = m.Integer("repayment_start", 0, 30);
  if (m.Has("instalments")) e.instalments = m.Integer("instalments", 1, 30);
  if (e.type == EventType::kEarlyRepayment) {
    e.loan_year = YearAt(m, "loan_year");
    if (*e.loan_year > year)
      throw InputError(m.PosOf(m.Require("loan_year")),
                       where + ".loan_year: 償還の年度より後にはできません");
  }
  if (e.type == EventType::kSurplus)
    e.account = AccountAt(m, {Account::kMain, Account::kAdjust}, {});
  if (e.type == EventType::kInvestmentIncome || e.type == EventType::kDeposit)
    e.account = AccountAt(m, {Account::kMain, Account::kAdjust, Account::kTokurei}, Account::kMain);
  if (e.type == EventType::kAdjustWithdrawal) e.account = Account::kAdjust;
  if (e.type == EventType::kTokureiWithdrawal) e.account = Account::kTokurei;
  m.RejectUnknownKeys();
  return e;
}

void ReadParameters(YamlMap& m, finance::FundParameters& p) {
  m.ExpectKeys({"grant_share_cap", "loan_repayment_start", "loan_instalments", "refill_delay",
                "drawdown_repayment_start", "drawdown_instalments"});
  if (m.Has("grant_share_cap")) {
    // "1/2" as well as "0.5" and "50%".
    YAML::Node n = m.Require("grant_share_cap");
    std::string text(Trim(ScalarText(n, m.PosOf(n), "parameters.grant_share_cap")));
    auto fraction = text.find('/') != std::string::npos ? Rational::TryParse(text) : std::nullopt;
    if (fraction && fraction->Sign() >= 0 && *fraction <= Rational(1))
      p.grant_share_cap = *fraction;
    else
      p.grant_share_cap = m.Rate("grant_share_cap", RateRange::kZeroToOne);
  }
  if (m.Has("loan_repayment_start"))
    p.loan_repayment_start = m.Integer("loan_repayment_start", 1, 10);
  if (m.Has("loan_instalments")) p.loan_instalments = m.Integer("loan_instalments", 1, 30);
  if (m.Has("refill_delay")) p.refill_delay = m.Integer("refill_delay", 0, 10);
  if (m.Has("drawdown_repayment_start"))
    p.drawdown_repayment_start = m.Integer("drawdown_repayment_start", 0, 30);
  if (m.Has("drawdown_instalments"))
    p.drawdown_instalments = m.Integer("drawdown_instalments", 1, 30);
  m.RejectUnknownKeys();
}

}  // namespace

std::map<MunicipalityCode, std::string> LoadMunicipalityList(const std::string& path) {
  Table t = ReadTable(path);
  auto code_col = t.ColumnIndex("団体コード");
  if (!code_col)
    throw InputError({path, 1, 0}, "列 団体コード がありません。見出し行に加えてください");
  auto name_col = t.ColumnIndex("市町村名");
  if (!name_col) name_col = t.ColumnIndex("名称");
  std::map<MunicipalityCode, std::string> out;
  for (const TableRow& row : t.rows) {
    const TableCell& c = row.cells[*code_col];
    auto code = MunicipalityCode::TryParse(Trim(c.text));
    if (!code) throw InputError(c.pos, "団体コード: " + MunicipalityCodeProblem(c.text));
    if (!out.emplace(*code, name_col ? std::string(Trim(row.cells[*name_col].text)) : "").second)
      throw InputError(c.pos, fmt::format("団体コード: {} が2回あります", code->str()));
  }
  if (out.empty()) throw InputError({path, 0, 0}, "一覧に市町村の行がありません");
  return out;
}

finance::FundPlan ParseFundPlan(const YAML::Node& node, const std::string& file,
                                const FinanceLoadOptions& options_in) {
  FinanceLoadOptions options = options_in;
  YamlMap top(node, file, "fund");
  top.ExpectKeys({"prefecture", "municipalities", "years", "opening", "parameters", "events",
                  "note", "source"});
  FundPlan plan;
  plan.file = file;
  plan.prefecture = top.OptionalText("prefecture").value_or("");
  top.OptionalText("note");
  top.OptionalText("source");
  if (auto list = top.OptionalText("municipalities")) {
    namespace fs = std::filesystem;
    fs::path p = fs::path(file).parent_path() / *list;
    auto known = LoadMunicipalityList(p.string());
    if (!options.known_municipalities) options.known_municipalities = known;
  }
  if (options.known_municipalities) plan.names = *options.known_municipalities;

  YamlMap years(top.Require("years"), file, "years");
  years.ExpectKeys({"from", "to"});
  plan.first_year = YearAt(years, "from");
  plan.last_year = YearAt(years, "to");
  if (plan.last_year < plan.first_year)
    throw InputError(years.PosOf(years.Require("to")), "years.to: years.from より前にはできません");
  if (plan.last_year.year() - plan.first_year.year() > 100)
    throw InputError(years.PosOf(years.Require("to")), "years: 期間は100年以内にしてください");
  years.RejectUnknownKeys();

  if (auto opening = top.Optional("opening")) {
    YamlMap o(*opening, file, "opening");
    o.ExpectKeys({"main", "adjust", "tokurei"});
    for (Account a : finance::kAccounts)
      if (o.Has(finance::AccountKey(a))) plan.opening[a] = o.YenValue(finance::AccountKey(a), 0);
    o.RejectUnknownKeys();
  }
  if (auto params = top.Optional("parameters")) {
    YamlMap p(*params, file, "parameters");
    ReadParameters(p, plan.parameters);
  }
  if (auto events = top.Optional("events")) {
    YamlMap ev(*events, file, "events");
    std::optional<FiscalYear> previous;
    for (auto& [key, list] : ev.Entries()) {
      FiscalYear y = ParseYearNode(key, file, "events");
      SourcePos kpos = PosOf(key, file);
      if (previous && !(*previous < y))
        throw InputError(kpos, fmt::format("events: {} は {} の後に書いてください (年度は古い順"
                                           "に1回ずつ)",
                                           y.ToWareki(), previous->ToWareki()));
      if (y < plan.first_year || y > plan.last_year)
        throw InputError(kpos, fmt::format("events: {} は期間 {}〜{} の外です", y.ToWareki(),
                                           plan.first_year.ToWareki(), plan.last_year.ToWareki()));
      previous = y;
      if (list.IsNull()) continue;
      if (!list.IsSequence())
        throw InputError(
            PosOf(list, file),
            fmt::format("events.{}: 事象のリスト (- type: …) で書いてください", key.Scalar()));
      for (size_t i = 0; i < list.size(); ++i)
        plan.events.push_back(
            ReadEvent(list[i], y, fmt::format("events.{}[{}]", key.Scalar(), i), file, options));
    }
  }
  top.RejectUnknownKeys();
  return plan;
}

finance::FundPlan LoadFundPlan(const std::string& path, const FinanceLoadOptions& options) {
  return ParseFundPlan(LoadYamlStrict(path), path, options);
}

namespace {

// The columns of the deficit table (docs/finance-format.md §2).
constexpr const char* kCode = "団体コード";
constexpr const char* kName = "市町村名";
constexpr const char* kYear = "年度";
constexpr const char* kSettlement = "決算補填目的";
constexpr const char* kPolicy = "保険者の政策";
constexpr const char* kPast = "過年度の赤字";
constexpr const char* kOther = "決算補填等以外";
constexpr const char* kKuriage = "繰上充用新規増加分";
constexpr const char* kBase = "計画基準年度";
constexpr const char* kTarget = "解消目標年度";
constexpr const char* kReduction = "削減予定額";

}  // namespace

finance::DeficitInput LoadDeficits(const std::string& path, const FinanceLoadOptions& options) {
  Table t = ReadTable(path);
  const std::vector<std::string> known = {kCode,  kName,    kYear, kSettlement, kPolicy,   kPast,
                                          kOther, kKuriage, kBase, kTarget,     kReduction};
  CheckColumns(t, known, {kCode, kYear, kSettlement, kPolicy, kPast, kOther, kKuriage});
  if (t.ColumnIndex(kBase).has_value() != t.ColumnIndex(kTarget).has_value())
    throw InputError({path, 1, 0},
                     "列 計画基準年度 と 解消目標年度 は両方書くか、両方とも省いてください");
  if (t.ColumnIndex(kReduction) && !t.ColumnIndex(kBase))
    throw InputError({path, 1, 0},
                     "列 削減予定額 には 計画基準年度 と 解消目標年度 の列も必要です");
  if (t.rows.empty()) throw InputError({path, 0, 0}, "表にデータの行がありません");

  auto cell = [&](const TableRow& row, const char* column) -> const TableCell* {
    auto i = t.ColumnIndex(column);
    if (!i) return nullptr;
    const TableCell& c = row.cells[*i];
    return Trim(c.text).empty() ? nullptr : &c;
  };
  auto year_of = [&](const TableCell& c, const char* what) {
    auto y = FiscalYear::TryParse(Trim(c.text));
    if (!y) throw InputError(c.pos, fmt::format("{}: {}", what, kYearWords));
    return *y;
  };
  // Amount cells: whole yen ≥ 0; blank = 0.
  auto amount = [&](const TableRow& row, const char* column) -> Yen {
    const TableCell* c = cell(row, column);
    return c ? ParseYen(c->text, c->pos, column, 0) : 0;
  };

  finance::DeficitInput in;
  in.file = path;
  std::map<MunicipalityCode, std::pair<FiscalYear, int>> last;  // code → (year, line)
  std::string prefecture;
  for (const TableRow& row : t.rows) {
    finance::DeficitYear d;
    d.pos = row.pos;
    const TableCell& code_cell = row.cells[*t.ColumnIndex(kCode)];
    auto code = MunicipalityCode::TryParse(Trim(code_cell.text));
    if (!code)
      throw InputError(code_cell.pos, "団体コード: " + MunicipalityCodeProblem(code_cell.text));
    if (options.known_municipalities && !options.known_municipalities->count(*code))
      throw InputError(code_cell.pos,
                       fmt::format("団体コード: {} は市町村の一覧にありません", code->str()));
    if (prefecture.empty()) prefecture = code->prefecture();
    if (code->prefecture() != prefecture)
      throw InputError(
          code_cell.pos,
          fmt::format("団体コード: 最初の行と違う都道府県の団体です (最初の行は都道府県コード "
                      "{})。1つの都道府県の表にしてください",
                      prefecture));
    d.code = *code;
    const TableCell& year_cell = row.cells[*t.ColumnIndex(kYear)];
    d.year = year_of(year_cell, kYear);
    auto prev = last.find(d.code);
    if (prev != last.end() && !(prev->second.first < d.year))
      throw InputError(year_cell.pos,
                       fmt::format("年度: {} の行は年度の古い順に1年度1行で書いてください (前の"
                                   "行: {}行目)",
                                   d.code.str(), prev->second.second));
    last.insert_or_assign(d.code, std::pair{d.year, row.pos.line});
    if (const TableCell* n = cell(row, kName)) {
      auto [it, fresh] = in.names.emplace(d.code, std::string(Trim(n->text)));
      if (!fresh && it->second != Trim(n->text))
        throw InputError(n->pos, fmt::format("市町村名: {} の前の行と違います", d.code.str()));
    } else if (options.known_municipalities) {
      in.names.emplace(d.code, options.known_municipalities->at(d.code));
    }
    d.settlement = amount(row, kSettlement);
    d.policy = amount(row, kPolicy);
    d.past_deficit = amount(row, kPast);
    d.other = amount(row, kOther);
    d.kuriage_increase = amount(row, kKuriage);

    const TableCell* base = cell(row, kBase);
    const TableCell* target = cell(row, kTarget);
    if ((base == nullptr) != (target == nullptr)) {
      const TableCell* given = base ? base : target;
      throw InputError(given->pos,
                       "計画基準年度 と 解消目標年度 は両方書くか、両方とも空欄にしてください");
    }
    if (base) {
      finance::DeficitPlan p{d.code, year_of(*base, kBase), year_of(*target, kTarget), base->pos};
      if (p.target_year < p.base_year)
        throw InputError(target->pos, "解消目標年度: 計画基準年度より前にはできません");
      auto [it, fresh] = in.plans.emplace(d.code, p);
      if (!fresh &&
          (it->second.base_year != p.base_year || it->second.target_year != p.target_year))
        throw InputError(base->pos,
                         fmt::format("計画基準年度/解消目標年度: {} の計画 ({}行目) と違います。"
                                     "1つの市町村の計画は1つです",
                                     d.code.str(), it->second.pos.line));
    }
    if (const TableCell* r = cell(row, kReduction)) {
      d.planned_reduction = ParseYen(r->text, r->pos, kReduction, 0);
      d.reduction_pos = r->pos;
    }
    in.rows.push_back(std::move(d));
  }
  // 削減予定額 only inside a plan's years (after the base year, up to the target year).
  for (const finance::DeficitYear& d : in.rows) {
    if (!d.planned_reduction) continue;
    auto p = in.plans.find(d.code);
    if (p == in.plans.end())
      throw InputError(
          d.reduction_pos,
          fmt::format("削減予定額: {} には計画 (計画基準年度、解消目標年度) がありません",
                      d.code.str()));
    if (d.year <= p->second.base_year || d.year > p->second.target_year)
      throw InputError(
          d.reduction_pos,
          fmt::format("削減予定額: {} は計画の期間 ({} の翌年度〜{}) の外です", d.year.ToWareki(),
                      p->second.base_year.ToWareki(), p->second.target_year.ToWareki()));
  }
  // Rows by code, then year (each 市町村's rows are already in year order).
  std::stable_sort(
      in.rows.begin(), in.rows.end(),
      [](const finance::DeficitYear& a, const finance::DeficitYear& b) { return a.code < b.code; });
  return in;
}

}  // namespace kokuho
