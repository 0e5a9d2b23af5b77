// The physical variants the reader accepts: LF or CRLF, UTF-8 (with or without BOM) or
// CP932, a trailing X'1A', no final line end, 和暦 files, insurer-side prefixes, several
// volumes of one submission.
#include <gtest/gtest.h>

#include "claims/linkage.h"
#include "claims/parser.h"
#include "claims/submission.h"
#include "claims/writer.h"
#include "claims_test_util.h"

namespace kokuho::claims {
namespace {

using claims_test::OneReceiptLines;
using claims_test::Uke;

std::size_t ErrorCount(const ParseResult& r) {
  std::size_t n = 0;
  for (const Diagnostic& d : r.diagnostics) n += d.severity == Severity::kError;
  return n;
}

TEST(Formats, OneReceiptFile) {
  const ParseResult r = ParseClaims(Uke(OneReceiptLines()), "one.UKE");
  EXPECT_EQ(ErrorCount(r), 0u) << (r.diagnostics.empty() ? "" : r.diagnostics[0].ToString());
  ASSERT_EQ(r.batch.receipts.size(), 1u);
  const Receipt& rc = r.batch.receipts[0];
  EXPECT_EQ(rc.primary_points, 288);
  EXPECT_EQ(rc.claim_count, 1);
  EXPECT_EQ(r.batch.items[0].BilledPoints(), 288);
  ASSERT_EQ(r.batch.items[0].day_count, 1);
  EXPECT_EQ(r.batch.days[0].day, 5);
  std::vector<FileSummary> f{r.file};
  EXPECT_TRUE(CheckSubmissions(f).empty());
  // Linkage key: 国保 保険者番号 right-aligned in 8 ("  100016") and 全角 記号・番号.
  EXPECT_EQ(PersonKey(r.batch, rc), "100016|12|34|");
}

TEST(Formats, LineEndsEncodingsAndEndMarker) {
  const auto lines = OneReceiptLines();
  const ParseResult base = ParseClaims(Uke(lines), "crlf.UKE");
  std::vector<std::string> variants;
  WriteOptions lf;
  lf.crlf = false;
  WriteOptions utf8;
  utf8.encoding = Encoding::kUtf8;
  WriteOptions eof;
  eof.eof_marker = true;
  for (const WriteOptions& o : {lf, utf8, eof}) {
    UkeWriter w(o);
    for (const auto& l : lines) w.AddLine(l);
    variants.push_back(w.Finish());
  }
  variants.push_back("\xEF\xBB\xBF" + variants[1]);                   // UTF-8 with BOM
  variants.push_back(variants[0].substr(0, variants[0].size() - 1));  // no final LF
  variants.push_back(Uke(lines) + "\x1A");                            // X'1A' after the last CRLF
  for (std::size_t i = 0; i < variants.size(); ++i) {
    const ParseResult r = ParseClaims(variants[i], "v.UKE");
    EXPECT_EQ(ErrorCount(r), 0u) << i;
    EXPECT_EQ(r.batch.text, base.batch.text) << i;
    EXPECT_EQ(r.file.go_points, 288) << i;
  }
  EXPECT_EQ(ParseClaims(variants[1], "u").file.encoding, Encoding::kUtf8);
  // Data after X'1A' is an error.
  const ParseResult after = ParseClaims(Uke(lines) + "\x1A\r\nRE,2\r\n", "x.UKE");
  ASSERT_EQ(ErrorCount(after), 1u);
  EXPECT_NE(after.diagnostics.back().message.find("X'1A'"), std::string::npos);
  EXPECT_EQ(after.file.stray_lines, 1u);
  // Forcing CP932 on a UTF-8 file reports the first undecodable byte.
  ParseOptions cp;
  cp.encoding = Encoding::kCp932;
  EXPECT_GT(ErrorCount(ParseClaims(variants[1], "u", cp)), 0u);
}

TEST(Formats, WarekiFile) {
  // An ORCA-style 2019 file (uke-parser uke/kokuho_201811.csv shape): 請求年月 43101 (H31.1),
  // 診療年月 43011 (H30.11), 生年月日 4060618 (H6.6.18); 回数 60 on one day for a 内服 drug.
  std::vector<std::string> lines = {
      "IR,2,13,1,1234567,,医療法人　テストクリニック,43101,00,03-0000-0000",
      "RE,1,1122,43011,保険　太郎,1,4060618,70,,,,,,00175,,,,,,,,,,,,,,,,,,,,,,,ホケンタロウ,",
      "HO,  138057,,,1,354,,,,,,,,,",
      "KO,21116017,,,1,354,0,,,,,",
      claims_test::Si("11", "111000110", "282", 1, 1),
      "IY,21,2,611170193,3,0,60,,,,,,,,,,,,,,,60,,,,,,,,,,,,,,,,,,,,,,",
      claims_test::Si("80", "120002910", "68", 1, 9),
      "GO,2,354,99"};
  const ParseResult r = ParseClaims(Uke(lines), "orca.UKE");
  EXPECT_EQ(ErrorCount(r), 0u) << (r.diagnostics.empty() ? "" : r.diagnostics[0].ToString());
  EXPECT_EQ(r.file.billing_month, 201901);
  ASSERT_EQ(r.batch.receipts.size(), 1u);
  EXPECT_EQ(r.batch.receipts[0].month, 201811);
  EXPECT_EQ(r.batch.receipts[0].birth_date, 19940618);
  EXPECT_EQ(r.batch.items[1].count, 60);
  EXPECT_EQ(r.batch.days[1].day, 9);
  EXPECT_EQ(r.batch.days[1].count, 60);
  // The raw 和暦 strings stay in the records.
  EXPECT_EQ(r.batch.Field(r.batch.records[0], 3), "43011");
}

TEST(Formats, MultiVolume) {
  // Two volumes: IR "00" with receipt 1 and a GO without totals, IR "01" with receipt 2
  // and the final GO (99) holding the totals of both: 件数 1 + 2, 点数 288 + 100.
  auto v0 = OneReceiptLines();
  v0.back() = "GO,,,01";
  std::vector<std::string> v1 = {
      "IR,2,10,1,1234567,,テスト医院,202404,01,",
      claims_test::Re(2, "1112", "202403", "テスト　花子", 2, "19800101", "テストハナコ"),
      "HO,  100016,１２,３５,1,100,,,,,,,,,",
      "KO,54136015,1234567,,1,100,0,,,,,",
      claims_test::Si("12", "112007410", "100", 1, 7),
      "GO,3,388,99"};
  const ParseResult a = ParseClaims(Uke(v0), "RECEIPTC.UKE");
  const ParseResult b = ParseClaims(Uke(v1), "RECEIPTC2.UKE");
  EXPECT_EQ(ErrorCount(a) + ErrorCount(b), 0u);
  std::vector<FileSummary> files{a.file, b.file};
  EXPECT_TRUE(CheckSubmissions(files).empty());
  // Alone, the final volume's totals do not add up, and the volume numbering has a gap.
  std::vector<FileSummary> only_last{b.file};
  const auto d = CheckSubmissions(only_last);
  ASSERT_EQ(d.size(), 3u);
  EXPECT_NE(d[0].message.find("マルチボリューム"), std::string::npos);
  EXPECT_NE(d[1].message.find("総件数 3"), std::string::npos);
}

TEST(Formats, InsurerSidePrefix) {
  // 返戻・保険者向けデータ: データ識別 / 行番号 / 枝番号 before each record.
  std::vector<std::string> lines;
  int n = 0;
  for (const std::string& l : OneReceiptLines())
    lines.push_back("01," + std::to_string(++n) + ",000," + l);
  const ParseResult r = ParseClaims(Uke(lines), "hen.UKE");
  EXPECT_TRUE(r.file.insurer_prefix);
  EXPECT_EQ(ErrorCount(r), 0u) << (r.diagnostics.empty() ? "" : r.diagnostics[0].ToString());
  ASSERT_EQ(r.batch.receipts.size(), 1u);
  EXPECT_EQ(r.batch.receipts[0].primary_points, 288);
  EXPECT_EQ(r.batch.Field(r.batch.records[0], 0), "RE");
  EXPECT_EQ(WriteUke(r.file, r.batch), Uke(lines));
}

TEST(Formats, DentalAndPharmacyHeaders) {
  // 歯科: UK then IR (点数表 3); 調剤: YK. Their layouts are not confirmed, so field-count
  // differences are warnings, never quarantines.
  const std::string dental =
      Uke({"UK,1,13,3,1234567,,テスト歯科,202404,,00", "IR,1,13,3,1234567,,テスト歯科,202404,00,",
           "RE,1,3112,202403,テスト,1,19700101,,,,,,,,,,,,,,,,,,,テスト,",
           "HO,01130012,１,２,1,438,,,,,,,,,", "GO,1,438,99"});
  const ParseResult d = ParseClaims(dental, "dental.UKE");
  EXPECT_EQ(d.file.table, Table::kDental);
  EXPECT_EQ(ErrorCount(d), 0u) << (d.diagnostics.empty() ? "" : d.diagnostics[0].ToString());
  EXPECT_EQ(d.file.go_points, 438);
  const std::string pharmacy =
      Uke({"YK,1,13,4,1234567,テスト薬局,202404,00,03-0000-0000",
           "RE,1,4112,202403,テスト,1,19700101,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,",
           "HO,01130012,１,２,1,500,,,,,,,,", "IY,1,620000237,1.5,,,,,,", "GO,1,500,99"});
  const ParseResult p = ParseClaims(pharmacy, "pharmacy.UKE");
  EXPECT_EQ(p.file.table, Table::kPharmacy);
  EXPECT_EQ(ErrorCount(p), 0u) << (p.diagnostics.empty() ? "" : p.diagnostics[0].ToString());
  ASSERT_EQ(p.batch.items.size(), 1u);
  EXPECT_EQ(p.batch.items[0].code, 620000237u);
  EXPECT_EQ(p.batch.items[0].quantity, 150000);
}

TEST(Formats, NormalizeKey) {
  EXPECT_EQ(NormalizeKey("１９Ｄ０００１"), "19D0001");
  EXPECT_EQ(NormalizeKey("  138057"), "138057");
  EXPECT_EQ(NormalizeKey("１０－２３"), "10-23");
  EXPECT_EQ(NormalizeKey("ＡＢ　１"), "AB1");
}

}  // namespace
}  // namespace kokuho::claims
