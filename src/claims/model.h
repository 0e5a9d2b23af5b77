// The claims record model: レセ電 receipts as columnar arrays, every record kept whole.
//
// A ClaimBatch holds complete receipts (レセプト) read from one or more files. Each line of
// a receipt is a Record whose fields (UTF-8, joined by ',' exactly as in the file) live in
// one text arena, so nothing of the file is lost and the writer can put it back. Beside
// the records, the parser fills typed columns that checks read without touching text:
//
//   receipts  — one per RE: 種別, 診療年月, 生年月日, 男女, HO/KO points and days …
//   items     — one per 摘要 line (SI IY TO CO, 歯科 SS, 調剤 CZ/IY/TO): 診療識別 (carried
//               over from the line that set it), 負担区分, code, 数量, 点数, 回数, the
//               点数・回数算定単位 it belongs to, and its day counts (sparse, in `days`)
//   diagnoses — one per 傷病名 (SY, 歯科 HS): code, 診療開始日, 転帰, 主傷病
//
// Indexes are positions in the batch's vectors (receipt r's records are
// records[first_record, first_record + record_count), and so on). A batch also carries
// the receipts it quarantined: their original bytes and the reasons.
//
//   ParseResult r = ParseClaims(bytes, "RECEIPTC.UKE");
//   for (const Receipt& rc : r.batch.receipts)
//     for (const Item& it : r.batch.ItemsOf(rc)) total += it.BilledPoints();
//
// Numbers: 点数 and 回数 are as written (a 算定単位's 点数 is on its last line only;
// billed points = 点数 × 回数, docs/claims-format.md). 数量 / 使用量 are fixed point with
// 5 decimals (IY 使用量 is "5 integer + 5 decimal digits"). kNone marks an omitted field.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "claims/layout.h"

namespace kokuho::claims {

/// An omitted (empty) numeric field.
inline constexpr std::int64_t kNone = -1;

/// How a file's bytes were decoded.
enum class Encoding : std::uint8_t { kAuto = 0, kCp932 = 1, kUtf8 = 2 };

/// One line of a file, fields joined by ',' in the batch's text arena (UTF-8, no line end).
struct Record {
  std::uint64_t text_offset = 0;  ///< into ClaimBatch::text
  std::uint32_t text_size = 0;
  std::uint32_t line = 0;  ///< 1-based line number in its file
  RecordCode type = 0;     ///< the record type (field 0, after an insurer-side prefix)
  std::uint16_t field_count = 0;
  std::uint8_t prefix_fields = 0;  ///< 3 for insurer-side data (データ識別/行番号/枝番), else 0
};

/// One receipt (RE up to the next RE or GO).
struct Receipt {
  std::uint32_t file = 0;  ///< index of the source file (FileSummary list of the run)
  std::uint32_t first_record = 0, record_count = 0;
  std::uint32_t first_item = 0, item_count = 0;
  std::uint32_t first_diagnosis = 0, diagnosis_count = 0;
  std::uint32_t number = 0;               ///< RE レセプト番号 (1-up within a file)
  std::uint16_t type = 0;                 ///< RE レセプト種別 (4 digits, e.g. 1112)
  std::int32_t month = 0;                 ///< 診療年月 (調剤年月) as yyyymm
  std::int32_t birth_date = 0;            ///< 生年月日 yyyymmdd
  std::int32_t admission_date = 0;        ///< 入院年月日 yyyymmdd, 0 when omitted
  std::uint8_t sex = 0;                   ///< 男女区分 1 男 2 女
  std::uint8_t has_insurance = 0;         ///< 1 when an HO record is present
  std::uint8_t kohi_count = 0;            ///< number of KO records (0–4)
  std::uint8_t claim_count = 0;           ///< what the receipt adds to GO 総件数 (counting rule)
  std::int64_t insurance_points = kNone;  ///< HO 合計点数
  std::int32_t insurance_days = -1;       ///< HO 診療実日数 (調剤: 処方箋受付回数)
  std::int64_t kohi_points[4] = {kNone, kNone, kNone, kNone};  ///< KO 合計点数, in order
  std::int64_t primary_points = kNone;  ///< 主保険 点数: HO, else the first KO (GO 総合計点数)
};

/// One 摘要 line.
struct Item {
  std::uint32_t receipt = 0;  ///< index into ClaimBatch::receipts
  std::uint32_t record = 0;   ///< index into ClaimBatch::records
  RecordCode type = 0;        ///< SI IY TO CO (医科/歯科), SS (歯科), CZ IY TO (調剤)
  std::uint8_t category = 0;  ///< 診療識別 in force (carried from the line that set it), 0 none
  char burden = 0;            ///< 負担区分 as written ('1', '5', 'A' …), 0 when omitted
  std::uint32_t code = 0;     ///< 9-digit レセ電 code, 0 when omitted
  std::int64_t quantity = kNone;  ///< 数量データ / 使用量 × 100000
  std::int32_t points = -1;       ///< 点数 as written (算定単位's last line), -1 omitted
  std::int32_t count = -1;        ///< 回数, -1 omitted
  std::uint32_t unit = 0;         ///< 点数・回数算定単位 number, 1-up within the receipt
  std::uint32_t first_day = 0;    ///< into ClaimBatch::days
  std::uint16_t day_count = 0;    ///< entries in days (days with a non-zero count)

