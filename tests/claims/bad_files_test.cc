// Broken レセ電 files: each problem is an error at file:line:column, the receipt it is in is
// quarantined whole (its original bytes kept), and every other receipt is read as usual.
#include <gtest/gtest.h>

#include <algorithm>

#include "claims/cp932.h"
#include "claims/parser.h"
#include "claims/submission.h"
#include "claims_test_util.h"

namespace kokuho::claims {
namespace {

using claims_test::SampleBytes;

// The sample's lines (CP932 bytes, without CRLF).
std::vector<std::string> SampleLines() {
  const std::string b = SampleBytes();
  std::vector<std::string> lines;
  std::size_t pos = 0;
  while (pos < b.size()) {
    const std::size_t nl = b.find("\r\n", pos);
    lines.push_back(b.substr(pos, nl - pos));
    pos = nl + 2;
  }
  return lines;
}
std::string Join(const std::vector<std::string>& lines) {
  std::string s;
  for (const std::string& l : lines) s += l + "\r\n";
  return s;
}

std::vector<Diagnostic> Errors(const ParseResult& r) {
  std::vector<Diagnostic> e;
  for (const Diagnostic& d : r.diagnostics)
    if (d.severity == Severity::kError) e.push_back(d);
  std::vector<FileSummary> files{r.file};
  for (const Diagnostic& d : CheckSubmissions(files))
    if (d.severity == Severity::kError) e.push_back(d);
  return e;
}

// The receipt numbers accepted.
std::vector<std::uint32_t> Accepted(const ParseResult& r) {
  std::vector<std::uint32_t> n;
  for (const Receipt& rc : r.batch.receipts) n.push_back(rc.number);
  return n;
}
std::vector<std::uint32_t> AllBut(std::uint32_t skip) {
  std::vector<std::uint32_t> n;
  for (std::uint32_t i = 1; i <= 75; ++i)
    if (i != skip) n.push_back(i);
  return n;
}

TEST(BadFiles, FieldDroppedFromAnSiLine) {
  // Line 8 is receipt 1's "SI,11,2,111000110,,288,1,…" (44 fields); drop its 回数 field.
  auto lines = SampleLines();
  ASSERT_EQ(lines[7].substr(0, 22), "SI,11,2,111000110,,288");
  lines[7].erase(22, 2);  // ",1" → 43 fields; 回数 is now the first comment field (empty)
  const ParseResult r = ParseClaims(Join(lines), "bad.UKE");
  const auto e = Errors(r);
  ASSERT_FALSE(e.empty());
  EXPECT_EQ(e[0].file, "bad.UKE");
  EXPECT_EQ(e[0].line, 8u);
  EXPECT_NE(e[0].message.find("項目数が 43"), std::string::npos) << e[0].message;
  EXPECT_NE(e[0].message.find("44 項目のはず"), std::string::npos);
  EXPECT_EQ(e[0].receipt, 1);
  // Receipt 1 quarantined with its 30 lines (2–31), the other 74 accepted as before.
  EXPECT_EQ(Accepted(r), AllBut(1));
  ASSERT_EQ(r.batch.quarantine.size(), 1u);
  const Quarantined& q = r.batch.quarantine[0];
  EXPECT_EQ(q.receipt, 1);
  EXPECT_EQ(q.first_line, 2u);
  EXPECT_EQ(q.line_count, 30u);
  std::string original;
  for (int i = 1; i < 31; ++i) original += lines[i] + "\r\n";
  EXPECT_EQ(r.batch.quarantine_bytes.substr(q.bytes_offset, q.bytes_size), original);
  // The GO totals still hold: the quarantined receipt is counted (its HO was readable).
  std::vector<FileSummary> files{r.file};
  EXPECT_TRUE(CheckSubmissions(files).empty());
}

TEST(BadFiles, FieldAddedToAReLine) {
  auto lines = SampleLines();
  ASSERT_EQ(lines[31].substr(0, 5), "RE,2,");
  lines[31] += ",";  // 39 fields; the error points at the extra field (the line's end)
  const ParseResult r = ParseClaims(Join(lines), "bad.UKE");
  const auto e = Errors(r);
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].line, 32u);
  EXPECT_NE(e[0].message.find("項目数が 39"), std::string::npos) << e[0].message;
  // The extra field 38 (0-based) starts at the end of the line; columns count characters:
  // the decoded line (with its two 5-character katakana names) now has 75 characters.
  std::string decoded;
  std::size_t bad = 0;
  ASSERT_TRUE(AppendCp932AsUtf8(lines[31], decoded, bad));
  EXPECT_EQ(Utf8CharCount(decoded), 75);
  EXPECT_EQ(e[0].column, 76u);
  EXPECT_EQ(Accepted(r), AllBut(2));
}

