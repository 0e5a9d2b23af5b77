#include "report/claims_list_report.h"

#include <fmt/format.h>

#include <fstream>
#include <map>
#include <set>

#include "claims/master_lookup.h"
#include "io/csv_writer.h"
#include "report/claims_check_report.h"

namespace kokuho {
namespace {

using claims::ListPerson;

std::string Month(std::int32_t yyyymm) {
  return fmt::format("{}-{:02}", yyyymm / 100, yyyymm % 100);
}
std::string Date(std::int32_t yyyymmdd) {
  return yyyymmdd > 0
             ? fmt::format("{}-{:02}-{:02}", yyyymmdd / 10000, yyyymmdd / 100 % 100, yyyymmdd % 100)
             : "";
}

const std::vector<std::string> kPersonHeader = {"保険者番号", "記号",     "番号", "枝番",
                                                "氏名",       "生年月日", "性別"};

std::vector<ReportCell> PersonCells(const ClaimsListReport& rep, std::uint32_t i) {
  const claims::PersonIdentity& p = rep.lists.persons[i].identity;
  return {ReportCell::Text(p.insurer),
          ReportCell::Text(p.symbol),
          ReportCell::Text(p.number),
          ReportCell::Text(p.branch),
          ReportCell::Text(p.name),
          ReportCell::Text(Date(p.birth_date)),
          ReportCell::Text(p.sex == 1   ? "男"
                           : p.sex == 2 ? "女"
                                        : "")};
}

std::string InstCode(const ClaimsListReport& rep, std::uint32_t i) {
  return i < rep.institutions.size() ? rep.institutions[i].code : "";
}
std::string InstName(const ClaimsListReport& rep, std::uint32_t i) {
  return i < rep.institutions.size() ? rep.institutions[i].name : "";
}

// Persons in the order the insurer files them: 保険者番号, 記号, 番号, 枝番, 生年月日.
std::vector<std::uint32_t> PersonOrder(const claims::ListResults& l) {
  std::vector<std::uint32_t> order(l.persons.size());
  for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    const claims::PersonIdentity &x = l.persons[a].identity, &y = l.persons[b].identity;
    return std::tie(x.insurer, x.symbol, x.number, x.branch, x.birth_date, a) <
           std::tie(y.insurer, y.symbol, y.number, y.branch, y.birth_date, b);
  });
  std::vector<std::uint32_t> rank(order.size());
  for (std::uint32_t k = 0; k < order.size(); ++k) rank[order[k]] = k;
  return rank;
}

template <typename Row>
std::vector<const Row*> ByPerson(const std::vector<Row>& rows,
                                 const std::vector<std::uint32_t>& rank) {
  std::vector<const Row*> out;
  for (const Row& r : rows) out.push_back(&r);
  std::stable_sort(out.begin(), out.end(), [&](const Row* a, const Row* b) {
    return std::tie(rank[a->person], a->month) < std::tie(rank[b->person], b->month);
  });
  return out;
}

ReportTable Table(std::string key, std::string title, std::string sheet,
                  std::vector<std::string> cols) {
  ReportTable t;
  t.key = std::move(key);
  t.title = std::move(title);
  t.sheet = std::move(sheet);
  t.header = kPersonHeader;
  t.header.insert(t.header.end(), cols.begin(), cols.end());
  return t;
}

std::string Percent(std::int64_t num, std::int64_t den) {
  if (den <= 0) return "";
  // 小数1桁, 四捨五入 (表示のみ).
  const std::int64_t tenths = (num * 1000 + den / 2) / den;
  return fmt::format("{}.{}", tenths / 10, tenths % 10);
}

std::string Quantity(std::int64_t e5) {  // × 100000 → "2" / "0.5"
  std::string s = fmt::format("{}", e5 / 100000);
  std::int64_t f = e5 % 100000;
  if (f) {
    std::string frac = fmt::format("{:05}", f);
    while (!frac.empty() && frac.back() == '0') frac.pop_back();
    s += "." + frac;
  }
  return s;
}

}  // namespace

