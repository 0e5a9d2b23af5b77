#include "claims/guidance_lists.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <numeric>
#include <set>

#include "claims/drug_points.h"

namespace kokuho::claims {
namespace {

constexpr RecordCode kIY = RecordCodeOf("IY");

bool StartsWith(std::string_view s, std::string_view p) {
  return !p.empty() && s.size() >= p.size() && s.compare(0, p.size(), p) == 0;
}

// Age in whole years on the first day of a month.
int AgeAt(std::int32_t birth, std::int32_t month) {
  if (birth <= 0) return -1;
  const std::int32_t day = month * 100 + 1;
  return (day - birth) / 10000;  // yyyymmdd difference: whole years (birthdays compare as mmdd)
}

// The runs of consecutive months (yyyymm, sorted unique) and for each month its position in
// its run (1-based) and the run's length.
struct RunInfo {
  int position = 0, length = 0;
};
std::map<std::int32_t, RunInfo> Runs(std::vector<std::int32_t> months) {
  std::sort(months.begin(), months.end());
  months.erase(std::unique(months.begin(), months.end()), months.end());
  std::map<std::int32_t, RunInfo> out;
  for (std::size_t i = 0; i < months.size();) {
    std::size_t j = i + 1;
    while (j < months.size() && MonthsBetween(months[j - 1], months[j]) == 1) ++j;
    for (std::size_t k = i; k < j; ++k)
      out[months[k]] = RunInfo{static_cast<int>(k - i + 1), static_cast<int>(j - i)};
    i = j;
  }
  return out;
}

}  // namespace

ListEngine::ListEngine(const ListParams& params, const InstitutionTable& institutions,
                       const MasterSet* masters)
    : p_(params), institutions_(institutions), lookup_(masters) {
  if (!lookup_.has_masters())
    out_.notes.push_back(
        "マスター (--masters) がないため、重複服薬 (薬効)・後発医薬品差額通知・使用割合・"
        "第三者行為 (傷病名の ICD-10) は作れません。多剤服薬は医薬品コードで数えています");
}

std::uint32_t ListEngine::PersonIndex(const CheckMonth& m, const CheckReceipt& r) {
  auto [it, added] =
      person_index_.try_emplace(r.person, static_cast<std::uint32_t>(out_.persons.size()));
  if (added) {
    ListPerson p;
    p.id = r.person;
    if (r.identity != kNoIndex && r.identity < m.identities.size())
      p.identity = m.identities[r.identity];
    out_.persons.push_back(std::move(p));
  } else if (out_.persons[it->second].identity.name.empty() && r.identity != kNoIndex &&
             r.identity < m.identities.size()) {
    out_.persons[it->second].identity = m.identities[r.identity];
  }
  return it->second;
}

void ListEngine::AddMonth(const CheckMonth& m) {
  const bool masters = lookup_.has_masters();
  std::vector<std::uint32_t> order(m.receipts.size());
  std::iota(order.begin(), order.end(), 0u);
  std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    const CheckReceipt &x = m.receipts[a], &y = m.receipts[b];
    return std::tie(x.person, x.month, x.institution, x.source, x.number) <
           std::tie(y.person, y.month, y.institution, y.source, y.number);
  });

  struct DrugLine {
    const CheckItem* item;
    const CheckReceipt* receipt;
    std::uint32_t institution;  // the prescriber
    int days;
  };
  std::vector<DrugLine> drugs;

  for (std::size_t a = 0; a < order.size();) {
    std::size_t b = a;
    const CheckReceipt& first = m.receipts[order[a]];
    while (b < order.size() && m.receipts[order[b]].person == first.person &&
           m.receipts[order[b]].month == first.month)
      ++b;
    const std::int32_t month = first.month;
    const PersonId person = first.person;

    // ---- 重複受診 / 頻回受診 (入院外 医科) ----
    std::map<std::uint32_t, std::set<std::uint32_t>> by_disease;
    std::map<std::uint32_t, int> days_by_inst;
    drugs.clear();
    for (std::size_t k = a; k < b; ++k) {
      const CheckReceipt& r = m.receipts[order[k]];
      if (r.Outpatient()) {
        for (const CheckDiagnosis& d : m.DiagnosesOf(r))
          if (d.code != 0 && d.code != 999) by_disease[d.code].insert(r.institution);
        days_by_inst[r.institution] += r.days;
      }
      for (const CheckItem& it : m.ItemsOf(r)) {
        if (it.type != kIY || it.code == 0) continue;
        if (r.table == Table::kPharmacy)
          drugs.push_back(
              {&it, &r, r.prescriber == kNoIndex ? r.institution : r.prescriber, it.supply_days});
        else if (r.Outpatient() && it.category >= 21 && it.category <= 23)  // 入院・DPC: not
          drugs.push_back(
              {&it, &r, r.institution, it.category == 23 ? 1 : std::max<int>(1, it.supply_days)});
      }
    }
    std::uint32_t best_disease = 0;
    std::size_t best_count = 0;
    for (const auto& [code, insts] : by_disease)
      if (insts.size() > best_count) {
        best_count = insts.size();
        best_disease = code;
      }
    if (best_count >= static_cast<std::size_t>(p_.dup_institutions)) {
      DuplicateVisitRow row;
      row.person = PersonIndex(m, first);
      row.month = month;
      row.disease = best_disease;
      row.institutions.assign(by_disease[best_disease].begin(), by_disease[best_disease].end());
      out_.duplicate_visits.push_back(std::move(row));
      dup_months_[person].push_back(month);
    }
    std::uint32_t freq_inst = 0;
    int freq_days = 0;
    for (const auto& [inst, days] : days_by_inst)
      if (days > freq_days) {
        freq_days = days;
        freq_inst = inst;
      }
    if (freq_days >= p_.freq_days) {
      out_.frequent_visits.push_back({PersonIndex(m, first), month, freq_inst, freq_days, 0});
      freq_months_[person].push_back(month);
    }

    // ---- drugs: 重複服薬, 多剤服薬, 後発差額, 使用割合 ----
    std::map<std::string, std::set<std::uint32_t>> by_efficacy;
    std::map<std::string, int> days_by_drug;
    std::set<std::uint32_t> prescribers;
    for (const DrugLine& dl : drugs) {
      const CheckItem& it = *dl.item;
      const DrugInfo& drug = lookup_.Drug(it.code, month);
      if (masters && drug.found &&
          drug.generic_code.size() >= static_cast<std::size_t>(p_.efficacy_digits))
        by_efficacy[drug.generic_code.substr(0, p_.efficacy_digits)].insert(dl.institution);
      // 内服: 医科 診療識別 21 (22 屯服 and 23 外用 are not), 調剤 drugs of 剤形 1 (内用);
      // without masters every 調剤 drug counts (noted).
      const bool oral = dl.receipt->table == Table::kPharmacy
                            ? (!drug.found || drug.form == 0 || drug.form == 1)
                            : it.category == 21;
      if (oral) {
        const std::string key = drug.found && !drug.generic_code.empty()
                                    ? drug.generic_code
                                    : fmt::format("{:09}", it.code);
        days_by_drug[key] += dl.days;
        prescribers.insert(dl.institution);
      }
      if (!drug.found || drug.price < 0) continue;
      // 使用割合 (数量ベース): 使用量 × 日数.
      const std::int64_t qty = it.quantity > 0 ? it.quantity * std::max(1, dl.days) : 0;
      GenericShare& share = share_[dl.receipt->insurer];
      share.insurer = dl.receipt->insurer;
      const bool has_generic = !drug.generic && lookup_.HasGeneric(drug.generic_code, month);
      if (drug.generic)
        share.generic_quantity += qty;
      else if (has_generic)
        share.brand_with_generic_quantity += qty;
      else
        share.brand_without_generic_quantity += qty;
      // 後発医薬品差額.
      if (!has_generic || it.code / 10000000 == 67) continue;  // 67…: 選定療養 (already pays)
      bool excluded = false;
      for (const std::string& e : p_.excluded_efficacy)
        excluded |= StartsWith(drug.generic_code, e);
      if (excluded) continue;
      const std::int64_t lowest = lookup_.LowestPrice(drug.generic_code, month);
      if (lowest < 0 || lowest >= drug.price || it.quantity <= 0) continue;
      GenericRow g;
      g.days = dl.days;
      g.quantity = it.quantity;
      g.brand_points = DrugPoints(drug.price, it.quantity);
      g.generic_points = DrugPoints(lowest, it.quantity);
      g.saving_points = (g.brand_points - g.generic_points) * g.days;
      g.saving_yen = g.saving_points * 10;  // 1点 = 10円 (診療報酬の算定方法 第1号)
      g.share_tenths = ShareTenths(dl.receipt->type);
      g.share_saving_yen = ShareYen(g.saving_yen, g.share_tenths);
      if (g.saving_points <= 0 || g.days < p_.min_days ||
          g.share_saving_yen < p_.min_saving_per_drug ||
          AgeAt(dl.receipt->birth_date, month) < p_.min_age)
        continue;
      g.person = PersonIndex(m, *dl.receipt);
      g.month = month;
      g.institution = dl.receipt->institution;
      g.code = it.code;
      g.generic_code = drug.generic_code;
      out_.generic_notice.push_back(std::move(g));
    }
    if (masters) {
      int one = 0, two = 0;
      std::string detail;
      for (const auto& [eff, insts] : by_efficacy) {
        if (insts.size() < 2) continue;
        one = std::max(one, static_cast<int>(insts.size()));
        if (insts.size() >= static_cast<std::size_t>(p_.med_two)) ++two;
        std::string names;
        for (std::uint32_t i : insts) names += (names.empty() ? "" : "・") + institutions_[i].code;
        detail += fmt::format("{}薬効 {}: {} 医療機関 ({})", detail.empty() ? "" : "; ", eff,
                              insts.size(), names);
      }
      if (one >= p_.med_one || two >= 2)
        out_.duplicate_medication.push_back({PersonIndex(m, first), month, one, two, detail});
    }
    int many = 0;
    std::string detail;
    for (const auto& [key, days] : days_by_drug)
      if (days >= p_.poly_min_days) {
        ++many;
        detail += fmt::format("{}{} ({}日)", detail.empty() ? "" : "; ", key, days);
      }
    if (many >= p_.poly_drugs)
      out_.polypharmacy.push_back(
          {PersonIndex(m, first), month, static_cast<int>(prescribers.size()), many, detail});

    // ---- 医療費通知, 第三者行為 (per receipt) ----
    for (std::size_t k = a; k < b; ++k) {
      const CheckReceipt& r = m.receipts[order[k]];
      const bool in_period = (p_.notice_from == 0 || month >= p_.notice_from) &&
                             (p_.notice_to == 0 || month <= p_.notice_to);
      if (in_period && !r.Is(kFlagKohiOnly) && !r.Is(kFlagNoticeExcluded)) {
        MedicalNoticeRow n;
        n.person = PersonIndex(m, r);
        n.month = month;
        n.institution = r.institution;
        n.kind = r.table == Table::kPharmacy ? 4
                 : r.table == Table::kDental ? 3
                 : r.Is(kFlagInpatient)      ? 1
                                             : 2;
        n.days = r.days;
        // 医療費 = 合計点数 × 10 円 + 食事療養・生活療養の金額 (docs/claims-checks.md).
        n.cost_yen = r.points * 10 + r.meal_yen;
        n.burden_recorded = r.burden_yen >= 0;
        n.burden_yen =
            n.burden_recorded ? r.burden_yen : ShareYen(r.points * 10, ShareTenths(r.type));
        out_.medical_notice.push_back(n);
      }
      if (r.table != Table::kMedical && r.table != Table::kDental) continue;
      ++out_.third_party_kpi.receipts;
      if (!masters) continue;
      int score = 0;
      std::string names, reasons;
      bool injury = false, main_injury = false, new_injury = false, word = false;
      for (const CheckDiagnosis& d : m.DiagnosesOf(r)) {
        const std::string& icd = lookup_.DiseaseIcd10(d.code, month);
        const std::string& name = lookup_.DiseaseName(d.code, month);
        bool hit = false;
        for (const std::string& pfx : p_.injury_icd10) hit = hit || StartsWith(icd, pfx);
        bool by_word = false;
        for (const std::string& w : p_.injury_words)
          by_word = by_word || (!name.empty() && name.find(w) != std::string::npos);
        for (std::uint16_t mod : m.ModifiersOf(d)) {
          const std::string& mn = lookup_.ModifierName(mod, month);
          for (const std::string& w : p_.injury_words)
            by_word = by_word || (!mn.empty() && mn.find(w) != std::string::npos);
        }
        if (!hit && !by_word) continue;
        injury = true;
        word = word || by_word;
        main_injury = main_injury || d.main;
        new_injury = new_injury || d.start_date / 100 == month;
        names += fmt::format("{}{}{}", names.empty() ? "" : "; ",
                             name.empty() ? fmt::format("{:07}", d.code) : name,
                             icd.empty() ? "" : " (" + icd + ")");
      }
      if (!injury) continue;
      ++out_.third_party_kpi.injury_receipts;
      if (r.Is(kFlagThirdParty)) {
        ++out_.third_party_kpi.declared;
        continue;
      }
      if (r.Is(kFlagWorkRelated)) {
        ++out_.third_party_kpi.work_related;
        continue;
      }
      // Score for follow-up (負傷原因照会); the weights are this project's assumption
      // (docs/claims-checks.md lists the signals, not weights).
      auto add = [&](int w, std::string_view why) {
        score += w;
        reasons += (reasons.empty() ? "" : "・") + std::string(why);
      };
      if (new_injury) add(3, "当月に診療開始");
      if (main_injury) add(2, "外傷が主傷病");
      bool imaging = false, procedure = false;
      for (const CheckItem& it : m.ItemsOf(r)) {
        imaging |= it.category == 70;
        procedure |= it.category == 40 || it.category == 50;
      }
      if (imaging) add(1, "画像診断あり");
      if (procedure) add(1, "処置・手術あり");
      if (word) add(1, "外傷を示す病名・修飾語");
      if (r.points >= 1000) add(1, "1,000点以上");
      ThirdPartyRow t;
      t.person = PersonIndex(m, r);
      t.month = month;
      t.institution = r.institution;
      t.file = m.sources[r.source];
      t.number = r.number;
      t.line = r.line;
      t.score = score;
      t.points = r.points;
      t.diagnoses = names;
      t.reasons = reasons;
      out_.third_party.push_back(std::move(t));
      ++out_.third_party_kpi.candidates;
      third_party_persons_[person] += 1;
    }
    a = b;
  }
}

