#include "finance/fund.h"

#include <fmt/format.h>

#include <algorithm>
#include <numeric>

namespace kokuho::finance {

const char* AccountLabel(Account a) {
  switch (a) {
    case Account::kMain:
      return "基金本体";
    case Account::kAdjust:
      return "財政調整事業";
    case Account::kTokurei:
      return "特例基金 (激変緩和)";
  }
  return "";
}

const char* AccountKey(Account a) {
  switch (a) {
    case Account::kMain:
      return "main";
    case Account::kAdjust:
      return "adjust";
    case Account::kTokurei:
      return "tokurei";
  }
  return "";
}

std::optional<Account> AccountFromKey(const std::string& key) {
  for (Account a : kAccounts)
    if (key == AccountKey(a)) return a;
  return std::nullopt;
}

bool IsInflow(Item item) { return static_cast<int>(item) < static_cast<int>(Item::kLoan); }

const char* ItemLabel(Item item) {
  switch (item) {
    case Item::kLoanRepayment:
      return "貸付金償還金";
    case Item::kEarlyRepayment:
      return "貸付金繰上償還金";
    case Item::kContribution:
      return "拠出金 (市町村)";
    case Item::kNationalRefill:
      return "国庫負担金 (交付分の補填)";
    case Item::kPrefectureRefill:
      return "都道府県繰入金 (交付分の補填)";
    case Item::kDrawdownRepayment:
      return "取崩し返還繰入金";
    case Item::kSurplus:
      return "決算剰余金積立";
    case Item::kInvestmentIncome:
      return "運用益";
    case Item::kDeposit:
      return "その他積立金";
    case Item::kLoan:
      return "基金事業貸付金";
    case Item::kGrant:
      return "基金事業交付金";
    case Item::kDrawdown:
      return "都道府県取崩し";
    case Item::kAdjustWithdrawal:
      return "財政調整事業取崩し";
    case Item::kTokureiWithdrawal:
      return "特例基金取崩し (激変緩和)";
  }
  return "";
}

const char* ItemKey(Item item) {
  switch (item) {
    case Item::kLoanRepayment:
      return "loan_repayment";
    case Item::kEarlyRepayment:
      return "early_repayment";
    case Item::kContribution:
      return "contribution";
    case Item::kNationalRefill:
      return "national_refill";
    case Item::kPrefectureRefill:
      return "prefecture_refill";
    case Item::kDrawdownRepayment:
      return "drawdown_repayment";
    case Item::kSurplus:
      return "surplus";
    case Item::kInvestmentIncome:
      return "investment_income";
    case Item::kDeposit:
      return "deposit";
    case Item::kLoan:
      return "loan";
    case Item::kGrant:
      return "grant";
    case Item::kDrawdown:
      return "drawdown";
    case Item::kAdjustWithdrawal:
      return "adjust_withdrawal";
    case Item::kTokureiWithdrawal:
      return "tokurei_withdrawal";
  }
  return "";
}

namespace {

constexpr std::array<EventType, 9> kEventTypes = {EventType::kLoan,
                                                  EventType::kGrant,
                                                  EventType::kEarlyRepayment,
                                                  EventType::kDrawdown,
                                                  EventType::kSurplus,
                                                  EventType::kInvestmentIncome,
                                                  EventType::kDeposit,
                                                  EventType::kAdjustWithdrawal,
                                                  EventType::kTokureiWithdrawal};

}  // namespace

const char* EventTypeKey(EventType t) {
  switch (t) {
    case EventType::kLoan:
      return "loan";
    case EventType::kGrant:
      return "grant";
    case EventType::kEarlyRepayment:
      return "early_repayment";
    case EventType::kDrawdown:
      return "drawdown";
    case EventType::kSurplus:
      return "surplus";
    case EventType::kInvestmentIncome:
      return "investment_income";
    case EventType::kDeposit:
      return "deposit";
    case EventType::kAdjustWithdrawal:
      return "adjust_withdrawal";
    case EventType::kTokureiWithdrawal:
      return "tokurei_withdrawal";
  }
  return "";
}

std::optional<EventType> EventTypeFromKey(const std::string& key) {
  for (EventType t : kEventTypes)
    if (key == EventTypeKey(t)) return t;
  return std::nullopt;
}

FundEvent FundEvent::Loan(FiscalYear year, MunicipalityCode m, Yen amount) {
  FundEvent e;
  e.type = EventType::kLoan;
  e.year = year;
  e.municipality = m;
  e.amount = amount;
  return e;
}

FundEvent FundEvent::Grant(FiscalYear year, MunicipalityCode m, Yen amount, Yen shortfall) {
  FundEvent e;
  e.type = EventType::kGrant;
  e.year = year;
  e.municipality = m;
  e.amount = amount;
  e.shortfall = shortfall;
  return e;
}

FundEvent FundEvent::Drawdown(FiscalYear year, Yen amount) {
  FundEvent e;
  e.type = EventType::kDrawdown;
  e.year = year;
  e.amount = amount;
  return e;
}

FundEvent FundEvent::Flow(EventType type, FiscalYear year, Yen amount, Account account) {
  FundEvent e;
  e.type = type;
  e.year = year;
  e.amount = amount;
  e.account = account;
  return e;
}

void AddTokureiWithdrawal(FundPlan& plan, FiscalYear year, Yen amount, SourcePos pos) {
  FundEvent e = FundEvent::Flow(EventType::kTokureiWithdrawal, year, amount, Account::kTokurei);
  e.pos = pos.file.empty() ? SourcePos{plan.file, 0, 0} : std::move(pos);
  plan.events.push_back(std::move(e));
}

Yen AccountYear::TotalIn() const {
  Yen s = 0;
  for (const auto& l : inflows) s = AddYen(s, l.amount, "fund ledger: Σ収入");
  return s;
}

Yen AccountYear::TotalOut() const {
  Yen s = 0;
  for (const auto& l : outflows) s = AddYen(s, l.amount, "fund ledger: Σ支出");
  return s;
}

Yen FundYear::Closing() const {
  Yen s = 0;
  for (const auto& a : accounts) s = AddYen(s, a.closing, "fund ledger: Σ期末残高");
  return s;
}

std::vector<Yen> SplitInstalments(Yen total, int n) {
  // Tochigi 規則第4条 gives three yearly instalments; the split is not written there.
  // kokuho: floor(total / n) each, the remainder on the last (docs/finance-format.md:
  // "last instalment absorbs rounding"), so Σ = total to the yen.
  std::vector<Yen> out(static_cast<size_t>(n), total / n);
  out.back() = total - (total / n) * (n - 1);
  return out;
}

std::array<Yen, 3> SplitRefill(Yen grant) {
  // 拠出金 = grant / 3 (Tokushima 条例第2条2 [V]; 国保法81条の2⑤), 国 1/3 [K: 81条の2⑦⑧].
  // Rounding [K]: 拠出金 and 国 are floor(grant / 3) (切り捨て); the 都道府県 takes the
  // remainder, so 拠出金 + 国 + 都道府県 = grant exactly (docs/finance-format.md).
  Yen third = grant / 3;
  return {third, third, grant - 2 * third};
}

namespace {

struct Loan {
  MunicipalityCode code;
  int year = 0;
  Yen principal = 0;
  std::map<int, Yen> schedule;  // year → instalment still due
  SourcePos pos;                // the loan event (for an overflow when it is repaid)
};

struct Scheduled {
  Item item;
  std::optional<MunicipalityCode> code;
  Yen amount = 0;
  SourcePos pos;  // the event that scheduled it
};

// "1/2" rather than "0.5": shares are written as fractions in the rules.
std::string FractionText(const Rational& r) {
  const mpq_class& q = r.raw();
  if (q.get_den() == 1) return q.get_num().get_str();
  return q.get_num().get_str() + "/" + q.get_den().get_str();
}

std::string Where(const FiscalYear& y, Account a) {
  return fmt::format("{} {}", y.ToWareki(), AccountLabel(a));
}

class Simulator {
 public:
  explicit Simulator(const FundPlan& plan) : plan_(plan) {}

