#include "claims/check_view.h"

#include <xxhash.h>

#include <array>

namespace kokuho::claims {
namespace {

constexpr RecordCode kRE = RecordCodeOf("RE"), kHO = RecordCodeOf("HO"), kKO = RecordCodeOf("KO"),
                     kSN = RecordCodeOf("SN"), kBU = RecordCodeOf("BU"), kEX = RecordCodeOf("EX"),
                     kCZ = RecordCodeOf("CZ"), kIY = RecordCodeOf("IY"), kSY = RecordCodeOf("SY"),
                     kHS = RecordCodeOf("HS");

// Appends `in` to `out` as a linkage key: full-width ASCII (U+FF01–U+FF5E) to half-width,
// ASCII and ideographic spaces dropped (the rules of claims/linkage.h NormalizeKey, without
// allocating).
void AppendKey(std::string& out, std::string_view in) {
  for (std::size_t i = 0; i < in.size();) {
    const unsigned char c = static_cast<unsigned char>(in[i]);
    if (c == ' ') {
      ++i;
      continue;
    }
    if (c == 0xE3 && i + 2 < in.size() && static_cast<unsigned char>(in[i + 1]) == 0x80 &&
        static_cast<unsigned char>(in[i + 2]) == 0x80) {
      i += 3;  // U+3000
      continue;
    }
    if (c == 0xEF && i + 2 < in.size()) {
      const unsigned char b1 = static_cast<unsigned char>(in[i + 1]);
      const unsigned char b2 = static_cast<unsigned char>(in[i + 2]);
      const std::uint32_t cp = ((c & 0x0Fu) << 12) | ((b1 & 0x3Fu) << 6) | (b2 & 0x3Fu);
      if (cp >= 0xFF01 && cp <= 0xFF5E) {
        out.push_back(static_cast<char>(cp - 0xFEE0));
        i += 3;
        continue;
      }
    }
    out.push_back(static_cast<char>(c));
    ++i;
  }
}

std::uint32_t Digits32(std::string_view s) {
  std::uint64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return 0;
    v = v * 10 + static_cast<std::uint64_t>(c - '0');
    if (v > 0xFFFFFFFFull) return 0;
  }
  return static_cast<std::uint32_t>(v);
}

std::int64_t Amount(std::string_view s) {
  if (s.empty() || s.size() > 12) return -1;
  std::int64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return -1;
    v = v * 10 + (c - '0');
  }
  return v;
}

// The day of an MMDD field (CZ 処方月日 / 調剤月日), 0 when unreadable.
std::uint8_t DayOfMmdd(std::string_view s) {
  if (s.size() != 4) return 0;
  const std::uint32_t v = Digits32(s);
  const std::uint32_t d = v % 100;
  return d >= 1 && d <= 31 ? static_cast<std::uint8_t>(d) : 0;
}

// The institution name in a header record (IR [6], YK [5]).
std::string_view HeaderName(const FileSummary& f) {
  for (const std::string& h : f.header_records) {
    const bool ir = h.rfind("IR,", 0) == 0, yk = h.rfind("YK,", 0) == 0;
    if (!ir && !yk) continue;
    const std::size_t want = ir ? 6 : 5;
    std::size_t start = 0;
    for (std::size_t k = 0; k < want; ++k) {
      start = h.find(',', start);
      if (start == std::string::npos) return {};
      ++start;
    }
    const std::size_t end = h.find(',', start);
    return std::string_view(h).substr(start, end == std::string::npos ? h.npos : end - start);
  }
  return {};
}

}  // namespace

std::uint32_t InstitutionTable::Intern(std::string_view code, std::string_view name, Table table) {
  auto it = index_.find(std::string(code));
  if (it != index_.end()) {
    Institution& i = list_[it->second];
    if (i.name.empty() && !name.empty()) i.name = std::string(name);
    if (i.table == Table::kUnknown) i.table = table;
    return it->second;
  }
  const std::uint32_t k = static_cast<std::uint32_t>(list_.size());
  list_.push_back({std::string(code), std::string(name), table});
  index_.emplace(std::string(code), k);
  return k;
}

void CheckMonth::Clear() {
  sources.clear();
  receipts.clear();
  items.clear();
  days.clear();
  diagnoses.clear();
  modifiers.clear();
  identities.clear();
}

PersonId PersonIdOf(std::string_view insurer, std::string_view symbol, std::string_view number,
                    std::string_view branch, std::int32_t birth_date, std::uint8_t sex) {
  std::string key;
  key.reserve(64);
  AppendKey(key, insurer);
  key.push_back('|');
  AppendKey(key, symbol);
  key.push_back('|');
  AppendKey(key, number);
  key.push_back('|');
  AppendKey(key, branch);
  key.push_back('|');
  key += std::to_string(birth_date);
  key.push_back('|');
  key.push_back(static_cast<char>('0' + sex % 10));
  return XXH3_64bits(key.data(), key.size());
}

std::int32_t DayNumber(std::int32_t yyyymmdd) {
  // Days from civil (H. Hinnant's algorithm, public domain description): March-based years.
  int y = yyyymmdd / 10000;
  const int m = yyyymmdd / 100 % 100, d = yyyymmdd % 100;
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe;
}