TEST(BadFiles, WrongGoTotals) {
  auto lines = SampleLines();
  lines.back() = "GO,141,86392,99";
  ParseResult r = ParseClaims(Join(lines), "bad.UKE");
  auto e = Errors(r);
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].line, 636u);
  EXPECT_EQ(e[0].column, 4u);  // "GO," then 総件数
  EXPECT_NE(e[0].message.find("総件数 141"), std::string::npos);
  EXPECT_NE(e[0].message.find("140"), std::string::npos);
  EXPECT_EQ(Accepted(r).size(), 75u);  // nothing lost

  lines.back() = "GO,140,86393,99";
  r = ParseClaims(Join(lines), "bad.UKE");
  e = Errors(r);
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].column, 8u);
  EXPECT_NE(e[0].message.find("総合計点数 86393"), std::string::npos);
  EXPECT_NE(e[0].message.find("86392"), std::string::npos);
}

TEST(BadFiles, Truncated) {
  // Cut in the middle of line 300: the last receipt is incomplete, GO is missing.
  const std::string b = SampleBytes();
  auto lines = SampleLines();
  std::string cut;
  for (int i = 0; i < 299; ++i) cut += lines[i] + "\r\n";
  cut += lines[299].substr(0, 20);
  const ParseResult r = ParseClaims(cut, "cut.UKE");
  const auto e = Errors(r);
  ASSERT_GE(e.size(), 2u);
  EXPECT_EQ(e[0].line, 300u);  // the partial line: too few fields
  EXPECT_NE(e[0].message.find("項目数"), std::string::npos);
  bool missing_go = false;
  for (const auto& d : e) missing_go |= d.message.find("GO") != std::string::npos && d.line == 300u;
  EXPECT_TRUE(missing_go);
  // Every receipt before the cut is accepted; the cut one is quarantined.
  EXPECT_EQ(r.file.receipts_quarantined, 1u);
  EXPECT_EQ(r.file.receipts_accepted + 1, r.file.receipts_read);
}

TEST(BadFiles, MisEncodedByte) {
  // Receipt 2's name "カキクケコ" starts with 0x83 0x4A (カ); make its lead byte 0xFD, which
  // no CP932 character starts with.
  auto lines = SampleLines();
  const std::size_t at = lines[31].find("\x83\x4A");
  ASSERT_NE(at, std::string::npos);
  lines[31][at] = '\xFD';
  const ParseResult r = ParseClaims(Join(lines), "enc.UKE");
  const auto e = Errors(r);
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].line, 32u);
  EXPECT_EQ(e[0].column, 18u);  // "RE,2,1112,202110," is 17 characters
  EXPECT_NE(e[0].message.find("0xFD"), std::string::npos);
  EXPECT_EQ(Accepted(r), AllBut(2));
}

TEST(BadFiles, UnknownRecordTypeIsKeptWithAWarning) {
  auto lines = SampleLines();
  lines.insert(lines.begin() + 9, "ZZ,something,new");  // line 10, inside receipt 1
  const ParseResult r = ParseClaims(Join(lines), "zz.UKE");
  EXPECT_TRUE(Errors(r).empty());
  bool warned = false;
  for (const auto& d : r.diagnostics)
    warned |= d.severity == Severity::kWarning && d.line == 10u &&
              d.message.find("ZZ") != std::string::npos;
  EXPECT_TRUE(warned);
  EXPECT_EQ(Accepted(r).size(), 75u);
  // Kept raw in receipt 1.
  bool kept = false;
  for (const Record& rec : r.batch.RecordsOf(r.batch.receipts[0]))
    kept |= r.batch.RecordText(rec) == "ZZ,something,new";
  EXPECT_TRUE(kept);
}

