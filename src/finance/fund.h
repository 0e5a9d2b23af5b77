// 財政安定化基金 (the prefecture's NHI financial stabilisation fund): a yearly ledger.
//
// The fund (国保法81条の2) has three accounts here: 基金本体 (main), the 財政調整事業
// sub-account (adjust, R4+) and the 特例基金 for 激変緩和 (tokurei). Over fiscal years
// first…last, SimulateFund applies the events of each year (loans and grants to
// 市町村, the prefecture's draw-downs, 決算剰余金, 運用益, 取崩し of the sub-accounts)
// and the scheduled inflows they cause later (loan instalments, the 拠出金 refill of a
// grant, the repayment of a draw-down), and returns per year and account the opening
// balance, each inflow and outflow by item and the closing balance, with
// closing = opening + Σ inflows − Σ outflows to the yen (checked).
// The rules and their sources: docs/finance-format.md.
//
//   finance::FundPlan plan;                       // usually LoadFundPlan (io/fund_loader.h)
//   plan.first_year = FiscalYear(2025);
//   plan.last_year = FiscalYear(2030);
//   plan.opening[finance::Account::kMain] = 5'000'000'000;
//   plan.events.push_back(finance::FundEvent::Loan(FiscalYear(2025), maebashi, 10'000'001));
//   finance::AddTokureiWithdrawal(plan, FiscalYear(2026), 120'000'000);   // 激変緩和
//   finance::FundLedger ledger = finance::SimulateFund(plan);
//   // ledger.years[2].accounts[0].inflows → 貸付金償還金 3,333,333 in 2027
//
// An event that would take an account below zero is refused with an InputError at the
// event's SourcePos, naming the year and the account (a 補正予算 or a national top-up
// would be needed; the ledger does not invent one).
#pragma once

#include <array>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/fiscal_year.h"
#include "core/municipality_code.h"
#include "core/rational.h"
#include "core/yen.h"

namespace kokuho::finance {

/// The accounts of the fund (docs/finance-format.md "State").
enum class Account { kMain = 0, kAdjust = 1, kTokurei = 2 };
inline constexpr int kAccountCount = 3;
inline constexpr std::array<Account, kAccountCount> kAccounts = {Account::kMain, Account::kAdjust,
                                                                 Account::kTokurei};
/// "基金本体", "財政調整事業", "特例基金 (激変緩和)".
const char* AccountLabel(Account a);
/// "main", "adjust", "tokurei" (the YAML and JSON keys).
const char* AccountKey(Account a);
std::optional<Account> AccountFromKey(const std::string& key);

/// Ledger items: what money moved in or out of an account. The order here is the order
/// of the lines in the ledger.
enum class Item {
  // inflows
  kLoanRepayment,      ///< 貸付金償還金 (scheduled instalments)
  kEarlyRepayment,     ///< 貸付金繰上償還金
  kContribution,       ///< 拠出金 (the grant's 市町村), 81条の2⑤
  kNationalRefill,     ///< 国庫負担金 (1/3 of a grant's refill)
  kPrefectureRefill,   ///< 都道府県繰入金 (1/3 of a grant's refill)
  kDrawdownRepayment,  ///< 取崩し返還繰入金 (算定政令21条 繰入金)
  kSurplus,            ///< 決算剰余金積立
  kInvestmentIncome,   ///< 運用益
  kDeposit,            ///< その他の積立 (国・県の積増し等)
  // outflows
  kLoan,               ///< 基金事業貸付金
  kGrant,              ///< 基金事業交付金
  kDrawdown,           ///< 都道府県の取崩し (81条の2②)
  kAdjustWithdrawal,   ///< 財政調整事業の取崩し (平準化)
  kTokureiWithdrawal,  ///< 特例基金の取崩し (激変緩和)
};
inline constexpr int kItemCount = 14;
bool IsInflow(Item item);
/// Japanese label shown in the tables ("貸付金償還金").
const char* ItemLabel(Item item);
/// Stable key for JSON ("loan_repayment").
const char* ItemKey(Item item);

/// Rules that are policy parameters (docs/finance-format.md).
struct FundParameters {
  /// 交付 ≤ cap × 収納不足額 (default ½: [S] docs/finance-format.md; 介護保険 has the same ½ rule).
  Rational grant_share_cap = Rational(1, 2);
  /// First loan instalment in year t + this (翌々年度 = 2: Tochigi 規則第4条 [V]).
  int loan_repayment_start = 2;
  /// Number of yearly loan instalments (3: Tochigi 規則第4条 [V]).
  int loan_instalments = 3;
  /// The grant is refilled (拠出金 + 国 + 都道府県) in year t + this (1 = 翌年度, [K]).
  int refill_delay = 1;
  /// First repayment of a prefectural draw-down in year t + this ([K]; docs/finance-format.md).
  int drawdown_repayment_start = 1;
  /// Number of yearly repayments of a draw-down ([K]).
  int drawdown_instalments = 3;
};

/// What an event does.
enum class EventType {
  kLoan,               ///< 貸付 to a 市町村 for 収納不足 (81条の2①一)
  kGrant,              ///< 交付 to a 市町村 under 特別な事情 (81条の2①二)
  kEarlyRepayment,     ///< 繰上償還 of a loan
  kDrawdown,           ///< 都道府県の取崩し (81条の2②)
  kSurplus,            ///< 決算剰余金の積立 (main or adjust)
  kInvestmentIncome,   ///< 運用益
  kDeposit,            ///< other deposit into an account (e.g. a national top-up)
  kAdjustWithdrawal,   ///< 財政調整事業の取崩し
  kTokureiWithdrawal,  ///< 特例基金の取崩し (激変緩和)
};
/// "loan", "grant", … (the YAML `type`).
const char* EventTypeKey(EventType t);
std::optional<EventType> EventTypeFromKey(const std::string& key);

/// One event of a year. Which fields matter depends on the type (docs/finance-format.md).
struct FundEvent {
  EventType type = EventType::kDeposit;
  FiscalYear year{2018};
  Yen amount = 0;
  std::optional<MunicipalityCode> municipality;  ///< loan, grant, early_repayment
  std::optional<Yen> shortfall;  ///< 収納不足額 (grant: required; loan, drawdown: optional)
  Account account = Account::kMain;     ///< surplus, investment_income, deposit
  std::optional<FiscalYear> loan_year;  ///< early_repayment: the loan it repays
  std::optional<int> refill_delay;      ///< grant: overrides the parameter
  std::optional<int> repayment_start;   ///< drawdown: overrides the parameter
  std::optional<int> instalments;       ///< drawdown: overrides the parameter
  SourcePos pos;                        ///< where it was written (for errors)