ListResults ListEngine::Finish() {
  // 重複・頻回: keep the months in runs of the required length.
  auto keep_runs = [&](auto& rows, const auto& months_by_person, int need) {
    std::unordered_map<PersonId, std::map<std::int32_t, RunInfo>> runs;
    for (const auto& [person, months] : months_by_person) runs[person] = Runs(months);
    std::vector<std::remove_reference_t<decltype(rows[0])>> kept;
    for (auto& row : rows) {
      const RunInfo& ri = runs[out_.persons[row.person].id][row.month];
      if (ri.length < need) continue;
      row.run = ri.position;
      kept.push_back(std::move(row));
    }
    rows = std::move(kept);
  };
  keep_runs(out_.duplicate_visits, dup_months_, p_.dup_months);
  keep_runs(out_.frequent_visits, freq_months_, p_.freq_months);
  auto by_person_month = [](const auto& x, const auto& y) {
    return std::tie(x.person, x.month) < std::tie(y.person, y.month);
  };
  std::stable_sort(out_.duplicate_visits.begin(), out_.duplicate_visits.end(), by_person_month);
  std::stable_sort(out_.frequent_visits.begin(), out_.frequent_visits.end(), by_person_month);
  std::stable_sort(out_.duplicate_medication.begin(), out_.duplicate_medication.end(),
                   by_person_month);
  std::stable_sort(out_.polypharmacy.begin(), out_.polypharmacy.end(), by_person_month);
  // 後発差額: persons whose rows add up to the per-person threshold.
  std::unordered_map<std::uint32_t, std::int64_t> total;
  for (const GenericRow& g : out_.generic_notice) total[g.person] += g.share_saving_yen;
  std::erase_if(out_.generic_notice,
                [&](const GenericRow& g) { return total[g.person] < p_.min_saving_per_person; });
  std::stable_sort(out_.generic_notice.begin(), out_.generic_notice.end(),
                   [](const GenericRow& x, const GenericRow& y) {
                     return std::tie(x.person, x.month, x.institution, x.code) <
                            std::tie(y.person, y.month, y.institution, y.code);
                   });
  for (const auto& [insurer, s] : share_) out_.generic_share.push_back(s);
  std::sort(out_.generic_share.begin(), out_.generic_share.end(),
            [](const GenericShare& x, const GenericShare& y) { return x.insurer < y.insurer; });
  std::stable_sort(out_.medical_notice.begin(), out_.medical_notice.end(),
                   [](const MedicalNoticeRow& x, const MedicalNoticeRow& y) {
                     return std::tie(x.person, x.month, x.kind, x.institution) <
                            std::tie(y.person, y.month, y.kind, y.institution);
                   });
  std::stable_sort(out_.third_party.begin(), out_.third_party.end(),
                   [](const ThirdPartyRow& x, const ThirdPartyRow& y) {
                     return std::tie(y.score, y.points, x.month, x.file, x.number) <
                            std::tie(x.score, x.points, y.month, y.file, y.number);
                   });
  out_.third_party_kpi.candidate_persons = third_party_persons_.size();
  return std::move(out_);
}

}  // namespace kokuho::claims