std::int32_t AddMonths(std::int32_t yyyymm, int n) {
  const int index = (yyyymm / 100) * 12 + (yyyymm % 100 - 1) + n;
  return (index / 12) * 100 + index % 12 + 1;
}

int MonthsBetween(std::int32_t a, std::int32_t b) {
  return ((b / 100) * 12 + b % 100) - ((a / 100) * 12 + a % 100);
}

void AddToView(const ClaimBatch& batch, std::span<const FileSummary> files,
               InstitutionTable& institutions, const ViewOptions& options, CheckMonth& out) {
  std::vector<std::uint32_t> file_inst(files.size(), kNoIndex), file_source(files.size(), kNoIndex);
  std::array<std::string_view, 64> f{};
  std::string key;
  for (const Receipt& rc : batch.receipts) {
    if (rc.file >= files.size()) continue;  // the store verified the indexes; be safe
    const FileSummary& file = files[rc.file];
    if (file_inst[rc.file] == kNoIndex) {
      file_inst[rc.file] = institutions.Intern(file.institution, HeaderName(file), file.table);
      std::uint32_t s = kNoIndex;
      for (std::uint32_t k = 0; k < out.sources.size(); ++k)
        if (out.sources[k] == file.name) s = k;  // a store holds a few thousand files at most
      if (s == kNoIndex) {
        s = static_cast<std::uint32_t>(out.sources.size());
        out.sources.push_back(file.name);
      }
      file_source[rc.file] = s;
    }
    CheckReceipt r;
    r.institution = file_inst[rc.file];
    r.source = file_source[rc.file];
    r.table = file.table;
    r.billing_month = file.billing_month;
    r.month = rc.month;
    r.birth_date = rc.birth_date;
    r.admission_date = rc.admission_date;
    r.type = rc.type;
    r.sex = rc.sex;
    r.days = rc.insurance_days > 0 ? rc.insurance_days : 0;
    r.points = rc.primary_points > 0 ? rc.primary_points : 0;
    r.number = rc.number;
    if (rc.record_count > 0) r.line = batch.records[rc.first_record].line;
    // レセプト種別 4th digit: odd = 入院 (docs/claims-checks.md); 医科 only.
    if (file.table == Table::kMedical && (rc.type % 10) % 2 == 1) r.flags |= kFlagInpatient;
    if (!rc.has_insurance) r.flags |= kFlagKohiOnly;

    std::string_view insurer, symbol, number, branch, kohi, kohi_person, name;
    bool seen_ho = false, seen_ko = false, seen_sn = false;
    for (const Record& rec : batch.RecordsOf(rc)) {
      if (rec.type == kRE) {
        const std::size_t n = batch.LeadingFields(rec, std::span(f).first(12));  // [4], [11]
        if (n > 4) name = f[4];
        if (file.table == Table::kPharmacy) {
          // 調剤 RE: 都道府県 [9], 点数表 [10], 医療機関コード [11] of the prescriber (§1.9).
          if (n > 11 && !f[11].empty())
            r.prescriber = institutions.Intern(f[11], {}, Table::kMedical);
        } else if (file.table == Table::kMedical && n > 11) {
          // 特記事項: 2-character codes, up to 5 (§1.3); "10" = 第三 (第三者行為).
          const std::string_view t = f[11];
          for (std::size_t k = 0; k + 2 <= t.size(); k += 2)
            if (t.substr(k, 2) == "10") r.flags |= kFlagThirdParty;
        }
      } else if (rec.type == kHO && !seen_ho) {
        seen_ho = true;
        const std::size_t n = batch.LeadingFields(rec, std::span(f).first(12));
        if (n > 3) {
          insurer = f[1];
          symbol = f[2];
          number = f[3];
        }
        if (file.table != Table::kPharmacy) {  // 医科/歯科 HO (§1.3); 調剤 HO differs
          if (n > 8) r.meal_yen = std::max<std::int64_t>(0, Amount(f[8]));
          if (n > 9 && !f[9].empty() && f[9] != "0") r.flags |= kFlagWorkRelated;
          if (n > 11) r.burden_yen = Amount(f[11]);
        }
      } else if (rec.type == kKO && !seen_ko) {
        seen_ko = true;
        if (batch.LeadingFields(rec, std::span(f).first(3)) > 2) {
          kohi = f[1];
          kohi_person = f[2];
        }
      } else if (rec.type == kSN && !seen_sn) {
        seen_sn = true;
        if (batch.LeadingFields(rec, std::span(f).first(7)) > 6) branch = f[6];
      } else if (rec.type == kBU) {
        r.flags |= kFlagDpc;
      } else if (rec.type == kEX) {
        // EX 審査運用: 医療費通知対象レセプト区分 (1 = include) at [8] (meddatum's field
        // order, docs/claims-checks.md; unconfirmed against the 記録条件仕様).
        if (batch.LeadingFields(rec, std::span(f).first(9)) > 8 && f[8] != "1")
          r.flags |= kFlagNoticeExcluded;
      }
    }
    if (seen_ho) {
      key.clear();
      AppendKey(key, insurer);
      r.insurer = Digits32(key);
      r.person = PersonIdOf(insurer, symbol, number, branch, rc.birth_date, rc.sex);
    } else {
      r.person = PersonIdOf(kohi, {}, kohi_person, {}, rc.birth_date, rc.sex);
    }
    if (options.identities) {
      PersonIdentity id;
      id.name = std::string(name);
      key.clear();
      AppendKey(key, seen_ho ? insurer : kohi);
      id.insurer = key;
      key.clear();
      AppendKey(key, symbol);
      id.symbol = key;
      key.clear();
      AppendKey(key, seen_ho ? number : kohi_person);
      id.number = key;
      key.clear();
      AppendKey(key, branch);
      id.branch = key;
      id.birth_date = rc.birth_date;
      id.sex = rc.sex;
      r.identity = static_cast<std::uint32_t>(out.identities.size());
      out.identities.push_back(std::move(id));
    }

    // Items; a 調剤 IY takes the 処方月日, 調剤月日, 調剤数量 and 薬剤料 of the CZ before it.
    r.first_item = static_cast<std::uint32_t>(out.items.size());
    std::uint8_t rx_day = 0, dispense_day = 0;
    std::int16_t supply = 0;
    std::int64_t drug_points = 0;
    for (const Item& it : batch.ItemsOf(rc)) {
      CheckItem c;
      c.code = it.code;
      c.line = batch.records[it.record].line;
      c.quantity = it.quantity;
      c.count = it.count > 0 ? it.count : 0;
      c.type = it.type;
      c.category = it.category;
      c.first_day = static_cast<std::uint32_t>(out.days.size());
      for (const DayCount& d : batch.DaysOf(it)) {
        out.days.push_back(d);
        c.day_mask |= 1u << (d.day - 1);
      }
      c.day_count = static_cast<std::uint16_t>(out.days.size() - c.first_day);
      if (file.table == Table::kPharmacy) {
        if (it.type == kCZ) {
          const std::size_t n =
              batch.LeadingFields(batch.records[it.record], std::span(f).first(14));  // ≤ [13]
          rx_day = n > 2 ? DayOfMmdd(f[2]) : 0;
          dispense_day = n > 3 ? DayOfMmdd(f[3]) : 0;
          supply =
              it.quantity > 0
                  ? static_cast<std::int16_t>(std::min<std::int64_t>(it.quantity / 100000, 9999))
                  : 0;
          drug_points = n > 13 ? std::max<std::int64_t>(0, Amount(f[13])) : 0;
          c.unit_points = it.points > 0 ? it.points : 0;
        } else {
          c.unit_points = it.type == kIY ? drug_points : 0;
        }
        c.rx_day = rx_day;
        c.dispense_day = dispense_day;
        c.supply_days = supply;
        if (it.type == kIY) drug_points = 0;  // 薬剤料 counted once, on the 剤's first drug
      } else if (it.type == kIY && (it.category == 21 || it.category == 22)) {
        c.supply_days = static_cast<std::int16_t>(std::min(c.count, 9999));  // 内服: 回数 = 日分
      }
      out.items.push_back(c);
    }
    r.item_count = static_cast<std::uint32_t>(out.items.size()) - r.first_item;
    // 点数 × 回数 of each 算定単位 onto its lines (the 点数 is on the unit's last line, §1.4).
    if (file.table != Table::kPharmacy) {
      const std::span<const Item> src = batch.ItemsOf(rc);
      std::int64_t billed = 0;
      std::uint32_t unit = 0;
      for (std::size_t k = src.size(); k-- > 0;) {
        if (src[k].points >= 0) {
          billed = src[k].BilledPoints();
          unit = src[k].unit;
        } else if (src[k].unit != unit) {
          billed = 0;
        }
        out.items[r.first_item + k].unit_points = billed;
      }
    }

    r.first_diagnosis = static_cast<std::uint32_t>(out.diagnoses.size());
    for (const Diagnosis& d : batch.DiagnosesOf(rc)) {
      CheckDiagnosis c;
      c.code = d.code;
      c.start_date = d.start_date;
      c.outcome = d.outcome;
      c.main = d.main;
      const Record& rec = batch.records[d.record];
      c.line = rec.line;
      c.first_modifier = static_cast<std::uint32_t>(out.modifiers.size());
      // 修飾語コード: SY [4], 歯科 HS [5]; 4-digit codes concatenated (§1.3, §1.8).
      const std::string_view mods = rec.type == kSY   ? batch.Field(rec, 4)
                                    : rec.type == kHS ? batch.Field(rec, 5)
                                                      : "";
      for (std::size_t k = 0; k + 4 <= mods.size() && c.modifier_count < 20; k += 4) {
        const std::uint32_t m = Digits32(mods.substr(k, 4));
        out.modifiers.push_back(static_cast<std::uint16_t>(m));
        ++c.modifier_count;
      }
      out.diagnoses.push_back(c);
    }
    r.diagnosis_count = static_cast<std::uint32_t>(out.diagnoses.size()) - r.first_diagnosis;
    out.receipts.push_back(r);
  }
}

}  // namespace kokuho::claims