std::vector<ReportTable> BuildClaimsListTables(const ClaimsListReport& rep) {
  const claims::ListResults& l = rep.lists;
  const claims::ListParams& p = rep.params;
  const std::vector<std::uint32_t> rank = PersonOrder(l);
  claims::MasterLookup lookup(rep.masters);
  std::vector<ReportTable> out;

  ReportTable sum;
  sum.key = "claims_lists_summary";
  sum.title = "保険者向けリストの件数と抽出基準";
  sum.sheet = "リストの概要";
  sum.header = {"リスト", "件数 (人・月)", "対象者数", "抽出基準"};
  auto persons = [](const auto& rows) {
    std::set<std::uint32_t> s;
    for (const auto& r : rows) s.insert(r.person);
    return static_cast<long long>(s.size());
  };
  sum.rows.push_back(
      {ReportCell::Text("重複受診"),
       ReportCell::Integer(static_cast<long long>(l.duplicate_visits.size())),
       ReportCell::Integer(persons(l.duplicate_visits)),
       ReportCell::Text(fmt::format("同じ傷病名で {} 医療機関以上 (入院外) が {} か月以上連続",
                                    p.dup_institutions, p.dup_months))});
  sum.rows.push_back(
      {ReportCell::Text("頻回受診"),
       ReportCell::Integer(static_cast<long long>(l.frequent_visits.size())),
       ReportCell::Integer(persons(l.frequent_visits)),
       ReportCell::Text(fmt::format("同じ医療機関の入院外 診療実日数 {} 日以上が {} か月以上連続",
                                    p.freq_days, p.freq_months))});
  sum.rows.push_back(
      {ReportCell::Text("重複服薬"),
       ReportCell::Integer(static_cast<long long>(l.duplicate_medication.size())),
       ReportCell::Integer(persons(l.duplicate_medication)),
       ReportCell::Text(fmt::format(
           "同じ薬効 (一般名コード先頭{}桁) を {} 医療機関以上、又は {} 医療機関以上で2薬効以上",
           p.efficacy_digits, p.med_one, p.med_two))});
  sum.rows.push_back({ReportCell::Text("多剤服薬"),
                      ReportCell::Integer(static_cast<long long>(l.polypharmacy.size())),
                      ReportCell::Integer(persons(l.polypharmacy)),
                      ReportCell::Text(fmt::format("{}日以上の内服薬 {} 種類以上", p.poly_min_days,
                                                   p.poly_drugs))});
  sum.rows.push_back(
      {ReportCell::Text("後発医薬品差額通知"),
       ReportCell::Integer(static_cast<long long>(l.generic_notice.size())),
       ReportCell::Integer(persons(l.generic_notice)),
       ReportCell::Text(
           fmt::format("投与 {} 日以上、自己負担の軽減 1医薬品 {} 円以上・1人 {} 円以上、{} 歳以上",
                       p.min_days, p.min_saving_per_drug, p.min_saving_per_person, p.min_age))});
  sum.rows.push_back({ReportCell::Text("医療費通知"),
                      ReportCell::Integer(static_cast<long long>(l.medical_notice.size())),
                      ReportCell::Integer(persons(l.medical_notice)),
                      ReportCell::Text(p.notice_from || p.notice_to
                                           ? fmt::format("診療年月 {} 〜 {}",
                                                         p.notice_from ? Month(p.notice_from) : "",
                                                         p.notice_to ? Month(p.notice_to) : "")
                                           : "すべての診療年月")});
  sum.rows.push_back(
      {ReportCell::Text("第三者行為の候補"),
       ReportCell::Integer(static_cast<long long>(l.third_party.size())),
       ReportCell::Integer(static_cast<long long>(l.third_party_kpi.candidate_persons)),
       ReportCell::Text("外傷の傷病名があり特記事項 10 (第三) も職務上の事由もないレセプト")});
  for (const std::string& n : l.notes)
    sum.rows.push_back(
        {ReportCell::Text("注意"), ReportCell::Empty(), ReportCell::Empty(), ReportCell::Text(n)});
  for (const std::string& s : rep.sources)
    sum.rows.push_back({ReportCell::Text("基準の出典"), ReportCell::Empty(), ReportCell::Empty(),
                        ReportCell::Text(s)});
  out.push_back(std::move(sum));

  ReportTable dv =
      Table("claims_duplicate_visits", "重複受診", "重複受診",
            {"診療年月", "連続月数", "傷病名コード", "傷病名", "医療機関数", "医療機関コード"});
  for (const auto* r : ByPerson(l.duplicate_visits, rank)) {
    auto row = PersonCells(rep, r->person);
    std::string insts;
    for (std::uint32_t i : r->institutions) insts += (insts.empty() ? "" : " ") + InstCode(rep, i);
    row.insert(row.end(), {ReportCell::Text(Month(r->month)), ReportCell::Integer(r->run),
                           ReportCell::Text(fmt::format("{:07}", r->disease)),
                           ReportCell::Text(lookup.DiseaseName(r->disease, r->month)),
                           ReportCell::Integer(static_cast<long long>(r->institutions.size())),
                           ReportCell::Text(insts)});
    dv.rows.push_back(std::move(row));
  }
  out.push_back(std::move(dv));

  ReportTable fv = Table("claims_frequent_visits", "頻回受診", "頻回受診",
                         {"診療年月", "連続月数", "医療機関コード", "医療機関名", "診療実日数"});
  for (const auto* r : ByPerson(l.frequent_visits, rank)) {
    auto row = PersonCells(rep, r->person);
    row.insert(row.end(),
               {ReportCell::Text(Month(r->month)), ReportCell::Integer(r->run),
                ReportCell::Text(InstCode(rep, r->institution)),
                ReportCell::Text(InstName(rep, r->institution)), ReportCell::Integer(r->days)});
    fv.rows.push_back(std::move(row));
  }
  out.push_back(std::move(fv));

  for (const bool dup : {true, false}) {
    ReportTable t =
        dup ? Table("claims_duplicate_medication", "重複服薬", "重複服薬",
                    {"診療年月", "同一薬効の最大医療機関数", "重複薬効数", "内容"})
            : Table("claims_polypharmacy", "多剤服薬", "多剤服薬",
                    {"診療年月", "処方医療機関数", "内服薬の種類数", "内容 (一般名コード・日数)"});
    for (const auto* r : ByPerson(dup ? l.duplicate_medication : l.polypharmacy, rank)) {
      auto row = PersonCells(rep, r->person);
      row.insert(row.end(),
                 {ReportCell::Text(Month(r->month)), ReportCell::Integer(r->institutions),
                  ReportCell::Integer(r->count), ReportCell::Text(r->detail)});
      t.rows.push_back(std::move(row));
    }
    out.push_back(std::move(t));
  }

  ReportTable gn = Table("claims_generic_notice", "後発医薬品差額通知 (医薬品ごと)", "差額通知",
                         {"診療年月", "医療機関・薬局コード", "医療機関・薬局名", "先発品コード",
                          "先発品名", "一般名コード", "一般名", "日数", "1日量", "先発 点/日",
                          "後発 点/日", "差額 点", "差額 円", "負担割合", "自己負担の軽減見込 円"});
  std::map<std::uint32_t, std::vector<const claims::GenericRow*>> letters;
  for (const auto* r : ByPerson(l.generic_notice, rank)) {
    letters[rank[r->person]].push_back(r);
    auto row = PersonCells(rep, r->person);
    const claims::DrugInfo& d = lookup.Drug(r->code, r->month);
    std::string generic_name;
    if (rep.masters)
      for (const claims::MasterEntry& e :
           rep.masters->Versions(claims::MasterKind::kGenericName, r->generic_code))
        generic_name = e.name;
    row.insert(row.end(),
               {ReportCell::Text(Month(r->month)), ReportCell::Text(InstCode(rep, r->institution)),
                ReportCell::Text(InstName(rep, r->institution)),
                ReportCell::Text(fmt::format("{:09}", r->code)), ReportCell::Text(d.name),
                ReportCell::Text(r->generic_code), ReportCell::Text(generic_name),
                ReportCell::Integer(r->days), ReportCell::Text(Quantity(r->quantity)),
                ReportCell::Integer(r->brand_points), ReportCell::Integer(r->generic_points),
                ReportCell::Integer(r->saving_points), ReportCell::Integer(r->saving_yen),
                ReportCell::Text(fmt::format("{}割", r->share_tenths)),
                ReportCell::Integer(r->share_saving_yen)});
    gn.rows.push_back(std::move(row));
  }
  out.push_back(std::move(gn));

  // Mail merge: one row per person, up to 5 drugs.
  ReportTable ml =
      Table("claims_generic_letters", "後発医薬品差額通知 (差し込み印刷用・1人1行)", "差し込み",
            {"通知番号", "対象月", "医薬品数", "自己負担の軽減見込 合計 円"});
  for (int k = 1; k <= 5; ++k)
    for (const char* c : {"先発品名", "医療機関・薬局名", "日数", "軽減見込 円"})
      ml.header.push_back(fmt::format("{}{}", c, k));
  std::size_t n = 0;
  for (const auto& [r, rows] : letters) {
    auto row = PersonCells(rep, rows.front()->person);
    std::int64_t total = 0;
    std::set<std::int32_t> months;
    for (const auto* g : rows) {
      total += g->share_saving_yen;
      months.insert(g->month);
    }
    std::string ms;
    for (std::int32_t m : months) ms += (ms.empty() ? "" : " ") + Month(m);
    row.insert(row.end(), {ReportCell::Text(fmt::format("{:06}", ++n)), ReportCell::Text(ms),
                           ReportCell::Integer(static_cast<long long>(rows.size())),
                           ReportCell::Integer(total)});
    for (std::size_t k = 0; k < 5; ++k) {
      if (k < rows.size()) {
        const claims::GenericRow* g = rows[k];
        row.insert(row.end(),
                   {ReportCell::Text(lookup.Drug(g->code, g->month).name),
                    ReportCell::Text(InstName(rep, g->institution)), ReportCell::Integer(g->days),
                    ReportCell::Integer(g->share_saving_yen)});
      } else {
        for (int c = 0; c < 4; ++c) row.push_back(ReportCell::Empty());
      }
    }
    ml.rows.push_back(std::move(row));
  }
  out.push_back(std::move(ml));

  ReportTable sh;
  sh.key = "claims_generic_share";
  sh.title = "後発医薬品の使用割合 (数量ベース) — 保険者番号ごと";
  sh.sheet = "後発医薬品の使用割合";
  sh.header = {"保険者番号", "後発品の数量", "後発品のある先発品の数量", "使用割合 (%)",
               "後発品のない先発品の数量"};
  std::int64_t tg = 0, tb = 0, tn = 0;
  for (const claims::GenericShare& s : l.generic_share) {
    sh.rows.push_back({ReportCell::Text(s.insurer ? std::to_string(s.insurer) : "(公費単独)"),
                       ReportCell::Text(Quantity(s.generic_quantity)),
                       ReportCell::Text(Quantity(s.brand_with_generic_quantity)),
                       ReportCell::Text(Percent(
                           s.generic_quantity, s.generic_quantity + s.brand_with_generic_quantity)),
                       ReportCell::Text(Quantity(s.brand_without_generic_quantity))});
    tg += s.generic_quantity;
    tb += s.brand_with_generic_quantity;
    tn += s.brand_without_generic_quantity;
  }
  sh.rows.push_back({ReportCell::Text("合計"), ReportCell::Text(Quantity(tg)),
                     ReportCell::Text(Quantity(tb)), ReportCell::Text(Percent(tg, tg + tb)),
                     ReportCell::Text(Quantity(tn))});
  out.push_back(std::move(sh));

  ReportTable tp = Table("claims_third_party", "第三者行為の候補 (照会の優先順)", "第三者行為",
                         {"順位", "点数 (優先度)", "診療年月", "医療機関コード", "医療機関名",
                          "ファイル", "レセプト番号", "外傷の傷病名", "理由", "合計点数"});
  std::size_t k = 0;
  for (const claims::ThirdPartyRow& r : l.third_party) {
    auto row = PersonCells(rep, r.person);
    row.insert(row.end(),
               {ReportCell::Integer(static_cast<long long>(++k)), ReportCell::Integer(r.score),
                ReportCell::Text(Month(r.month)), ReportCell::Text(InstCode(rep, r.institution)),
                ReportCell::Text(InstName(rep, r.institution)), ReportCell::Text(r.file),
                ReportCell::Integer(r.number), ReportCell::Text(r.diagnoses),
                ReportCell::Text(r.reasons), ReportCell::Integer(r.points)});
    tp.rows.push_back(std::move(row));
  }
  out.push_back(std::move(tp));

  ReportTable kpi;
  kpi.key = "claims_third_party_kpi";
  kpi.title = "第三者行為の指標 (レセプト件数)";
  kpi.sheet = "第三者行為指標";
  kpi.header = {"項目", "件数"};
  const claims::ThirdPartyKpi& x = l.third_party_kpi;
  for (const auto& [name, v] : std::vector<std::pair<std::string, std::uint64_t>>{
           {"点検した医科・歯科レセプト", x.receipts},
           {"外傷の傷病名があるレセプト", x.injury_receipts},
           {"うち特記事項 10 (第三) の記載あり (届出済み)", x.declared},
           {"うち職務上の事由あり (労災等: 対象外)", x.work_related},
           {"うち候補 (照会の対象)", x.candidates},
           {"候補の被保険者数", x.candidate_persons}})
    kpi.rows.push_back({ReportCell::Text(name), ReportCell::Integer(static_cast<long long>(v))});
  out.push_back(std::move(kpi));
  return out;
}