  FundLedger Run() {
    CheckParameters();
    std::vector<const FundEvent*> events;
    for (const FundEvent& e : plan_.events) {
      if (e.year < plan_.first_year || e.year > plan_.last_year)
        throw InputError(e.pos,
                         fmt::format("{}: {} は計画の期間 {}〜{} の外です", EventTypeKey(e.type),
                                     e.year.ToWareki(), plan_.first_year.ToWareki(),
                                     plan_.last_year.ToWareki()));
      if (e.amount < 0)
        throw InputError(e.pos, fmt::format("{}: 金額は0以上にしてください", EventTypeKey(e.type)));
      events.push_back(&e);
      if (e.type == EventType::kGrant && e.municipality) {
        Yen& g = grants_[{e.municipality->str(), e.year.year()}];
        g = AddYen(g, e.amount, e.pos, "grant: Σ交付 of the year");
      }
    }
    // Events of a year apply in the order given (stable: the file's order, then events
    // added by AddTokureiWithdrawal).
    std::stable_sort(events.begin(), events.end(),
                     [](const FundEvent* a, const FundEvent* b) { return a->year < b->year; });
    for (Account a : kAccounts) {
      auto it = plan_.opening.find(a);
      balance_[static_cast<int>(a)] = it == plan_.opening.end() ? 0 : it->second;
      if (balance_[static_cast<int>(a)] < 0)
        throw InputError({plan_.file, 0, 0},
                         fmt::format("opening.{}: 0以上にしてください", AccountKey(a)));
    }
    size_t next = 0;
    for (int y = plan_.first_year.year(); y <= plan_.last_year.year(); ++y) {
      current_year_ = y;
      BeginYear(y);
      ScheduledInflows(y);
      while (next < events.size() && events[next]->year.year() == y) Apply(*events[next++]);
      EndYear(y);
    }
    Finish();
    return std::move(ledger_);
  }

