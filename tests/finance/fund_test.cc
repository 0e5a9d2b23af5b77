// 財政安定化基金 ledger: worked examples a reviewer can check by hand, refusals, and the
// ledger identity (closing = opening + inflows − outflows, to the yen) on random event
// sequences.
#include "finance/fund.h"

#include <gtest/gtest.h>

#include <random>

namespace kokuho::finance {
namespace {

const MunicipalityCode kKiryu = *MunicipalityCode::TryParse("102032");
const MunicipalityCode kNanmoku = *MunicipalityCode::TryParse("103837");

FundPlan Plan(int from, int to, Yen main) {
  FundPlan p;
  p.file = "fund.yaml";
  p.first_year = FiscalYear(from);
  p.last_year = FiscalYear(to);
  p.opening[Account::kMain] = main;
  return p;
}

const AccountYear& Main(const FundLedger& l, int year) {
  for (const auto& y : l.years)
    if (y.year.year() == year) return y.accounts[static_cast<int>(Account::kMain)];
  throw std::out_of_range("year");
}

Yen Line(const std::vector<LedgerLine>& lines, Item item) {
  for (const auto& l : lines)
    if (l.item == item) return l.amount;
  return 0;
}

const MunicipalityYear& Muni(const FundLedger& l, const MunicipalityCode& c, int year) {
  for (const auto& m : l.municipalities)
    if (m.code == c && m.year.year() == year) return m;
  throw std::out_of_range("municipality year");
}

std::string InputErrorText(const FundPlan& plan) {
  try {
    SimulateFund(plan);
  } catch (const InputError& e) {
    return e.what();
  }
  ADD_FAILURE() << "expected an InputError";
  return "";
}

TEST(FundSplit, LastInstalmentAbsorbsTheRemainder) {
  // 10,000,001 / 3 = 3,333,333 r 2 → 3,333,333 + 3,333,333 + 3,333,335.
  EXPECT_EQ(SplitInstalments(10'000'001, 3), (std::vector<Yen>{3'333'333, 3'333'333, 3'333'335}));
  EXPECT_EQ(SplitInstalments(9, 3), (std::vector<Yen>{3, 3, 3}));
  EXPECT_EQ(SplitInstalments(2, 3), (std::vector<Yen>{0, 0, 2}));
  EXPECT_EQ(SplitInstalments(7, 1), (std::vector<Yen>{7}));
}

TEST(FundSplit, RefillThirdsSumToTheGrant) {
  // 9,000,000 → 3,000,000 × 3.
  EXPECT_EQ(SplitRefill(9'000'000), (std::array<Yen, 3>{3'000'000, 3'000'000, 3'000'000}));
  // 10,000,000 = 3,333,333 (拠出金) + 3,333,333 (国) + 3,333,334 (都道府県).
  EXPECT_EQ(SplitRefill(10'000'000), (std::array<Yen, 3>{3'333'333, 3'333'333, 3'333'334}));
  for (Yen g : {0, 1, 2, 3, 4, 5, 100, 999'999'999}) {
    auto [m, n, p] = SplitRefill(g);
    EXPECT_EQ(m + n + p, g);
  }
}

TEST(Fund, OneLoanRepaidInThreeInstalmentsFromTheSecondYear) {
  // ¥100,000,000 fund; 桐生市 borrows ¥10,000,001 in FY2025 (令和7年度).
  // 2025: 100,000,000 − 10,000,001 = 89,999,999
  // 2026: nothing due (翌々年度 first) → 89,999,999
  // 2027: +3,333,333 → 93,333,332; 2028: +3,333,333 → 96,666,665; 2029: +3,333,335 → 100,000,000
  FundPlan p = Plan(2025, 2029, 100'000'000);
  p.events.push_back(FundEvent::Loan(FiscalYear(2025), kKiryu, 10'000'001));
  FundLedger l = SimulateFund(p);
  ASSERT_EQ(l.years.size(), 5u);
  EXPECT_EQ(Main(l, 2025).closing, 89'999'999);
  EXPECT_EQ(Line(Main(l, 2025).outflows, Item::kLoan), 10'000'001);
  EXPECT_EQ(Main(l, 2026).closing, 89'999'999);
  EXPECT_EQ(Line(Main(l, 2027).inflows, Item::kLoanRepayment), 3'333'333);
  EXPECT_EQ(Line(Main(l, 2028).inflows, Item::kLoanRepayment), 3'333'333);
  EXPECT_EQ(Line(Main(l, 2029).inflows, Item::kLoanRepayment), 3'333'335);
  EXPECT_EQ(Main(l, 2029).closing, 100'000'000);
  EXPECT_EQ(Muni(l, kKiryu, 2025).loans, 10'000'001);
  EXPECT_EQ(Muni(l, kKiryu, 2025).outstanding, 10'000'001);
  EXPECT_EQ(Muni(l, kKiryu, 2026).outstanding, 10'000'001);
  EXPECT_EQ(Muni(l, kKiryu, 2027).repayment_due, 3'333'333);
  EXPECT_EQ(Muni(l, kKiryu, 2027).outstanding, 6'666'668);
  EXPECT_EQ(Muni(l, kKiryu, 2028).outstanding, 3'333'335);
  EXPECT_EQ(Muni(l, kKiryu, 2029).outstanding, 0);
  EXPECT_TRUE(l.due_after_horizon.empty());
}

TEST(Fund, InstalmentsAfterTheLastYearAreListed) {
  FundPlan p = Plan(2025, 2027, 100'000'000);
  p.events.push_back(FundEvent::Loan(FiscalYear(2025), kKiryu, 10'000'001));
  FundLedger l = SimulateFund(p);
  ASSERT_EQ(l.due_after_horizon.size(), 2u);
  EXPECT_EQ(l.due_after_horizon[0].year.year(), 2028);
  EXPECT_EQ(l.due_after_horizon[0].amount, 3'333'333);
  EXPECT_EQ(l.due_after_horizon[1].year.year(), 2029);
  EXPECT_EQ(l.due_after_horizon[1].amount, 3'333'335);
  EXPECT_EQ(Muni(l, kKiryu, 2027).outstanding, 6'666'668);
}

TEST(Fund, GrantRefilledInThirdsTheYearAfter) {
  // 南牧村: 収納不足 18,000,000, grant 9,000,000 (= ½, allowed) in 2025.
  // 2025: 50,000,000 − 9,000,000 = 41,000,000; 2026: + 3,000,000 × 3 = 50,000,000.
  FundPlan p = Plan(2025, 2026, 50'000'000);
  p.events.push_back(FundEvent::Grant(FiscalYear(2025), kNanmoku, 9'000'000, 18'000'000));
  FundLedger l = SimulateFund(p);
  EXPECT_EQ(Main(l, 2025).closing, 41'000'000);
  const AccountYear& y2 = Main(l, 2026);
  EXPECT_EQ(Line(y2.inflows, Item::kContribution), 3'000'000);
  EXPECT_EQ(Line(y2.inflows, Item::kNationalRefill), 3'000'000);
  EXPECT_EQ(Line(y2.inflows, Item::kPrefectureRefill), 3'000'000);
  EXPECT_EQ(y2.closing, 50'000'000);
  EXPECT_EQ(Muni(l, kNanmoku, 2025).grants, 9'000'000);
  EXPECT_EQ(Muni(l, kNanmoku, 2026).contribution, 3'000'000);
  EXPECT_EQ(l.prefecture[1].prefecture_refill, 3'000'000);
  EXPECT_EQ(l.prefecture[1].national_refill, 3'000'000);
}

TEST(Fund, RefillDelayIsAParameter) {
  FundPlan p = Plan(2025, 2028, 50'000'000);
  p.parameters.refill_delay = 2;
  p.events.push_back(FundEvent::Grant(FiscalYear(2025), kNanmoku, 9'000'000, 18'000'000));
  FundEvent g = FundEvent::Grant(FiscalYear(2025), kKiryu, 3'000'000, 6'000'000);
  g.refill_delay = 3;  // this grant's own timing
  p.events.push_back(g);
  FundLedger l = SimulateFund(p);
  EXPECT_EQ(Line(Main(l, 2026).inflows, Item::kContribution), 0);
  EXPECT_EQ(Line(Main(l, 2027).inflows, Item::kContribution), 3'000'000);
  EXPECT_EQ(Line(Main(l, 2028).inflows, Item::kContribution), 1'000'000);
  EXPECT_EQ(Main(l, 2028).closing, 50'000'000);
}

TEST(Fund, GrantAboveHalfTheShortfallIsRefused) {
  FundPlan p = Plan(2025, 2026, 50'000'000);
  FundEvent g = FundEvent::Grant(FiscalYear(2025), kNanmoku, 9'000'001, 18'000'000);
  g.pos = {"fund.yaml", 14, 7};
  p.events.push_back(g);
  std::string msg = InputErrorText(p);
  EXPECT_NE(
      msg.find(
          "fund.yaml:14:7: grant: 令和7年度 103837: 交付は収納不足額 (18,000,000円) の1/2まで"),
      std::string::npos)
      << msg;
  // Exactly ½ of an odd shortfall: 9,000,000.5 allowed → 9,000,000 passes.
  p.events[0] = FundEvent::Grant(FiscalYear(2025), kNanmoku, 9'000'000, 18'000'001);
  EXPECT_NO_THROW(SimulateFund(p));
}

TEST(Fund, LoanPlusGrantAboveTheShortfallIsRefused) {
  FundPlan p = Plan(2025, 2026, 50'000'000);
  p.events.push_back(FundEvent::Grant(FiscalYear(2025), kNanmoku, 9'000'000, 18'000'000));
  FundEvent loan = FundEvent::Loan(FiscalYear(2025), kNanmoku, 9'000'001);
  loan.shortfall = 18'000'000;
  loan.pos = {"fund.yaml", 15, 7};
  p.events.push_back(loan);
  EXPECT_NE(InputErrorText(p).find("fund.yaml:15:7: loan: 令和7年度 103837: 貸付と交付の合計が"
                                   "収納不足額を超えています"),
            std::string::npos);
  p.events[1].amount = 9'000'000;
  EXPECT_NO_THROW(SimulateFund(p));
}

TEST(Fund, OverdrawIsRefusedNamingPlaceYearAndAccount) {
  FundPlan p = Plan(2025, 2027, 10'000'000);
  FundEvent loan = FundEvent::Loan(FiscalYear(2026), kKiryu, 10'000'001);
  loan.pos = {"fund.yaml", 22, 9};
  p.events.push_back(loan);
  std::string msg = InputErrorText(p);
  EXPECT_NE(msg.find("fund.yaml:22:9: 令和8年度 基金本体: 基金事業貸付金 10,000,001円で残高が"
                     "マイナスになります (残高 10,000,000円)"),
            std::string::npos)
      << msg;
}

TEST(Fund, TokureiWithdrawalFromTheScenarioEngine) {
  FundPlan p = Plan(2025, 2027, 0);
  p.opening[Account::kTokurei] = 100'000'000;
  AddTokureiWithdrawal(p, FiscalYear(2025), 60'000'000, {"scenario.yaml", 3, 5});
  AddTokureiWithdrawal(p, FiscalYear(2026), 40'000'000, {"scenario.yaml", 4, 5});
  FundLedger l = SimulateFund(p);
  const auto& t = l.years[1].accounts[static_cast<int>(Account::kTokurei)];
  EXPECT_EQ(Line(t.outflows, Item::kTokureiWithdrawal), 40'000'000);
  EXPECT_EQ(t.closing, 0);
  AddTokureiWithdrawal(p, FiscalYear(2027), 1, {"scenario.yaml", 5, 5});
  EXPECT_NE(InputErrorText(p).find("scenario.yaml:5:5: 令和9年度 特例基金 (激変緩和)"),
            std::string::npos);
}

TEST(Fund, EarlyRepaymentComesOffTheLastInstalments) {
  // Loan 9,000,000 in 2025 → 3,000,000 due in 2027, 2028, 2029. In 2027 (after that year's
  // instalment) 4,000,000 is repaid early: 2029's 3,000,000 and 1,000,000 of 2028's.
  FundPlan p = Plan(2025, 2029, 20'000'000);
  p.events.push_back(FundEvent::Loan(FiscalYear(2025), kKiryu, 9'000'000));
  FundEvent e = FundEvent::Flow(EventType::kEarlyRepayment, FiscalYear(2027), 4'000'000);
  e.municipality = kKiryu;
  e.loan_year = FiscalYear(2025);
  p.events.push_back(e);
  FundLedger l = SimulateFund(p);
  EXPECT_EQ(Line(Main(l, 2027).inflows, Item::kLoanRepayment), 3'000'000);
  EXPECT_EQ(Line(Main(l, 2027).inflows, Item::kEarlyRepayment), 4'000'000);
  EXPECT_EQ(Muni(l, kKiryu, 2027).outstanding, 2'000'000);
  EXPECT_EQ(Line(Main(l, 2028).inflows, Item::kLoanRepayment), 2'000'000);
  EXPECT_EQ(Line(Main(l, 2029).inflows, Item::kLoanRepayment), 0);
  EXPECT_EQ(Main(l, 2029).closing, 20'000'000);
  // More than is owed is refused.
  p.events[1].amount = 6'000'001;
  p.events[1].pos = {"fund.yaml", 30, 7};
  EXPECT_NE(InputErrorText(p).find("fund.yaml:30:7: early_repayment: 6,000,001円が、"),
            std::string::npos);
}

// Issue 12 item 15: two loans of one 市町村 in one year are that year's 基金事業貸付金 (算定政令
// 14条1項), repaid over the same years (栃木県 規則第4条第1項), and the early repayment
// names the year only; so it comes off the instalments still due across both, latest year
// first (within a year, the later loan first). Before, the later loan was cleared first,
// loan by loan, which left a different schedule.
TEST(Fund, EarlyRepaymentAcrossTwoLoansOfOneYear) {
  // Loan A 10,000,001 and loan B 6,000,000, both in 2025 (t + 2 … t + 4 = 2027–2029):
  //   A: 3,333,333 / 3,333,333 / 3,333,335     B: 2,000,000 / 2,000,000 / 2,000,000
  // Early repayment of 4,000,000 in 2026 (before any instalment), latest year first:
  //   2029: B's 2,000,000 (the later loan first), then 2,000,000 of A's 3,333,335.
  // Left:  A: 3,333,333 / 3,333,333 / 1,333,335   B: 2,000,000 / 2,000,000 / 0
  //   → due 5,333,333 in 2027, 5,333,333 in 2028, 1,333,335 in 2029.
  // (Loan by loan, B first, it was B's 2029 and 2028 instalments: 5,333,333 / 3,333,333 /
  //  3,333,335.)
  FundPlan p = Plan(2025, 2029, 20'000'000);
  p.events.push_back(FundEvent::Loan(FiscalYear(2025), kKiryu, 10'000'001));
  p.events.push_back(FundEvent::Loan(FiscalYear(2025), kKiryu, 6'000'000));
  FundEvent e = FundEvent::Flow(EventType::kEarlyRepayment, FiscalYear(2026), 4'000'000);
  e.municipality = kKiryu;
  e.loan_year = FiscalYear(2025);
  p.events.push_back(e);
  const FundLedger l = SimulateFund(p);
  EXPECT_EQ(Muni(l, kKiryu, 2025).loans, 16'000'001);
  EXPECT_EQ(Muni(l, kKiryu, 2025).outstanding, 16'000'001);
  EXPECT_EQ(Muni(l, kKiryu, 2026).early_repayment, 4'000'000);
  EXPECT_EQ(Muni(l, kKiryu, 2026).outstanding, 12'000'001);
  EXPECT_EQ(Line(Main(l, 2027).inflows, Item::kLoanRepayment), 5'333'333);
  EXPECT_EQ(Line(Main(l, 2028).inflows, Item::kLoanRepayment), 5'333'333);
  EXPECT_EQ(Line(Main(l, 2029).inflows, Item::kLoanRepayment), 1'333'335);
  EXPECT_EQ(Muni(l, kKiryu, 2027).repayment_due, 5'333'333);
  EXPECT_EQ(Muni(l, kKiryu, 2028).repayment_due, 5'333'333);
  EXPECT_EQ(Muni(l, kKiryu, 2029).repayment_due, 1'333'335);
  EXPECT_EQ(Muni(l, kKiryu, 2029).outstanding, 0);
  // Everything lent came back: 20,000,000 − 16,000,001 + 4,000,000 + Σ instalments.
  EXPECT_EQ(Main(l, 2029).closing, 20'000'000);
  // A loan of another year is untouched: a third loan in 2026 keeps its whole schedule.
  FundPlan q = p;
  q.events.insert(q.events.begin() + 2, FundEvent::Loan(FiscalYear(2026), kKiryu, 3'000'000));
  const FundLedger lq = SimulateFund(q);
  EXPECT_EQ(Line(Main(lq, 2028).inflows, Item::kLoanRepayment), 5'333'333 + 1'000'000);
  EXPECT_EQ(Line(Main(lq, 2029).inflows, Item::kLoanRepayment), 1'333'335 + 1'000'000);
}

// A deposit that would take a balance beyond int64 is refused at the event (never a wrap).
TEST(Fund, BalanceOverflowIsAnInputErrorAtTheEvent) {
  FundPlan p = Plan(2025, 2026, 9'000'000'000'000'000'000);
  FundEvent d = FundEvent::Flow(EventType::kDeposit, FiscalYear(2025), 900'000'000'000'000'000);
  d.pos = {"fund.yaml", 12, 9};
  p.events.push_back(d);
  EXPECT_NE(InputErrorText(p).find("fund.yaml:12:9:"), std::string::npos) << InputErrorText(p);
  EXPECT_NE(InputErrorText(p).find("扱える金額の範囲"), std::string::npos);
}

TEST(Fund, DrawdownIsRepaidOnItsSchedule) {
  // 250,000,000 drawn in 2026, repaid 83,333,333 / 83,333,333 / 83,333,334 in 2027–2029.
  FundPlan p = Plan(2025, 2029, 300'000'000);
  p.events.push_back(FundEvent::Drawdown(FiscalYear(2026), 250'000'000));
  FundLedger l = SimulateFund(p);
  EXPECT_EQ(Main(l, 2026).closing, 50'000'000);
  EXPECT_EQ(l.prefecture[2].drawdown_repayment, 83'333'333);
  EXPECT_EQ(l.prefecture[3].drawdown_repayment, 83'333'333);
  EXPECT_EQ(l.prefecture[4].drawdown_repayment, 83'333'334);
  EXPECT_EQ(Main(l, 2029).closing, 300'000'000);
  // Its own schedule: 2 instalments starting 2 years after.
  p.events[0].repayment_start = 2;
  p.events[0].instalments = 2;
  l = SimulateFund(p);
  EXPECT_EQ(l.prefecture[2].drawdown_repayment, 0);
  EXPECT_EQ(l.prefecture[3].drawdown_repayment, 125'000'000);
  EXPECT_EQ(l.prefecture[4].drawdown_repayment, 125'000'000);
}

TEST(Fund, SurplusAndIncomeGoToTheirAccounts) {
  FundPlan p = Plan(2025, 2025, 1'000);
  p.events.push_back(FundEvent::Flow(EventType::kSurplus, FiscalYear(2025), 500, Account::kAdjust));
  p.events.push_back(
      FundEvent::Flow(EventType::kAdjustWithdrawal, FiscalYear(2025), 200, Account::kAdjust));
  p.events.push_back(FundEvent::Flow(EventType::kInvestmentIncome, FiscalYear(2025), 7));
  FundLedger l = SimulateFund(p);
  const auto& adj = l.years[0].accounts[static_cast<int>(Account::kAdjust)];
  EXPECT_EQ(adj.opening, 0);
  EXPECT_EQ(adj.closing, 300);
  EXPECT_EQ(Main(l, 2025).closing, 1'007);
  EXPECT_EQ(l.years[0].Closing(), 1'307);
}

TEST(Fund, EventOutsideTheYearsIsRefused) {
  FundPlan p = Plan(2025, 2026, 1'000);
  FundEvent e = FundEvent::Flow(EventType::kInvestmentIncome, FiscalYear(2027), 1);
  e.pos = {"fund.yaml", 9, 3};
  p.events.push_back(e);
  EXPECT_NE(InputErrorText(p).find("fund.yaml:9:3: investment_income: 令和9年度 は計画の期間"),
            std::string::npos);
}

// Property: on random event sequences every account-year balances to the yen (checked inside
// SimulateFund and again here); with 8 quiet years at the end every loan, refill and
// draw-down has come back, so the fund ends at opening + income − the sub-accounts' draws.
TEST(FundProperty, LedgerIdentityAndFullRepaymentOnRandomEvents) {
  std::mt19937_64 rng(20261123);
  auto pick = [&](Yen n) { return static_cast<Yen>(rng() % static_cast<std::uint64_t>(n)); };
  const std::vector<MunicipalityCode> codes = {kKiryu, kNanmoku,
                                               *MunicipalityCode::TryParse("102016")};
  int ran = 0, refused = 0;
  for (int trial = 0; trial < 300; ++trial) {
    FundPlan p = Plan(2025, 2025 + 14, 20'000'000 + pick(50'000'000));
    p.opening[Account::kAdjust] = pick(5'000'000);
    p.opening[Account::kTokurei] = pick(5'000'000);
    p.parameters.loan_instalments = 1 + static_cast<int>(pick(4));
    p.parameters.refill_delay = static_cast<int>(pick(3));
    Yen net_external = 0;  // income − sub-account draws
    for (int y = 2025; y <= 2031; ++y) {
      int n = static_cast<int>(pick(5));
      for (int i = 0; i < n; ++i) {
        FiscalYear fy(y);
        const MunicipalityCode& m = codes[static_cast<size_t>(pick(3))];
        FundEvent e;
        switch (pick(7)) {
          case 0:
            e = FundEvent::Loan(fy, m, pick(10'000'000));
            break;
          case 1: {
            Yen shortfall = pick(10'000'000) + 1;
            e = FundEvent::Grant(fy, m, shortfall / 2, shortfall);
            break;
          }
          case 2:
            e = FundEvent::Drawdown(fy, pick(8'000'000));
            e.instalments = 1 + static_cast<int>(pick(4));
            break;
          case 3:
            e = FundEvent::Flow(EventType::kInvestmentIncome, fy, pick(100'000));
            net_external += e.amount;
            break;
          case 4:
            e = FundEvent::Flow(EventType::kSurplus, fy, pick(3'000'000),
                                pick(2) ? Account::kMain : Account::kAdjust);
            net_external += e.amount;
            break;
          case 5:
            e = FundEvent::Flow(EventType::kAdjustWithdrawal, fy, pick(2'000'000));
            net_external -= e.amount;
            break;
          default:
            e = FundEvent::Flow(EventType::kTokureiWithdrawal, fy, pick(2'000'000));
            net_external -= e.amount;
            break;
        }
        p.events.push_back(e);
      }
    }
    FundLedger l;
    try {
      l = SimulateFund(p);
    } catch (const InputError& e) {
      EXPECT_NE(std::string(e.what()).find("残高がマイナスになります"), std::string::npos)
          << e.what();
      ++refused;
      continue;
    }
    ++ran;
    Yen opening = 0;
    for (const auto& [a, v] : p.opening) opening += v;
    Yen previous = opening;
    for (const FundYear& y : l.years) {
      Yen total_open = 0;
      for (const AccountYear& a : y.accounts) {
        ASSERT_EQ(a.closing, a.opening + a.TotalIn() - a.TotalOut());
        ASSERT_GE(a.closing, 0);
        total_open += a.opening;
      }
      ASSERT_EQ(total_open, previous);  // closing carries to the next opening
      previous = y.Closing();
    }
    EXPECT_TRUE(l.due_after_horizon.empty());
    EXPECT_EQ(l.years.back().Closing(), opening + net_external) << "trial " << trial;
  }
  EXPECT_GT(ran, 100);
  EXPECT_GT(refused, 10);
}

}  // namespace
}  // namespace kokuho::finance