nlohmann::ordered_json ClaimsListJson(const ClaimsListReport& rep) {
  const claims::ListResults& l = rep.lists;
  const claims::ListParams& p = rep.params;
  nlohmann::ordered_json j;
  j["format"] = "kokuho.claims.lists/1";
  j["thresholds"] = {
      {"duplicate_visits", {{"institutions", p.dup_institutions}, {"months", p.dup_months}}},
      {"frequent_visits", {{"days", p.freq_days}, {"months", p.freq_months}}},
      {"duplicate_medication",
       {{"institutions_for_one", p.med_one},
        {"institutions_for_two", p.med_two},
        {"efficacy_digits", p.efficacy_digits}}},
      {"polypharmacy", {{"drugs", p.poly_drugs}, {"min_days", p.poly_min_days}}},
      {"generic_notice",
       {{"min_saving_per_drug", p.min_saving_per_drug},
        {"min_saving_per_person", p.min_saving_per_person},
        {"min_days", p.min_days},
        {"min_age", p.min_age}}}};
  j["counts"] = {{"persons_named", l.persons.size()},
                 {"duplicate_visits", l.duplicate_visits.size()},
                 {"frequent_visits", l.frequent_visits.size()},
                 {"duplicate_medication", l.duplicate_medication.size()},
                 {"polypharmacy", l.polypharmacy.size()},
                 {"generic_notice", l.generic_notice.size()},
                 {"medical_notice", l.medical_notice.size()},
                 {"third_party", l.third_party.size()}};
  j["generic_share"] = nlohmann::ordered_json::array();
  for (const claims::GenericShare& s : l.generic_share)
    j["generic_share"].push_back(
        {{"insurer", s.insurer},
         {"generic_quantity", Quantity(s.generic_quantity)},
         {"brand_with_generic_quantity", Quantity(s.brand_with_generic_quantity)},
         {"share_percent",
          Percent(s.generic_quantity, s.generic_quantity + s.brand_with_generic_quantity)}});
  const claims::ThirdPartyKpi& x = l.third_party_kpi;
  j["third_party_kpi"] = {{"receipts", x.receipts},     {"injury_receipts", x.injury_receipts},
                          {"declared", x.declared},     {"work_related", x.work_related},
                          {"candidates", x.candidates}, {"candidate_persons", x.candidate_persons}};
  j["notes"] = l.notes;
  j["sources"] = rep.sources;
  return j;
}

