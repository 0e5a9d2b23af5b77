// The insurer's lists on hand-written receipts: one worked example per list (重複受診,
// 頻回受診, 重複服薬, 多剤服薬, 後発医薬品差額通知 and 使用割合, 医療費通知, 第三者行為) with the
// cases just below each threshold. Thresholds are the defaults of data/claims/guidance.yaml
// (ListParams): 4 institutions × 3 months, 15 days × 3 months, KDB 3×1 or 2×2, 6 drugs of
// 14 days, 差額 ≥ 300 円 per drug and person, 14 days, age 35.
#include "claims/guidance_lists.h"

#include <gtest/gtest.h>

#include <memory>
#include <set>

#include "check_test_util.h"

namespace kokuho::claims {
namespace {

using check_test::MedFile;
using check_test::Person;
using check_test::PharmacyFile;
using check_test::ViewOf;
using Files = std::vector<std::pair<std::string, std::string>>;

std::pair<std::string, std::string> F(const MedFile& f) { return {f.Name(), f.Bytes()}; }
std::pair<std::string, std::string> F(const PharmacyFile& f) { return {f.Name(), f.Bytes()}; }

MasterSet Masters() {
  MasterSet m;
  auto drug = [&](const char* code, const char* generic, std::int64_t price, bool is_generic) {
    MasterEntry e;
    e.code = code;
    e.name = std::string("薬") + code;
    e.extra = generic;
    e.price = price;
    e.generic = is_generic;
    e.form = 1;
    m.Add(MasterKind::kDrug, e);
  };
  drug("629901001", "2149999F1ZZZ", 21540, false);  // 先発 215.40 円
  drug("629901002", "2149999F1ZZZ", 4560, true);    // 後発 45.60 円
  drug("629902001", "2149044F1ZZZ", 1250, false);   // 先発 12.50 円 (1 点 either way)
  drug("629902002", "2149044F1ZZZ", 570, true);
  for (int k = 0; k < 8; ++k)  // 8 more drugs of different 薬効 for 多剤; k < 2 share 232
    drug(fmt::format("62990300{}", k).c_str(),
         (k < 2 ? fmt::format("232900{}F1ZZZ", k) : fmt::format("{}9900F1ZZZ", 110 + k)).c_str(),
         1000, true);
  auto lowest = [&](const char* generic, std::int64_t price) {
    MasterEntry e;
    e.code = generic;
    e.name = std::string("【般】") + generic;
    e.price = price;
    m.Add(MasterKind::kGenericName, e);
  };
  lowest("2149999F1ZZZ", 4560);
  lowest("2149044F1ZZZ", 570);
  auto disease = [&](const char* code, const char* name, const char* icd) {
    MasterEntry e;
    e.code = code;
    e.name = name;
    e.extra = icd;
    m.Add(MasterKind::kDisease, e);
  };
  disease("9599001", "外傷", "T149");
  disease("8833421", "高血圧症", "I10");
  return m;
}

struct Lists {
  InstitutionTable institutions;
  MasterSet masters = Masters();
  ListParams params;
  std::unique_ptr<ListEngine> engine;
  Lists() {
    params.injury_icd10 = {"S", "T0", "T1"};  // data/claims/guidance.yaml's first prefixes
    engine = std::make_unique<ListEngine>(params, institutions, &masters);
  }
  void Month(const Files& files) {
    ViewOptions o;
    o.identities = true;
    engine->AddMonth(ViewOf(files, institutions, o));
  }
};

TEST(GuidanceLists, FrequentVisitsNeedThreeMonthsInARow) {
  // Person A: 15, 16, 15 days at one clinic in 2024-04..06 → listed in all three months (run
  // 1, 2, 3). Person B: 15, 14, 15 → no month run of 3. Person C: 15 days in 04, 05 and 07 → a
  // gap in June.
  Lists l;
  Person a, b, c;
  b.number = "１１１１";
  c.number = "２２２２";
  const int days_a[] = {15, 16, 15, 0}, days_b[] = {15, 14, 15, 0}, days_c[] = {15, 15, 0, 15};
  for (int k = 0; k < 4; ++k) {
    const std::string month = std::to_string(202404 + k);
    MedFile f("1000001", 202405 + k);
    if (days_a[k]) f.Add(a, month, "1112", "", "", days_a[k]);
    if (days_b[k]) f.Add(b, month, "1112", "", "", days_b[k]);
    if (days_c[k]) f.Add(c, month, "1112", "", "", days_c[k]);
    l.Month({F(f)});
  }
  const ListResults r = l.engine->Finish();
  ASSERT_EQ(r.frequent_visits.size(), 3u);
  for (int k = 0; k < 3; ++k) {
    EXPECT_EQ(r.frequent_visits[k].month, 202404 + k);
    EXPECT_EQ(r.frequent_visits[k].run, k + 1);
    EXPECT_EQ(r.persons[r.frequent_visits[k].person].identity.number, "3456");
  }
  EXPECT_EQ(r.frequent_visits[1].days, 16);
}

TEST(GuidanceLists, DuplicateVisitsSameDiseaseAtFourInstitutions) {
  // 高血圧症 at clinics 1–4 every month of 04..06 → listed 3 times; a second person at
  // clinics 1–3 only → not (3 < 4).
  Lists l;
  Person a, b;
  b.number = "１１１１";
  for (int k = 0; k < 3; ++k) {
    const std::string month = std::to_string(202404 + k);
    Files files;
    for (int c = 1; c <= 4; ++c) {
      MedFile f("100000" + std::to_string(c), 202405 + k);
      f.Add(a, month).Sy("8833421", "20240101", 1);
      if (c <= 3) f.Add(b, month).Sy("8833421", "20240101", 1);
      files.push_back(F(f));
    }
    l.Month(files);
  }
  const ListResults r = l.engine->Finish();
  ASSERT_EQ(r.duplicate_visits.size(), 3u);
  EXPECT_EQ(r.duplicate_visits[0].disease, 8833421u);
  EXPECT_EQ(r.duplicate_visits[0].institutions.size(), 4u);
  EXPECT_EQ(r.duplicate_visits[2].run, 3);
}

TEST(GuidanceLists, DuplicateMedicationByTheKdbDefinition) {
  // 薬効 232 (一般名コード 2329000…/2329001…): person A gets it from 3 prescribers → listed
  // (3 institutions × 1 薬効); B from 2 prescribers → not; C gets 232 and 214 each from 2
  // prescribers → listed (2 institutions × 2 薬効).
  Lists l;
  Person a, b, c;
  b.number = "１１１１";
  c.number = "２２２２";
  PharmacyFile ph("4000001", 202407);
  for (const char* pr : {"1000001", "1000002", "1000003"})
    ph.Add(a, "202406", pr, 3, 3, {{"629903000", "1", 14, 1}});
  for (const char* pr : {"1000001", "1000002"})
    ph.Add(b, "202406", pr, 3, 3, {{"629903001", "1", 14, 1}});
  for (const char* pr : {"1000001", "1000002"})
    ph.Add(c, "202406", pr, 3, 3, {{"629903000", "1", 14, 1}, {"629902002", "1", 14, 1}});
  l.Month({F(ph)});
  const ListResults r = l.engine->Finish();
  ASSERT_EQ(r.duplicate_medication.size(), 2u);
  std::set<std::string> numbers;
  for (const MedicationRow& m : r.duplicate_medication)
    numbers.insert(r.persons[m.person].identity.number);
  EXPECT_EQ(numbers, (std::set<std::string>{"3456", "2222"}));
}

TEST(GuidanceLists, PolypharmacySixDrugsOfFourteenDays) {
  // A: 6 different drugs of 28 days → listed; B: 6 drugs but one for 7 days → 5 → not.
  Lists l;
  Person a, b;
  b.number = "１１１１";
  PharmacyFile ph("4000001", 202407);
  std::vector<PharmacyFile::Drug> six, five;
  for (int k = 2; k < 8; ++k) {
    six.push_back({fmt::format("62990300{}", k), "1", 28, 1});
    five.push_back({fmt::format("62990300{}", k), "1", k == 7 ? 7 : 28, 1});
  }
  ph.Add(a, "202406", "1000001", 3, 3, six);
  ph.Add(b, "202406", "1000001", 3, 3, five);
  l.Month({F(ph)});
  const ListResults r = l.engine->Finish();
  ASSERT_EQ(r.polypharmacy.size(), 1u);
  EXPECT_EQ(r.polypharmacy[0].count, 6);
  EXPECT_EQ(r.persons[r.polypharmacy[0].person].identity.number, "3456");
}

TEST(GuidanceLists, GenericNoticeWorkedExample) {
  // 先発 629901001 at 215.40 円, 最低薬価 of its 一般名 45.60 円, 1 錠 a day, 28 日:
  //   先発 22 点/日 (1 + ⌈200.40 / 10⌉), 後発 5 点/日 (1 + ⌈30.60 / 10⌉);
  //   差額 (22 − 5) × 28 = 476 点 = 4,760 円; 国保 3割: 1,428 円 → 1,430 円 (10円未満四捨五入).
  // Not listed: the cheap 先発 629902001 (12.50 円 and 5.70 円 are both 1 点: no saving), the
  // same expensive drug for 7 days (< 14), and a person aged 30 (< 35).
  Lists l;
  Person a, young;
  young.number = "１１１１";
  young.birth = "19940101";
  PharmacyFile ph("4000001", 202407);
  ph.Add(a, "202406", "1000001", 3, 3, {{"629901001", "1", 28, 22}, {"629902001", "1", 28, 1}});
  ph.Add(a, "202406", "1000002", 9, 9, {{"629901001", "1", 7, 22}});
  ph.Add(young, "202406", "1000001", 3, 3, {{"629901001", "1", 28, 22}});
  l.Month({F(ph)});
  const ListResults r = l.engine->Finish();
  ASSERT_EQ(r.generic_notice.size(), 1u);
  const GenericRow& g = r.generic_notice[0];
  EXPECT_EQ(g.brand_points, 22);
  EXPECT_EQ(g.generic_points, 5);
  EXPECT_EQ(g.saving_points, 476);
  EXPECT_EQ(g.saving_yen, 4760);
  EXPECT_EQ(g.share_tenths, 3);
  EXPECT_EQ(g.share_saving_yen, 1430);
  // 使用割合 (数量ベース) of 保険者 100016: 後発品 0; 後発品のある先発品 28 + 28 + 7 + 28 = 91 錠.
  ASSERT_EQ(r.generic_share.size(), 1u);
  EXPECT_EQ(r.generic_share[0].insurer, 100016u);
  EXPECT_EQ(r.generic_share[0].generic_quantity, 0);
  EXPECT_EQ(r.generic_share[0].brand_with_generic_quantity, 91 * 100000);
}

TEST(GuidanceLists, MedicalNotice) {
  // 合計点数 100 → 医療費 1,000 円; 負担金額 recorded 280 円 → 280; not recorded, 国保 3割 →
  // 300 円; 後期 1割 (種別 1318) → 100 円.
  Lists l;
  Person a;
  MedFile f("1000001", 202407);
  f.Add(a, "202406", "1112", "", "", 1, "", "280");
  f.Add(a, "202406", "1112");
  f.Add(a, "202406", "1318");
  l.Month({F(f)});
  const ListResults r = l.engine->Finish();
  ASSERT_EQ(r.medical_notice.size(), 3u);
  std::vector<std::int64_t> burden;
  for (const MedicalNoticeRow& n : r.medical_notice) {
    EXPECT_EQ(n.cost_yen, 1000);
    EXPECT_EQ(n.kind, 2);  // 外来
    burden.push_back(n.burden_yen);
  }
  std::sort(burden.begin(), burden.end());
  EXPECT_EQ(burden, (std::vector<std::int64_t>{100, 280, 300}));
}

TEST(GuidanceLists, ThirdPartyCandidates) {
  // 外傷 (T149) started this month, 主傷病, with 創傷処置: score 3 + 2 + 1 = 6; the same with
  // 特記事項 10 is declared; with 職務上の事由 it is not a 国保 case; 高血圧症 is no injury.
  Lists l;
  Person a, b, c, d;
  b.number = "１１１１";
  c.number = "２２２２";
  d.number = "３３３３";
  MedFile f("1000001", 202407);
  f.Add(a, "202406").Sy("9599001", "20240605", 1).Si("40", "140000610", 52, {5});
  f.Add(b, "202406", "1112", "", "10").Sy("9599001", "20240605", 1);
  f.Add(c, "202406", "1112", "", "", 1, "1").Sy("9599001", "20240605", 1);
  f.Add(d, "202406").Sy("8833421", "20240101", 1);
  l.Month({F(f)});
  const ListResults r = l.engine->Finish();
  ASSERT_EQ(r.third_party.size(), 1u);
  EXPECT_EQ(r.third_party[0].score, 6);
  EXPECT_EQ(r.persons[r.third_party[0].person].identity.number, "3456");
  EXPECT_EQ(r.third_party_kpi.receipts, 4u);
  EXPECT_EQ(r.third_party_kpi.injury_receipts, 3u);
  EXPECT_EQ(r.third_party_kpi.declared, 1u);
  EXPECT_EQ(r.third_party_kpi.work_related, 1u);
  EXPECT_EQ(r.third_party_kpi.candidates, 1u);
}

}  // namespace
}  // namespace kokuho::claims
