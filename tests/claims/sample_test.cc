// The real 医科 sample (receiptisan RECEIPTC_GAIRAI_SAMPLE.UKE, MIT; tests/data/claims/SOURCE.md)
// read field by field, its GO totals derived by the counting rule, and written back byte
// for byte.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "claims/parser.h"
#include "claims/submission.h"
#include "claims/writer.h"
#include "claims_test_util.h"

namespace kokuho::claims {
namespace {

using claims_test::SampleBytes;

class SampleTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    result_ = new ParseResult(ParseClaims(SampleBytes(), "SAMPLE.UKE"));
  }
  static void TearDownTestSuite() { delete result_; }
  static const ParseResult& r() { return *result_; }
  static ParseResult* result_;
};
ParseResult* SampleTest::result_ = nullptr;

TEST_F(SampleTest, ReadsEveryReceiptWithoutErrors) {
  EXPECT_EQ(r().file.table, Table::kMedical);
  EXPECT_EQ(r().file.encoding, Encoding::kCp932);
  EXPECT_EQ(r().file.lines, 636u);
  EXPECT_EQ(r().file.bytes, 38775u);
  EXPECT_EQ(r().file.receipts_read, 75u);
  EXPECT_EQ(r().file.receipts_accepted, 75u);
  EXPECT_EQ(r().file.receipts_quarantined, 0u);
  EXPECT_EQ(r().file.errors, 0u);
  EXPECT_TRUE(r().batch.quarantine.empty());
  // The one warning: receipt 66 was born (2021-11-11) after its 診療年月 (2021-10) — a
  // plausibility check, not a rule of the 記録条件仕様; the message names no value.
  ASSERT_EQ(r().diagnostics.size(), 1u);
  EXPECT_EQ(r().diagnostics[0].severity, Severity::kWarning);
  EXPECT_EQ(r().diagnostics[0].line, 563u);
  EXPECT_EQ(r().diagnostics[0].column, 27u);
  EXPECT_EQ(r().diagnostics[0].receipt, 66);
  EXPECT_EQ(r().diagnostics[0].message.find("20211111"), std::string::npos);
}

TEST_F(SampleTest, EveryLineHasTheFieldCountOfItsRecordType) {
  // Counted by hand with awk on the decoded file: IR 10, RE 38, HO 15, KO 12, SN 9, SY 8,
  // SI 44, IY 44, CO 5, GO 4 — the counts of layout.h; and per type, how many lines.
  std::map<std::string, std::pair<int, std::set<int>>> seen;
  const ClaimBatch& b = r().batch;
  for (const Record& rec : b.records) {
    char t[3];
    auto& s = seen[std::string(RecordCodeText(rec.type, t))];
    ++s.first;
    s.second.insert(rec.field_count);
    const RecordLayout* l = FindLayout(Table::kMedical, rec.type);
    ASSERT_NE(l, nullptr);
    EXPECT_EQ(rec.field_count, l->fields) << "line " << rec.line;
  }
  EXPECT_EQ(seen["RE"].first, 75);
  EXPECT_EQ(seen["HO"].first, 69);
  EXPECT_EQ(seen["KO"].first, 71);
  EXPECT_EQ(seen["SN"].first, 2);
  EXPECT_EQ(seen["SY"].first, 9);
  EXPECT_EQ(seen["SI"].first, 320);
  EXPECT_EQ(seen["IY"].first, 32);
  EXPECT_EQ(seen["CO"].first, 56);
  // 1 IR + 634 receipt lines + 1 GO = 636.
  EXPECT_EQ(b.records.size(), 634u);
  EXPECT_EQ(b.items.size(), 320u + 32u + 56u);
  EXPECT_EQ(b.diagnoses.size(), 9u);
  EXPECT_EQ(r().file.header_records.size(), 1u);
  EXPECT_EQ(r().file.trailer_records.front(), "GO,140,86392,99");
}