 private:
  void CheckParameters() const {
    const FundParameters& p = plan_.parameters;
    SourcePos pos{plan_.file, 0, 0};
    if (p.loan_instalments < 1 || p.drawdown_instalments < 1)
      throw InputError(pos, "parameters: 償還の回数は1以上にしてください");
    // A loan is repaid from a later year (翌々年度 by default); refills and draw-down
    // repayments may fall in the same year.
    if (p.loan_repayment_start < 1)
      throw InputError(
          pos, "parameters.loan_repayment_start: 1以上にしてください (償還は貸付の翌年度以降)");
    if (p.refill_delay < 0 || p.drawdown_repayment_start < 0)
      throw InputError(pos, "parameters: 償還までの年数は0以上にしてください");
    if (p.grant_share_cap.Sign() < 0 || p.grant_share_cap > Rational(1))
      throw InputError(pos, "parameters.grant_share_cap: 0以上1以下の割合を書いてください");
  }

  void BeginYear(int y) {
    FundYear fy;
    fy.year = FiscalYear(y);
    for (Account a : kAccounts) {
      fy.accounts[static_cast<int>(a)].account = a;
      fy.accounts[static_cast<int>(a)].opening = balance_[static_cast<int>(a)];
    }
    ledger_.years.push_back(std::move(fy));
    for (auto& acc : sums_) acc.fill(0);
  }

  MunicipalityYear& Muni(const MunicipalityCode& code, int y) {
    auto& m = munis_[{code.str(), y}];
    m.code = code;
    m.year = FiscalYear(y);
    return m;
  }

  // Every sum is checked: an overflow is an InputError at the event that caused it.
  static void AddTo(Yen& total, Yen amount, const SourcePos& pos, std::string_view what) {
    total = AddYen(total, amount, pos, what);
  }

  void Credit(Account a, Item item, Yen amount, const SourcePos& pos) {
    AddTo(balance_[static_cast<int>(a)], amount, pos,
          fmt::format("{}: balance + {}", AccountLabel(a), ItemLabel(item)));
    AddTo(sums_[static_cast<int>(a)][static_cast<int>(item)], amount, pos,
          fmt::format("{}: Σ{}", AccountLabel(a), ItemLabel(item)));
  }

  void Debit(const FundEvent& e, Account a, Item item) {
    Yen& b = balance_[static_cast<int>(a)];
    if (b < e.amount)
      throw InputError(
          e.pos, fmt::format("{}: {} {}円で残高がマイナスになります (残高 {}円)。先に補正"
                             "予算か国の積み増しが必要です",
                             Where(e.year, a), ItemLabel(item), FormatYen(e.amount), FormatYen(b)));
    b -= e.amount;
    AddTo(sums_[static_cast<int>(a)][static_cast<int>(item)], e.amount, e.pos,
          fmt::format("{}: Σ{}", AccountLabel(a), ItemLabel(item)));
  }

  void ScheduledInflows(int y) {
    // Loan instalments due this year (Tochigi 規則第4条: by 12月末 of each year).
    for (Loan& l : loans_) {
      auto it = l.schedule.find(y);
      if (it == l.schedule.end() || it->second == 0) continue;
      Credit(Account::kMain, Item::kLoanRepayment, it->second, l.pos);
      AddTo(Muni(l.code, y).repayment_due, it->second, l.pos, "償還金");
      it->second = 0;  // paid
    }
    auto it = scheduled_.find(y);
    if (it == scheduled_.end()) return;
    for (const Scheduled& s : it->second) Receive(s, y);
  }

