#include "claims/parser.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstring>

#include "claims/cp932.h"
#include "claims/dates.h"
#include "claims/privacy.h"
#include "core/text.h"

namespace kokuho::claims {
namespace {

constexpr std::size_t kMaxFields = 256;
constexpr RecordCode kIR = RecordCodeOf("IR"), kUK = RecordCodeOf("UK"), kYK = RecordCodeOf("YK"),
                     kRE = RecordCodeOf("RE"), kHO = RecordCodeOf("HO"), kKO = RecordCodeOf("KO"),
                     kSY = RecordCodeOf("SY"), kSI = RecordCodeOf("SI"), kIY = RecordCodeOf("IY"),
                     kTO = RecordCodeOf("TO"), kCO = RecordCodeOf("CO"), kGO = RecordCodeOf("GO"),
                     kHS = RecordCodeOf("HS"), kSS = RecordCodeOf("SS"), kCZ = RecordCodeOf("CZ");

// 診療年月 from which Σ day counts = 回数 is required (記録条件仕様: 平成24年4月診療以降).
constexpr std::int32_t kDaySumFrom = 201204;

// Index of a record-type character in [0-9A-Z], or -1.
int CodeCharIndex(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
  return -1;
}

bool AllDigits(std::string_view s) {
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return !s.empty();
}

// The value of a field already checked to be digits (at most 9).
std::uint32_t Digits(std::string_view s) {
  std::uint32_t v = 0;
  for (char c : s) v = v * 10 + static_cast<std::uint32_t>(c - '0');
  return v;
}

bool HasFullWidthDigit(std::string_view s) {
  // ０ (U+FF10) … ９ (U+FF19) are EF BC 90 … EF BC 99 in UTF-8.
  for (std::size_t i = 0; i + 2 < s.size(); ++i)
    if (s[i] == '\xEF' && s[i + 1] == '\xBC' && static_cast<unsigned char>(s[i + 2]) >= 0x90 &&
        static_cast<unsigned char>(s[i + 2]) <= 0x99)
      return true;
  return false;
}

// Quote a field value for a message (short, printable).
std::string Quote(std::string_view v) {
  std::string s(v.substr(0, 40));
  return fmt::format("\"{}\"{}", s, v.size() > 40 ? "…" : "");
}

}  // namespace

class Parser::Impl {
 public:
  Impl(std::string name, ParseOptions options) : name_(std::move(name)), opt_(std::move(options)) {
    summary_.name = name_;
    enc_ = opt_.encoding;
  }

  void Feed(std::string_view bytes) {
    summary_.bytes += bytes.size();
    std::size_t pos = 0;
    if (!pending_.empty()) {
      const std::size_t nl = bytes.find('\n');
      if (nl == std::string_view::npos) {
        pending_.append(bytes);
        return;
      }
      pending_.append(bytes.substr(0, nl + 1));
      std::string line;
      line.swap(pending_);
      Line(line);
      pos = nl + 1;
    }
    while (pos < bytes.size()) {
      const void* hit = std::memchr(bytes.data() + pos, '\n', bytes.size() - pos);
      if (hit == nullptr) {
        pending_.assign(bytes.substr(pos));
        return;
      }
      const std::size_t nl = static_cast<const char*>(hit) - bytes.data();
      Line(bytes.substr(pos, nl + 1 - pos));
      pos = nl + 1;
    }
  }

  void Finish() {
    if (!pending_.empty()) {
      std::string line;
      line.swap(pending_);
      Line(line);
    }
    CloseReceipt();
    if (summary_.lines == 0) {
      FileError(0, 0, "空のファイルです (レセ電のレコードがありません)");
    } else if (state_ != State::kDone) {
      FileError(
          line_no_, 0,
          "診療報酬請求書レコード (GO) がありません: ファイルが途中で切れている可能性があります");
    }
    if (summary_.encoding == Encoding::kAuto)
      summary_.encoding = enc_ == Encoding::kAuto ? Encoding::kCp932 : enc_;
    Flush(true);
  }

  // Starts a new file, keeping the memory of the buffers (no page faults, no regrowth).
  void Reset(std::string name, ParseOptions options) {
    ClaimBatch batch = std::move(batch_);
    batch.Clear();
    std::string decoded = std::move(decoded_), raw = std::move(receipt_raw_);
    std::vector<RawLine> lines = std::move(receipt_lines_raw_);
    *this = Impl(std::move(name), std::move(options));
    batch_ = std::move(batch);
    decoded_ = std::move(decoded);
    decoded_.clear();
    receipt_raw_ = std::move(raw);
    receipt_raw_.clear();
    receipt_lines_raw_ = std::move(lines);
    receipt_lines_raw_.clear();
  }

  ClaimBatch& batch() { return batch_; }
  const FileSummary& summary() const { return summary_; }
  const std::vector<Diagnostic>& diagnostics() const { return diags_; }
  std::vector<Diagnostic> TakeDiagnostics() { return std::move(diags_); }

 private:
  enum class State { kStart, kAfterUk, kBody, kDone };
  // Where the current line goes.
  enum class Bucket { kHeader, kReceipt, kTrailer, kStray };
  struct LineIssue {
    std::uint32_t column;
    std::string message;
  };

  // ---- lines -------------------------------------------------------------------------

  // One physical line including its '\n' (absent on the last line of a file).
  void Line(std::string_view with_end) {
    std::string_view raw = with_end;
    if (!raw.empty() && raw.back() == '\n') raw.remove_suffix(1);
    if (!raw.empty() && raw.back() == '\r') raw.remove_suffix(1);
    ++line_no_;
    ++summary_.lines;
    raw_line_ = with_end;
    issues_.clear();
    if (line_no_ == 1 && raw.substr(0, 3) == "\xEF\xBB\xBF") {
      if (enc_ == Encoding::kCp932) {
        issues_.push_back({1, "UTF-8 の BOM がありますが、文字コードに CP932 が指定されています"});
      } else {
        enc_ = Encoding::kUtf8;
        raw.remove_prefix(3);
      }
    }
    if (eof_seen_) {
      if (!raw.empty()) Stray("ファイル終端 (X'1A') の後にデータがあります");
      return;
    }
    if (!raw.empty() && raw.back() == '\x1A') {
      raw.remove_suffix(1);
      eof_seen_ = true;
      if (raw.empty()) return;
    }
    if (raw.empty()) {
      Warn(line_no_, 0, "空行を読み飛ばしました");
      return;
    }
    if (raw.size() > opt_.max_line_bytes) {
      Stray(fmt::format("行が長すぎます ({} バイト; 上限 {} バイト)", raw.size(),
                        opt_.max_line_bytes));
      return;
    }
    Decode(raw);
    Split();
    Dispatch();
  }