TEST_F(SampleTest, HeaderFields) {
  // IR,1,12,1,0000000,,,202111,00,05012345678
  EXPECT_EQ(r().file.payer, 1);
  EXPECT_EQ(r().file.prefecture, 12);
  EXPECT_EQ(r().file.institution, "0000000");
  EXPECT_EQ(r().file.billing_month, 202111);
  EXPECT_EQ(r().file.volume, 0);
  EXPECT_EQ(r().file.go_volume, 99);
}

TEST_F(SampleTest, FirstReceiptFieldByField) {
  // RE,1,1122,202110,テスト　汎用,1,19911121,…  HO,01010016,１,１,1,13642,…
  // KO,83136019,1111111,,1,677,1354,,,,,
  const ClaimBatch& b = r().batch;
  const Receipt& rc = b.receipts[0];
  EXPECT_EQ(rc.number, 1u);
  EXPECT_EQ(rc.type, 1122);
  EXPECT_EQ(rc.month, 202110);
  EXPECT_EQ(rc.sex, 1);
  EXPECT_EQ(rc.birth_date, 19911121);
  EXPECT_EQ(rc.has_insurance, 1);
  EXPECT_EQ(rc.kohi_count, 1);
  EXPECT_EQ(rc.insurance_points, 13642);
  EXPECT_EQ(rc.insurance_days, 1);
  EXPECT_EQ(rc.kohi_points[0], 677);
  EXPECT_EQ(rc.primary_points, 13642);
  EXPECT_EQ(rc.claim_count, 2);
  const Record& re = b.records[rc.first_record];
  EXPECT_EQ(b.Field(re, 4), "テスト　汎用");  // full-width space kept as written
  EXPECT_EQ(b.Field(re, 36), "テストハンヨウ");
  const Record& ho = b.records[rc.first_record + 1];
  EXPECT_EQ(b.Field(ho, 2), "１");  // full-width 記号 kept raw; only keys are normalised
  // Three 傷病名: 2500013 (主), and two 未コード化 (0000999) named in the record.
  ASSERT_EQ(rc.diagnosis_count, 3u);
  const auto dgs = b.DiagnosesOf(rc);
  EXPECT_EQ(dgs[0].code, 2500013u);
  EXPECT_EQ(dgs[0].start_date, 20210801);
  EXPECT_EQ(dgs[0].outcome, 1);
  EXPECT_EQ(dgs[0].main, 1);
  EXPECT_EQ(dgs[1].code, 999u);
  EXPECT_EQ(b.Field(b.records[dgs[1].record], 5), "テスト");
}

TEST_F(SampleTest, CalculationUnitsOfReceipt3) {
  // Receipt 3 (lines 36–54), 診療識別 60 検査: "SI,60,…,160068410,,,1", "SI,,…,160093810,,,1",
  // "SI,,…,160155390,,,1", "SI,,…,160155390,,3671,1" form one 算定単位 of 3671 点 × 1: the
  // 点数 only on the last line, the 識別 only on the first (spec/receipts.md §1.4).
  const ClaimBatch& b = r().batch;
  const Receipt& rc = b.receipts[2];
  ASSERT_EQ(rc.number, 3u);
  const auto items = b.ItemsOf(rc);
  ASSERT_GE(items.size(), 5u);
  // items[0]: SI,50,…,150183410,,7000,1 — a unit of its own.
  EXPECT_EQ(items[0].category, 50);
  EXPECT_EQ(items[0].points, 7000);
  for (int i = 1; i <= 4; ++i) {
    EXPECT_EQ(items[i].category, 60) << i;
    EXPECT_EQ(items[i].unit, items[1].unit) << i;
  }
  EXPECT_NE(items[1].unit, items[0].unit);
  EXPECT_EQ(items[1].points, -1);
  EXPECT_EQ(items[4].points, 3671);
  EXPECT_EQ(items[4].BilledPoints(), 3671);
  // Σ 点数 × 回数 over the receipt = HO 合計点数 14,321 (7000 + 3671 + 221 + 2159 + 1270).
  std::int64_t billed = 0;
  for (const Item& it : items) billed += it.BilledPoints();
  EXPECT_EQ(billed, 14321);
  EXPECT_EQ(rc.insurance_points, 14321);
}

