// The check view: what the 二次点検 rules and the insurer lists read of a month of receipts,
// as compact typed columns built once from the claims store's blocks (never from レセ電 text).
//
// A ClaimBatch (one block of a .kclm store) keeps every record whole; most of what the
// checks need is already typed there (種別, 診療年月, items with their day counts, 傷病名).
// The rest — the person's linkage key, the institution, a 調剤 receipt's prescribing
// institution, 特記事項, 職務上の事由, 負担金額, 食事療養, the EX 医療費通知 flag, the CZ
// 処方月日 and 調剤数量 of a 剤 — is read once per receipt from the stored fields and kept
// here as numbers, so the rules never split text:
//
//   CheckMonth m;
//   InstitutionTable inst;
//   for (std::size_t b = 0; b < store.blocks(); ++b)
//     AddToView(store.ReadBlock(b), store.info().files, inst, {}, m);
//   for (const CheckReceipt& r : m.receipts) … m.ItemsOf(r) …
//
// A person is a 64-bit hash (XXH3) of the normalised linkage key of docs/claims-checks.md:
// 保険者番号 | 記号 | 番号 | 枝番 (SN) | 生年月日 | 男女 (全角 digits and spaces normalised as in
// claims/linkage.h; 公費単独: 公費負担者番号 | 受給者番号). It is never printed. Names and
// numbers are copied into `identities` only when ViewOptions::identities asks (the lists that
// go to the insurer need them; the checks do not).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "claims/model.h"

namespace kokuho::claims {

/// A person: the hash of the linkage key (see the overview).
using PersonId = std::uint64_t;
inline constexpr std::uint32_t kNoIndex = 0xFFFFFFFFu;

/// Receipt flags of the view.
enum CheckReceiptFlag : std::uint16_t {
  kFlagInpatient = 1,       ///< 医科 入院 (レセプト種別 4th digit odd)
  kFlagThirdParty = 2,      ///< 特記事項 10 (第三) — 第三者行為
  kFlagWorkRelated = 4,     ///< HO 職務上の事由 recorded (not 国保's: 労災・公務)
  kFlagNoticeExcluded = 8,  ///< EX 医療費通知対象レセプト区分 present and not 1
  kFlagDpc = 16,            ///< a DPC receipt (BU record)
  kFlagKohiOnly = 32,       ///< 公費単独 (no HO)
};

/// A 医療機関 or 薬局 met in the receipts.
struct Institution {
  std::string code;  ///< 医療機関コード / 薬局コード (7 digits, as in IR/YK)
  std::string name;  ///< IR/YK 名称 ("" when unknown, e.g. a prescriber seen only on 調剤)
  Table table = Table::kUnknown;
};

/// Institutions by code, numbered in the order first met (stable across months).
class InstitutionTable {
 public:
  /// The index of `code`; a name or table given later fills what was unknown.
  std::uint32_t Intern(std::string_view code, std::string_view name, Table table);
  const Institution& operator[](std::uint32_t i) const { return list_[i]; }
  std::size_t size() const { return list_.size(); }

 private:
  std::vector<Institution> list_;
  std::unordered_map<std::string, std::uint32_t> index_;
};

/// One receipt, as the rules see it.
struct CheckReceipt {
  PersonId person = 0;
  std::uint32_t institution = kNoIndex;  ///< the 医療機関 / 薬局 of its file
  std::uint32_t prescriber = kNoIndex;  ///< 調剤: the prescribing 医療機関 (RE 医療機関コード)
  std::uint32_t insurer = 0;            ///< 保険者番号 as a number (0: 公費単独)
  std::int32_t month = 0;               ///< 診療年月 (調剤年月) yyyymm
  std::int32_t billing_month = 0;   ///< 請求年月 of its file
  std::int32_t birth_date = 0;      ///< yyyymmdd
  std::int32_t admission_date = 0;  ///< 医科 入院年月日, 0 when omitted
  std::int32_t days = 0;    ///< HO 診療実日数 (調剤: 処方箋受付回数), 0 omitted
  std::uint16_t type = 0;   ///< レセプト種別
  std::uint16_t flags = 0;  ///< CheckReceiptFlag
  Table table = Table::kUnknown;
  std::uint8_t sex = 0;
  std::int64_t points = 0;       ///< 主保険 合計点数 (HO; 公費単独: the first KO)
  std::int64_t burden_yen = -1;  ///< HO 負担金額 (医療保険), -1 when not recorded
  std::int64_t meal_yen = 0;     ///< HO 食事療養・生活療養 合計金額
  std::uint32_t first_item = 0, item_count = 0;
  std::uint32_t first_diagnosis = 0, diagnosis_count = 0;
  // Where it came from (for findings: a reviewer finds the receipt by file and number).
  std::uint32_t source = 0;           ///< index into CheckMonth::sources (the レセ電 file name)
  std::uint32_t number = 0;           ///< RE レセプト番号
  std::uint32_t line = 0;             ///< RE line in the file
  std::uint32_t identity = kNoIndex;  ///< into CheckMonth::identities (ViewOptions::identities)