  /// 点数 × 回数 for the line that closes a 算定単位; 0 for the others.
  std::int64_t BilledPoints() const {
    return points >= 0 && count >= 0 ? std::int64_t{points} * count : 0;
  }
};

/// A day with a count on an item (the 1日の情報 … 31日の情報 fields, zeros left out).
struct DayCount {
  std::uint8_t day = 0;     ///< 1–31
  std::uint16_t count = 0;  ///< 1–999
};

/// One 傷病名 (SY, or 歯科 HS).
struct Diagnosis {
  std::uint32_t receipt = 0;
  std::uint32_t record = 0;
  std::uint32_t code = 0;       ///< 7-digit 傷病名コード (0000999 = 未コード化)
  std::int32_t start_date = 0;  ///< 診療開始日 yyyymmdd
  std::uint8_t outcome = 0;     ///< 転帰区分 1 継続 2 治ゆ 3 死亡 4 中止
  std::uint8_t main = 0;        ///< 1 when 主傷病 ("01")
};

/// Severity of a diagnostic: an error quarantines the receipt it is in (or, outside a
/// receipt, marks the file); a warning keeps everything.
enum class Severity : std::uint8_t { kWarning = 0, kError = 1 };

/// One finding of the reader, at file:line:column. Messages never quote personal fields
/// (氏名, 生年月日, 記号・番号, 受給者番号, 検索番号, カルテ番号): they name the field and
/// position only, and a receipt by its レセプト番号 and, when a salt was given, a salted
/// hash of its 検索番号.
struct Diagnostic {
  Severity severity = Severity::kError;
  std::string file;
  std::uint32_t line = 0;     ///< 1-based, 0 = whole file
  std::uint32_t column = 0;   ///< 1-based, in characters, 0 = whole line
  std::string message;        ///< Japanese
  std::int64_t receipt = -1;  ///< the RE レセプト番号 it concerns, -1 none

  /// "file:line:column: エラー: message" (or 警告).
  std::string ToString() const;
};

/// A receipt (or stray lines outside any receipt) set aside because of an error.
struct Quarantined {
  std::uint32_t file = 0;
  std::int64_t receipt = -1;     ///< RE レセプト番号, -1 for stray lines
  std::uint32_t first_line = 0;  ///< first line of the receipt in its file
  std::uint32_t line_count = 0;
  std::uint64_t bytes_offset = 0;   ///< its original bytes in ClaimBatch::quarantine_bytes
  std::uint64_t bytes_size = 0;     ///< (source encoding, line ends included)
  std::vector<Diagnostic> reasons;  ///< the errors, first ones (at most kMaxReasons)
  std::uint32_t reason_count = 0;   ///< all errors, also those not kept