TEST_F(SampleTest, DayCountsAddUpToTheCount) {
  // Every SI/IY line of the sample (診療年月 2021-10, after 2012-04) has Σ day counts = 回数.
  const ClaimBatch& b = r().batch;
  int checked = 0;
  for (const Item& it : b.items) {
    if (it.type == RecordCodeOf("CO")) continue;
    int sum = 0;
    for (const DayCount& d : b.DaysOf(it)) sum += d.count;
    EXPECT_EQ(sum, it.count);
    ++checked;
  }
  EXPECT_EQ(checked, 352);
}

TEST_F(SampleTest, GoTotalsFollowTheCountingRule) {
  // 総件数: 65 receipts with HO + 1 KO count 2 each (130), 4 with HO only count 1 (4), 6
  // 公費単独 with one KO count 1 (6): 130 + 4 + 6 = 140 — not 75, the RE count.
  int ho_ko = 0, ho_only = 0, kohi_only = 0;
  std::int64_t counted = 0, points = 0;
  for (const Receipt& rc : r().batch.receipts) {
    if (rc.has_insurance && rc.kohi_count == 1) ++ho_ko;
    if (rc.has_insurance && rc.kohi_count == 0) ++ho_only;
    if (!rc.has_insurance && rc.kohi_count == 1) ++kohi_only;
    counted += rc.claim_count;
    points += rc.primary_points;
  }
  EXPECT_EQ(ho_ko, 65);
  EXPECT_EQ(ho_only, 4);
  EXPECT_EQ(kohi_only, 6);
  EXPECT_EQ(counted, 140);
  EXPECT_EQ(points, 86392);  // Σ HO 合計点数, and the KO 合計点数 of the 6 公費単独
  EXPECT_EQ(r().file.go_count, 140);
  EXPECT_EQ(r().file.go_points, 86392);
  std::vector<FileSummary> files{r().file};
  EXPECT_TRUE(CheckSubmissions(files).empty());
}

TEST_F(SampleTest, WritesBackByteForByte) {
  EXPECT_EQ(WriteUke(r().file, r().batch), SampleBytes());
}

TEST_F(SampleTest, AnyChunkingGivesTheSameResult) {
  const std::string bytes = SampleBytes();
  for (std::size_t chunk : {1u, 7u, 64u, 4096u}) {
    Parser p("SAMPLE.UKE");
    for (std::size_t i = 0; i < bytes.size(); i += chunk)
      p.Feed(std::string_view(bytes).substr(i, chunk));
    p.Finish();
    EXPECT_EQ(p.batch().text, r().batch.text) << chunk;
    EXPECT_EQ(p.batch().items.size(), r().batch.items.size()) << chunk;
    EXPECT_EQ(p.summary().counted, 140) << chunk;
  }
}

TEST_F(SampleTest, BlocksHandOverCompleteReceipts) {
  // 10 receipts a block: 8 blocks (7 × 10 + 5), together the same receipts.
  std::vector<std::size_t> sizes;
  std::string text;
  ParseOptions o;
  o.block_receipts = 10;
  o.on_block = [&](const ClaimBatch& b) {
    sizes.push_back(b.receipts.size());
    for (const Receipt& rc : b.receipts)
      for (const Record& rec : b.RecordsOf(rc)) text += std::string(b.RecordText(rec)) + "\n";
  };
  Parser p("SAMPLE.UKE", o);
  p.Feed(SampleBytes());
  p.Finish();
  EXPECT_EQ(sizes, (std::vector<std::size_t>{10, 10, 10, 10, 10, 10, 10, 5}));
  std::string whole;
  for (const Record& rec : r().batch.records)
    whole += std::string(r().batch.RecordText(rec)) + "\n";
  EXPECT_EQ(text, whole);
}

}  // namespace
}  // namespace kokuho::claims
