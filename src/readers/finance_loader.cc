#include "readers/finance_loader.h"

#include <fmt/format.h>

#include <filesystem>
#include <set>

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

constexpr const char* kYearWords = "expected a fiscal year (2025, 令和7年度, R7)";

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
    throw InputError(pos, fmt::format("{}.{}: expected a 6-digit 団体コード with its check digit "
                                      "(e.g. 102016)",
                                      m.where(), key));
  if (options.known_municipalities && !options.known_municipalities->count(*code))
    throw InputError(
        pos, fmt::format("{}.{}: {} is not in the municipality list", m.where(), key, code->str()));
  return *code;
}

Account AccountAt(YamlMap& m, const std::vector<Account>& allowed, std::optional<Account> dflt) {
  std::string list;
  for (Account a : allowed)
    list += (list.empty() ? "" : ", ") + std::string(finance::AccountKey(a));
  auto text = m.OptionalText("account");
  if (!text) {
    if (dflt) return *dflt;
    throw InputError(m.pos(), fmt::format("{}: missing key 'account' ({})", m.where(), list));
  }
  auto a = finance::AccountFromKey(std::string(Trim(*text)));
  if (!a || std::find(allowed.begin(), allowed.end(), *a) == allowed.end())
    throw InputError(m.PosOf(m.Require("account")),
                     fmt::format("{}.account: expected one of {}", m.where(), list));
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
                     where +
                         ".type: expected one of loan, grant, early_repayment, drawdown, "
                         "surplus, investment_income, deposit, adjust_withdrawal, "
                         "tokurei_withdrawal");
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
                                  ": a grant needs 'shortfall' (the 収納不足額), since it may "
                                  "cover at most a share of it");
  if (m.Has("refill_delay")) e.refill_delay = m.Integer("refill_delay", 0, 10);
  if (m.Has("repayment_start")) e.repayment_start = m.Integer("repayment_start", 0, 30);
  if (m.Has("instalments")) e.instalments = m.Integer("instalments", 1, 30);
  if (e.type == EventType::kEarlyRepayment) {
    e.loan_year = YearAt(m, "loan_year");
    if (*e.loan_year > year)
      throw InputError(m.PosOf(m.Require("loan_year")),
                       where + ".loan_year: must not be after the year of the repayment");
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
  if (!code_col) throw InputError({path, 1, 0}, "missing column '団体コード'");
  auto name_col = t.ColumnIndex("市町村名");
  if (!name_col) name_col = t.ColumnIndex("名称");
  std::map<MunicipalityCode, std::string> out;
  for (const TableRow& row : t.rows) {
    const TableCell& c = row.cells[*code_col];
    auto code = MunicipalityCode::TryParse(Trim(c.text));
    if (!code)
      throw InputError(c.pos,
                       "団体コード: expected a 6-digit code with its check digit (e.g. 102016)");
    if (!out.emplace(*code, name_col ? std::string(Trim(row.cells[*name_col].text)) : "").second)
      throw InputError(c.pos, fmt::format("団体コード: {} is listed twice", code->str()));
  }
  if (out.empty()) throw InputError({path, 0, 0}, "no municipalities in the list");
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
    throw InputError(years.PosOf(years.Require("to")), "years.to: must not be before years.from");
  if (plan.last_year.year() - plan.first_year.year() > 100)
    throw InputError(years.PosOf(years.Require("to")), "years: at most 100 years");
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
        throw InputError(kpos, fmt::format("events: {} must come after {} (years in increasing "
                                           "order, each once)",
                                           y.ToWareki(), previous->ToWareki()));
      if (y < plan.first_year || y > plan.last_year)
        throw InputError(kpos, fmt::format("events: {} is outside years {}–{}", y.ToWareki(),
                                           plan.first_year.ToWareki(), plan.last_year.ToWareki()));
      previous = y;
      if (list.IsNull()) continue;
      if (!list.IsSequence())
        throw InputError(PosOf(list, file),
                         fmt::format("events.{}: expected a list of events", key.Scalar()));
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
    throw InputError({path, 1, 0}, "columns '計画基準年度' and '解消目標年度' go together");
  if (t.ColumnIndex(kReduction) && !t.ColumnIndex(kBase))
    throw InputError({path, 1, 0}, "column '削減予定額' needs '計画基準年度' and '解消目標年度'");
  if (t.rows.empty()) throw InputError({path, 0, 0}, "no data rows");

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
      throw InputError(code_cell.pos,
                       "団体コード: expected a 6-digit code with its check digit (e.g. 102016)");
    if (options.known_municipalities && !options.known_municipalities->count(*code))
      throw InputError(code_cell.pos,
                       fmt::format("団体コード: {} is not in the municipality list", code->str()));
    if (prefecture.empty()) prefecture = code->prefecture();
    if (code->prefecture() != prefecture)
      throw InputError(
          code_cell.pos,
          fmt::format("団体コード: every row must be of one prefecture ({})", prefecture));
    d.code = *code;
    const TableCell& year_cell = row.cells[*t.ColumnIndex(kYear)];
    d.year = year_of(year_cell, kYear);
    auto prev = last.find(d.code);
    if (prev != last.end() && !(prev->second.first < d.year))
      throw InputError(year_cell.pos,
                       fmt::format("年度: the rows of {} must be in increasing year order, one per "
                                   "year (previous row: line {})",
                                   d.code.str(), prev->second.second));
    last.insert_or_assign(d.code, std::pair{d.year, row.pos.line});
    if (const TableCell* n = cell(row, kName)) {
      auto [it, fresh] = in.names.emplace(d.code, std::string(Trim(n->text)));
      if (!fresh && it->second != Trim(n->text))
        throw InputError(n->pos,
                         fmt::format("市町村名: differs from an earlier row of {}", d.code.str()));
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
      throw InputError(given->pos, "計画基準年度 and 解消目標年度 must be given together");
    }
    if (base) {
      finance::DeficitPlan p{d.code, year_of(*base, kBase), year_of(*target, kTarget), base->pos};
      if (p.target_year < p.base_year)
        throw InputError(target->pos, "解消目標年度: must not be before 計画基準年度");
      auto [it, fresh] = in.plans.emplace(d.code, p);
      if (!fresh &&
          (it->second.base_year != p.base_year || it->second.target_year != p.target_year))
        throw InputError(base->pos,
                         fmt::format("計画基準年度/解消目標年度: differ from the plan of "
                                     "{} given at line {}",
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
          fmt::format("削減予定額: {} has no plan (計画基準年度, 解消目標年度)", d.code.str()));
    if (d.year <= p->second.base_year || d.year > p->second.target_year)
      throw InputError(
          d.reduction_pos,
          fmt::format("削減予定額: {} is outside the plan's years (after {}, up to {})",
                      d.year.ToWareki(), p->second.base_year.ToWareki(),
                      p->second.target_year.ToWareki()));
  }
  // Rows by code, then year (each 市町村's rows are already in year order).
  std::stable_sort(
      in.rows.begin(), in.rows.end(),
      [](const finance::DeficitYear& a, const finance::DeficitYear& b) { return a.code < b.code; });
  return in;
}

}  // namespace kokuho