  static constexpr std::size_t kMaxReasons = 20;
};

/// Receipts and their records, typed columns and quarantine (see the overview).
struct ClaimBatch {
  std::string text;
  std::vector<Record> records;
  std::vector<Receipt> receipts;
  std::vector<Item> items;
  std::vector<DayCount> days;
  std::vector<Diagnosis> diagnoses;
  std::vector<Quarantined> quarantine;
  std::string quarantine_bytes;

  /// The UTF-8 text of a record (fields joined by ',').
  std::string_view RecordText(const Record& r) const {
    return std::string_view(text).substr(r.text_offset, r.text_size);
  }
  /// Field `index` of a record (0 = the type), counted after any insurer-side prefix;
  /// empty when the record has fewer fields. Splits the text on the fly.
  std::string_view Field(const Record& r, std::size_t index) const;
  /// Fields of a record into `out` (the prefix fields excluded); returns their number.
  std::size_t Fields(const Record& r, std::span<std::string_view> out) const;
  /// The first out.size() fields (prefix excluded), splitting no further; returns how many
  /// were filled (fewer when the record has fewer fields). For readers that need a few
  /// leading fields of long records (the check view).
  std::size_t LeadingFields(const Record& r, std::span<std::string_view> out) const;

  std::span<const Record> RecordsOf(const Receipt& rc) const {
    return std::span<const Record>(records).subspan(rc.first_record, rc.record_count);
  }
  std::span<const Item> ItemsOf(const Receipt& rc) const {
    return std::span<const Item>(items).subspan(rc.first_item, rc.item_count);
  }
  std::span<const DayCount> DaysOf(const Item& it) const {
    return std::span<const DayCount>(days).subspan(it.first_day, it.day_count);
  }
  std::span<const Diagnosis> DiagnosesOf(const Receipt& rc) const {
    return std::span<const Diagnosis>(diagnoses).subspan(rc.first_diagnosis, rc.diagnosis_count);
  }
  /// Removes everything (keeps the capacity).
  void Clear();
};

/// What one file was and what the reader found in it. The header (IR, or UK + IR, or YK)
/// and trailer (GO) records are kept as UTF-8 text for the writer.
struct FileSummary {
  std::string name;
  Table table = Table::kUnknown;
  Encoding encoding = Encoding::kAuto;       ///< as decided (kCp932 or kUtf8)
  bool insurer_prefix = false;               ///< records carry データ識別/行番号/枝番
  std::vector<std::string> header_records;   ///< UTF-8 lines
  std::vector<std::string> trailer_records;  ///< UTF-8 lines (GO)
  std::uint8_t payer = 0;                    ///< 審査支払機関 (1 支払基金, 2 国保連)
  std::uint8_t prefecture = 0;               ///< 都道府県 (2 digits)
  std::string institution;                   ///< 医療機関コード / 薬局コード (7 digits)
  std::int32_t billing_month = 0;            ///< 請求年月 yyyymm
  std::int32_t volume = -1;                  ///< マルチボリューム識別 (IR), -1 unknown
  std::uint32_t header_line = 0;
  // GO (trailer)
  bool has_trailer = false;
  std::uint32_t trailer_line = 0;
  std::int64_t go_count = kNone;   ///< GO 総件数
  std::int64_t go_points = kNone;  ///< GO 総合計点数
  std::int32_t go_volume = -1;     ///< GO マルチボリューム識別 (99 = last volume)
  // What the receipts add up to (all receipts read, quarantined ones too, while their
  // HO/KO could be read; `sums_known` false when one could not).
  std::int64_t counted = 0;  ///< Σ 件数 by the counting rule
  std::int64_t points = 0;   ///< Σ 主保険 点数
  bool sums_known = true;
  // Counts
  std::uint64_t lines = 0;
  std::uint64_t bytes = 0;
  std::uint64_t receipts_read = 0;
  std::uint64_t receipts_accepted = 0;
  std::uint64_t receipts_quarantined = 0;
  std::uint64_t stray_lines = 0;  ///< lines outside any receipt, quarantined
  std::uint64_t errors = 0;
  std::uint64_t warnings = 0;
};

}  // namespace kokuho::claims