TEST(BadFiles, ByteFlippedInACount) {
  // Line 44, receipt 3's "SI,50,1,150183410,,7000,1,…": 7000 → 7O00 (a letter O).
  auto lines = SampleLines();
  ASSERT_EQ(lines[43].substr(0, 24), "SI,50,1,150183410,,7000,");
  lines[43][20] = 'O';
  const ParseResult r = ParseClaims(Join(lines), "flip.UKE");
  const auto e = Errors(r);
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].line, 44u);
  EXPECT_EQ(e[0].column, 20u);  // "SI,50,1,150183410,," is 19 characters
  EXPECT_NE(e[0].message.find("点数 (項目6)"), std::string::npos) << e[0].message;
  EXPECT_NE(e[0].message.find("\"7O00\""), std::string::npos);
  EXPECT_EQ(Accepted(r), AllBut(3));
}

TEST(BadFiles, DayCountsNotAddingUp) {
  // Receipt 1's first SI: 回数 1, day column 1 = 1; make the day 2.
  auto lines = SampleLines();
  const std::size_t at = lines[7].find(",1,", 26);  // the day-1 field after 6 empty comments
  ASSERT_NE(at, std::string::npos);
  lines[7][at + 1] = '2';
  const ParseResult r = ParseClaims(Join(lines), "days.UKE");
  const auto e = Errors(r);
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].line, 8u);
  EXPECT_EQ(e[0].column, 24u);  // the 回数 field: "SI,11,2,111000110,,288," is 23 characters
  EXPECT_NE(e[0].message.find("合計 2"), std::string::npos) << e[0].message;
  EXPECT_EQ(Accepted(r), AllBut(1));
}

TEST(BadFiles, ShuffledLines) {
  // A deterministic shuffle of the body (lines 2–635): the structure breaks everywhere,
  // yet every line is accounted for — in an accepted receipt, a quarantined one, or as a
  // stray line — and the file's errors say where.
  auto lines = SampleLines();
  std::vector<std::string> body(lines.begin() + 1, lines.end() - 1);
  std::uint64_t x = 12345;
  for (std::size_t i = body.size() - 1; i > 0; --i) {
    x = x * 6364136223846793005ull + 1442695040888963407ull;
    std::swap(body[i], body[(x >> 33) % (i + 1)]);
  }
  std::vector<std::string> shuffled{lines.front()};
  shuffled.insert(shuffled.end(), body.begin(), body.end());
  shuffled.push_back(lines.back());
  const ParseResult r = ParseClaims(Join(shuffled), "shuffled.UKE");
  EXPECT_FALSE(Errors(r).empty());
  EXPECT_GT(r.file.receipts_quarantined + r.file.stray_lines, 0u);
  std::uint64_t lines_kept = r.batch.records.size();
  for (const Quarantined& q : r.batch.quarantine) lines_kept += q.line_count;
  EXPECT_EQ(lines_kept, 634u);  // every body line (IR and GO are header and trailer)
  for (const Diagnostic& d : Errors(r)) {
    EXPECT_EQ(d.file, "shuffled.UKE");
    EXPECT_GT(d.line, 0u);
  }
}

TEST(BadFiles, RecordBeforeTheFirstReceiptIsAStrayLine) {
  auto lines = claims_test::OneReceiptLines();
  lines.insert(lines.begin() + 1, "HO,  100016,１２,３４,1,288,,,,,,,,,");
  const ParseResult r = ParseClaims(claims_test::Uke(lines), "stray.UKE");
  const auto e = Errors(r);
  ASSERT_GE(e.size(), 1u);
  EXPECT_EQ(e[0].line, 2u);
  EXPECT_NE(e[0].message.find("RE) より前"), std::string::npos);
  EXPECT_EQ(r.file.stray_lines, 1u);
  EXPECT_EQ(r.batch.receipts.size(), 1u);
}