  void Receive(const Scheduled& s, int y) {
    Credit(Account::kMain, s.item, s.amount, s.pos);
    if (s.item == Item::kContribution)
      AddTo(Muni(*s.code, y).contribution, s.amount, s.pos, "拠出金");
    PrefectureYear& p = PrefYear(y);
    if (s.item == Item::kNationalRefill) AddTo(p.national_refill, s.amount, s.pos, "国の補填");
    if (s.item == Item::kPrefectureRefill)
      AddTo(p.prefecture_refill, s.amount, s.pos, "都道府県の補填");
    if (s.item == Item::kDrawdownRepayment)
      AddTo(p.drawdown_repayment, s.amount, s.pos, "取崩し返還");
  }

  PrefectureYear& PrefYear(int y) {
    auto& p = prefecture_[y];
    p.year = FiscalYear(y);
    return p;
  }

  // A refill or repayment due in the current year (a delay of 0) is received at once,
  // right after the event that causes it.
  void Schedule(int y, Item item, std::optional<MunicipalityCode> code, Yen amount,
                const SourcePos& pos) {
    if (amount == 0) return;
    if (y == current_year_) {
      Receive({item, std::move(code), amount, pos}, y);
      return;
    }
    scheduled_[y].push_back({item, std::move(code), amount, pos});
  }

