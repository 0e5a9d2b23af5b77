#include "report/claims_check_report.h"

#include <fmt/format.h>

#include <map>
#include <set>

namespace kokuho {
namespace {

using claims::CheckSeverity;
using claims::Finding;

std::string Month(std::int32_t yyyymm) {
  return fmt::format("{}-{:02}", yyyymm / 100, yyyymm % 100);
}

std::string InstitutionCode(const ClaimsCheckReport& rep, std::uint32_t i) {
  return i < rep.institutions.size() ? rep.institutions[i].code : "";
}
std::string InstitutionName(const ClaimsCheckReport& rep, std::uint32_t i) {
  return i < rep.institutions.size() ? rep.institutions[i].name : "";
}

std::string Lines(const Finding& f) {
  std::string s;
  for (std::uint32_t l : f.lines) s += (s.empty() ? "" : " ") + std::to_string(l);
  return s;
}

std::string Related(const Finding& f) {
  std::string s;
  for (std::size_t k = 1; k < f.receipts.size(); ++k) {
    const claims::ReceiptRef& r = f.receipts[k];
    s += fmt::format("{}{} {}#{} ({})", s.empty() ? "" : "; ", Month(r.month), r.file, r.number,
                     r.billing_month ? fmt::format("請求 {}", Month(r.billing_month)) : "");
  }
  return s;
}

std::string_view RuleName(std::string_view code) {
  const claims::RuleInfo* r = claims::FindRuleInfo(code);
  return r ? r->name : "";
}
std::string_view RuleKind(std::string_view code) {
  const claims::RuleInfo* r = claims::FindRuleInfo(code);
  return r ? r->kind : "";
}

}  // namespace

std::string HtmlText(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

std::string FindingId(std::size_t index) { return fmt::format("F{:06}", index + 1); }

std::vector<ReportTable> BuildClaimsCheckTables(const ClaimsCheckReport& rep) {
  ReportTable list;
  list.key = "claims_findings";
  list.title = "二次点検の所見 (縦覧・横覧・突合)";
  list.sheet = "点検の所見";
  list.header = {"所見ID", "請求年月",       "診療年月",     "規則",     "区分",         "規則名",
                 "重大度", "医療機関コード", "医療機関名",   "ファイル", "レセプト番号", "行",
                 "コード", "点数",           "関連レセプト", "理由",     "根拠"};
  struct Sum {
    std::uint64_t count = 0, errors = 0, reviews = 0;
    std::int64_t points = 0;
  };
  std::map<std::string, Sum> by_rule;
  std::map<std::uint32_t, Sum> by_inst;
  std::map<std::int32_t, Sum> by_month;
  for (std::size_t i = 0; i < rep.findings.size(); ++i) {
    const Finding& f = rep.findings[i];
    const claims::ReceiptRef& r = f.receipts.front();
    list.rows.push_back(
        {ReportCell::Text(FindingId(i)), ReportCell::Text(Month(r.billing_month)),
         ReportCell::Text(Month(r.month)), ReportCell::Text(f.rule),
         ReportCell::Text(std::string(RuleKind(f.rule))),
         ReportCell::Text(std::string(RuleName(f.rule))),
         ReportCell::Text(std::string(claims::SeverityName(f.severity))),
         ReportCell::Text(InstitutionCode(rep, r.institution)),
         ReportCell::Text(InstitutionName(rep, r.institution)), ReportCell::Text(r.file),
         ReportCell::Integer(r.number), ReportCell::Text(Lines(f)),
         f.code ? ReportCell::Text(fmt::format("{:09}", f.code)) : ReportCell::Empty(),
         ReportCell::Integer(f.points), ReportCell::Text(Related(f)), ReportCell::Text(f.reason),
         ReportCell::Text(f.source)});
    for (Sum* s : {&by_rule[f.rule], &by_inst[r.institution], &by_month[r.billing_month]}) {
      ++s->count;
      (f.severity == CheckSeverity::kError ? s->errors : s->reviews) += 1;
      s->points += f.points;
    }
  }
  ReportTable rules;
  rules.key = "claims_by_rule";
  rules.title = "規則ごとの件数と点数";
  rules.sheet = "規則別の所見";
  rules.header = {"規則",   "区分",   "規則名", "既定の重大度", "件数",
                  "エラー", "要確認", "点数計", "実施"};
  for (const claims::RuleInfo& info : claims::CheckRuleCatalogue()) {
    const Sum s = by_rule.count(std::string(info.code)) ? by_rule[std::string(info.code)] : Sum{};
    const std::string run = info.needs_masters && !rep.masters
                                ? "一般名コード・ICD-10 を使う行はマスター (--masters) がなく未実施"
                                : "実施";
    rules.rows.push_back({ReportCell::Text(std::string(info.code)),
                          ReportCell::Text(std::string(info.kind)),
                          ReportCell::Text(std::string(info.name)),
                          ReportCell::Text(std::string(claims::SeverityName(info.severity))),
                          ReportCell::Integer(static_cast<long long>(s.count)),
                          ReportCell::Integer(static_cast<long long>(s.errors)),
                          ReportCell::Integer(static_cast<long long>(s.reviews)),
                          ReportCell::Integer(s.points), ReportCell::Text(run)});
  }
  ReportTable inst;
  inst.key = "claims_by_institution";
  inst.title = "医療機関・薬局ごとの件数と点数";
  inst.sheet = "医療機関別の所見";
  inst.header = {"医療機関コード", "名称", "件数", "エラー", "要確認", "点数計"};
  std::vector<std::pair<std::string, std::uint32_t>> order;
  for (const auto& [i, s] : by_inst) order.push_back({InstitutionCode(rep, i), i});
  std::sort(order.begin(), order.end());
  for (const auto& [code, i] : order) {
    const Sum& s = by_inst[i];
    inst.rows.push_back({ReportCell::Text(code), ReportCell::Text(InstitutionName(rep, i)),
                         ReportCell::Integer(static_cast<long long>(s.count)),
                         ReportCell::Integer(static_cast<long long>(s.errors)),
                         ReportCell::Integer(static_cast<long long>(s.reviews)),
                         ReportCell::Integer(s.points)});
  }
  ReportTable month;
  month.key = "claims_by_month";
  month.title = "請求年月ごとの件数と点数";
  month.sheet = "月別の所見";
  month.header = {"請求年月", "件数", "エラー", "要確認", "点数計"};
  for (const auto& [m, s] : by_month)
    month.rows.push_back(
        {ReportCell::Text(Month(m)), ReportCell::Integer(static_cast<long long>(s.count)),
         ReportCell::Integer(static_cast<long long>(s.errors)),
         ReportCell::Integer(static_cast<long long>(s.reviews)), ReportCell::Integer(s.points)});
  return {rules, month, inst, list};
}

nlohmann::ordered_json ClaimsCheckJson(const ClaimsCheckReport& rep) {
  nlohmann::ordered_json j;
  j["format"] = "kokuho.claims.check/1";
  j["stores"] = rep.stores;
  j["rule_files"] = rep.rule_files;
  j["counts"] = {{"months", rep.counts.months},
                 {"receipts", rep.counts.receipts},
                 {"medical", rep.counts.medical},
                 {"pharmacy", rep.counts.pharmacy},
                 {"persons", rep.counts.persons},
                 {"drug_lines", rep.counts.drug_lines},
                 {"drug_lines_without_master", rep.counts.drug_lines_without_master}};
  j["rules"] = nlohmann::ordered_json::array();
  for (const claims::RuleInfo& r : claims::CheckRuleCatalogue())
    j["rules"].push_back({{"code", r.code},
                          {"kind", r.kind},
                          {"name", r.name},
                          {"severity", claims::SeverityName(r.severity)}});
  j["findings"] = nlohmann::ordered_json::array();
  for (std::size_t i = 0; i < rep.findings.size(); ++i) {
    const Finding& f = rep.findings[i];
    nlohmann::ordered_json receipts = nlohmann::ordered_json::array();
    for (const claims::ReceiptRef& r : f.receipts)
      receipts.push_back({{"file", r.file},
                          {"receipt", r.number},
                          {"line", r.line},
                          {"month", Month(r.month)},
                          {"billing_month", Month(r.billing_month)},
                          {"institution", InstitutionCode(rep, r.institution)}});
    j["findings"].push_back({{"id", FindingId(i)},
                             {"rule", f.rule},
                             {"severity", claims::SeverityName(f.severity)},
                             {"receipts", receipts},
                             {"lines", f.lines},
                             {"code", f.code ? fmt::format("{:09}", f.code) : ""},
                             {"points", f.points},
                             {"reason", f.reason},
                             {"source", f.source}});
  }
  j["notes"] = rep.notes;
  return j;
}

std::vector<ExtraFile> ClaimsFindingPages(const ClaimsCheckReport& rep) {
  static const char* kStyle =
      "<style>@page{size:A4;margin:18mm}body{font-family:'Noto Sans CJK JP','Hiragino Sans',"
      "'Yu Gothic',sans-serif;font-size:10.5pt;line-height:1.6;max-width:180mm;margin:auto}"
      "h1{font-size:14pt;border-bottom:2px solid #333}table{border-collapse:collapse;width:100%}"
      "th,td{border:1px solid #999;padding:2px 6px;text-align:left;vertical-align:top}"
      "th{background:#eee;width:28%}.e{color:#b00;font-weight:bold}.r{color:#a60;font-weight:bold}"
      "nav a{margin-right:1em}</style>";
  std::vector<ExtraFile> out;
  std::string index = std::string(
                          "<!DOCTYPE html><html lang=\"ja\"><head><meta charset=\"utf-8\">"
                          "<title>二次点検の所見一覧</title>") +
                      kStyle + "</head><body><h1>二次点検の所見一覧</h1>";
  index += fmt::format(
      "<p>所見 {} 件 (レセプト {} 件を点検)。個人情報は載せていません: "
      "レセプトはファイル名とレセプト番号で示します。</p>",
      rep.findings.size(), rep.counts.receipts);
  for (const std::string& n : rep.notes) index += "<p>注意: " + HtmlText(n) + "</p>";
  index +=
      "<table><tr><th>所見ID</th><th>規則</th><th>重大度</th><th>医療機関</th>"
      "<th>レセプト</th><th>点数</th></tr>";
  for (std::size_t i = 0; i < rep.findings.size(); ++i) {
    const Finding& f = rep.findings[i];
    const claims::ReceiptRef& r = f.receipts.front();
    const std::string id = FindingId(i);
    const char* cls = f.severity == CheckSeverity::kError ? "e" : "r";
    index += fmt::format(
        "<tr><td><a href=\"finding-{0}.html\">{0}</a></td><td>{1} {2}</td><td class=\"{3}\">{4}"
        "</td><td>{5}</td><td>{6} #{7}</td><td>{8}</td></tr>",
        id, f.rule, HtmlText(RuleName(f.rule)), cls, claims::SeverityName(f.severity),
        HtmlText(InstitutionCode(rep, r.institution) + " " + InstitutionName(rep, r.institution)),
        HtmlText(r.file), r.number, f.points);
    std::string page = "<!DOCTYPE html><html lang=\"ja\"><head><meta charset=\"utf-8\"><title>" +
                       id + " " + HtmlText(RuleName(f.rule)) + "</title>" + kStyle +
                       "</head><body>";
    page += fmt::format(
        "<nav><a href=\"findings.html\">一覧</a>{}{}</nav>",
        i > 0 ? fmt::format("<a href=\"finding-{0}.html\">前 ({0})</a>", FindingId(i - 1)) : "",
        i + 1 < rep.findings.size()
            ? fmt::format("<a href=\"finding-{0}.html\">次 ({0})</a>", FindingId(i + 1))
            : "");
    page += fmt::format("<h1>{} {} {}</h1>", id, f.rule, HtmlText(RuleName(f.rule)));
    page += fmt::format("<table><tr><th>重大度</th><td class=\"{}\">{}</td></tr>", cls,
                        claims::SeverityName(f.severity));
    page += fmt::format("<tr><th>区分</th><td>{}</td></tr>", HtmlText(RuleKind(f.rule)));
    page += fmt::format("<tr><th>理由 (確認すること)</th><td>{}</td></tr>", HtmlText(f.reason));
    page += fmt::format("<tr><th>影響点数</th><td>{} 点</td></tr>", f.points);
    if (f.code) page += fmt::format("<tr><th>コード</th><td>{:09}</td></tr>", f.code);
    page += fmt::format("<tr><th>根拠</th><td>{}</td></tr></table>", HtmlText(f.source));
    page +=
        "<h2>対象のレセプト</h2><table><tr><th>役割</th><th>請求年月 / 診療年月</th>"
        "<th>医療機関</th><th>ファイル・レセプト番号・行</th></tr>";
    for (std::size_t k = 0; k < f.receipts.size(); ++k) {
      const claims::ReceiptRef& x = f.receipts[k];
      page += fmt::format(
          "<tr><td>{}</td><td>{} / {}</td><td>{}</td><td>{} レセプト番号 {} (RE {} 行){}</td></tr>",
          k == 0 ? "所見のレセプト" : "関連", Month(x.billing_month), Month(x.month),
          HtmlText(InstitutionCode(rep, x.institution) + " " + InstitutionName(rep, x.institution)),
          HtmlText(x.file), x.number, x.line,
          k == 0 && !f.lines.empty() ? "; 対象行 " + Lines(f) : "");
    }
    page +=
        "</table><p>このページは kokuho claims check の出力です。レセプトの内容は "
        "<code>kokuho claims show STORE --receipt N --source FILE</code> で確認できます。</p>"
        "</body></html>\n";
    out.push_back({"finding-" + id + ".html", std::move(page)});
  }
  index += "</table></body></html>\n";
  out.insert(out.begin(), ExtraFile{"findings.html", std::move(index)});
  return out;
}

}  // namespace kokuho
