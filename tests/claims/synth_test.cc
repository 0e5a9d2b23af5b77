// The synthetic prefecture-month: deterministic by seed, all four kinds of file, read back
// without an error or warning and written back byte for byte, planted cases where the list
// says, and its distributions near the public aggregates it is calibrated on.
#include "claims/synth.h"

#include <gtest/gtest.h>

#include <map>

#include "claims/parser.h"
#include "claims/submission.h"
#include "claims/writer.h"

namespace kokuho::claims {
namespace {

std::map<std::string, std::string> Generate(const SynthOptions& o,
                                            SynthSummary* summary = nullptr) {
  std::map<std::string, std::string> files;
  SynthSummary s =
      GenerateClaims(o, [&](const std::string& n, std::string&& b) { files[n] = std::move(b); });
  if (summary) *summary = std::move(s);
  return files;
}

TEST(ClaimsSynth, SameSeedSameBytes) {
  SynthOptions o;
  o.receipts = 3000;
  o.seed = 42;
  const auto a = Generate(o), b = Generate(o);
  EXPECT_EQ(a, b);
  o.seed = 43;
  EXPECT_NE(Generate(o), a);
}

TEST(ClaimsSynth, AllFourKindsReadBackCleanAndRoundTrip) {
  SynthOptions o;
  o.receipts = 2000;
  o.months = 3;  // 頻回受診 is planted over 3 months
  o.seed = 5;
  o.plant_frequent_visits = 0.005;
  o.plant_duplicate_prescriptions = 0.005;
  SynthSummary s;
  const auto files = Generate(o, &s);
  std::map<Table, int> tables;
  bool dpc = false;
  std::vector<FileSummary> summaries;
  std::uint64_t receipts = 0;
  std::map<std::string, ParseResult> parsed;
  for (const auto& [name, bytes] : files) {
    ParseResult r = ParseClaims(bytes, name);
    for (const Diagnostic& d : r.diagnostics) ADD_FAILURE() << d.ToString();
    ++tables[r.file.table];
    dpc |= name.rfind("dpc-", 0) == 0;
    receipts += r.batch.receipts.size();
    // Back to the same bytes (CP932, CRLF).
    EXPECT_EQ(WriteUke(r.file, r.batch), bytes) << name;
    summaries.push_back(r.file);
    parsed.emplace(name, std::move(r));
  }
  for (const Diagnostic& d : CheckSubmissions(summaries)) ADD_FAILURE() << d.ToString();
  EXPECT_GT(tables[Table::kMedical], 0);
  EXPECT_GT(tables[Table::kDental], 0);
  EXPECT_GT(tables[Table::kPharmacy], 0);
  EXPECT_TRUE(dpc);
  EXPECT_EQ(receipts, s.receipts);
  // Planted cases are where the list says.
  ASSERT_FALSE(s.planted.empty());
  int frequent = 0, duplicate = 0;
  for (const PlantedFinding& p : s.planted) {
    const ParseResult& r = parsed.at(p.file);
    const Receipt* rc = nullptr;
    for (const Receipt& x : r.batch.receipts)
      if (x.number == p.receipt) rc = &x;
    ASSERT_NE(rc, nullptr) << p.id;
    EXPECT_EQ(r.batch.records[rc->first_record].line, p.line) << p.id;
    if (p.rule == "frequent_visits") {
      ++frequent;
      EXPECT_GE(rc->insurance_days, 15) << p.id;
    } else {
      ++duplicate;
      EXPECT_EQ(p.rule, "duplicate_medication");
      bool prescribed = false;  // the 処方箋料 line
      for (const Item& it : r.batch.ItemsOf(*rc)) prescribed |= it.code == 120002910u;
      EXPECT_TRUE(prescribed) << p.id;
    }
  }
  EXPECT_GT(frequent, 0);
  EXPECT_GT(duplicate, 0);
}

TEST(ClaimsSynth, CalibratedOnThePublicAggregates) {
  // docs/claims-synth.md: 1件当たり日数 入院外 1.51, 歯科 1.66 (概算医療費 令和3年度); receipt
  // shares by kind from 受診延日数 ÷ 1件当たり日数. Tolerances: ±0.1 day, ±2 points of share.
  SynthOptions o;
  o.receipts = 40000;
  o.seed = 11;
  SynthSummary s;
  const auto files = Generate(o, &s);
  double out_days = 0, out_n = 0, den_days = 0, den_n = 0;
  for (const auto& [name, bytes] : files) {
    const ParseResult r = ParseClaims(bytes, name);
    for (const Receipt& rc : r.batch.receipts) {
      if (name.rfind("ika-", 0) == 0 && rc.type % 2 == 0) {  // 入院外: even 4th digit
        out_days += rc.insurance_days;
        ++out_n;
      }
      if (name.rfind("shika-", 0) == 0) {
        den_days += rc.insurance_days;
        ++den_n;
      }
    }
  }
  EXPECT_NEAR(out_days / out_n, 1.51, 0.1);
  EXPECT_NEAR(den_days / den_n, 1.66, 0.15);
  const double n = static_cast<double>(s.receipts);
  EXPECT_NEAR(s.outpatient / n, 0.516, 0.02);
  EXPECT_NEAR((s.inpatient + s.dpc) / n, 0.014, 0.005);
  EXPECT_NEAR(s.dental / n, 0.120, 0.02);
  EXPECT_NEAR(s.pharmacy / n, 0.350, 0.02);
}

}  // namespace
}  // namespace kokuho::claims