std::vector<ExtraFile> ClaimsGenericLetters(const ClaimsListReport& rep) {
  const claims::ListResults& l = rep.lists;
  const std::vector<std::uint32_t> rank = PersonOrder(l);
  claims::MasterLookup lookup(rep.masters);
  std::map<std::uint32_t, std::vector<const claims::GenericRow*>> by;
  for (const auto* r : ByPerson(l.generic_notice, rank)) by[rank[r->person]].push_back(r);
  static const char* kStyle =
      "<style>@page{size:A4;margin:20mm}body{font-family:'Noto Serif CJK JP','Yu Mincho',serif;"
      "font-size:11pt;line-height:1.7;max-width:170mm;margin:auto}h1{font-size:15pt;text-align:"
      "center}table{border-collapse:collapse;width:100%;margin:1em 0}th,td{border:1px solid #555;"
      "padding:3px 6px}th{background:#eee}.n{text-align:right}.small{font-size:9pt}"
      ".page{page-break-after:always}</style>";
  std::vector<ExtraFile> out;
  std::string all = std::string(
                        "<!DOCTYPE html><html lang=\"ja\"><head><meta charset=\"utf-8\">"
                        "<title>後発医薬品差額通知 (一覧)</title>") +
                    kStyle + "</head><body><h1>後発医薬品差額通知 一覧</h1><ul>";
  std::size_t n = 0;
  for (const auto& [r, rows] : by) {
    const claims::PersonIdentity& p = l.persons[rows.front()->person].identity;
    const std::string id = fmt::format("{:06}", ++n);
    std::string masked = p.number.size() > 2 ? std::string(p.number.size() - 2, '*') +
                                                   p.number.substr(p.number.size() - 2)
                                             : p.number;
    std::int64_t total = 0;
    std::string table;
    for (const claims::GenericRow* g : rows) {
      total += g->share_saving_yen;
      std::string generic_name;
      if (rep.masters)
        for (const claims::MasterEntry& e :
             rep.masters->Versions(claims::MasterKind::kGenericName, g->generic_code))
          generic_name = e.name;
      table += fmt::format(
          "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"n\">{}日</td><td "
          "class=\"n\">{}円</td></tr>",
          Month(g->month), HtmlText(InstName(rep, g->institution)),
          HtmlText(lookup.Drug(g->code, g->month).name), HtmlText(generic_name), g->days,
          g->share_saving_yen);
    }
    std::string page = std::string(
                           "<!DOCTYPE html><html lang=\"ja\"><head><meta charset=\"utf-8\">"
                           "<title>ジェネリック医薬品 (後発医薬品) 差額のお知らせ</title>") +
                       kStyle + "</head><body><div class=\"page\">";
    page +=
        fmt::format("<p>通知番号 {}</p><p>{} 様</p><p class=\"small\">被保険者記号・番号 {} {}</p>",
                    id, HtmlText(p.name), HtmlText(p.symbol), HtmlText(masked));
    page +=
        "<h1>ジェネリック医薬品 (後発医薬品) 差額のお知らせ</h1>"
        "<p>あなたが処方を受けたお薬のうち、ジェネリック医薬品に切り替えると自己負担額が下がる"
        "見込みのものをお知らせします。</p><table><tr><th>診療月</th><th>医療機関・薬局</th>"
        "<th>処方されたお薬</th><th>ジェネリック医薬品 (一般名)</th><th>日数</th>"
        "<th>自己負担の軽減見込額</th></tr>";
    page += table;
    page +=
        fmt::format("<tr><th colspan=\"5\">合計</th><td class=\"n\">{}円</td></tr></table>", total);
    page +=
        "<p class=\"small\">・軽減見込額は、お薬の価格 (薬価) の差から計算した目安です。"
        "実際の窓口でのお支払いとは、調剤料などの違いや端数処理により一致しないことがあります。<br>"
        "・ジェネリック医薬品は、先発医薬品と同じ有効成分を同じ量含み、効き目や安全性が同等であると"
        "国が承認したお薬です。切り替えは、医師・薬剤師にご相談ください。病状によっては切り替えられ"
        "ない"
        "場合があります。<br>"
        "・症状が安定している方は、繰り返し使える処方箋 (リフィル処方箋) "
        "について医師にご相談ください。<br>"
        "・このお知らせは、レセプト (診療報酬明細書) "
        "をもとに作成しています。</p></div></body></html>\n";
    out.push_back({"letter-" + id + ".html", std::move(page)});
    all += fmt::format("<li><a href=\"letter-{0}.html\">通知番号 {0}</a> ({1} 件、{2}円)</li>", id,
                       rows.size(), total);
  }
  all += "</ul></body></html>\n";
  out.insert(out.begin(), ExtraFile{"letters.html", std::move(all), ""});
  return out;
}

