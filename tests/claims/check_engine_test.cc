// The 二次点検 engine on hand-written receipts: one worked example per rule kind (縦覧 T01–T03,
// 横覧 Y01–Y03, 突合 K01–K05), the cases that must not fire next to each, and the same
// findings whether months are checked together or one at a time after the earlier months.
#include "claims/check_engine.h"

#include <gtest/gtest.h>

#include <set>

#include "check_test_util.h"

namespace kokuho::claims {
namespace {

using check_test::MedFile;
using check_test::Person;
using check_test::PharmacyFile;
using check_test::ViewOf;

// The rules of these examples (a table written here, not the bundled one, so each example
// states the rule it relies on).
RuleTable TestRules() {
  RuleTable t;
  auto freq = [&](const char* code, const char* period, int limit, bool across = false) {
    FrequencyRule r;
    r.code = static_cast<std::uint32_t>(std::stoul(code));
    r.name = code;
    EXPECT_TRUE(ParsePeriod(period, r.period)) << period;
    r.limit = limit;
    r.across_institutions = across;
    r.source = std::string("test ") + code;
    t.frequency.push_back(r);
  };
  freq("160010010", "月", 1);          // HbA1c 月1回
  freq("160999910", "3月", 1);         // 3月に1回
  freq("180999910", "患者当たり", 1);  // 患者1人につき1回
  freq("114999910", "月", 1, true);    // 1人の患者につき1医療機関, 月1回
  freq("140000610", "週", 2);          // 週2回 (日曜–土曜)
  t.first_visit = {{111000110, "初診料", "A000"}};
  t.first_visit_source = "A000 留意事項";
  t.prescription_fee = {{120002910, "処方箋料", "F400"}};
  t.drug_days = {{"1129009", 0, "ゾルピデム", 30, false, "告示107号 第10"}};
  t.drug_dose = {{"1129009F1", 0, "ゾルピデム5mg", 200000, "添付文書"}};
  t.indication = {{"396", 0, "糖尿病用剤", {"E10", "E11", "E12", "E13", "E14"}, "薬効396"}};
  // 背反: 初診料 × 再診料 on one day (背反区分 1: 初診料 stays); 週 (区分 2: ② stays); 同時
  // (区分 3: either, the 主たる = more 点数 stays); 同一月 with 特例条件 (区分 1).
  auto excl = [&](std::uint32_t a, std::uint32_t b, const char* unit, KeepSide keep,
                  bool special = false) {
    ExclusiveRule r;
    r.code1 = a;
    r.code2 = b;
    EXPECT_TRUE(ParsePairUnit(unit, r.unit)) << unit;
    r.keep = keep;
    r.special = special;
    r.source = fmt::format("test 背反 {}", unit);
    t.exclusive.push_back(r);
  };
  excl(111000110, 112007410, "日", KeepSide::kFirst);
  excl(140111110, 140222210, "週", KeepSide::kSecond);
  excl(150111110, 150222210, "同時", KeepSide::kEither);
  excl(180111110, 180222210, "月", KeepSide::kFirst, true);
  // 包括: 113999910 includes 160999810 in its month; 140333310 includes 140444410 on its day
  // (特例条件).
  InclusiveRule g;
  g.code = 113999910;
  g.unit = PairUnit::kMonth;
  g.included = {{160999810, "包括される検査", false}};
  g.source = "test 包括 月";
  t.inclusive.push_back(g);
  g.code = 140333310;
  g.unit = PairUnit::kDay;
  g.included = {{140444410, "包括される処置", true}};
  g.source = "test 包括 日";
  t.inclusive.push_back(g);
  return t;
}

// A drug master: 629901 ゾルピデム (一般名 1129009F1ZZZ), 629902 糖尿病薬 (3962002F1ZZZ), and
// 傷病名 2500013 (E119), 4659007 (J069).
MasterSet Masters() {
  MasterSet m;
  auto drug = [&](const char* code, const char* generic, const char* name) {
    MasterEntry e;
    e.code = code;
    e.name = name;
    e.extra = generic;
    e.price = 1000;
    e.form = 1;
    m.Add(MasterKind::kDrug, e);
  };
  drug("629900001", "1129009F1ZZZ", "ゾルピデム錠５ｍｇ");
  drug("629900002", "3962002F1ZZZ", "糖尿病薬錠");
  auto disease = [&](const char* code, const char* icd) {
    MasterEntry e;
    e.code = code;
    e.name = code;
    e.extra = icd;
    m.Add(MasterKind::kDisease, e);
  };
  disease("2500013", "E119");
  disease("4659007", "J069");
  return m;
}

struct Checks {
  InstitutionTable institutions;
  FixedRules rules{TestRules()};
  MasterSet masters = Masters();
  CheckEngine engine{rules, institutions, {&masters}};
  std::vector<Finding> findings;
  void Month(const std::vector<std::pair<std::string, std::string>>& files, bool report = true) {
    engine.AddMonth(ViewOf(files, institutions), findings, report);
  }
  std::vector<std::string> Codes() const {
    std::vector<std::string> out;
    for (const Finding& f : findings) out.push_back(f.rule);
    return out;
  }
};

std::pair<std::string, std::string> F(const MedFile& f) { return {f.Name(), f.Bytes()}; }
std::pair<std::string, std::string> F(const PharmacyFile& f) { return {f.Name(), f.Bytes()}; }

TEST(CheckEngine, T01MonthlyLimitWithinOneReceipt) {
  // HbA1c (月1回) on the 3rd and the 17th: the 17th is one over. Its unit bills 49 × 2 = 98
  // 点, so 49 点 (one 回) are at stake.
  Checks r;
  MedFile f("1000001", 202406);
  f.Add(Person{}, "202405").Sy("2500013", "20240401", 1).Si("60", "160010010", 49, {3, 17});
  r.Month({F(f)});
  ASSERT_EQ(r.Codes(), std::vector<std::string>{"T01"});
  const Finding& x = r.findings[0];
  EXPECT_EQ(x.severity, CheckSeverity::kError);
  EXPECT_EQ(x.points, 49);
  EXPECT_EQ(x.code, 160010010u);
  EXPECT_EQ(x.receipts[0].number, 1u);
  EXPECT_EQ(x.lines, std::vector<std::uint32_t>{5});  // IR, RE, HO, SY, SI
  EXPECT_NE(x.reason.find("月に1回まで"), std::string::npos) << x.reason;
  // Once a month is fine, also on two receipts of two institutions (the limit is per
  // institution).
  Checks ok;
  MedFile a("1000001", 202406), b("1000002", 202406);
  a.Add(Person{}, "202405").Si("60", "160010010", 49, {3});
  b.Add(Person{}, "202405").Si("60", "160010010", 49, {17});
  ok.Month({F(a), F(b)});
  EXPECT_TRUE(ok.findings.empty());
}

TEST(CheckEngine, T01ThreeMonthWindowAcrossMonths) {
  // 160999910 is 3月に1回: used in 2024-03 and again in 2024-05 (2 months later, inside the
  // window of 3 calendar months 03–05) → T01 on the May receipt; a use in 2024-08 is 3
  // months after May (window 06–08) → none.
  Checks r;
  auto month = [&](int billing, const char* m, bool use = true) {
    MedFile f("1000001", billing);
    f.Add(Person{}, m).Si("12", "112007410", 75, {10});
    if (use) f.Si("60", "160999910", 120, {10});
    r.Month({F(f)});
  };
  month(202404, "202403");
  EXPECT_TRUE(r.findings.empty());
  month(202405, "202404", false);  // no use in April
  month(202406, "202405");
  ASSERT_EQ(r.Codes(), std::vector<std::string>{"T01"});
  EXPECT_EQ(r.findings[0].receipts[0].month, 202405);
  ASSERT_EQ(r.findings[0].receipts.size(), 2u);  // the March receipt as evidence
  EXPECT_EQ(r.findings[0].receipts[1].month, 202403);
  EXPECT_EQ(r.findings[0].points, 120);
  month(202409, "202408");
  EXPECT_EQ(r.findings.size(), 1u);
}

TEST(CheckEngine, T01WeekIsSundayToSaturday) {
  // 140000610 週2回. June 2024: the 2nd is a Sunday, the 8th a Saturday, the 9th a Sunday.
  // Uses on 2, 5, 8 (one week: 3 > 2) → T01 for the 8th; uses on 8, 9, 10 → two weeks, fine.
  Checks r;
  MedFile f("1000001", 202407);
  f.Add(Person{}, "202406").Si("40", "140000610", 52, {2, 5, 8});
  Person q;
  q.number = "９９９９";
  f.Add(q, "202406").Si("40", "140000610", 52, {8, 9, 10});
  r.Month({F(f)});
  ASSERT_EQ(r.Codes(), std::vector<std::string>{"T01"});
  EXPECT_EQ(r.findings[0].receipts[0].number, 1u);
  EXPECT_EQ(r.findings[0].points, 52);
}

TEST(CheckEngine, T02FirstVisitWhileTheLastEpisodeIsOpen) {
  // May: 再診 on 5/20 with 2型糖尿病 継続 (転帰 1). June: 初診料 on 6/10 — less than a month
  // after 5/20 (up to 6/19) with the 傷病名 still open → T02 (291 点 at stake).
  Checks r;
  MedFile may("1000001", 202406);
  may.Add(Person{}, "202405").Sy("2500013", "20240401", 1).Si("12", "112007410", 75, {20});
  r.Month({F(may)});
  MedFile june("1000001", 202407);
  june.Add(Person{}, "202406").Sy("2500013", "20240401", 1).Si("11", "111000110", 291, {10});
  r.Month({F(june)});
  ASSERT_EQ(r.Codes(), std::vector<std::string>{"T02"});
  EXPECT_EQ(r.findings[0].points, 291);
  EXPECT_EQ(r.findings[0].receipts[1].month, 202405);
  EXPECT_NE(r.findings[0].reason.find("2024年5月20日"), std::string::npos) << r.findings[0].reason;
}

TEST(CheckEngine, T02NotAfterAMonthNorAfterCure) {
  // 初診 on 6/20 is a month after 5/20 (the same day of the next month): a new 初診 is
  // allowed (A000: 1月以上経過). And after a 治ゆ (転帰 2) in May, 6/10 is fine.
  for (const auto& [outcome, day] : std::vector<std::pair<int, int>>{{1, 20}, {2, 10}}) {
    Checks r;
    MedFile may("1000001", 202406);
    may.Add(Person{}, "202405").Sy("4659007", "20240520", outcome).Si("12", "112007410", 75, {20});
    r.Month({F(may)});
    MedFile june("1000001", 202407);
    june.Add(Person{}, "202406").Sy("4659007", "20240610", 1).Si("11", "111000110", 291, {day});
    r.Month({F(june)});
    EXPECT_TRUE(r.findings.empty()) << outcome << " " << day;
  }
}

TEST(CheckEngine, T02AfterTheLastDayOfALongerMonth) {
  // The last visit on 5/31 (継続): June has no 31st, so the month ends on 6/30, June's last
  // day (the same day of the next month, clamped). 初診料 on 6/29 → T02; on 6/30 a month has
  // passed → none. (The generator once planted 6/30 as a case: issue 17, 2 of 2,182 missed.)
  for (const auto& [day, expected] : std::vector<std::pair<int, bool>>{{29, true}, {30, false}}) {
    Checks r;
    MedFile may("1000001", 202406);
    may.Add(Person{}, "202405").Sy("2500013", "20240401", 1).Si("12", "112007410", 75, {31});
    r.Month({F(may)});
    MedFile june("1000001", 202407);
    june.Add(Person{}, "202406").Sy("2500013", "20240401", 1).Si("11", "111000110", 291, {day});
    r.Month({F(june)});
    EXPECT_EQ(r.Codes(), expected ? std::vector<std::string>{"T02"} : std::vector<std::string>{})
        << day;
  }
}

TEST(CheckEngine, T03OncePerPatient) {
  Checks r;
  MedFile a("1000001", 202405), b("1000001", 202408);
  a.Add(Person{}, "202404").Si("13", "180999910", 300, {8});
  b.Add(Person{}, "202407").Si("13", "180999910", 300, {2});
  r.Month({F(a)});
  r.Month({F(b)});
  ASSERT_EQ(r.Codes(), std::vector<std::string>{"T03"});
  EXPECT_EQ(r.findings[0].receipts[0].month, 202407);
  EXPECT_EQ(r.findings[0].points, 300);
}

TEST(CheckEngine, Y01Y02OutpatientDuringAStay) {
  // Hospital 1000009: admitted 6/10, 入院基本料 every day 10–20 (the 20th may be the
  // discharge day, the 10th is the admission day: neither counts). 再診 at the same hospital
  // on the 15th → Y01 (エラー); at clinic 1000001 on the 15th → Y02 (要確認); at clinic
  // 1000002 on the 10th and the 20th → nothing; a 調剤 on the 16th → Y02.
  Checks r;
  MedFile hosp("1000009", 202407, "テスト病院");
  std::vector<int> stay;
  for (int d = 10; d <= 20; ++d) stay.push_back(d);
  hosp.Add(Person{}, "202406", "1111", "20240610", "", 11).Si("90", "190117710", 1500, stay);
  hosp.Add(Person{}, "202406").Si("12", "112007410", 75, {15});
  MedFile c1("1000001", 202407), c2("1000002", 202407);
  c1.Add(Person{}, "202406").Si("12", "112007410", 75, {15});
  c2.Add(Person{}, "202406").Si("12", "112007410", 75, {10, 20});
  PharmacyFile ph("4000001", 202407);
  ph.Add(Person{}, "202406", "1000002", 10, 16, {{"629900009", "1", 14, 2}});  // no rule
  c2.Si("80", "120002910", 60, {10});
  r.Month({F(hosp), F(c1), F(c2), F(ph)});
  const std::vector<std::string> want = {"Y01", "Y02", "Y02"};
  EXPECT_EQ(r.Codes(), want);
  for (const Finding& f : r.findings) {
    EXPECT_EQ(f.receipts[1].institution, r.findings[0].receipts[1].institution);  // the stay
    if (f.rule == "Y01") EXPECT_EQ(f.severity, CheckSeverity::kError);
    if (f.rule == "Y02") EXPECT_EQ(f.severity, CheckSeverity::kReview);
  }
}

TEST(CheckEngine, Y03PatientWideLimitAcrossInstitutions) {
  // 114999910: 1人の患者につき1医療機関、月1回. Clinic A bills it on the 5th, clinic B on
  // the 12th → Y03 on B's receipt (the second use).
  Checks r;
  MedFile a("1000001", 202407), b("1000002", 202407);
  a.Add(Person{}, "202406").Si("14", "114999910", 400, {5});
  b.Add(Person{}, "202406").Si("14", "114999910", 400, {12});
  r.Month({F(a), F(b)});
  ASSERT_EQ(r.Codes(), std::vector<std::string>{"Y03"});
  EXPECT_EQ(r.findings[0].receipts[0].file, b.Name());
  EXPECT_EQ(r.findings[0].points, 400);
}

TEST(CheckEngine, K01K02PrescriberReceipts) {
  Checks r;
  PharmacyFile ph("4000001", 202407);
  // K01: the prescriber 1000005 has no receipt for the person this month.
  ph.Add(Person{}, "202406", "1000005", 3, 3, {{"629900002", "1", 14, 2}});
  // K02 (no fee at all): clinic 1000001 billed no 処方箋料.
  ph.Add(Person{}, "202406", "1000001", 4, 4, {{"629900002", "1", 14, 2}});
  // K02 (other day): clinic 1000002 billed the 処方箋料 on the 6th, the 処方月日 is the 7th.
  ph.Add(Person{}, "202406", "1000002", 7, 7, {{"629900002", "1", 14, 2}});
  // Fine: clinic 1000003, 処方箋料 on the 8th = 処方月日.
  ph.Add(Person{}, "202406", "1000003", 8, 8, {{"629900002", "1", 14, 2}});
  MedFile c1("1000001", 202407), c2("1000002", 202407), c3("1000003", 202407);
  c1.Add(Person{}, "202406").Sy("2500013", "20240401", 1).Si("12", "112007410", 75, {4});
  c2.Add(Person{}, "202406").Sy("2500013", "20240401", 1).Si("12", "112007410", 75, {6});
  c2.Si("80", "120002910", 60, {6});
  c3.Add(Person{}, "202406").Sy("2500013", "20240401", 1).Si("12", "112007410", 75, {8});
  c3.Si("80", "120002910", 60, {8});
  r.Month({F(ph), F(c1), F(c2), F(c3)});
  const std::vector<std::string> want = {"K01", "K02", "K02"};
  ASSERT_EQ(r.Codes(), want);
  EXPECT_EQ(r.findings[0].receipts[0].number, 1u);
  EXPECT_EQ(r.findings[1].receipts[0].number, 2u);
  EXPECT_EQ(r.findings[2].receipts[0].number, 3u);
  // K02's points: the 剤's 調剤料 24 + 薬剤料 2 × 14 = 52.
  EXPECT_EQ(r.findings[1].points, 24 + 28);
}

TEST(CheckEngine, K03K04K05Drugs) {
  // ゾルピデム (一般名 1129009F1ZZZ): 60 日分 > 30 → K03 with 薬剤料 × 30/60 at stake
  // (2 点 × 60 = 120 → 60); 1日4錠 > 2 → K04; 糖尿病薬 (薬効 396) while the prescriber's
  // receipt has only 上気道炎 (J069) → K05.
  Checks r;
  PharmacyFile ph("4000001", 202407);
  ph.Add(Person{}, "202406", "1000001", 5, 5,
         {{"629900001", "1", 60, 2}, {"629900001", "4", 14, 2}, {"629900002", "1", 28, 1}});
  MedFile c("1000001", 202407);
  c.Add(Person{}, "202406").Sy("4659007", "20240605", 1).Si("12", "112007410", 75, {5});
  c.Si("80", "120002910", 60, {5});
  r.Month({F(ph), F(c)});
  const std::vector<std::string> want = {"K03", "K04", "K05"};
  ASSERT_EQ(r.Codes(), want);
  EXPECT_EQ(r.findings[0].points, 60);
  EXPECT_EQ(r.findings[0].severity, CheckSeverity::kError);
  EXPECT_EQ(r.findings[1].severity, CheckSeverity::kReview);
  EXPECT_EQ(r.findings[2].severity, CheckSeverity::kReview);
  // With a 糖尿病 傷病名 on the prescriber's receipt, no K05.
  Checks ok;
  PharmacyFile ph2("4000001", 202407);
  ph2.Add(Person{}, "202406", "1000001", 5, 5, {{"629900002", "1", 28, 1}});
  MedFile c2("1000001", 202407);
  c2.Add(Person{}, "202406").Sy("2500013", "20240401", 1).Si("80", "120002910", 60, {5});
  ok.Month({F(ph2), F(c2)});
  EXPECT_TRUE(ok.findings.empty());
}

TEST(CheckEngine, H01SameDayPairKeepsTheSideTheTableNames) {
  // 初診料 × 再診料, 1日, 背反区分 1 (初診料 stays). 初診料 on the 3rd; 再診料 on the 3rd and
  // the 17th (one line, 2 回, 75 点 per 回). Only the 3rd's 再診料 must go: 75 点 at stake, on
  // the 再診料 line (IR 1, RE 2, HO 3, 初診料 4, 再診料 5).
  Checks r;
  MedFile f("1000001", 202406);
  f.Add(Person{}, "202405").Si("11", "111000110", 291, {3}).Si("12", "112007410", 75, {3, 17});
  r.Month({F(f)});
  ASSERT_EQ(r.Codes(), std::vector<std::string>{"H01"});
  const Finding& x = r.findings[0];
  EXPECT_EQ(x.severity, CheckSeverity::kError);
  EXPECT_EQ(x.code, 112007410u);
  EXPECT_EQ(x.points, 75);
  EXPECT_EQ(x.lines, std::vector<std::uint32_t>{5});
  EXPECT_EQ(x.receipts.size(), 1u);  // the partner is on the same receipt
  EXPECT_NE(x.reason.find("同じ日に"), std::string::npos) << x.reason;
  EXPECT_NE(x.reason.find("2024年5月3日"), std::string::npos) << x.reason;
  EXPECT_EQ(x.reason.find("17日"), std::string::npos) << x.reason;
  EXPECT_EQ(x.source, "test 背反 日");
  // The other order of the lines changes nothing; on different days there is no finding.
  Checks swapped;
  MedFile g("1000001", 202406);
  g.Add(Person{}, "202405").Si("12", "112007410", 75, {3}).Si("11", "111000110", 291, {3});
  swapped.Month({F(g)});
  ASSERT_EQ(swapped.Codes(), std::vector<std::string>{"H01"});
  EXPECT_EQ(swapped.findings[0].code, 112007410u);
  EXPECT_EQ(swapped.findings[0].lines, std::vector<std::uint32_t>{4});
  Checks ok;
  MedFile h("1000001", 202406);
  h.Add(Person{}, "202405").Si("11", "111000110", 291, {3}).Si("12", "112007410", 75, {17});
  ok.Month({F(h)});
  EXPECT_TRUE(ok.findings.empty());
}

TEST(CheckEngine, H01SameMonthAcrossTheInpatientAndOutpatientReceipts) {
  // 180111110 × 180222210, 同一月, 背反区分 1 (① stays), 特例条件 → 要確認. At one hospital in
  // June 2024: ② on the 入院 receipt (the 10th, 200 点), ① on the 入院外 receipt (the 25th).
  // ② must go: 200 点 on the 入院 receipt, the 入院外 receipt as evidence. At two
  // institutions the pair is no case (the table is per 医療機関).
  Checks r;
  MedFile f("1000009", 202407, "テスト病院");
  f.Add(Person{}, "202406", "1111", "20240601").Si("13", "180222210", 200, {10});
  f.Add(Person{}, "202406").Si("13", "180111110", 100, {25});
  r.Month({F(f)});
  ASSERT_EQ(r.Codes(), std::vector<std::string>{"H01"});
  const Finding& x = r.findings[0];
  EXPECT_EQ(x.severity, CheckSeverity::kReview);
  EXPECT_EQ(x.code, 180222210u);
  EXPECT_EQ(x.points, 200);
  ASSERT_EQ(x.receipts.size(), 2u);
  EXPECT_EQ(x.receipts[0].number, 1u);  // the 入院 receipt
  EXPECT_EQ(x.receipts[1].number, 2u);  // the 入院外 receipt
  EXPECT_NE(x.reason.find("特例条件"), std::string::npos) << x.reason;
  EXPECT_NE(x.reason.find("同じ月に"), std::string::npos) << x.reason;
  Checks ok;
  MedFile a("1000009", 202407, "テスト病院"), b("1000001", 202407);
  a.Add(Person{}, "202406", "1111", "20240601").Si("13", "180222210", 200, {10});
  b.Add(Person{}, "202406").Si("13", "180111110", 100, {25});
  ok.Month({F(a), F(b)});
  EXPECT_TRUE(ok.findings.empty());
}

TEST(CheckEngine, H01SimultaneousMeansTheSameReceiptAndDay) {
  // 150111110 (1,000 点) × 150222210 (600 点), 同時, 背反区分 3 (either): on one receipt on
  // the 5th, the 主たる (1,000 点) stays and 150222210 goes: 600 点. The same pair on the 5th
  // of two receipts (入院 and 入院外), or on the 5th and the 6th of one receipt: none.
  Checks r;
  MedFile f("1000001", 202406);
  f.Add(Person{}, "202405").Si("50", "150222210", 600, {5}).Si("50", "150111110", 1000, {5});
  r.Month({F(f)});
  ASSERT_EQ(r.Codes(), std::vector<std::string>{"H01"});
  EXPECT_EQ(r.findings[0].code, 150222210u);
  EXPECT_EQ(r.findings[0].points, 600);
  // レセ電 has no time of day: "the same receipt and day" is a reading, so 要確認.
  EXPECT_EQ(r.findings[0].severity, CheckSeverity::kReview);
  EXPECT_NE(r.findings[0].reason.find("いずれか一方"), std::string::npos);
  Checks ok;
  MedFile g("1000009", 202406);
  g.Add(Person{}, "202405", "1111", "20240501").Si("50", "150222210", 600, {5});
  g.Add(Person{}, "202405").Si("50", "150111110", 1000, {5});
  Person q;
  q.number = "９９９９";
  g.Add(q, "202405").Si("50", "150222210", 600, {5}).Si("50", "150111110", 1000, {6});
  ok.Month({F(g)});
  EXPECT_TRUE(ok.findings.empty());
}

TEST(CheckEngine, H01WeekCrossesTheMonth) {
  // 140111110 (①, 52 点) × 140222210 (②, 40 点), 1週間 (日曜–土曜), 背反区分 2 (② stays).
  // 2024-06-30 is a Sunday: its week runs to Saturday 7/6. June is checked first (history),
  // then July:
  //   person 1: ① on 6/30 (June's receipt), ② on 7/3 (July's) → ① must go, but it was billed
  //     in the earlier 請求年月: the finding is on July's ② line (the run reports on its own
  //     month's receipts), 要確認, 52 点 (①'s), June's receipt as the one to ask 再審査 for;
  //   person 2: ① on Saturday 6/29, ② on Monday 7/1 → two weeks, none;
  //   person 3: ② on 6/30, ① on 7/2 → ① (July's) goes: H01 エラー on it, 52 点.
  Checks r;
  Person p2, p3;
  p2.number = "９９９９";
  p3.number = "８８８８";
  MedFile june("1000001", 202407), july("1000001", 202408);
  june.Add(Person{}, "202406").Si("40", "140111110", 52, {30});
  june.Add(p2, "202406").Si("40", "140111110", 52, {29});
  june.Add(p3, "202406").Si("40", "140222210", 40, {30});
  july.Add(Person{}, "202407").Si("40", "140222210", 40, {3});
  july.Add(p2, "202407").Si("40", "140222210", 40, {1});
  july.Add(p3, "202407").Si("40", "140111110", 52, {2});
  r.Month({F(june)}, /*report=*/false);
  r.Month({F(july)});
  ASSERT_EQ(r.Codes(), (std::vector<std::string>{"H01", "H01"}));
  const Finding& earlier = r.findings[0];  // receipt 1
  EXPECT_EQ(earlier.receipts[0].month, 202407);
  EXPECT_EQ(earlier.receipts[0].number, 1u);
  EXPECT_EQ(earlier.code, 140222210u);
  EXPECT_EQ(earlier.points, 52);
  EXPECT_EQ(earlier.severity, CheckSeverity::kReview);
  ASSERT_EQ(earlier.receipts.size(), 2u);
  EXPECT_EQ(earlier.receipts[1].month, 202406);
  EXPECT_EQ(earlier.receipts[1].number, 1u);
  EXPECT_NE(earlier.reason.find("2024年6月30日"), std::string::npos) << earlier.reason;
  EXPECT_NE(earlier.reason.find("以前に請求"), std::string::npos) << earlier.reason;
  const Finding& now = r.findings[1];  // receipt 3
  EXPECT_EQ(now.receipts[0].number, 3u);
  EXPECT_EQ(now.code, 140111110u);
  EXPECT_EQ(now.points, 52);
  EXPECT_EQ(now.severity, CheckSeverity::kError);
  EXPECT_NE(now.reason.find("2024年7月2日"), std::string::npos) << now.reason;
}

TEST(CheckEngine, H01LateClaimAndHowLongPairUsesAreKept) {
  // 請求 2024-06: 再診料 on 5/10 (person 1). 請求 2024-07: a 月遅れ receipt of 診療 2024-05 with
  // 初診料 on 5/10 → 初診料 × 再診料 (1日, 区分 1: 初診料 stays): 再診料 must go, but it was
  // billed in June: H01 要確認 on July's 初診料 line, 75 点 (再診料's). The uses of pair-only
  // codes are kept while a claim one month late can still meet them: after July, the May
  // uses (再診料, 初診料) and person 1's last visit make the history (3); after August (person
  // 2, a code without rules) the May uses are dropped (2 → 2 last visits).
  Checks r;
  Person p2;
  p2.number = "９９９９";
  MedFile june("1000001", 202406), july("1000001", 202407), august("1000001", 202408);
  june.Add(Person{}, "202405").Si("12", "112007410", 75, {10});
  july.Add(Person{}, "202405").Si("11", "111000110", 291, {10});
  august.Add(p2, "202407").Si("60", "160000190", 10, {1});
  r.Month({F(june)});
  r.Month({F(july)});
  ASSERT_EQ(r.Codes(), std::vector<std::string>{"H01"});
  EXPECT_EQ(r.findings[0].receipts[0].billing_month, 202407);
  EXPECT_EQ(r.findings[0].code, 111000110u);
  EXPECT_EQ(r.findings[0].points, 75);
  EXPECT_EQ(r.findings[0].severity, CheckSeverity::kReview);
  EXPECT_EQ(r.engine.HistorySize(), 3u);
  r.Month({F(august)});
  EXPECT_EQ(r.engine.HistorySize(), 2u);
  EXPECT_EQ(r.findings.size(), 1u);
}

TEST(CheckEngine, H02IncludedCodesOfTheGroup) {
  // 113999910 includes 160999810 in its month: the main code on the 3rd, the included one on
  // the 3rd and the 24th (one line, 2 回 × 40 点) → both uses go, 80 点, 2024年5月3日・24日.
  // The included code alone in June: none. 140333310 includes 140444410 on its day (特例条件
  // → 要確認): the same day → H02; the next day → none.
  Checks r;
  MedFile may("1000001", 202406), june("1000001", 202407);
  may.Add(Person{}, "202405")
      .Si("13", "113999910", 250, {3})
      .Si("60", "160999810", 40, {3, 24})
      .Si("40", "140333310", 100, {7})
      .Si("40", "140444410", 30, {7, 8});
  june.Add(Person{}, "202406").Si("60", "160999810", 40, {5});
  r.Month({F(may)});
  r.Month({F(june)});
  ASSERT_EQ(r.Codes(), (std::vector<std::string>{"H02", "H02"}));
  const Finding& month = r.findings[0];  // line 5, before line 7
  EXPECT_EQ(month.code, 160999810u);
  EXPECT_EQ(month.points, 80);
  EXPECT_EQ(month.severity, CheckSeverity::kError);
  EXPECT_NE(month.reason.find("2024年5月3日・24日"), std::string::npos) << month.reason;
  EXPECT_NE(month.reason.find("包括"), std::string::npos) << month.reason;
  const Finding& day = r.findings[1];
  EXPECT_EQ(day.code, 140444410u);
  EXPECT_EQ(day.points, 30);  // the 7th only
  EXPECT_EQ(day.severity, CheckSeverity::kReview);
  EXPECT_EQ(day.source, "test 包括 日");
}

TEST(CheckEngine, DifferentPeopleAreNotMixed) {
  // The same 記号・番号 (a household) but another 生年月日: another person.
  Checks r;
  Person child;
  child.birth = "20100505";
  MedFile f("1000001", 202406);
  f.Add(Person{}, "202405").Si("60", "160010010", 49, {3});
  f.Add(child, "202405").Si("60", "160010010", 49, {17});
  r.Month({F(f)});
  EXPECT_TRUE(r.findings.empty());
}

TEST(CheckEngine, TogetherOrOneMonthAtATimeGiveTheSameFindings) {
  // Three months with findings of every 縦覧 kind; checking all at once equals the union of
  // checking each month after reading the months before as history.
  auto month = [](int billing) {
    const std::string m = std::to_string(billing - 1);
    MedFile f("1000001", billing);
    f.Add(Person{}, m).Sy("2500013", "20240101", 1).Si("12", "112007410", 75, {20});
    f.Si("60", "160999910", 120, {20}).Si("13", "180999910", 300, {20});
    if (billing == 202405) f.Si("11", "111000110", 291, {3});
    // 背反 1週間 across the months (the 30th/31st and the 1st–2nd share a week in some
    // months) and 包括 in each month.
    f.Si("40", billing % 2 ? "140111110" : "140222210", 52, {1, 2, 30});
    f.Si("13", "113999910", 250, {5}).Si("60", "160999810", 40, {6});
    return std::vector<std::pair<std::string, std::string>>{F(f)};
  };
  const std::vector<int> months = {202403, 202404, 202405};
  Checks all;
  for (int b : months) all.Month(month(b));
  EXPECT_FALSE(all.findings.empty());
  std::set<std::string> kinds;
  for (const Finding& f : all.findings) kinds.insert(f.rule);
  for (const char* k : {"T01", "T02", "T03", "H01", "H02"}) EXPECT_TRUE(kinds.count(k)) << k;
  std::vector<Finding> one_by_one;
  for (std::size_t k = 0; k < months.size(); ++k) {
    Checks r;
    for (std::size_t j = 0; j < k; ++j) r.Month(month(months[j]), /*report=*/false);
    r.Month(month(months[k]));
    one_by_one.insert(one_by_one.end(), r.findings.begin(), r.findings.end());
  }
  SortFindings(one_by_one);
  EXPECT_EQ(one_by_one, all.findings);
}

TEST(CheckEngine, FindingsNameNoPersonalData) {
  Checks r;
  MedFile f("1000001", 202406);
  f.Add(Person{}, "202405").Si("60", "160010010", 49, {3, 17});
  r.Month({F(f)});
  ASSERT_FALSE(r.findings.empty());
  for (const Finding& x : r.findings)
    for (const std::string& s : {x.reason, x.source})
      for (const char* p : {"テスト　太郎", "19600101", "３４５６", "100016"})
        EXPECT_EQ(s.find(p), std::string::npos) << p << " in " << s;
}

}  // namespace
}  // namespace kokuho::claims
