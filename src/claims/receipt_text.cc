#include "claims/receipt_text.h"

#include <fmt/format.h>

namespace kokuho::claims {
namespace {

// Thousands separators: 86392 → "86,392".
std::string Grouped(std::int64_t v) {
  std::string digits = fmt::format("{}", v < 0 ? -v : v);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return v < 0 ? "-" + out : out;
}

std::string Month(std::int32_t yyyymm) {
  if (yyyymm <= 0) return "(不明)";
  return fmt::format("{}年{}月", yyyymm / 100, yyyymm % 100);
}
std::string Day(std::int32_t yyyymmdd) {
  if (yyyymmdd <= 0) return "(不明)";
  return fmt::format("{}年{}月{}日", yyyymmdd / 10000, yyyymmdd / 100 % 100, yyyymmdd % 100);
}

std::string Quantity(std::int64_t q) {
  if (q < 0) return "";
  std::string s = fmt::format("{}", q / 100000);
  std::int64_t frac = q % 100000;
  if (frac == 0) return s;
  std::string f = fmt::format("{:05}", frac);
  while (!f.empty() && f.back() == '0') f.pop_back();
  return s + "." + f;
}

std::string_view OutcomeName(int o) {
  switch (o) {
    case 1:
      return "継続";
    case 2:
      return "治ゆ";
    case 3:
      return "死亡";
    case 4:
      return "中止";
  }
  return "";
}

const char kMasked[] = "＊＊＊";

}  // namespace

std::string_view CategoryName(int c) {
  // 別表 診療識別コード (receiptisan shinryou_shikibetsu.rb; uke-parser shinryoshikibetsu.yml).
  switch (c) {
    case 1:
      return "全体に係る識別";
    case 11:
      return "初診";
    case 12:
      return "再診";
    case 13:
      return "医学管理";
    case 14:
      return "在宅";
    case 21:
      return "投薬 (内服)";
    case 22:
      return "投薬 (屯服)";
    case 23:
      return "投薬 (外用)";
    case 24:
      return "投薬 (調剤)";
    case 25:
      return "投薬 (処方)";
    case 26:
      return "投薬 (麻毒)";
    case 27:
      return "投薬 (調基)";
    case 28:
      return "投薬 (その他)";
    case 31:
    case 32:
    case 33:
      return "注射";
    case 39:
      return "薬剤料減点";
    case 40:
      return "処置";
    case 50:
      return "手術";
    case 54:
      return "麻酔";
    case 60:
      return "検査・病理";
    case 70:
      return "画像診断";
    case 80:
      return "その他";
    case 90:
      return "入院基本料";
    case 92:
      return "特定入院料・その他";
    case 97:
      return "食事療養・生活療養";
    case 99:
      return "全体に係る識別";
  }
  return "";
}

std::string ReceiptTypeText(int type) {
  // 別表 レセプト種別コード (uke-parser code/common/receipt.yml; receiptisan receipt/type.rb):
  // digit 1 点数表, 2 保険の種類, 3 負担者の数, 4 本人・家族・入院外 ….
  if (type < 1000 || type > 9999) return "";
  static constexpr const char* kTable[] = {"", "医科", "", "歯科", "調剤"};
  static constexpr const char* kKind[] = {"", "医保", "公費", "後期高齢者"};
  static constexpr const char* kPayers[] = {"", "単独", "二併", "三併", "四併", "五併"};
  static constexpr const char* kPerson[] = {
      "高齢受給者7割・入院外",  "本人・入院",         "本人・入院外", "未就学者・入院",
      "未就学者・入院外",       "家族・入院",         "家族・入院外", "高齢受給者一般・入院",
      "高齢受給者一般・入院外", "高齢受給者7割・入院"};
  const int d1 = type / 1000, d2 = type / 100 % 10, d3 = type / 10 % 10, d4 = type % 10;
  std::string s;
  s += d1 < 5 ? kTable[d1] : "";
  if (d2 >= 1 && d2 <= 3) s += std::string("・") + kKind[d2];
  if (d3 >= 1 && d3 <= 5) s += std::string("・") + kPayers[d3];
  if (d1 != 4) s += std::string("・") + kPerson[d4];
  return s;
}

std::string RenderReceipt(const ClaimBatch& batch, const Receipt& rc, const FileSummary& file,
                          const MasterSet* masters, const RenderOptions& opt) {
  std::string out;
  auto line = [&](const std::string& s) {
    out += s;
    out += "\n";
  };
  auto name_of = [&](MasterKind kind, const std::string& code) -> std::string {
    if (masters == nullptr) return "";
    if (const MasterEntry* e = masters->Find(kind, code, rc.month)) return e->name;
    return masters->Versions(kind, code).empty() ? "(マスター未登録)"
                                                 : "(この診療年月に有効な版がマスターにない)";
  };
  const auto records = batch.RecordsOf(rc);
  const std::uint32_t first_line = records.empty() ? 0 : records.front().line;
  const std::uint32_t last_line = records.empty() ? 0 : records.back().line;

  line(fmt::format("━━ レセプト番号 {}  ({} {}〜{}行目) ━━", rc.number, file.name, first_line,
                   last_line));
  line(fmt::format("点数表 {}  医療機関コード {}  請求年月 {}  審査支払機関 {}",
                   TableName(file.table), file.institution, Month(file.billing_month),
                   file.payer == 1   ? "支払基金"
                   : file.payer == 2 ? "国保連"
                                     : "(不明)"));
  line(fmt::format("レセプト種別 {} ({})  {} {}", rc.type, ReceiptTypeText(rc.type),
                   file.table == Table::kPharmacy ? "調剤年月" : "診療年月", Month(rc.month)));
  std::string name = kMasked;
  for (const Record& r : records)
    if (r.type == RecordCodeOf("RE")) name = std::string(batch.Field(r, 4));
  line(fmt::format("患者  氏名 {}  性別 {}  生年月日 {}{}", opt.show_personal ? name : kMasked,
                   rc.sex == 1   ? "男"
                   : rc.sex == 2 ? "女"
                                 : "(不明)",
                   opt.show_personal ? Day(rc.birth_date) : kMasked,
                   rc.admission_date > 0 ? "  入院年月日 " + Day(rc.admission_date) : ""));
  for (const Record& r : records) {
    if (r.type == RecordCodeOf("HO")) {
      line(fmt::format("保険者 {}  記号・番号 {}  {} {}  合計点数 {}", batch.Field(r, 1),
                       opt.show_personal
                           ? fmt::format("{}・{}", batch.Field(r, 2), batch.Field(r, 3))
                           : std::string(kMasked),
                       file.table == Table::kPharmacy ? "受付回数" : "実日数", batch.Field(r, 4),
                       rc.insurance_points >= 0 ? Grouped(rc.insurance_points) : "(不明)"));
    } else if (r.type == RecordCodeOf("KO")) {
      line(fmt::format("公費 負担者番号 {}  受給者番号 {}  実日数 {}  合計点数 {}",
                       batch.Field(r, 1),
                       opt.show_personal ? std::string(batch.Field(r, 2)) : std::string(kMasked),
                       batch.Field(r, 4), batch.Field(r, 5)));
    }
  }

  line("─ 傷病名");
  int n = 0;
  for (const Diagnosis& dg : batch.DiagnosesOf(rc)) {
    const Record& r = batch.records[dg.record];
    const std::string code = fmt::format("{:07}", dg.code);
    std::string dname;
    if (dg.code == 999 && r.type == RecordCodeOf("SY")) {
      dname = std::string(batch.Field(r, 5));  // 未コード化傷病名: the name is in the record
    } else {
      dname = name_of(MasterKind::kDisease, code);
    }
    std::string mods;
    if (r.type == RecordCodeOf("SY")) {
      const std::string_view m = batch.Field(r, 4);
      for (std::size_t i = 0; i + 4 <= m.size(); i += 4) {
        const std::string mc(m.substr(i, 4));
        mods += fmt::format("{}{}{}", mods.empty() ? "" : "・", mc,
                            masters ? " " + name_of(MasterKind::kModifier, mc) : "");
      }
    }
    line(fmt::format("  ({}) {} {}{}{}  診療開始日 {}  {}", ++n, code, dname,
                     mods.empty() ? "" : "  [修飾語 " + mods + "]", dg.main ? "  (主)" : "",
                     Day(dg.start_date), OutcomeName(dg.outcome)));
  }
  if (n == 0) line("  (なし)");

  line("─ 摘要");
  int category = -1;
  std::int64_t category_points = 0, total = 0;
  auto close_category = [&] {
    if (category >= 0) line(fmt::format("      小計 {} 点", Grouped(category_points)));
  };
  for (const Item& it : batch.ItemsOf(rc)) {
    if (it.category != category) {
      close_category();
      category = it.category;
      category_points = 0;
      line(fmt::format("  [{:02} {}]", it.category, CategoryName(it.category)));
    }
    const Record& r = batch.records[it.record];
    const std::string code = it.code ? fmt::format("{:09}", it.code) : "";
    std::string text;
    if (r.type == RecordCodeOf("CO")) {
      const std::string cname = name_of(MasterKind::kComment, code);
      const std::string_view data = batch.Field(r, 4);
      text = fmt::format("    (コメント) {} {}{}", code, cname,
                         data.empty() ? "" : " " + std::string(data));
    } else {
      std::string nm;
      if (auto kind = KindOfCode(it.code)) nm = name_of(*kind, code);
      if (r.type == RecordCodeOf("TO") && nm.empty()) nm = std::string(batch.Field(r, 10));
      text = fmt::format("    {} {}", code, nm);
      if (it.quantity >= 0) text += fmt::format("  数量 {}", Quantity(it.quantity));
      if (it.points >= 0)
        text += fmt::format("  {} × {}", Grouped(it.points), it.count >= 0 ? it.count : 0);
      else if (it.count >= 0)
        text += fmt::format("  (× {})", it.count);
      if (it.day_count > 0) {
        std::string days;
        for (const DayCount& d : batch.DaysOf(it))
          days += fmt::format("{}{}日", days.empty() ? "" : ",", d.day) +
                  (d.count > 1 ? fmt::format("×{}", d.count) : "");
        text += "  算定日 " + days;
      }
    }
    line(text);
    category_points += it.BilledPoints();
    total += it.BilledPoints();
  }
  close_category();
  if (category < 0) line("  (なし)");
  line(fmt::format("─ 点数  摘要の計 {} 点 (Σ 点数 × 回数)  /  主保険の合計点数 {} 点",
                   Grouped(total), rc.primary_points >= 0 ? Grouped(rc.primary_points) : "(不明)"));
  return out;
}

}  // namespace kokuho::claims