  void Apply(const FundEvent& e) {
    const int y = e.year.year();
    const FundParameters& p = plan_.parameters;
    auto need_code = [&]() -> const MunicipalityCode& {
      if (!e.municipality)
        throw InputError(
            e.pos, fmt::format("{}: 市町村 (municipality) を書いてください", EventTypeKey(e.type)));
      return *e.municipality;
    };
    switch (e.type) {
      case EventType::kLoan: {
        const MunicipalityCode& code = need_code();
        // 貸付 ≤ 収納不足額 − 交付 (docs/finance-format.md; the rest of a shortfall after a grant
        // may be lent, docs/finance-format.md [K]).
        if (e.shortfall) {
          Yen granted = grants_[{code.str(), y}];
          if (Rational(e.amount) + Rational(granted) > Rational(*e.shortfall))
            throw InputError(e.pos,
                             fmt::format("loan: {} {}: 貸付と交付の合計が収納不足額を超えています "
                                         "({} + {} > {}円)",
                                         e.year.ToWareki(), code.str(), FormatYen(e.amount),
                                         FormatYen(granted), FormatYen(*e.shortfall)));
        }
        Debit(e, Account::kMain, Item::kLoan);
        // Interest-free (docs/finance-format.md [S/K]); instalments in t+2 … t+4 (Tochigi 規則第4条
        // [V]).
        Loan l{code, y, e.amount, {}, e.pos};
        std::vector<Yen> parts = SplitInstalments(e.amount, p.loan_instalments);
        for (int i = 0; i < p.loan_instalments; ++i)
          l.schedule[y + p.loan_repayment_start + i] += parts[static_cast<size_t>(i)];
        loans_.push_back(std::move(l));
        AddTo(Muni(code, y).loans, e.amount, e.pos, "貸付金");
        break;
      }
      case EventType::kGrant: {
        const MunicipalityCode& code = need_code();
        if (!e.shortfall)
          throw InputError(e.pos,
                           "grant: 収納不足額 (shortfall) を書いてください (交付は収納不足額の"
                           "一定割合までです)");
        // 交付 ≤ ½ × 収納不足額 (docs/finance-format.md [S]); compared exactly, no rounding.
        if (Rational(e.amount) > p.grant_share_cap * Rational(*e.shortfall))
          throw InputError(
              e.pos, fmt::format("grant: {0} {1}: 交付は収納不足額 ({3}円) の{2}まで、つまり "
                                 "{4}円までです。残りは貸付にできます",
                                 e.year.ToWareki(), code.str(), FractionText(p.grant_share_cap),
                                 FormatYen(*e.shortfall),
                                 FormatYen((p.grant_share_cap * Rational(*e.shortfall)).Floor())));
        Debit(e, Account::kMain, Item::kGrant);
        AddTo(Muni(code, y).grants, e.amount, e.pos, "交付金");
        // Refill in thirds (docs/finance-format.md), in the year after by default [K].
        int when = y + e.refill_delay.value_or(p.refill_delay);
        auto [muni, national, pref] = SplitRefill(e.amount);
        Schedule(when, Item::kContribution, code, muni, e.pos);
        Schedule(when, Item::kNationalRefill, std::nullopt, national, e.pos);
        Schedule(when, Item::kPrefectureRefill, std::nullopt, pref, e.pos);
        break;
      }
      case EventType::kEarlyRepayment: {
        const MunicipalityCode& code = need_code();
        if (!e.loan_year)
          throw InputError(e.pos, "early_repayment: loan_year (貸付を受けた年度) を書いてください");
        // Early repayment is allowed: 「貸付金の全部又は一部を繰り上げて償還することができる」
        // (栃木県 財政安定化基金条例施行規則 第4条第2項 [V]). The loans of one 市町村 made in one
        // year are that year's 基金事業貸付金 (算定政令 第14条第1項, cited by the same 規則
        // 第2条), repaid over the same years (第4条第1項: 翌々年度から3年目の年度まで), and the
        // event names the year, not a loan: so they are one debt here, and the repayment comes
        // off the instalments still due across all of them, latest year first (期間短縮 [K]);
        // within one year, the later loan's instalment first (docs/finance-format.md §1.4).
        Yen outstanding = 0;
        std::vector<Loan*> matching;
        for (Loan& l : loans_)
          if (l.code == code && l.year == e.loan_year->year()) {
            matching.push_back(&l);
            for (const auto& [yy, due] : l.schedule)
              if (yy > y) AddTo(outstanding, due, e.pos, "early_repayment: Σ貸付残高");
          }
        if (matching.empty())
          throw InputError(e.pos, fmt::format("early_repayment: {} に {} の貸付がありません",
                                              code.str(), e.loan_year->ToWareki()));
        if (e.amount > outstanding)
          throw InputError(e.pos,
                           fmt::format("early_repayment: {0}円が、{3} の{2}の貸付の残り {1}円を"
                                       "超えています",
                                       FormatYen(e.amount), FormatYen(outstanding),
                                       e.loan_year->ToWareki(), code.str()));
        // Instalments still due: (year, loan) pairs, latest year first, then later loan first.
        std::vector<std::pair<int, size_t>> due;
        for (size_t li = 0; li < matching.size(); ++li)
          for (const auto& [yy, amount] : matching[li]->schedule)
            if (yy > y && amount > 0) due.push_back({yy, li});
        std::sort(due.begin(), due.end(),
                  [](const auto& a, const auto& b) { return a > b; });  // year, then loan: desc
        Yen left = e.amount;
        for (const auto& [yy, li] : due) {
          if (left == 0) break;
          Yen& instalment = matching[li]->schedule[yy];
          const Yen take = std::min(left, instalment);
          instalment -= take;
          left -= take;
        }
        Credit(Account::kMain, Item::kEarlyRepayment, e.amount, e.pos);
        AddTo(Muni(code, y).early_repayment, e.amount, e.pos, "繰上償還金");
        break;
      }
      case EventType::kDrawdown: {
        // 81条の2②; W ≤ the 特別会計's shortfall (docs/finance-format.md).
        if (e.shortfall && e.amount > *e.shortfall)
          throw InputError(
              e.pos, fmt::format("drawdown: {}: {}円が収納不足額 {}円を超えています",
                                 e.year.ToWareki(), FormatYen(e.amount), FormatYen(*e.shortfall)));
        Debit(e, Account::kMain, Item::kDrawdown);
        // Must be paid back (Tottori [V]; 算定政令21条 繰入金, Wakayama 条例第2条 [V]);
        // years and instalments are parameters [K].
        int start = e.repayment_start.value_or(p.drawdown_repayment_start);
        int n = e.instalments.value_or(p.drawdown_instalments);
        if (n < 1 || start < 0)
          throw InputError(e.pos,
                           "drawdown: instalments は1以上、repayment_start は0以上にしてください");
        std::vector<Yen> parts = SplitInstalments(e.amount, n);
        for (int i = 0; i < n; ++i)
          Schedule(y + start + i, Item::kDrawdownRepayment, std::nullopt,
                   parts[static_cast<size_t>(i)], e.pos);
        break;
      }
      case EventType::kSurplus:
        // 決算剰余金 into the fund, in part or in full (Wakayama 条例第2条2項 [V], R4+).
        if (e.account == Account::kTokurei)
          throw InputError(e.pos, "surplus: account は main か adjust にしてください");
        Credit(e.account, Item::kSurplus, e.amount, e.pos);
        break;
      case EventType::kInvestmentIncome:
        // 運用益 is added to the fund (Tokushima 条例第5条; Yamanashi 第5条 [V]).
        Credit(e.account, Item::kInvestmentIncome, e.amount, e.pos);
        break;
      case EventType::kDeposit:
        Credit(e.account, Item::kDeposit, e.amount, e.pos);
        break;
      case EventType::kAdjustWithdrawal:
        // 財政調整事業 (取扱要領例 II-3 [V TOC only]): smoothing draw-down.
        Debit(e, Account::kAdjust, Item::kAdjustWithdrawal);
        break;
      case EventType::kTokureiWithdrawal:
        // 特例基金 for 激変緩和 (docs/finance-format.md [K]).
        Debit(e, Account::kTokurei, Item::kTokureiWithdrawal);
        break;
    }
  }