TEST(BadFiles, DataAfterGo) {
  auto lines = claims_test::OneReceiptLines();
  lines.push_back(claims_test::Re(2, "1112", "202403", "", 1, "19700101", ""));
  const ParseResult r = ParseClaims(claims_test::Uke(lines), "after.UKE");
  const auto e = Errors(r);
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].line, 7u);
  EXPECT_NE(e[0].message.find("GO) の後"), std::string::npos);
  EXPECT_EQ(r.batch.receipts.size(), 1u);
}

TEST(BadFiles, ImpossibleDates) {
  // 診療年月 2024-13 and 生年月日 2月30日: both refused; the birth date is not quoted.
  auto lines = claims_test::OneReceiptLines();
  lines[1] = claims_test::Re(1, "1112", "202413", "テスト　太郎", 1, "19700230", "テストタロウ");
  const ParseResult r = ParseClaims(claims_test::Uke(lines), "date.UKE");
  const auto e = Errors(r);
  ASSERT_EQ(e.size(), 2u);
  EXPECT_EQ(e[0].column, 11u);
  EXPECT_NE(e[0].message.find("\"202413\""), std::string::npos);
  EXPECT_EQ(e[1].column, 27u);
  EXPECT_EQ(e[1].message.find("19700230"), std::string::npos) << "personal value in a message";
  EXPECT_NE(e[1].message.find("個人情報"), std::string::npos);
  EXPECT_TRUE(r.batch.receipts.empty());
}

TEST(BadFiles, FullWidthDigitsInANumberAreRefused) {
  auto lines = claims_test::OneReceiptLines();
  lines[2] = "HO,  100016,１２,３４,1,２８８,,,,,,,,,";  // 合計点数 in 全角
  const ParseResult r = ParseClaims(claims_test::Uke(lines), "wide.UKE");
  const auto e = Errors(r);
  ASSERT_GE(e.size(), 1u);
  EXPECT_EQ(e[0].line, 3u);
  EXPECT_NE(e[0].message.find("全角数字は使えません"), std::string::npos) << e[0].message;
}

TEST(BadFiles, EmptyAndHeaderless) {
  EXPECT_EQ(Errors(ParseClaims("", "empty.UKE")).size(), 1u);
  auto lines = claims_test::OneReceiptLines();
  lines.erase(lines.begin());  // no IR: read as 医科, with an error at line 1
  const ParseResult r = ParseClaims(claims_test::Uke(lines), "noheader.UKE");
  const auto e = Errors(r);
  ASSERT_FALSE(e.empty());
  EXPECT_EQ(e[0].line, 1u);
  EXPECT_EQ(r.batch.receipts.size(), 1u);  // the receipt itself is fine
}

TEST(BadFiles, NoPersonalValueInAnyMessage) {
  // Break every receipt of the sample in its HO line (合計点数 → "x") and check that no
  // message quotes a name, 記号・番号 or birth date of the file.
  auto lines = SampleLines();
  for (auto& l : lines)
    if (l.rfind("HO,", 0) == 0) {
      std::size_t c = 0;
      for (int k = 0; k < 5; ++k) c = l.find(',', c) + 1;
      l.replace(c, l.find(',', c) - c, "x");
    }
  const ParseResult r = ParseClaims(Join(lines), "p.UKE");
  EXPECT_EQ(r.file.receipts_quarantined, 69u);
  for (const Diagnostic& d : r.diagnostics) {
    for (const char* personal :
         {"テスト", "汎用", "19911121", "19910125", "６４４４０７１８", "カキクケコ"})
      EXPECT_EQ(d.message.find(personal), std::string::npos) << d.ToString();
  }
}

}  // namespace
}  // namespace kokuho::claims
