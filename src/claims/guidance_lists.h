// The insurer's lists from the claims (`kokuho claims lists`): 重複受診, 頻回受診, 重複服薬,
// 多剤服薬, 後発医薬品差額通知 and its 使用割合 (数量ベース) per 保険者, 医療費通知, 第三者行為
// candidates. Every threshold is a parameter (ListParams, read from data/claims/guidance.yaml
// with its sources); the definitions are docs/claims-checks.md
//
//   ListEngine lists(params, institutions, &masters);
//   for (const CheckMonth& m : months) lists.AddMonth(m);   // views built with identities
//   const ListResults& r = lists.Finish();
//
// Definitions (per person and 診療年月; a "drug line" is a 調剤 IY (its institution is the
// prescriber) or a 医科 IY of 診療識別 21–23 (院内; its institution is the receipt's)):
//   重複受診    the same 傷病名コード on 入院外 receipts of ≥ `dup_institutions` institutions,
//               in ≥ `dup_months` consecutive months (未コード化 0000999 not counted).
//   頻回受診    Σ 診療実日数 of one institution's 入院外 receipts ≥ `freq_days`, in ≥
//               `freq_months` consecutive months.
//   重複服薬    薬効 (the first `efficacy_digits` of the 一般名コード) prescribed by several
//               institutions: one 薬効 by ≥ `med_one` institutions, or two or more 薬効 each by
//               ≥ `med_two` (the KDB 重複処方 definition).
//   多剤服薬    ≥ `poly_drugs` distinct 内服 drugs (一般名コード, else the code) with ≥
//               `poly_min_days` days in the month.
//   後発差額    a 先発品 line (y 後発品 = 0, not a 選定療養 67… code) whose 一般名コード has a
//               後発品 in the 医薬品マスター and a lower 最低薬価 in the 一般名処方マスタ: 差額点 =
//               (J300 点 of the price − J300 点 of the 最低薬価) per day × days; 円 = 点 × 10;
//               自己負担差額 = the receipt's share (claims/drug_points.h). Rows with ≥ `min_days`
//               days, saving ≥ `min_saving_per_drug` 円 (自己負担), age ≥ `min_age`; persons
//               whose rows add to ≥ `min_saving_per_person`.
//   使用割合    数量ベース = 後発品の数量 ÷ (後発品のある先発品の数量 + 後発品の数量), 数量 =
//   使用量 ×
//               日数 (内服・調剤) or 使用量 × 回数, per 保険者番号.
//   医療費通知  each receipt of the period with HO (not 公費単独, not excluded by the EX
//               flag): 医療費 = 合計点数 × 10 + 食事療養 金額; 自己負担相当額 = HO 負担金額 when
//               recorded, else the share of 合計点数 × 10 at the 種別's 割合.
//   第三者行為  a 医科/歯科 receipt with an injury 傷病名 (ICD-10 prefix, or a word in the 傷病名
//               or 修飾語 name) and neither 特記事項 10 nor 職務上の事由, scored for follow-up.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "claims/check_view.h"
#include "claims/master_lookup.h"