  void EndYear(int y) {
    FundYear& fy = ledger_.years.back();
    for (Account a : kAccounts) {
      const int ai = static_cast<int>(a);
      AccountYear& acc = fy.accounts[ai];
      for (int i = 0; i < kItemCount; ++i) {
        Yen v = sums_[ai][i];
        if (v == 0) continue;
        Item item = static_cast<Item>(i);
        (IsInflow(item) ? acc.inflows : acc.outflows).push_back({item, v});
      }
      acc.closing = balance_[ai];
      // The ledger identity, to the yen (docs/finance-format.md).
      if (Rational(acc.closing) !=
              Rational(acc.opening) + Rational(acc.TotalIn()) - Rational(acc.TotalOut()) ||
          acc.closing < 0)
        throw CalculationError(fmt::format(
            "基金の台帳: {} の収支が合いません (kokuho の不具合です)", Where(fy.year, a)));
    }
    PrefYear(y);
    // Loans outstanding at the end of the year, per 市町村 with loans.
    std::map<std::string, Yen> outstanding;
    for (const Loan& l : loans_) {
      Yen o = 0;
      for (const auto& [yy, due] : l.schedule)
        if (yy > y) o = AddYen(o, due, "貸付残高");
      Yen& sum = outstanding[l.code.str()];
      sum = AddYen(sum, o, "貸付残高");
      Muni(l.code, y).outstanding = outstanding[l.code.str()];
    }
  }

  void Finish() {
    // Every 市町村 with a loan or a grant gets a row for every year.
    std::map<std::string, MunicipalityCode> codes;
    for (const auto& [key, m] : munis_) codes.emplace(key.first, m.code);
    for (const auto& [s, code] : codes)
      for (int y = plan_.first_year.year(); y <= plan_.last_year.year(); ++y) Muni(code, y);
    // Loans outstanding were set at each EndYear (0 before the first loan).
    for (auto& [key, m] : munis_) ledger_.municipalities.push_back(m);
    for (auto& [y, p] : prefecture_) ledger_.prefecture.push_back(p);
    const int last = plan_.last_year.year();
    for (const Loan& l : loans_)
      for (const auto& [yy, due] : l.schedule)
        if (yy > last && due > 0)
          ledger_.due_after_horizon.push_back({FiscalYear(yy), Item::kLoanRepayment, l.code, due});
    for (const auto& [yy, list] : scheduled_)
      if (yy > last)
        for (const Scheduled& s : list)
          ledger_.due_after_horizon.push_back({FiscalYear(yy), s.item, s.code, s.amount});
    std::stable_sort(ledger_.due_after_horizon.begin(), ledger_.due_after_horizon.end(),
                     [](const DueAfterHorizon& a, const DueAfterHorizon& b) {
                       if (a.year != b.year) return a.year < b.year;
                       return static_cast<int>(a.item) < static_cast<int>(b.item);
                     });
  }

  const FundPlan& plan_;
  int current_year_ = 0;
  FundLedger ledger_;
  std::array<Yen, kAccountCount> balance_{};
  std::array<std::array<Yen, kItemCount>, kAccountCount> sums_{};
  std::vector<Loan> loans_;
  std::map<int, std::vector<Scheduled>> scheduled_;
  std::map<std::pair<std::string, int>, Yen> grants_;
  std::map<std::pair<std::string, int>, MunicipalityYear> munis_;
  std::map<int, PrefectureYear> prefecture_;
};

}  // namespace

FundLedger SimulateFund(const FundPlan& plan) { return Simulator(plan).Run(); }

}  // namespace kokuho::finance