std::size_t WriteMedicalNoticeCsv(const ClaimsListReport& rep, const std::string& path) {
  const claims::ListResults& l = rep.lists;
  const std::vector<std::uint32_t> rank = PersonOrder(l);
  const std::vector<claims::MedicalNoticeRow>& all = l.medical_notice;
  // Output order: person (PersonOrder), 受診年月, 区分, 医療機関. ListEngine::Finish leaves
  // the rows sorted by person index, then the rest of that key: each person's rows are then
  // one run already in order, and the persons' runs taken in PersonOrder are the output with
  // no sort and no copy (millions of rows). Rows in another order are sorted (stable, as
  // before: the same bytes either way).
  auto key = [](const claims::MedicalNoticeRow& r) {
    return std::tie(r.person, r.month, r.kind, r.institution);
  };
  bool grouped = true;
  for (std::size_t i = 1; i < all.size() && grouped; ++i)
    grouped = !(key(all[i]) < key(all[i - 1]));
  std::vector<std::pair<std::size_t, std::size_t>> runs;  // [begin, end) of rows, output order
  std::vector<const claims::MedicalNoticeRow*> sorted;
  if (grouped) {
    std::vector<std::size_t> start(l.persons.size() + 1, all.size());
    for (std::size_t i = all.size(); i-- > 0;) start[all[i].person] = i;
    for (std::size_t p = l.persons.size(); p-- > 0;) start[p] = std::min(start[p], start[p + 1]);
    std::vector<std::uint32_t> by_rank(rank.size());
    for (std::uint32_t p = 0; p < rank.size(); ++p) by_rank[rank[p]] = p;
    for (const std::uint32_t p : by_rank)
      if (start[p] < start[p + 1]) runs.push_back({start[p], start[p + 1]});
  } else {
    sorted.reserve(all.size());
    for (const claims::MedicalNoticeRow& r : all) sorted.push_back(&r);
    std::stable_sort(sorted.begin(), sorted.end(), [&](const auto* a, const auto* b) {
      return std::tie(rank[a->person], a->month, a->kind, a->institution) <
             std::tie(rank[b->person], b->month, b->kind, b->institution);
    });
  }
  std::ofstream out(path, std::ios::binary);
  static const char* kKind[] = {"", "入院", "外来", "歯科", "調剤"};
  std::vector<std::vector<std::string>> batch = {
      {"保険者番号", "記号", "番号", "枝番", "記号・番号 (印字用・下2桁以外伏字)", "氏名",
       "受診年月", "医療機関等名称", "区分", "日数", "医療費 (円)", "自己負担相当額 (円)",
       "自己負担の根拠"}};
  bool first = true;
  auto flush = [&] {
    std::string text = FormatCsv(batch);
    if (!first) text.erase(0, 3);  // the BOM once, at the top
    first = false;
    out << text;
    batch.clear();
  };
  auto write = [&](const claims::MedicalNoticeRow* r) {
    const claims::PersonIdentity& p = l.persons[r->person].identity;
    const std::string number = p.number.size() > 2 ? std::string(p.number.size() - 2, '*') +
                                                         p.number.substr(p.number.size() - 2)
                                                   : p.number;
    batch.push_back({p.insurer, p.symbol, p.number, p.branch, p.symbol + "-" + number, p.name,
                     Month(r->month), InstName(rep, r->institution), kKind[r->kind],
                     std::to_string(r->days), std::to_string(r->cost_yen),
                     std::to_string(r->burden_yen),
                     r->burden_recorded ? "レセプトの負担金額" : "負担割合による計算"});
    if (batch.size() >= 4096) flush();
  };
  if (grouped) {
    for (const auto& [begin, end] : runs)
      for (std::size_t i = begin; i < end; ++i) write(&all[i]);
  } else {
    for (const auto* r : sorted) write(r);
  }
  flush();
  if (!out)
    throw std::runtime_error(path + ": 書き込めません。空き容量と書き込みの権限を確かめてください");
  return all.size();
}

}  // namespace kokuho