  // Decodes the line into text_ (a view of the raw bytes when they are plain ASCII).
  void Decode(std::string_view raw) {
    // One pass, 8 bytes at a time: any byte >= 0x80 (needs decoding) or < 0x20 (control)?
    constexpr std::uint64_t kHigh = 0x8080808080808080ull, kLow7 = 0x7F7F7F7F7F7F7F7Full,
                            kAdd = 0x6060606060606060ull;  // (b & 0x7F) + 0x60 >= 0x80 iff >= 0x20
    const char* p = raw.data();
    const std::size_t n = raw.size();
    std::uint64_t high = 0, control = 0;
    std::size_t i = 0;
    for (; i + 8 <= n; i += 8) {
      std::uint64_t w;
      std::memcpy(&w, p + i, 8);
      high |= w;
      control |= ~(((w & kLow7) + kAdd) | w);
    }
    for (; i < n; ++i) {
      const auto b = static_cast<unsigned char>(p[i]);
      high |= b;
      control |= b < 0x20 ? 0x80 : 0;
    }
    const bool needs_decoding = (high & kHigh) != 0;
    if (!needs_decoding && (control & kHigh) == 0) {
      text_ = raw;
      return;
    }
    if (needs_decoding) {
      if (enc_ == Encoding::kAuto) enc_ = IsValidUtf8(raw) ? Encoding::kUtf8 : Encoding::kCp932;
      decoded_.clear();
      if (enc_ == Encoding::kUtf8) {
        DecodeUtf8Lossy(raw);
      } else {
        DecodeCp932Lossy(raw);
      }
      text_ = decoded_;
    } else {
      text_ = raw;
    }
    for (std::size_t i = 0; i < text_.size(); ++i) {
      const auto b = static_cast<unsigned char>(text_[i]);
      if (b < 0x20 || b == 0x7F) {
        issues_.push_back({static_cast<std::uint32_t>(Utf8CharCount(text_.substr(0, i)) + 1),
                           fmt::format("制御文字 (0x{:02X}) があります", b)});
        break;
      }
    }
  }

  void DecodeCp932Lossy(std::string_view raw) {
    bool reported = false;
    while (!raw.empty()) {
      std::size_t bad = 0;
      if (AppendCp932AsUtf8(raw, decoded_, bad)) return;
      if (!reported) {
        issues_.push_back(
            {static_cast<std::uint32_t>(Utf8CharCount(decoded_) + 1),
             fmt::format("CP932 (Shift_JIS) として読めないバイト 0x{:02X} があります (文字化け・"
                         "ファイルの破損、または別の文字コード)",
                         static_cast<unsigned char>(raw[bad]))});
        reported = true;
      }
      decoded_.append("\xEF\xBF\xBD");  // U+FFFD in place of the byte
      raw.remove_prefix(bad + 1);
    }
  }