  static FundEvent Loan(FiscalYear year, MunicipalityCode m, Yen amount);
  static FundEvent Grant(FiscalYear year, MunicipalityCode m, Yen amount, Yen shortfall);
  static FundEvent Drawdown(FiscalYear year, Yen amount);
  static FundEvent Flow(EventType type, FiscalYear year, Yen amount,
                        Account account = Account::kMain);
};

/// The fund's inputs: horizon, opening balances (at the start of first_year), parameters
/// and events. Events of one year apply in the order given (after the year's scheduled
/// inflows); years must be within [first_year, last_year].
struct FundPlan {
  std::string prefecture;  ///< for titles ("群馬県"); may be empty
  FiscalYear first_year{2018};
  FiscalYear last_year{2018};
  std::map<Account, Yen> opening;  ///< missing account = 0
  FundParameters parameters;
  std::vector<FundEvent> events;
  std::map<MunicipalityCode, std::string> names;  ///< optional, for the tables
  std::string file;  ///< where the plan came from (for positions of added events)
};

/// Adds a 特例基金 draw-down for 激変緩和 of `amount` yen in `year` (the scenario engine
/// passes its yearly mitigation amounts here). Applied after the file's events of that
/// year. `pos` names where the amount came from, for the overdraw error.
void AddTokureiWithdrawal(FundPlan& plan, FiscalYear year, Yen amount, SourcePos pos = {});

/// One line of an account's year.
struct LedgerLine {
  Item item;
  Yen amount = 0;
};

struct AccountYear {
  Account account = Account::kMain;
  Yen opening = 0;
  std::vector<LedgerLine> inflows;   ///< in Item order, one line per item, non-zero only
  std::vector<LedgerLine> outflows;  ///< likewise
  Yen closing = 0;
  Yen TotalIn() const;
  Yen TotalOut() const;
};

struct FundYear {
  FiscalYear year{2018};
  std::array<AccountYear, kAccountCount> accounts;  ///< indexed by Account
  Yen Closing() const;                              ///< Σ accounts
};

/// A 市町村's position in one year (docs/finance-format.md: the 市町村-side
/// items 貸付金, 償還金, 拠出金).
struct MunicipalityYear {
  MunicipalityCode code;
  FiscalYear year{2018};
  Yen loans = 0;            ///< 貸付金 received
  Yen grants = 0;           ///< 交付金 received
  Yen repayment_due = 0;    ///< scheduled instalments due this year (after early repayment)
  Yen early_repayment = 0;  ///< 繰上償還 paid this year
  Yen outstanding = 0;      ///< loans outstanding at the end of the year
  Yen contribution = 0;     ///< 拠出金 paid this year
};

/// The prefecture's and the state's burden per year: what the scenario engine adds to
/// later 納付金 totals (draw-down repayments) and the refills.
struct PrefectureYear {
  FiscalYear year{2018};
  Yen drawdown_repayment = 0;  ///< 取崩し返還 (算定政令21条 繰入金)
  Yen prefecture_refill = 0;   ///< 都道府県's 1/3 of grant refills
  Yen national_refill = 0;     ///< 国's 1/3 of grant refills
};

/// A scheduled inflow that falls after last_year (still owed at the end of the horizon).
struct DueAfterHorizon {
  FiscalYear year{2018};
  Item item;
  std::optional<MunicipalityCode> municipality;
  Yen amount = 0;
};

struct FundLedger {
  std::vector<FundYear> years;                   ///< first_year … last_year
  std::vector<MunicipalityYear> municipalities;  ///< by code, then year; only 市町村 with events
  std::vector<PrefectureYear> prefecture;        ///< one per year
  std::vector<DueAfterHorizon> due_after_horizon;  ///< by year, item, code
};

/// Runs the plan. Throws InputError (at the event's pos) for an event that breaks a rule:
/// a grant above cap × 収納不足額 or without 収納不足額, a loan above 収納不足額 − 交付,
/// an early repayment above what is outstanding, an event outside the horizon, an
/// outflow that would take an account below zero. Throws CalculationError if the ledger
/// identity fails (a bug).
FundLedger SimulateFund(const FundPlan& plan);

/// Splits `total` into `n` yearly instalments: floor(total / n) each, the last one
/// absorbing the remainder (so Σ = total exactly). 10,000,001 / 3 → 3,333,333,
/// 3,333,333, 3,333,335.
std::vector<Yen> SplitInstalments(Yen total, int n);

/// A grant's refill in thirds: {拠出金 (市町村), 国, 都道府県}. 拠出金 = 国 = floor(grant/3)
/// (切り捨て, [K]: 算定政令22条 rounding unconfirmed); 都道府県 = grant − 2 × floor(grant/3),
/// so the three sum to the grant exactly.
std::array<Yen, 3> SplitRefill(Yen grant);

}  // namespace kokuho::finance