namespace kokuho::claims {

struct ListParams {
  int dup_institutions = 4, dup_months = 3;
  int freq_days = 15, freq_months = 3;
  int med_one = 3, med_two = 2, efficacy_digits = 3;
  int poly_drugs = 6, poly_min_days = 14;
  std::int64_t min_saving_per_drug = 300, min_saving_per_person = 300;
  int min_days = 14, min_age = 35;
  std::vector<std::string> excluded_efficacy;  ///< 薬効 prefixes left out of the notice
  std::vector<std::string> injury_icd10;
  std::vector<std::string> injury_words;
  std::int32_t notice_from = 0, notice_to = 0;  ///< 医療費通知 period (診療年月), 0 = open
};

/// A person named in a list (only those: the others are never copied).
struct ListPerson {
  PersonId id = 0;
  PersonIdentity identity;
};

struct DuplicateVisitRow {
  std::uint32_t person = 0;  ///< into ListResults::persons
  std::int32_t month = 0;
  std::uint32_t disease = 0;  ///< 傷病名コード
  std::vector<std::uint32_t> institutions;
  int run = 0;  ///< consecutive qualifying months up to this one
};
struct FrequentVisitRow {
  std::uint32_t person = 0;
  std::int32_t month = 0;
  std::uint32_t institution = 0;
  int days = 0;
  int run = 0;
};
struct MedicationRow {
  std::uint32_t person = 0;
  std::int32_t month = 0;
  int institutions = 0;  ///< 重複: institutions of the most shared 薬効; 多剤: prescribers
  int count = 0;         ///< 重複: 薬効 with ≥ 2 institutions; 多剤: drugs
  std::string detail;    ///< "薬効 232: 3 医療機関 (…)" / the drugs and days
};
struct GenericRow {
  std::uint32_t person = 0;
  std::int32_t month = 0;
  std::uint32_t institution = 0;  ///< the 薬局 or 医療機関 of the line
  std::uint32_t code = 0;         ///< the 先発品
  std::string generic_code;
  int days = 0;
  std::int64_t quantity = 0;        ///< 使用量 × 100000 per day
  std::int64_t brand_points = 0;    ///< per day
  std::int64_t generic_points = 0;  ///< per day, at the 最低薬価
  std::int64_t saving_points = 0;   ///< (brand − generic) × days
  std::int64_t saving_yen = 0;      ///< × 10
  std::int64_t share_saving_yen = 0;
  int share_tenths = 3;
};
struct GenericShare {
  std::uint32_t insurer = 0;
  std::int64_t generic_quantity = 0;  ///< × 100000
  std::int64_t brand_with_generic_quantity = 0;
  std::int64_t brand_without_generic_quantity = 0;
};
struct MedicalNoticeRow {
  std::uint32_t person = 0;
  std::int32_t month = 0;
  std::uint32_t institution = 0;
  std::uint8_t kind = 0;  ///< 1 入院 2 外来 3 歯科 4 調剤
  std::int32_t days = 0;
  std::int64_t cost_yen = 0;
  std::int64_t burden_yen = 0;
  bool burden_recorded = false;
};
struct ThirdPartyRow {
  std::uint32_t person = 0;
  std::int32_t month = 0;
  std::uint32_t institution = 0;
  std::string file;
  std::uint32_t number = 0, line = 0;
  int score = 0;
  std::int64_t points = 0;
  std::string diagnoses;  ///< the injury 傷病名 (name or code, ICD-10)
  std::string reasons;    ///< why it scored
};
struct ThirdPartyKpi {
  std::uint64_t receipts = 0;         ///< 医科・歯科 receipts examined
  std::uint64_t injury_receipts = 0;  ///< with an injury 傷病名
  std::uint64_t declared = 0;         ///< … and 特記事項 10
  std::uint64_t work_related = 0;     ///< … and 職務上の事由 (excluded)
  std::uint64_t candidates = 0;       ///< … neither: the candidates
  std::uint64_t candidate_persons = 0;
};

struct ListResults {
  std::vector<ListPerson> persons;
  std::vector<DuplicateVisitRow> duplicate_visits;
  std::vector<FrequentVisitRow> frequent_visits;
  std::vector<MedicationRow> duplicate_medication;
  std::vector<MedicationRow> polypharmacy;
  std::vector<GenericRow> generic_notice;   ///< sorted by person, month, institution, code
  std::vector<GenericShare> generic_share;  ///< by 保険者番号
  std::vector<MedicalNoticeRow> medical_notice;
  std::vector<ThirdPartyRow> third_party;  ///< ranked: score, points
  ThirdPartyKpi third_party_kpi;
  std::vector<std::string> notes;  ///< what could not be computed (e.g. no masters)
};

class ListEngine {
 public:
  ListEngine(const ListParams& params, const InstitutionTable& institutions,
             const MasterSet* masters);
  /// Adds a month (its view built with ViewOptions::identities).
  void AddMonth(const CheckMonth& month);
  /// The lists; call once.
  ListResults Finish();

 private:
  std::uint32_t PersonIndex(const CheckMonth& m, const CheckReceipt& r);

  ListParams p_;
  const InstitutionTable& institutions_;
  MasterLookup lookup_;
  ListResults out_;
  std::unordered_map<PersonId, std::uint32_t> person_index_;
  // Per person: the months (診療年月) that qualify for 重複受診 / 頻回受診.
  std::unordered_map<PersonId, std::vector<std::int32_t>> dup_months_, freq_months_;
  std::unordered_map<std::uint32_t, GenericShare> share_;
  std::unordered_map<PersonId, std::uint64_t> third_party_persons_;
  bool missing_masters_noted_ = false;
};

}  // namespace kokuho::claims