  bool Is(CheckReceiptFlag f) const { return (flags & f) != 0; }
  /// 医科 入院外 (not 入院, not 歯科/調剤).
  bool Outpatient() const { return table == Table::kMedical && !Is(kFlagInpatient); }
};

/// One 摘要 line.
struct CheckItem {
  std::uint32_t code = 0;         ///< 9-digit レセ電 code
  std::uint32_t line = 0;         ///< line in the file
  std::uint32_t day_mask = 0;     ///< bit d−1 set when day d has a count
  std::uint32_t first_day = 0;    ///< into CheckMonth::days
  std::int64_t quantity = kNone;  ///< 数量 / 使用量 × 100000 (調剤 IY: 1日量)
  std::int64_t unit_points = 0;  ///< 点数 × 回数 of its 算定単位 (調剤 IY: its 剤's 薬剤料)
  std::int32_t count = 0;  ///< 回数 (0 when omitted)
  std::uint16_t day_count = 0;
  std::int16_t supply_days = 0;  ///< 調剤 IY: 調剤数量 of its 剤; 医科 内服/屯服: 回数
  RecordCode type = 0;           ///< SI IY TO CO SS CZ
  std::uint8_t category = 0;     ///< 診療識別 in force
  std::uint8_t rx_day = 0;       ///< 調剤: 処方月日's day (0 unknown)
  std::uint8_t dispense_day = 0;  ///< 調剤: 調剤月日's day (0 unknown)
};

/// One 傷病名.
struct CheckDiagnosis {
  std::uint32_t code = 0;
  std::int32_t start_date = 0;
  std::uint32_t line = 0;
  std::uint32_t first_modifier = 0;  ///< into CheckMonth::modifiers
  std::uint8_t modifier_count = 0;
  std::uint8_t outcome = 0;  ///< 転帰 1 継続 2 治ゆ 3 死亡 4 中止 (0 omitted = 継続)
  std::uint8_t main = 0;
};

/// What the insurer's letters and lists need to name a person (ViewOptions::identities).
struct PersonIdentity {
  std::string name;     ///< RE 氏名
  std::string insurer;  ///< 保険者番号 (normalised)
  std::string symbol;   ///< 記号 (normalised)
  std::string number;   ///< 番号 (normalised)
  std::string branch;   ///< SN 枝番
  std::int32_t birth_date = 0;
  std::uint8_t sex = 0;
};

/// The receipts of one run unit (a store file: one 請求年月), as typed columns.
struct CheckMonth {
  std::vector<std::string> sources;
  std::vector<CheckReceipt> receipts;
  std::vector<CheckItem> items;
  std::vector<DayCount> days;
  std::vector<CheckDiagnosis> diagnoses;
  std::vector<std::uint16_t> modifiers;  ///< 修飾語コード (4 digits as numbers)
  std::vector<PersonIdentity> identities;

  std::span<const CheckItem> ItemsOf(const CheckReceipt& r) const {
    return std::span<const CheckItem>(items).subspan(r.first_item, r.item_count);
  }
  std::span<const DayCount> DaysOf(const CheckItem& it) const {
    return std::span<const DayCount>(days).subspan(it.first_day, it.day_count);
  }
  std::span<const CheckDiagnosis> DiagnosesOf(const CheckReceipt& r) const {
    return std::span<const CheckDiagnosis>(diagnoses).subspan(r.first_diagnosis, r.diagnosis_count);
  }
  std::span<const std::uint16_t> ModifiersOf(const CheckDiagnosis& d) const {
    return std::span<const std::uint16_t>(modifiers).subspan(d.first_modifier, d.modifier_count);
  }
  void Clear();
};

struct ViewOptions {
  bool identities = false;  ///< copy names and numbers (for letters and lists)
};

/// Adds the accepted receipts of a batch to `out`. `files` is the FileSummary list the
/// batch's Receipt::file indexes (the store's info().files).
void AddToView(const ClaimBatch& batch, std::span<const FileSummary> files,
               InstitutionTable& institutions, const ViewOptions& options, CheckMonth& out);

/// The person of a linkage key written as the fields are (normalised here); exposed for
/// tests and tools that build views by hand.
PersonId PersonIdOf(std::string_view insurer, std::string_view symbol, std::string_view number,
                    std::string_view branch, std::int32_t birth_date, std::uint8_t sex);

/// The number of days from 0000-03-01 (proleptic Gregorian; a Wednesday) to yyyymmdd: date
/// arithmetic for windows that cross months (2024-06-02, a Sunday, is 739344).
std::int32_t DayNumber(std::int32_t yyyymmdd);
/// yyyymm + n months (n may be negative).
std::int32_t AddMonths(std::int32_t yyyymm, int n);
/// Months from a to b (b − a), both yyyymm.
int MonthsBetween(std::int32_t a, std::int32_t b);

}  // namespace kokuho::claims