  void DecodeUtf8Lossy(std::string_view raw) {
    std::size_t i = 0;
    bool reported = false;
    while (i < raw.size()) {
      std::size_t j = i;
      while (j < raw.size() && static_cast<unsigned char>(raw[j]) < 0x80) ++j;
      decoded_.append(raw.substr(i, j - i));
      i = j;
      if (i == raw.size()) break;
      const auto b = static_cast<unsigned char>(raw[i]);
      const std::size_t len = (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 0;
      if (len > 0 && i + len <= raw.size() && IsValidUtf8(raw.substr(i, len))) {
        decoded_.append(raw.substr(i, len));
        i += len;
        continue;
      }
      if (!reported) {
        issues_.push_back({static_cast<std::uint32_t>(Utf8CharCount(decoded_) + 1),
                           fmt::format("UTF-8 として読めないバイト 0x{:02X} があります", b)});
        reported = true;
      }
      decoded_.append("\xEF\xBF\xBD");
      ++i;
    }
  }

  void Split() {
    // Locals (not members) in the loop, so that the compiler keeps them in registers.
    const char* p = text_.data();
    const std::size_t n = text_.size();
    std::string_view* out = fields_.data();
    std::size_t count = 0, start = 0;
    // Commas 8 bytes at a time: x = w ^ ",,,,,,,," has a zero byte exactly where w has ','
    // (the exact zero-byte test, no false positives after a match).
    constexpr std::uint64_t kLow7 = 0x7F7F7F7F7F7F7F7Full, kCommas = 0x2C2C2C2C2C2C2C2Cull;
    std::size_t i = 0;
    for (; i + 8 <= n; i += 8) {
      std::uint64_t w;
      std::memcpy(&w, p + i, 8);
      const std::uint64_t x = w ^ kCommas;
      std::uint64_t m = ~(((x & kLow7) + kLow7) | x | kLow7);
      while (m != 0) {
        const std::size_t at = i + (static_cast<std::size_t>(__builtin_ctzll(m)) >> 3);
        if (count < kMaxFields) out[count] = std::string_view(p + start, at - start);
        ++count;
        start = at + 1;
        m &= m - 1;
      }
    }
    for (; i < n; ++i) {
      if (p[i] != ',') continue;
      if (count < kMaxFields) out[count] = std::string_view(p + start, i - start);
      ++count;
      start = i + 1;
    }
    if (count < kMaxFields) out[count] = std::string_view(p + start, n - start);
    nfields_ = count + 1;
    prefix_ = 0;
    if (!prefix_decided_) {
      // Insurer-side data put データ識別 (2) / 行番号 (5) / 枝番号 (3) before the record
      // type (返戻・保険者向け記録条件仕様). Decided once, on the first line.
      prefix_decided_ = true;
      summary_.insurer_prefix = nfields_ > 3 && AllDigits(fields_[0]) && fields_[0].size() <= 2 &&
                                IsRecordCodeText(fields_[3]);
    }
    if (summary_.insurer_prefix && nfields_ > 3 && nfields_ <= kMaxFields) prefix_ = 3;
  }

  // The field k after the prefix (empty beyond the end).
  std::string_view F(std::size_t k) const {
    const std::size_t i = k + prefix_;
    return i < nfields_ && i < kMaxFields ? fields_[i] : std::string_view();
  }
  std::size_t FieldCount() const { return nfields_ - prefix_; }

  // 1-based character column of field k (after the prefix), or of the line end.
  std::uint32_t ColumnOf(std::size_t k) const {
    const std::size_t i = k + prefix_;
    std::size_t offset = text_.size();
    if (i < nfields_ && i < kMaxFields)
      offset = static_cast<std::size_t>(fields_[i].data() - text_.data());
    return static_cast<std::uint32_t>(Utf8CharCount(text_.substr(0, offset)) + 1);
  }

  // ---- dispatch ----------------------------------------------------------------------

  void Dispatch() {
    if (nfields_ > kMaxFields) {
      issues_.push_back({ColumnOf(kMaxFields - prefix_),
                         fmt::format("項目が多すぎます ({} 項目; 上限 {})", nfields_, kMaxFields)});
    }
    const std::string_view type_text = F(0);
    const bool shaped = IsRecordCodeText(type_text);
    type_ = shaped ? MakeRecordCode(type_text[0], type_text[1]) : 0;

    if (state_ == State::kStart) {
      if (type_ == kUK) {
        SetTable(Table::kDental);
        state_ = State::kAfterUk;
        Header();
        return;
      }
      if (type_ == kIR || type_ == kYK) {
        state_ = State::kBody;
        Header();
        return;
      }
      FileError(line_no_, 1,
                "ファイルの先頭が医療機関情報レコード (IR)・受付情報 (UK)・薬局情報 (YK) では"
                "ありません: 点数表が分からないため医科として読みます");
      SetTable(Table::kMedical);
      state_ = State::kBody;
    } else if (state_ == State::kAfterUk) {
      state_ = State::kBody;
      if (type_ == kIR) {
        Header();
        return;
      }
      FileError(line_no_, 1, "受付情報レコード (UK) の次に医療機関情報レコード (IR) がありません");
    }
    if (state_ == State::kDone) {
      Stray("診療報酬請求書レコード (GO) の後にデータがあります");
      return;
    }
    if (type_ == kIR || type_ == kUK || type_ == kYK) {
      Stray("ヘッダーレコード (IR/UK/YK) が2度目に現れました (1ファイルに1医療機関のみ読めます)");
      return;
    }
    if (type_ == kRE) {
      CloseReceipt();
      OpenReceipt();
      AddRecordToReceipt();
      return;
    }
    if (type_ == kGO) {
      CloseReceipt();
      state_ = State::kDone;
      Trailer();
      return;
    }
    if (!receipt_open_) {
      Stray(shaped ? "レセプト共通レコード (RE) より前にあるレコードです"
                   : "レコード識別情報 (先頭の2文字) が読めません");
      return;
    }
    AddRecordToReceipt();
  }

  void SetTable(Table t) {
    table_ = t;
    summary_.table = t;
    layouts_.assign(36 * 36, nullptr);
    for (const RecordLayout& l : AllLayouts()) {
      if (l.table != t) continue;
      const int a = CodeCharIndex(static_cast<char>(l.code >> 8)),
                b = CodeCharIndex(static_cast<char>(l.code & 0xFF));
      layouts_[a * 36 + b] = &l;
    }
  }

  const RecordLayout* Layout() const {
    if (type_ == 0 || layouts_.empty()) return nullptr;
    return layouts_[CodeCharIndex(static_cast<char>(type_ >> 8)) * 36 +
                    CodeCharIndex(static_cast<char>(type_ & 0xFF))];
  }

  // Field-count check; returns false when the record cannot be interpreted.
  bool CheckFieldCount(const RecordLayout& l) {
    const std::size_t n = FieldCount();
    if (l.fields > 0 && n != l.fields) {
      const std::string msg = fmt::format(
          "{} ({}) レコードの項目数が {} です ({} 項目のはず: 記録条件仕様 {}用{})", RecordName(),
          l.name, n, l.fields, TableName(table_), l.confirmed ? "" : "、未確認の項目数");
      const std::uint32_t column = n > l.fields ? ColumnOf(l.fields) : ColumnOf(n);
      if (l.confirmed || n < l.min_fields)
        Issue(column, msg);
      else
        Warn(line_no_, column, msg);
    } else if (n < l.min_fields) {
      Issue(ColumnOf(n), fmt::format("{} ({}) レコードの項目数 {} では必要な項目 ({} 項目) が"
                                     "読めません",
                                     RecordName(), l.name, n, l.min_fields));
    }
    return n >= l.min_fields;
  }

  std::string RecordName() const {
    char buffer[3];
    return std::string(RecordCodeText(type_, buffer));
  }

  // ---- header and trailer ------------------------------------------------------------

  void Header() {
    bucket_ = Bucket::kHeader;
    summary_.header_records.emplace_back(text_);
    if (summary_.header_line == 0) summary_.header_line = line_no_;
    if (type_ == kIR) {
      // IR: 1 審査支払機関, 2 都道府県, 3 点数表, 4 医療機関コード, 7 請求年月, 8 マルチボリューム.
      std::int64_t t = 0;
      if (FieldCount() > 3 && AllDigits(F(3)) && F(3).size() == 1) t = F(3)[0] - '0';
      if (table_ == Table::kUnknown) {
        if (t == 1 || t == 3) {
          SetTable(static_cast<Table>(t));
        } else {
          SetTable(Table::kMedical);
          EmitIssues();
          FileError(line_no_, ColumnOf(3),
                    fmt::format("IR の点数表 (項目4) が 1 (医科) でも 3 (歯科) でもありません: {}"
                                " (医科として読みます)",
                                Quote(F(3))));
        }
      } else if (table_ == Table::kDental && t != 3) {
        Issue(ColumnOf(3),
              fmt::format("UK の後の IR の点数表 (項目4) が 3 (歯科) ではありません: {}",
                          Quote(F(3))));
      }
      if (const RecordLayout* l = Layout(); l && CheckFieldCount(*l)) {
        ReadInstitution(1, 2, 4, 7, 8);
      }
    } else if (type_ == kYK) {
      SetTable(Table::kPharmacy);
      if (const RecordLayout* l = Layout(); l && CheckFieldCount(*l)) {
        // YK: 1 審査支払機関, 2 都道府県, 3 点数表 (4), 4 薬局コード, 6 請求年月, 7
        // マルチボリューム.
        if (F(3) != "4")
          Issue(ColumnOf(3),
                fmt::format("YK の点数表 (項目4) が 4 (調剤) ではありません: {}", Quote(F(3))));
        ReadInstitution(1, 2, 4, 6, 7);
      }
    } else if (const RecordLayout* l = Layout()) {
      CheckFieldCount(*l);
    }
    EmitIssues();
  }

  void ReadInstitution(int payer, int pref, int code, int month, int volume) {
    std::int64_t v = 0;
    if (Num(payer, 1, true, v, "審査支払機関")) {
      if (v != 1 && v != 2)
        Issue(ColumnOf(payer),
              fmt::format("審査支払機関 (項目{}) が 1 (支払基金) でも 2 (国保連) でも"
                          "ありません: {}",
                          payer + 1, Quote(F(payer))));
      summary_.payer = static_cast<std::uint8_t>(v);
    }
    if (Num(pref, 2, true, v, "都道府県")) {
      if (v < 1 || v > 47)
        Issue(ColumnOf(pref), fmt::format("都道府県 (項目{}) が 01〜47 ではありません: {}",
                                          pref + 1, Quote(F(pref))));
      summary_.prefecture = static_cast<std::uint8_t>(v);
    }
    if (Code(code, 7, "医療機関コード")) summary_.institution = std::string(F(code));
    ClaimDate d;
    if (Month(month, true, d, "請求年月")) summary_.billing_month = d.value;
    if (Num(volume, 2, true, v, "マルチボリューム識別情報"))
      summary_.volume = static_cast<std::int32_t>(v);
  }

  void Trailer() {
    bucket_ = Bucket::kTrailer;
    summary_.trailer_records.emplace_back(text_);
    summary_.has_trailer = true;
    summary_.trailer_line = line_no_;
    const RecordLayout* l = Layout();
    if (l && CheckFieldCount(*l)) {
      std::int64_t v = 0;
      if (Num(1, 12, false, v, "総件数")) summary_.go_count = v;
      if (Num(2, 12, false, v, "総合計点数")) summary_.go_points = v;
      if (Num(3, 2, true, v, "マルチボリューム識別情報"))
        summary_.go_volume = static_cast<std::int32_t>(v);
    }
    EmitIssues();
  }

  // ---- receipts ----------------------------------------------------------------------

  void OpenReceipt() {
    receipt_open_ = true;
    mark_ = {batch_.text.size(), batch_.records.size(), batch_.items.size(), batch_.days.size(),
             batch_.diagnoses.size()};
    cur_ = Receipt{};
    cur_.file = opt_.file_index;
    cur_.first_record = static_cast<std::uint32_t>(batch_.records.size());
    cur_.first_item = static_cast<std::uint32_t>(batch_.items.size());
    cur_.first_diagnosis = static_cast<std::uint32_t>(batch_.diagnoses.size());
    receipt_raw_.clear();
    receipt_lines_raw_.clear();
    receipt_first_line_ = line_no_;
    receipt_lines_ = 0;
    receipt_errors_.clear();
    receipt_error_count_ = 0;
    receipt_number_ = -1;
    context_.clear();
    ho_count_ = 0;
    category_ = 0;
    unit_open_ = false;
    unit_has_item_ = false;
    unit_id_ = 0;
    unit_count_ = -1;
    sums_ok_ = true;
    ++summary_.receipts_read;
  }

  void AddRecordToReceipt() {
    bucket_ = Bucket::kReceipt;
    // The original bytes, for a quarantine: a line whose text is its bytes (ASCII, nothing
    // stripped but the line end) is rebuilt from the record; others are copied.
    RawLine rl;
    rl.record = static_cast<std::uint32_t>(batch_.records.size());
    const std::size_t end =
        raw_line_.size() >= 2 && raw_line_.substr(raw_line_.size() - 2) == "\r\n" ? 2
        : !raw_line_.empty() && raw_line_.back() == '\n'                          ? 1
                                                                                  : 0;
    if (text_.data() == raw_line_.data() && text_.size() + end == raw_line_.size()) {
      rl.ending = static_cast<std::uint8_t>(end);
    } else {
      rl.raw_offset = static_cast<std::int64_t>(receipt_raw_.size());
      rl.raw_size = static_cast<std::uint32_t>(raw_line_.size());
      receipt_raw_.append(raw_line_);
    }
    receipt_lines_raw_.push_back(rl);
    ++receipt_lines_;
    Record r;
    r.text_offset = batch_.text.size();
    r.text_size = static_cast<std::uint32_t>(text_.size());
    r.line = line_no_;
    r.type = type_;
    r.field_count = static_cast<std::uint16_t>(std::min<std::size_t>(FieldCount(), 0xFFFF));
    r.prefix_fields = static_cast<std::uint8_t>(prefix_);
    batch_.text.append(text_);
    record_index_ = static_cast<std::uint32_t>(batch_.records.size());
    batch_.records.push_back(r);
    ++cur_.record_count;

    const RecordLayout* l = Layout();
    if (type_ == kRE) {
      // The receipt's context first, so that the errors of this line carry it.
      if (l && FieldCount() > 1 && AllDigits(F(1)) && F(1).size() <= 6) {
        receipt_number_ = std::stoll(std::string(F(1)));
        const std::size_t search = table_ == Table::kPharmacy ? 37 : 18;
        context_ = fmt::format("レセプト番号 {}", receipt_number_);
        if (const std::string h = SaltedHash(opt_.salt, F(search));
            !h.empty() && !F(search).empty())
          context_ += fmt::format(", 検索番号ハッシュ {}", h);
      }
    }
    if (l == nullptr) {
      EmitIssues();
      if (type_ != 0)
        Warn(line_no_, 1,
             fmt::format(
                 "未知のレコード種別 {} です (記録条件仕様 {}用にない種別; 内容はそのまま保持"
                 "します)",
                 RecordName(), TableName(table_)));
      else
        ReceiptError(1, "レコード識別情報 (先頭の2文字) が読めません");
      return;
    }
    strict_ = l->confirmed;
    if (CheckFieldCount(*l)) Interpret();
    EmitIssues();
  }

  void Interpret() {
    if (type_ == kRE) return InterpretRe();
    if (type_ == kHO) return InterpretHo();
    if (type_ == kKO) return InterpretKo();
    switch (table_) {
      case Table::kMedical:
        if (type_ == kSI || type_ == kIY || type_ == kTO)
          return MedicalItem(type_ == kTO ? 17 : 13);
        if (type_ == kCO) return Comment();
        if (type_ == kSY) return MedicalDiagnosis();
        return;
      case Table::kDental:
        if (type_ == kSS) return DentalItem();
        if (type_ == kHS) return DentalDiagnosis();
        return;
      case Table::kPharmacy:
        if (type_ == kIY || type_ == kTO || type_ == kCZ) return PharmacyItem();
        return;
      case Table::kUnknown:
        return;
    }
  }

  void InterpretRe() {
    std::int64_t v = 0;
    if (Num(1, 6, true, v, "レセプト番号")) {
      cur_.number = static_cast<std::uint32_t>(v);
      if (last_number_ >= 0 && v != last_number_ + 1)
        Warn(line_no_, ColumnOf(1),
             fmt::format("レセプト番号が連番ではありません (前のレセプトは {})", last_number_));
      last_number_ = v;
    }
    if (Num(2, 4, true, v, "レセプト種別")) {
      if (F(2).size() != 4) {
        Issue(ColumnOf(2), fmt::format("レセプト種別 (項目3) は4桁です: {}", Quote(F(2))));
      } else if (F(2)[0] - '0' != static_cast<int>(table_)) {
        Issue(ColumnOf(2), fmt::format("レセプト種別 (項目3) の1桁目 {} が点数表 ({}) と合いません",
                                       F(2)[0], TableName(table_)));
      }
      cur_.type = static_cast<std::uint16_t>(v);
    }
    ClaimDate d;
    if (Month(3, true, d, table_ == Table::kPharmacy ? "調剤年月" : "診療年月")) {
      cur_.month = d.value;
      if (summary_.billing_month > 0 && d.value > summary_.billing_month)
        Issue(ColumnOf(3),
              fmt::format("診療年月 {} が請求年月 {} より後です", d.value, summary_.billing_month));
    }
    if (Num(5, 1, true, v, "男女区分")) {
      if (v != 1 && v != 2)
        Issue(ColumnOf(5), fmt::format("男女区分 (項目6) が 1 (男) でも 2 (女) でもありません: {}",
                                       Quote(F(5))));
      cur_.sex = static_cast<std::uint8_t>(v);
    }
    if (Day(6, true, d, "生年月日", /*personal=*/true)) {
      cur_.birth_date = d.value;
      // Not a rule of the 記録条件仕様 but a sign of a mistyped date: a warning.
      if (cur_.month > 0 && d.value / 100 > cur_.month)
        Warn(line_no_, ColumnOf(6),
             "生年月日が診療年月より後です (値は個人情報のため表示しません)");
    }
    if (table_ == Table::kMedical && !F(8).empty() && Day(8, false, d, "入院年月日"))
      cur_.admission_date = d.value;
  }

  void InterpretHo() {
    if (++ho_count_ > 1) Issue(1, "保険者レコード (HO) が1つのレセプトに2つ以上あります");
    cur_.has_insurance = 1;
    // 保険者番号: 8 characters, 6-digit 国保 numbers right-aligned with spaces ("  138057").
    const std::string_view insurer = F(1);
    const std::string_view digits = Trim(insurer);
    if (!AllDigits(digits) || (digits.size() != 6 && digits.size() != 8)) {
      Issue(ColumnOf(1), fmt::format("保険者番号 (項目2) が6桁または8桁の数字ではありません: {}{}",
                                     Quote(insurer),
                                     HasFullWidthDigit(insurer) ? " (全角数字は使えません)" : ""));
    }
    std::int64_t v = 0;
    if (Num(4, 2, true, v, table_ == Table::kPharmacy ? "処方箋受付回数" : "診療実日数"))
      cur_.insurance_days = static_cast<std::int32_t>(v);
    if (Num(5, 8, true, v, "合計点数"))
      cur_.insurance_points = v;
    else
      sums_ok_ = false;
    if (table_ == Table::kMedical) {
      Num(7, 2, false, v, "食事療養・生活療養 回数");
      Num(8, 8, false, v, "食事療養・生活療養 合計金額");
      Num(11, 9, false, v, "負担金額 (医療保険)");
    }
  }

  void InterpretKo() {
    const int index = cur_.kohi_count;
    if (index >= 4) {
      Issue(1, "公費レコード (KO) が1つのレセプトに5つ以上あります (4つまで)");
      return;
    }
    ++cur_.kohi_count;
    std::int64_t v = 0;
    if (Code(1, 8, "公費負担者番号")) {
    }
    if (Num(4, 2, true, v, table_ == Table::kPharmacy ? "処方箋受付回数" : "診療実日数")) {
    }
    if (Num(5, 8, true, v, "合計点数"))
      cur_.kohi_points[index] = v;
    else if (cur_.has_insurance == 0 && index == 0)
      sums_ok_ = false;
  }

  void MedicalDiagnosis() {
    Diagnosis dg;
    dg.receipt = static_cast<std::uint32_t>(batch_.receipts.size());
    dg.record = record_index_;
    std::int64_t v = 0;
    if (Code(1, 7, "傷病名コード")) dg.code = Digits(F(1));
    ClaimDate d;
    if (Day(2, true, d, "診療開始日")) dg.start_date = d.value;
    if (Num(3, 1, true, v, "転帰区分")) {
      if (v < 1 || v > 4)
        Issue(ColumnOf(3), fmt::format("転帰区分 (項目4) が 1〜4 ではありません: {}", Quote(F(3))));
      dg.outcome = static_cast<std::uint8_t>(v);
    }
    const std::string_view mods = F(4);
    if (!mods.empty() && (mods.size() % 4 != 0 || mods.size() > 80 || !AllDigits(mods)))
      Issue(ColumnOf(4), fmt::format("修飾語コード (項目5) は4桁の数字を最大20個続けたものです: {}",
                                     Quote(mods)));
    if (F(6) == "01") {
      dg.main = 1;
    } else if (!F(6).empty()) {
      Issue(ColumnOf(6), fmt::format("主傷病 (項目7) は \"01\" か空欄です: {}", Quote(F(6))));
    }
    batch_.diagnoses.push_back(dg);
    ++cur_.diagnosis_count;
  }

  void DentalDiagnosis() {
    // HS: 1 診療開始日, 2 転帰区分, 3 歯式, 4 傷病名コード, 9 主傷病 (layout unconfirmed).
    Diagnosis dg;
    dg.receipt = static_cast<std::uint32_t>(batch_.receipts.size());
    dg.record = record_index_;
    ClaimDate d;
    if (!F(1).empty() && Day(1, false, d, "診療開始日")) dg.start_date = d.value;
    std::int64_t v = 0;
    if (!F(2).empty() && Num(2, 1, false, v, "転帰区分")) dg.outcome = static_cast<std::uint8_t>(v);
    if (Code(4, 7, "傷病名コード")) dg.code = Digits(F(4));
    if (F(9) == "01") dg.main = 1;
    batch_.diagnoses.push_back(dg);
    ++cur_.diagnosis_count;
  }

  // SI / IY / TO of 医科 (and DPC): 1 診療識別, 2 負担区分, 3 code, 4 数量/使用量, 5 点数,
  // 6 回数, comments, then days 1–31 from `day0` (13; TO: 17).
  void MedicalItem(std::size_t day0) {
    Item it = NewItem();
    Category(1);
    it.category = category_;
    Burden(2, it);
    if (Code(3, 9, "コード")) it.code = Digits(F(3));
    std::int64_t v = 0;
    if (type_ == kSI) {
      if (Num(4, 8, false, v, "数量データ")) it.quantity = v == kNone ? kNone : v * 100000;
    } else {
      Decimal(4, "使用量", it.quantity);
    }
    if (Num(5, 7, false, v, "点数")) it.points = static_cast<std::int32_t>(v);
    if (Num(6, 3, true, v, "回数")) it.count = static_cast<std::int32_t>(v);
    const std::size_t first_comment = type_ == kTO ? 11 : 7;
    for (std::size_t k = first_comment; k < first_comment + 6; k += 2)
      if (!F(k).empty()) Code(k, 9, "コメントコード");
    if (type_ == kTO) {
      Num(7, 3, false, v, "単位コード");
      std::int64_t price = 0;
      Decimal(8, "単価", price);
    }
    Days(day0, it);
    Unit(it);
    CommitItem(it);
  }

  void Comment() {
    Item it = NewItem();
    Category(1);
    it.category = category_;
    Burden(2, it);
    if (Code(3, 9, "コメントコード")) it.code = Digits(F(3));
    if (!unit_open_) {
      ++unit_id_;
      unit_open_ = true;
      unit_has_item_ = false;
      unit_count_ = -1;
    }
    it.unit = unit_id_;
    CommitItem(it);
  }

  // SS of 歯科: 1 診療識別, 2 負担区分, 3 code, 4 数量1, 76 点数, 77 回数, 78–108 days.
  void DentalItem() {
    Item it = NewItem();
    Category(1);
    it.category = category_;
    Burden(2, it);
    if (Code(3, 9, "コード")) it.code = Digits(F(3));
    std::int64_t v = 0;
    if (Num(4, 8, false, v, "数量データ")) it.quantity = v == kNone ? kNone : v * 100000;
    if (Num(76, 7, false, v, "点数")) it.points = static_cast<std::int32_t>(v);
    if (Num(77, 3, true, v, "回数")) it.count = static_cast<std::int32_t>(v);
    Days(78, it);
    Unit(it);
    CommitItem(it);
  }

  // 調剤 IY / TO: 1 負担区分, 2 code, 3 使用量; CZ: 5 調剤数量, 6 負担区分, 9 code, 10 点数.
  void PharmacyItem() {
    Item it = NewItem();
    std::int64_t v = 0;
    if (type_ == kCZ) {
      Burden(6, it);
      if (!F(9).empty() && Code(9, 9, "コード")) it.code = Digits(F(9));
      if (Num(5, 3, false, v, "調剤数量")) it.quantity = v == kNone ? kNone : v * 100000;
      if (Num(10, 7, false, v, "点数")) it.points = static_cast<std::int32_t>(v);
    } else {
      Burden(1, it);
      if (Code(2, 9, "コード")) it.code = Digits(F(2));
      Decimal(3, "使用量", it.quantity);
    }
    CommitItem(it);
  }

  Item NewItem() const {
    Item it;
    it.receipt = static_cast<std::uint32_t>(batch_.receipts.size());
    it.record = record_index_;
    it.type = type_;
    it.first_day = static_cast<std::uint32_t>(batch_.days.size());
    return it;
  }

  void CommitItem(const Item& it) {
    batch_.items.push_back(it);
    ++cur_.item_count;
  }

  // 診療識別 (2 digits): a line that carries one starts a new 一連.
  void Category(std::size_t k) {
    if (F(k).empty()) {
      if (category_ == 0 && type_ != kCO)
        Warn(line_no_, ColumnOf(k), "診療識別がまだ記録されていない摘要行です");
      return;
    }
    std::int64_t v = 0;
    if (!Num(k, 2, false, v, "診療識別")) return;
    if (unit_open_ && unit_has_item_)
      Warn(line_no_, ColumnOf(k), "前の点数・回数算定単位が点数なしで終わっています");
    unit_open_ = false;  // a new 一連 starts a new unit
    category_ = static_cast<std::uint8_t>(v);
  }

  // The 点数・回数算定単位: lines accumulate until one carries 点数 (docs/claims-format.md);
  // every line of a unit has the same 回数 (記録条件仕様: "同一の回数を記録する").
  void Unit(Item& it) {
    if (!unit_open_) {
      ++unit_id_;
      unit_open_ = true;
      unit_has_item_ = false;
      unit_count_ = -1;
    }
    it.unit = unit_id_;
    if (unit_has_item_ && it.count >= 0 && unit_count_ >= 0 && it.count != unit_count_)
      Warn(line_no_, ColumnOf(type_ == kSS ? 77 : 6),
           fmt::format("同じ点数・回数算定単位の中で回数が違います ({} と {})", unit_count_,
                       it.count));
    unit_has_item_ = true;
    if (it.count >= 0) unit_count_ = it.count;
    if (it.points >= 0) unit_open_ = false;
  }

  // Day counts 1–31 from field `day0`; Σ must equal 回数 (from 2012-04).
  void Days(std::size_t day0, Item& it) {
    std::int64_t sum = 0;
    for (std::size_t d = 0; d < 31; ++d) {
      const std::string_view f = F(day0 + d);
      if (f.empty()) continue;
      std::int64_t v = 0;
      if (!Num(day0 + d, 3, false, v, "算定日の回数")) continue;
      if (v == 0) continue;
      batch_.days.push_back({static_cast<std::uint8_t>(d + 1), static_cast<std::uint16_t>(v)});
      ++it.day_count;
      sum += v;
    }
    if (it.count >= 0 && cur_.month >= kDaySumFrom && sum != it.count) {
      const std::size_t count_field = type_ == kSS ? 77 : 6;
      Issue(ColumnOf(count_field),
            fmt::format("回数 {} と算定日 (1日〜31日) の回数の合計 {} が一致しません (平成24年4月"
                        "診療以降は一致が必要: 記録条件仕様)",
                        it.count, sum));
    }
  }

  void Burden(std::size_t k, Item& it) {
    const std::string_view f = F(k);
    if (f.size() == 1 && CodeCharIndex(f[0]) >= 0) {
      it.burden = f[0];
    } else if (!f.empty() || strict_) {
      Issue(ColumnOf(k), fmt::format("負担区分 (項目{}) は英数字1文字です: {}", k + 1, Quote(f)));
    }
  }

  void CloseReceipt() {
    if (!receipt_open_) return;
    receipt_open_ = false;
    if (unit_open_ && unit_has_item_) {
      // The last unit of the receipt has no 点数.
      Warn(line_no_, 0,
           fmt::format("{}: 最後の点数・回数算定単位に点数がありません",
                       context_.empty() ? "レセプト" : context_));
    }
    const int ko = cur_.kohi_count;
    if (cur_.has_insurance == 0 && ko == 0) {
      AddReceiptError({Severity::kError, name_, receipt_first_line_, 1,
                       "保険者レコード (HO) も公費レコード (KO) もありません" + Suffix(),
                       receipt_number_});
    }
    // GO 総件数 counting rule (記録条件仕様 医科 令和4年4月版): 医療保険 1 + 公費の種数, 公費単独は
    // 公費の種数. 総合計点数 = 主保険 (HO, or the first KO for 公費単独) の合計点数.
    cur_.claim_count = static_cast<std::uint8_t>(cur_.has_insurance ? 1 + ko : ko);
    cur_.primary_points = cur_.has_insurance ? cur_.insurance_points : cur_.kohi_points[0];
    summary_.counted += cur_.claim_count;
    if (sums_ok_ && cur_.primary_points >= 0)
      summary_.points += cur_.primary_points;
    else
      summary_.sums_known = false;
    if (cur_.type > 0 && (cur_.has_insurance || ko > 0)) {
      const int payers = cur_.type / 10 % 10;
      if (payers != cur_.has_insurance + ko)
        Warn(receipt_first_line_, 0,
             fmt::format("レセプト種別 {} の3桁目 (負担者の数 {}) と HO・KO の数 {} が合いません{}",
                         cur_.type, payers, cur_.has_insurance + ko, Suffix()));
    }
    if (receipt_error_count_ > 0) {
      Quarantined q;
      q.file = opt_.file_index;
      q.receipt = receipt_number_;
      q.first_line = receipt_first_line_;
      q.line_count = receipt_lines_;
      q.bytes_offset = batch_.quarantine_bytes.size();
      for (const RawLine& rl : receipt_lines_raw_) {
        if (rl.raw_offset >= 0) {
          batch_.quarantine_bytes.append(receipt_raw_, static_cast<std::size_t>(rl.raw_offset),
                                         rl.raw_size);
        } else {
          batch_.quarantine_bytes.append(batch_.RecordText(batch_.records[rl.record]));
          batch_.quarantine_bytes.append(rl.ending == 2 ? "\r\n" : rl.ending == 1 ? "\n" : "");
        }
      }
      q.bytes_size = batch_.quarantine_bytes.size() - q.bytes_offset;
      q.reasons = std::move(receipt_errors_);
      q.reason_count = receipt_error_count_;
      batch_.quarantine.push_back(std::move(q));
      // Roll the batch back to where the receipt began.
      batch_.text.resize(mark_.text);
      batch_.records.resize(mark_.records);
      batch_.items.resize(mark_.items);
      batch_.days.resize(mark_.days);
      batch_.diagnoses.resize(mark_.diagnoses);
      ++summary_.receipts_quarantined;
    } else {
      batch_.receipts.push_back(cur_);
      ++summary_.receipts_accepted;
    }
    receipt_errors_ = {};
    Flush(false);
  }

  void Flush(bool final) {
    if (!opt_.on_block) return;
    const bool full = opt_.block_receipts > 0 && batch_.receipts.size() >= opt_.block_receipts;
    const bool any = !batch_.receipts.empty() || !batch_.quarantine.empty();
    if ((full || final) && any) {
      opt_.on_block(batch_);
      batch_.Clear();
    }
  }

  // ---- fields ------------------------------------------------------------------------

  // Reads field k as an unsigned number of at most `digits` digits. An empty field is
  // kNone when not required. Returns false (and reports) when it cannot be read.
  bool Num(std::size_t k, int digits, bool required, std::int64_t& v, std::string_view what,
           bool personal = false) {
    const std::string_view f = F(k);
    if (f.empty()) {
      v = kNone;
      if (!required) return true;
      Issue(ColumnOf(k), fmt::format("{} (項目{}) が記録されていません", what, k + 1));
      return false;
    }
    if (!AllDigits(f) || f.size() > static_cast<std::size_t>(digits)) {
      Issue(ColumnOf(k),
            fmt::format("{} (項目{}) は{}桁以内の半角数字です: {}{}", what, k + 1, digits,
                        personal ? "(値は個人情報のため表示しません)" : Quote(f),
                        HasFullWidthDigit(f) ? " (全角数字は使えません)" : ""));
      return false;
    }
    std::int64_t x = 0;
    for (char c : f) x = x * 10 + (c - '0');
    v = x;
    return true;
  }

  // A code of exactly `digits` digits.
  bool Code(std::size_t k, int digits, std::string_view what) {
    const std::string_view f = F(k);
    if (f.size() == static_cast<std::size_t>(digits) && AllDigits(f)) return true;
    Issue(ColumnOf(k),
          fmt::format("{} (項目{}) は{}桁の半角数字です: {}{}", what, k + 1, digits, Quote(f),
                      HasFullWidthDigit(f) ? " (全角数字は使えません)" : ""));
    return false;
  }

  // A decimal with up to 5 integer and 5 decimal digits, as × 100000.
  void Decimal(std::size_t k, std::string_view what, std::int64_t& out) {
    const std::string_view f = F(k);
    out = kNone;
    if (f.empty()) return;
    const std::size_t dot = f.find('.');
    const std::string_view ip = f.substr(0, dot);
    const std::string_view fp =
        dot == std::string_view::npos ? std::string_view() : f.substr(dot + 1);
    const bool ok = (AllDigits(ip) || (ip.empty() && !fp.empty())) && ip.size() <= 5 &&
                    fp.size() <= 5 && (fp.empty() ? dot == std::string_view::npos : AllDigits(fp));
    if (!ok) {
      Issue(ColumnOf(k), fmt::format("{} (項目{}) は整数部5桁・小数部5桁以内の半角数字です: {}",
                                     what, k + 1, Quote(f)));
      return;
    }
    std::int64_t v = 0;
    for (char c : ip) v = v * 10 + (c - '0');
    std::int64_t frac = 0;
    for (std::size_t i = 0; i < 5; ++i) frac = frac * 10 + (i < fp.size() ? fp[i] - '0' : 0);
    out = v * 100000 + frac;
  }

  bool Month(std::size_t k, bool required, ClaimDate& d, std::string_view what) {
    return DateField(k, required, d, what, false, false);
  }
  bool Day(std::size_t k, bool required, ClaimDate& d, std::string_view what,
           bool personal = false) {
    return DateField(k, required, d, what, true, personal);
  }
  bool DateField(std::size_t k, bool required, ClaimDate& d, std::string_view what, bool day,
                 bool personal) {
    const std::string_view f = F(k);
    if (f.empty()) {
      if (required)
        Issue(ColumnOf(k), fmt::format("{} (項目{}) が記録されていません", what, k + 1));
      return false;
    }
    const DateIssue issue = day ? ParseClaimDay(f, d) : ParseClaimMonth(f, d);
    if (issue == DateIssue::kNone) return true;
    Issue(ColumnOf(k),
          fmt::format(
              "{} (項目{}) が読めません: {}{}", what, k + 1, DateIssueText(issue),
              personal ? " (値は個人情報のため表示しません)" : fmt::format(": {}", Quote(f))));
    return false;
  }

  // ---- diagnostics -------------------------------------------------------------------

  // A problem in the current line: an error, except for records of unconfirmed layouts
  // (a warning: our field positions for those are not confirmed).
  void Issue(std::uint32_t column, std::string message) {
    if (bucket_ == Bucket::kReceipt && !strict_) {
      Warn(line_no_, column, message + " (未確認のレイアウトのため警告)");
      return;
    }
    issues_.push_back({column, std::move(message)});
  }

  // Sends the issues of the current line to its bucket.
  void EmitIssues() {
    for (LineIssue& i : issues_) {
      if (bucket_ == Bucket::kReceipt)
        ReceiptError(i.column, std::move(i.message));
      else
        FileError(line_no_, i.column, std::move(i.message));
    }
    issues_.clear();
  }

  std::string Suffix() const { return context_.empty() ? "" : fmt::format(" [{}]", context_); }

  void ReceiptError(std::uint32_t column, std::string message) {
    AddReceiptError(
        {Severity::kError, name_, line_no_, column, message + Suffix(), receipt_number_});
  }

  void AddReceiptError(Diagnostic d) {
    ++receipt_error_count_;
    ++summary_.errors;
    if (receipt_errors_.size() < Quarantined::kMaxReasons) receipt_errors_.push_back(d);
    Keep(std::move(d));
  }

  void FileError(std::uint32_t line, std::uint32_t column, std::string message) {
    ++summary_.errors;
    Keep({Severity::kError, name_, line, column, std::move(message), -1});
  }

  void Warn(std::uint32_t line, std::uint32_t column, std::string message) {
    ++summary_.warnings;
    const bool in_receipt = receipt_open_ && bucket_ == Bucket::kReceipt;
    Keep({Severity::kWarning, name_, line, column, in_receipt ? message + Suffix() : message,
          in_receipt ? receipt_number_ : -1});
  }

  void Keep(Diagnostic d) {
    if (diags_.size() < opt_.max_diagnostics) diags_.push_back(std::move(d));
  }

  // A line outside any receipt: an error, its bytes quarantined on their own.
  void Stray(std::string message) {
    bucket_ = Bucket::kStray;
    Quarantined q;
    q.file = opt_.file_index;
    q.first_line = line_no_;
    q.line_count = 1;
    q.bytes_offset = batch_.quarantine_bytes.size();
    q.bytes_size = raw_line_.size();
    batch_.quarantine_bytes.append(raw_line_);
    Diagnostic d{Severity::kError, name_, line_no_, 1, std::move(message), -1};
    q.reasons.push_back(d);
    q.reason_count = 1;
    for (LineIssue& i : issues_) {
      Diagnostic e{Severity::kError, name_, line_no_, i.column, std::move(i.message), -1};
      if (q.reasons.size() < Quarantined::kMaxReasons) q.reasons.push_back(e);
      ++q.reason_count;
      ++summary_.errors;
      Keep(std::move(e));
    }
    issues_.clear();
    ++summary_.errors;
    Keep(std::move(d));
    batch_.quarantine.push_back(std::move(q));
    ++summary_.stray_lines;
  }

  // ---- state -------------------------------------------------------------------------

  std::string name_;
  ParseOptions opt_;
  ClaimBatch batch_;
  FileSummary summary_;
  std::vector<Diagnostic> diags_;
  std::string pending_;
  std::uint32_t line_no_ = 0;
  State state_ = State::kStart;
  Bucket bucket_ = Bucket::kStray;
  Encoding enc_ = Encoding::kAuto;
  Table table_ = Table::kUnknown;
  std::vector<const RecordLayout*> layouts_;
  bool eof_seen_ = false;
  bool prefix_decided_ = false;
  bool strict_ = true;

  // The current line.
  std::string_view raw_line_;
  std::string decoded_;
  std::string_view text_;
  std::array<std::string_view, kMaxFields> fields_;
  std::size_t nfields_ = 0;
  std::size_t prefix_ = 0;
  RecordCode type_ = 0;
  std::vector<LineIssue> issues_;
  std::uint32_t record_index_ = 0;

  // The current receipt.
  struct Mark {
    std::size_t text = 0, records = 0, items = 0, days = 0, diagnoses = 0;
  } mark_;
  bool receipt_open_ = false;
  Receipt cur_;
  // How to give back the original bytes of each line of the current receipt.
  struct RawLine {
    std::uint32_t record = 0;      // its record (the text when nothing was decoded)
    std::int64_t raw_offset = -1;  // else its bytes in receipt_raw_
    std::uint32_t raw_size = 0;
    std::uint8_t ending = 0;  // 0 none, 1 LF, 2 CRLF
  };
  std::vector<RawLine> receipt_lines_raw_;
  std::string receipt_raw_;
  std::uint32_t receipt_first_line_ = 0, receipt_lines_ = 0;
  std::vector<Diagnostic> receipt_errors_;
  std::uint32_t receipt_error_count_ = 0;
  std::int64_t receipt_number_ = -1;
  std::int64_t last_number_ = -1;
  std::string context_;
  int ho_count_ = 0;
  std::uint8_t category_ = 0;
  bool unit_open_ = false, unit_has_item_ = false;
  std::uint32_t unit_id_ = 0;
  std::int32_t unit_count_ = -1;
  bool sums_ok_ = true;
};

Parser::Parser(std::string file_name, ParseOptions options)
    : impl_(std::make_unique<Impl>(std::move(file_name), std::move(options))) {}
Parser::~Parser() = default;
void Parser::Feed(std::string_view bytes) { impl_->Feed(bytes); }
void Parser::Finish() { impl_->Finish(); }
void Parser::Reset(std::string file_name, ParseOptions options) {
  impl_->Reset(std::move(file_name), std::move(options));
}
ClaimBatch& Parser::batch() { return impl_->batch(); }
const FileSummary& Parser::summary() const { return impl_->summary(); }
const std::vector<Diagnostic>& Parser::diagnostics() const { return impl_->diagnostics(); }
std::vector<Diagnostic> Parser::TakeDiagnostics() { return impl_->TakeDiagnostics(); }

ParseResult ParseClaims(std::string_view bytes, std::string file_name, ParseOptions options) {
  options.on_block = nullptr;
  Parser p(std::move(file_name), std::move(options));
  p.Feed(bytes);
  p.Finish();
  ParseResult r;
  r.file = p.summary();
  r.batch = std::move(p.batch());
  r.diagnostics = p.TakeDiagnostics();
  return r;
}

}  // namespace kokuho::claims
