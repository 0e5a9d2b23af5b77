#include "report/fund_tables.h"

#include <fmt/format.h>

namespace kokuho {
namespace {

using finance::Account;
using finance::FundLedger;
using finance::FundPlan;

ReportCell YenCell(Yen v) { return ReportCell::Integer(v); }

std::string NameOf(const FundPlan& plan, const MunicipalityCode& code) {
  auto it = plan.names.find(code);
  return it == plan.names.end() ? "" : it->second;
}

// An account is shown when it has a balance or a movement in any year.
bool Used(const FundLedger& ledger, Account a) {
  for (const auto& y : ledger.years) {
    const auto& acc = y.accounts[static_cast<int>(a)];
    if (acc.opening || acc.closing || !acc.inflows.empty() || !acc.outflows.empty()) return true;
  }
  return false;
}

}  // namespace

std::vector<ReportTable> BuildFundTables(const FundPlan& plan, const FundLedger& ledger) {
  const std::string pref = plan.prefecture.empty() ? "" : plan.prefecture + " ";
  ReportTable summary;
  summary.key = "fund_summary";
  summary.title = pref + "財政安定化基金 残高の推移 (円; 期末 = 期首 + 収入 − 支出)";
  summary.sheet = "基金残高の推移";
  summary.header = {"年度", "勘定", "期首残高", "収入計", "支出計", "期末残高"};
  ReportTable detail;
  detail.key = "fund_ledger";
  detail.title = pref + "財政安定化基金 収支明細 (円)";
  detail.sheet = "基金の収支明細";
  detail.header = {"年度", "勘定", "区分", "項目", "金額"};
  for (const auto& y : ledger.years) {
    Yen open = 0, in = 0, out = 0;
    for (Account a : finance::kAccounts) {
      if (!Used(ledger, a)) continue;
      const auto& acc = y.accounts[static_cast<int>(a)];
      const std::string year = y.year.ToWareki();
      summary.rows.push_back({ReportCell::Text(year), ReportCell::Text(finance::AccountLabel(a)),
                              YenCell(acc.opening), YenCell(acc.TotalIn()), YenCell(acc.TotalOut()),
                              YenCell(acc.closing)});
      open += acc.opening;
      in += acc.TotalIn();
      out += acc.TotalOut();
      auto line = [&](const char* kind, const std::string& item, Yen v) {
        detail.rows.push_back({ReportCell::Text(year), ReportCell::Text(finance::AccountLabel(a)),
                               ReportCell::Text(kind), ReportCell::Text(item), YenCell(v)});
      };
      line("期首", "前年度末残高", acc.opening);
      for (const auto& l : acc.inflows) line("収入", finance::ItemLabel(l.item), l.amount);
      for (const auto& l : acc.outflows) line("支出", finance::ItemLabel(l.item), l.amount);
      line("期末", "年度末残高", acc.closing);
    }
    summary.rows.push_back({ReportCell::Text(y.year.ToWareki()), ReportCell::Text("計"),
                            YenCell(open), YenCell(in), YenCell(out), YenCell(y.Closing())});
  }

  ReportTable munis;
  munis.key = "fund_municipalities";
  munis.title = pref + "財政安定化基金 市町村別 (貸付金・交付金・償還金・拠出金, 円)";
  munis.sheet = "市町村別の貸付・交付";
  munis.header = {"団体コード", "市町村名",          "年度",  "貸付金", "交付金", "償還金",
                  "繰上償還金", "貸付残高 (年度末)", "拠出金"};
  for (const auto& m : ledger.municipalities)
    munis.rows.push_back({ReportCell::Text(m.code.str()), ReportCell::Text(NameOf(plan, m.code)),
                          ReportCell::Text(m.year.ToWareki()), YenCell(m.loans), YenCell(m.grants),
                          YenCell(m.repayment_due), YenCell(m.early_repayment),
                          YenCell(m.outstanding), YenCell(m.contribution)});

  ReportTable prefecture;
  prefecture.key = "fund_prefecture";
  prefecture.title =
      pref + "財政安定化基金 都道府県・国の負担 (円; 取崩し返還は後年度の納付金に算入)";
  prefecture.sheet = "都道府県・国の負担";
  prefecture.header = {"年度", "取崩し返還額", "交付分補填 都道府県", "交付分補填 国"};
  for (const auto& p : ledger.prefecture)
    prefecture.rows.push_back({ReportCell::Text(p.year.ToWareki()), YenCell(p.drawdown_repayment),
                               YenCell(p.prefecture_refill), YenCell(p.national_refill)});

  std::vector<ReportTable> out = {summary, detail, munis, prefecture};
  if (!ledger.due_after_horizon.empty()) {
    ReportTable due;
    due.key = "fund_due_after";
    due.title = pref + "財政安定化基金 計画期間後の受入予定 (円)";
    due.sheet = "計画期間後の受入予定";
    due.header = {"年度", "項目", "団体コード", "市町村名", "金額"};
    for (const auto& d : ledger.due_after_horizon)
      due.rows.push_back({ReportCell::Text(d.year.ToWareki()),
                          ReportCell::Text(finance::ItemLabel(d.item)),
                          ReportCell::Text(d.municipality ? d.municipality->str() : ""),
                          ReportCell::Text(d.municipality ? NameOf(plan, *d.municipality) : ""),
                          YenCell(d.amount)});
    out.push_back(due);
  }
  return out;
}

nlohmann::ordered_json FundJson(const FundPlan& plan, const FundLedger& ledger) {
  using J = nlohmann::ordered_json;
  J out;
  out["file"] = plan.file;
  out["prefecture"] = plan.prefecture;
  out["first_year"] = plan.first_year.year();
  out["last_year"] = plan.last_year.year();
  const auto& p = plan.parameters;
  out["parameters"] = {{"grant_share_cap", p.grant_share_cap.ToString()},
                       {"loan_repayment_start", p.loan_repayment_start},
                       {"loan_instalments", p.loan_instalments},
                       {"refill_delay", p.refill_delay},
                       {"drawdown_repayment_start", p.drawdown_repayment_start},
                       {"drawdown_instalments", p.drawdown_instalments}};
  J years = J::array();
  for (const auto& y : ledger.years) {
    J jy;
    jy["year"] = y.year.year();
    jy["label"] = y.year.ToWareki();
    J accounts;
    for (Account a : finance::kAccounts) {
      const auto& acc = y.accounts[static_cast<int>(a)];
      J ja;
      ja["opening"] = acc.opening;
      J in = J::object(), outflows = J::object();
      for (const auto& l : acc.inflows) in[finance::ItemKey(l.item)] = l.amount;
      for (const auto& l : acc.outflows) outflows[finance::ItemKey(l.item)] = l.amount;
      ja["inflows"] = std::move(in);
      ja["outflows"] = std::move(outflows);
      ja["closing"] = acc.closing;
      accounts[finance::AccountKey(a)] = std::move(ja);
    }
    jy["accounts"] = std::move(accounts);
    jy["closing_total"] = y.Closing();
    years.push_back(std::move(jy));
  }
  out["years"] = std::move(years);
  J munis = J::array();
  for (const auto& m : ledger.municipalities)
    munis.push_back({{"code", m.code.str()},
                     {"name", NameOf(plan, m.code)},
                     {"year", m.year.year()},
                     {"loans", m.loans},
                     {"grants", m.grants},
                     {"repayment_due", m.repayment_due},
                     {"early_repayment", m.early_repayment},
                     {"outstanding", m.outstanding},
                     {"contribution", m.contribution}});
  out["municipalities"] = std::move(munis);
  J pref = J::array();
  for (const auto& q : ledger.prefecture)
    pref.push_back({{"year", q.year.year()},
                    {"drawdown_repayment", q.drawdown_repayment},
                    {"prefecture_refill", q.prefecture_refill},
                    {"national_refill", q.national_refill}});
  out["prefecture_burden"] = std::move(pref);
  J due = J::array();
  for (const auto& d : ledger.due_after_horizon)
    due.push_back({{"year", d.year.year()},
                   {"item", finance::ItemKey(d.item)},
                   {"code", d.municipality ? J(d.municipality->str()) : J(nullptr)},
                   {"amount", d.amount}});
  out["due_after_horizon"] = std::move(due);
  return out;
}

}  // namespace kokuho
