#include "claims/layout.h"

namespace kokuho::claims {
namespace {

constexpr RecordCode C(const char (&s)[3]) { return RecordCodeOf(s); }

using T = Table;

// fields: count incl. the type (0 = unknown); min: fewest fields the parser reads.
// confirmed = true only where a real file and the spec transcription agree (layout.h).
constexpr RecordLayout kLayouts[] = {
    // 医科 (記録条件仕様 医科用; receiptisan sample + record.rb, ORCA samples).
    {C("IR"), T::kMedical, 10, 9, true, "医療機関情報"},
    {C("RE"), T::kMedical, 38, 7, true, "レセプト共通"},
    {C("HO"), T::kMedical, 15, 6, true, "保険者"},
    {C("KO"), T::kMedical, 12, 6, true, "公費"},
    {C("SN"), T::kMedical, 9, 1, true, "資格確認"},
    {C("JD"), T::kMedical, 33, 1, false, "受診日等"},
    {C("MF"), T::kMedical, 33, 1, false, "窓口負担額"},
    {C("GR"), T::kMedical, 0, 1, false, "包括評価対象外理由"},
    {C("SY"), T::kMedical, 8, 4, true, "傷病名"},
    {C("SI"), T::kMedical, 44, 44, true, "診療行為"},
    {C("IY"), T::kMedical, 44, 44, true, "医薬品"},
    {C("TO"), T::kMedical, 48, 48, true, "特定器材"},
    {C("CO"), T::kMedical, 5, 4, true, "コメント"},
    {C("SJ"), T::kMedical, 3, 1, true, "症状詳記"},
    {C("TI"), T::kMedical, 0, 1, false, "臓器提供医療機関情報"},
    {C("TR"), T::kMedical, 0, 1, false, "臓器提供者レセプト情報"},
    {C("TS"), T::kMedical, 0, 1, false, "臓器提供者請求情報"},
    {C("KH"), T::kMedical, 2, 1, false, "国保連固有情報"},
    {C("NI"), T::kMedical, 0, 1, false, "日計表"},
    {C("GO"), T::kMedical, 4, 4, true, "診療報酬請求書"},
    // DPC (記録条件仕様 DPC用, fields from meddatum rezept_dpc.hrl without the insurer prefix).
    {C("BU"), T::kMedical, 6, 1, false, "診断群分類"},
    {C("SB"), T::kMedical, 8, 1, false, "傷病"},
    {C("KK"), T::kMedical, 14, 1, false, "患者基礎"},
    {C("SK"), T::kMedical, 7, 1, false, "診療関連"},
    {C("GA"), T::kMedical, 7, 1, false, "外泊"},
    {C("HH"), T::kMedical, 9, 1, false, "包括評価"},
    {C("GT"), T::kMedical, 12, 1, false, "合計調整"},
    {C("CD"), T::kMedical, 11, 1, false, "コーディングデータ"},
    // Insurer-side records (返戻・再審査 files; meddatum rezept_common_records.hrl).
    {C("JY"), T::kMedical, 0, 1, false, "事由"},
    {C("EX"), T::kMedical, 0, 1, false, "審査運用"},
    {C("RC"), T::kMedical, 0, 1, false, "レコード管理情報"},
    {C("MN"), T::kMedical, 7, 1, false, "レセプト管理"},
    // 歯科 (uke-parser uke/shika_shaho.csv and the spec's 1.8; all unconfirmed).
    {C("UK"), T::kDental, 10, 1, false, "受付情報"},
    {C("IR"), T::kDental, 10, 9, false, "医療機関情報"},
    {C("RE"), T::kDental, 0, 7, false, "レセプト共通"},
    {C("HO"), T::kDental, 15, 6, false, "保険者"},
    {C("KO"), T::kDental, 12, 6, false, "公費"},
    {C("SN"), T::kDental, 9, 1, false, "資格確認"},
    {C("JD"), T::kDental, 33, 1, false, "受診日等"},
    {C("MF"), T::kDental, 33, 1, false, "窓口負担額"},
    {C("HS"), T::kDental, 13, 5, false, "傷病名部位"},
    {C("SS"), T::kDental, 109, 109, false, "歯科診療行為"},
    {C("SI"), T::kDental, 0, 1, false, "医科診療行為"},
    {C("IY"), T::kDental, 0, 1, false, "医薬品"},
    {C("TO"), T::kDental, 0, 1, false, "特定器材"},
    {C("CO"), T::kDental, 0, 1, false, "コメント"},
    {C("SJ"), T::kDental, 3, 1, false, "症状詳記"},
    {C("GO"), T::kDental, 4, 4, true, "診療報酬請求書"},
    // 調剤 (uke-parser uke_parser_chozai.rb, an older 記録条件仕様 調剤用; unconfirmed).
    {C("YK"), T::kPharmacy, 9, 8, false, "薬局情報"},
    {C("RE"), T::kPharmacy, 42, 7, false, "レセプト共通"},
    {C("HO"), T::kPharmacy, 14, 6, false, "保険者"},
    {C("KO"), T::kPharmacy, 10, 6, false, "公費"},
    {C("SN"), T::kPharmacy, 9, 1, false, "資格確認"},
    {C("JD"), T::kPharmacy, 33, 1, false, "受診日等"},
    {C("MF"), T::kPharmacy, 33, 1, false, "窓口負担額"},
    {C("SH"), T::kPharmacy, 10, 1, false, "処方基本"},
    {C("CZ"), T::kPharmacy, 54, 11, false, "調剤"},
    {C("IY"), T::kPharmacy, 10, 4, false, "医薬品"},
    {C("TO"), T::kPharmacy, 7, 4, false, "特定器材"},
    {C("CO"), T::kPharmacy, 3, 1, false, "コメント"},
    {C("TK"), T::kPharmacy, 3, 1, false, "摘要欄"},
    {C("KI"), T::kPharmacy, 0, 1, false, "基本料・薬学管理料"},
    {C("ST"), T::kPharmacy, 16, 1, false, "分割技術料"},
    {C("GO"), T::kPharmacy, 4, 4, true, "診療報酬請求書"},
};

}  // namespace

std::string_view TableName(Table t) {
  switch (t) {
    case Table::kMedical:
      return "医科";
    case Table::kDental:
      return "歯科";
    case Table::kPharmacy:
      return "調剤";
    case Table::kUnknown:
      break;
  }
  return "不明";
}

bool IsRecordCodeText(std::string_view text) {
  if (text.size() != 2) return false;
  for (char c : text)
    if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) return false;
  return true;
}

const RecordLayout* FindLayout(Table table, RecordCode code) {
  // A 256-entry index per table would be faster, but the parser caches the layouts of
  // the common record types itself; this linear scan runs for the rare ones.
  for (const RecordLayout& l : kLayouts)
    if (l.code == code && l.table == table) return &l;
  return nullptr;
}

std::span<const RecordLayout> AllLayouts() { return kLayouts; }

std::string_view RecordCodeText(RecordCode code, char (&buffer)[3]) {
  auto printable = [](int c) { return c >= 0x20 && c < 0x7F ? static_cast<char>(c) : '?'; };
  buffer[0] = printable(code >> 8);
  buffer[1] = printable(code & 0xFF);
  buffer[2] = '\0';
  return std::string_view(buffer, 2);
}

}  // namespace kokuho::claims
