#include "claims/synth.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <memory>

#include "claims/dates.h"
#include "claims/writer.h"

namespace kokuho::claims {
namespace {

// ---- randomness: SplitMix64, so the same seed gives the same files with any library ----

class Rng {
 public:
  explicit Rng(std::uint64_t seed) : s_(seed * 0x9E3779B97F4A7C15ull + 0x2545F4914F6CDD1Dull) {}
  std::uint64_t Next() {
    std::uint64_t z = (s_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  double Uniform() { return static_cast<double>(Next() >> 11) * (1.0 / 9007199254740992.0); }
  int Int(int lo, int hi) {
    return lo + static_cast<int>(Next() % static_cast<std::uint64_t>(hi - lo + 1));
  }
  bool Chance(double p) { return Uniform() < p; }
  // 1 + a geometric count with the given mean (≥ 1), capped.
  int Days(double mean, int cap) {
    const double q = 1.0 - 1.0 / mean;  // P(next day) so that the mean is `mean`
    int d = 1;
    while (d < cap && Uniform() < q) ++d;
    return d;
  }
  template <typename T, std::size_t N>
  const T& Pick(const std::array<T, N>& a) {
    return a[Next() % N];
  }

 private:
  std::uint64_t s_;
};

// ---- codes (real レセ電 codes: the bundled sample's and master extracts'; 点数 illustrative) ----

struct Code {
  const char* code;
  int points;
};
constexpr std::array<const char*, 9> kDiseases = {"2500013", "4659007", "5559001",
                                                  "8848176", "8833421", "4375001",
                                                  "9599001", "9170003", "8847337"};
constexpr std::array<const char*, 4> kModifiers = {"8002", "8070", "2060", "4001"};
constexpr std::array<Code, 12> kDrugs = {{{"620098801", 3},
                                          {"611170005", 6},
                                          {"622265501", 11},
                                          {"620003855", 10},
                                          {"622038501", 82},
                                          {"620004422", 20},
                                          {"622478201", 14},
                                          {"620007736", 9},
                                          {"620003853", 25},
                                          {"620006489", 2},
                                          {"610406079", 17},
                                          {"620008965", 4}}};
constexpr std::array<Code, 6> kTests = {{{"160068410", 0},
                                         {"160093810", 0},
                                         {"160155390", 0},
                                         {"160084650", 48},
                                         {"160081130", 112},
                                         {"160000190", 10}}};
constexpr std::array<Code, 3> kManagement = {
    {{"113003710", 225}, {"113003810", 87}, {"113003510", 75}}};
constexpr std::array<Code, 3> kSurgery = {
    {{"150253010", 12100}, {"150183410", 7000}, {"140009310", 242}}};
constexpr std::array<const char*, 3> kDentalDiseases = {"5220063", "8843836", "8833899"};
constexpr std::array<Code, 7> kDental = {{{"301072810", 226},
                                          {"302000110", 110},
                                          {"302000610", 80},
                                          {"305004310", 402},
                                          {"313002010", 126},
                                          {"313024410", 185},
                                          {"310000310", 265}}};

// ---- line building ----

class Line {
 public:
  explicit Line(const char* type) : s_(type) {}
  Line& F(std::string_view v) {
    s_ += ',';
    s_ += v;
    return *this;
  }
  Line& F(std::int64_t v) { return F(std::string_view(fmt::format("{}", v))); }
  Line& Empty(int n) {
    s_.append(static_cast<std::size_t>(n), ',');
    return *this;
  }
  // 31 day fields.
  Line& Days(const std::array<int, 31>& d) {
    for (int c : d) {
      s_ += ',';
      if (c) s_ += fmt::format("{}", c);
    }
    return *this;
  }
  const std::string& str() const { return s_; }

 private:
  std::string s_;
};

std::string Date8(std::int32_t yyyymm, int day) { return fmt::format("{}{:02}", yyyymm, day); }

// ---- people ----

struct Person {
  int sex = 1;
  std::int32_t birth = 0;  // yyyymmdd
  int age = 0;
  bool elderly = false;  // 後期高齢者 (75+)
  std::string insurer;   // 8 characters (国保: 6 digits right-aligned)
  std::string symbol, number;
  std::string name, kana;
};

// 全角 digits for 記号・番号 (as many 国保 cards are printed).
std::string Wide(const std::string& digits) {
  static const char* kWide[] = {"０", "１", "２", "３", "４", "５", "６", "７", "８", "９"};
  std::string s;
  for (char c : digits) s += kWide[c - '0'];
  return s;
}

// ---- files ----

struct FileBuilder {
  std::string name;
  Table table = Table::kUnknown;
  UkeWriter w;
  std::uint32_t next = 1;
  std::int64_t count = 0, points = 0;
  std::uint64_t receipts = 0;
  std::string institution;
};

class Generator {
 public:
  Generator(const SynthOptions& o,
            const std::function<void(const std::string&, std::string&&)>& write)
      : o_(o), write_(write), rng_(o.seed) {
    const int y = o.billing_month / 100, m = o.billing_month % 100;
    month_ = m == 1 ? (y - 1) * 100 + 12 : y * 100 + m - 1;
    days_in_month_ = DaysInMonth(month_ / 100, month_ % 100);
    outside_rx_ = std::min(0.95, o.share_pharmacy / std::max(1e-9, o.share_outpatient));
  }

  SynthSummary Run() {
    while (s_.receipts < o_.receipts) District();
    return std::move(s_);
  }

 private:
  // A district: clinics, one hospital, dental clinics and pharmacies, written together so
  // that a person's receipts (and their 調剤 receipts) fall into the same files.
  void District() {
    ++district_;
    const int clinics = 8, dentals = 3, pharmacies = 6;
    std::vector<std::unique_ptr<FileBuilder>> med, den, ph;
    for (int i = 0; i < clinics; ++i) med.push_back(NewFile(Table::kMedical, "ika"));
    const bool dpc = district_ % 2 == 1;  // every other district has a DPC hospital, the first too
    std::unique_ptr<FileBuilder> hospital = NewFile(Table::kMedical, dpc ? "dpc" : "ika");
    for (int i = 0; i < dentals; ++i) den.push_back(NewFile(Table::kDental, "shika"));
    for (int i = 0; i < pharmacies; ++i) ph.push_back(NewFile(Table::kPharmacy, "chozai"));

    // Outpatient receipts per clinic ~ U(100, 1300) (mean 700; assumed), capped by what is left.
    std::vector<int> sizes;
    int outpatient = 0;
    for (int i = 0; i < clinics; ++i) {
      sizes.push_back(rng_.Int(100, 1300));
      outpatient += sizes.back();
    }
    const double left = static_cast<double>(o_.receipts - std::min(o_.receipts, s_.receipts));
    const double per_outpatient =
        1 + (o_.share_inpatient + o_.share_dental) / o_.share_outpatient + outside_rx_;
    if (outpatient * per_outpatient > left) {
      const double scale = std::max(0.0, left / per_outpatient) / outpatient;
      outpatient = 0;
      for (int& s : sizes) {
        s = std::max(1, static_cast<int>(s * scale));
        outpatient += s;
      }
    }
    // People of the district: about 1.6 receipts each (assumed).
    std::vector<Person> people(static_cast<std::size_t>(std::max(4, outpatient * 10 / 16)));
    for (Person& p : people) p = NewPerson();

    for (int c = 0; c < clinics; ++c) {
      for (int k = 0; k < sizes[c]; ++k) {
        const std::size_t who = rng_.Next() % people.size();
        const bool frequent = rng_.Chance(o_.plant_frequent_visits);
        const std::string drug = Outpatient(*med[c], people[who], frequent, ph, c);
        if (!drug.empty() && rng_.Chance(o_.plant_duplicate_prescriptions)) {
          // The same person gets the same drug prescribed at another clinic this month.
          const int other = (c + 1 + rng_.Int(0, clinics - 2)) % clinics;
          const std::uint32_t first_receipt = med[c]->next - 1;
          const std::uint32_t second = med[other]->next;
          const std::uint32_t line = med[other]->w.lines() + 1;
          Outpatient(*med[other], people[who], false, ph, other, drug);
          Plant("duplicate_prescription", *med[other], second, line,
                fmt::format("医薬品 {} が同じ月に2つの医療機関 ({} のレセプト {} と {} のレセプト "
                            "{}) から院外処方",
                            drug, med[c]->institution, first_receipt, med[other]->institution,
                            second));
        }
      }
    }
    const int inpatient = std::max(
        1, static_cast<int>(std::lround(outpatient * o_.share_inpatient / o_.share_outpatient)));
    for (int k = 0; k < inpatient; ++k)
      Inpatient(*hospital, people[rng_.Next() % people.size()], dpc);
    const int dental =
        static_cast<int>(std::lround(outpatient * o_.share_dental / o_.share_outpatient));
    for (int k = 0; k < dental; ++k) Dental(*den[k % dentals], people[rng_.Next() % people.size()]);

    for (auto& f : med) Finish(*f);
    Finish(*hospital);
    for (auto& f : den) Finish(*f);
    for (auto& f : ph) Finish(*f);
  }

  std::unique_ptr<FileBuilder> NewFile(Table t, const char* folder) {
    auto f = std::make_unique<FileBuilder>();
    f->table = t;
    const int kind = t == Table::kMedical ? 1 : t == Table::kDental ? 3 : 4;
    f->institution = fmt::format("{}{:06}", kind, ++institutions_);
    f->name = fmt::format("{}-{}.UKE", folder, f->institution);
    const std::string tel =
        fmt::format("027-{:03}-{:04}", institutions_ % 1000, institutions_ % 10000);
    if (t == Table::kPharmacy) {
      f->w.Add({"YK", "2", fmt::format("{:02}", o_.prefecture), "4", f->institution,
                fmt::format("合成薬局{}", institutions_), fmt::format("{}", o_.billing_month), "00",
                tel});
    } else {
      const std::string name =
          fmt::format("{}{}", t == Table::kDental ? "合成歯科" : "合成医院", institutions_);
      if (t == Table::kDental)
        f->w.Add({"UK", "2", fmt::format("{:02}", o_.prefecture), "3", f->institution, "", name,
                  fmt::format("{}", o_.billing_month), "", "00"});
      f->w.Add({"IR", "2", fmt::format("{:02}", o_.prefecture), t == Table::kDental ? "3" : "1",
                f->institution, "", name, fmt::format("{}", o_.billing_month), "00", tel});
    }
    return f;
  }

  void Finish(FileBuilder& f) {
    if (f.receipts == 0) return;  // an institution without receipts this month: no file
    f.w.Add({"GO", fmt::format("{}", f.count), fmt::format("{}", f.points), "99"});
    SynthFile sf;
    sf.name = f.name;
    sf.table = f.table;
    sf.receipts = f.receipts;
    sf.lines = f.w.lines();
    sf.go_count = f.count;
    sf.go_points = f.points;
    std::string bytes = f.w.Finish();
    sf.bytes = bytes.size();
    s_.lines += sf.lines;
    s_.bytes += sf.bytes;
    write_(f.name, std::move(bytes));
    s_.files.push_back(std::move(sf));
  }

  Person NewPerson() {
    Person p;
    p.sex = rng_.Int(1, 2);
    // Ages: 市町村国保 has about 41% aged 65–74 (MHLW 2023, spec/receipts.md §6.2); 後期
    // (75+) about 40% of the people here [assumed]; the rest spread over 0–64.
    const double u = rng_.Uniform();
    p.age = u < 0.40                 ? rng_.Int(75, 99)
            : u < 0.40 + 0.60 * 0.41 ? rng_.Int(65, 74)
                                     : rng_.Int(0, 64);
    p.elderly = p.age >= 75;
    // Born age years and 1–12 months before the 診療年月 (so never after it).
    const int months = (month_ / 100) * 12 + (month_ % 100 - 1) - (p.age * 12 + rng_.Int(1, 12));
    const int y = months / 12, m = months % 12 + 1;
    p.birth = y * 10000 + m * 100 + rng_.Int(1, DaysInMonth(y, m));
    if (p.elderly) {
      p.insurer = fmt::format("39{:02}{:04}", o_.prefecture, rng_.Int(1, 9) * 1000 + 1);
      p.symbol = "";
      p.number = fmt::format("{:08}", rng_.Next() % 100000000);
    } else {
      p.insurer = fmt::format("  {:02}{:04}", o_.prefecture, rng_.Int(1, 35) * 10 + rng_.Int(0, 9));
      p.symbol = Wide(fmt::format("{}", rng_.Int(1, 99)));
      p.number = Wide(fmt::format("{}", rng_.Int(1000, 999999)));
    }
    static constexpr std::array<const char*, 6> kFamily = {"合成", "架空", "試験",
                                                           "見本", "仮名", "例示"};
    static constexpr std::array<const char*, 6> kGiven = {"太郎", "花子", "一郎",
                                                          "良子", "次郎", "和子"};
    static constexpr std::array<const char*, 6> kFamilyKana = {"ゴウセイ", "カクウ", "シケン",
                                                               "ミホン",   "カメイ", "レイジ"};
    static constexpr std::array<const char*, 6> kGivenKana = {"タロウ", "ハナコ", "イチロウ",
                                                              "ヨシコ", "ジロウ", "カズコ"};
    const int f = rng_.Int(0, 5), g = rng_.Int(0, 5);
    p.name = std::string(kFamily[f]) + "　" + kGiven[g];
    p.kana = std::string(kFamilyKana[f]) + kGivenKana[g];
    return p;
  }

  // レセプト種別: 点数表, 1 医保 / 3 後期, 負担者の数, 本人・家族・年齢 (digit 4; odd = 入院).
  std::string ReceiptType(const Person& p, Table t, int payers, bool inpatient) {
    int d4 = 2;  // 本人・入院外
    if (p.age < 6)
      d4 = 4;
    else if (p.age >= 70)
      d4 = rng_.Chance(0.1) ? 0 : 8;
    if (inpatient) d4 = d4 == 0 ? 9 : d4 - 1;
    const int d1 = t == Table::kMedical ? 1 : t == Table::kDental ? 3 : 4;
    return fmt::format("{}{}{}{}", d1, p.elderly ? 3 : 1, payers, d4);
  }

  // The RE, HO (and KO) lines of a 医科/歯科 receipt; returns the RE line number.
  std::uint32_t Head(FileBuilder& f, const Person& p, bool kohi, bool inpatient, int days,
                     std::int64_t points, std::int32_t admission) {
    const std::uint32_t line = static_cast<std::uint32_t>(f.w.lines() + 1);
    std::vector<std::string> re(f.table == Table::kDental ? 27 : 38);
    re[0] = "RE";
    re[1] = fmt::format("{}", f.next);
    re[2] = ReceiptType(p, f.table, 1 + (kohi ? 1 : 0), inpatient);
    re[3] = fmt::format("{}", month_);
    re[4] = p.name;
    re[5] = fmt::format("{}", p.sex);
    re[6] = fmt::format("{}", p.birth);
    if (f.table == Table::kMedical && admission) re[8] = fmt::format("{}", admission);
    if (f.table == Table::kMedical) re[36] = p.kana;
    std::vector<std::string_view> views(re.begin(), re.end());
    f.w.Add(views);
    f.w.AddLine(Line("HO").F(p.insurer).F(p.symbol).F(p.number).F(days).F(points).Empty(9).str());
    if (kohi)
      f.w.AddLine(Line("KO")
                      .F(fmt::format("54{:02}0015", o_.prefecture))
                      .F(fmt::format("{:07}", rng_.Next() % 10000000))
                      .Empty(1)
                      .F(days)
                      .F(points)
                      .Empty(6)
                      .str());
    ++f.next;
    ++f.receipts;
    ++s_.receipts;
    f.count += 1 + (kohi ? 1 : 0);  // counting rule: 医療保険 1 + 公費1種
    f.points += points;
    return line;
  }

  // Distinct visit days, sorted.
  std::vector<int> VisitDays(int n) {
    std::vector<int> all(days_in_month_);
    for (int i = 0; i < days_in_month_; ++i) all[i] = i + 1;
    for (int i = 0; i < n; ++i) std::swap(all[i], all[i + rng_.Int(0, days_in_month_ - 1 - i)]);
    all.resize(n);
    std::sort(all.begin(), all.end());
    return all;
  }

  struct Body {
    std::vector<std::string> lines;
    std::int64_t points = 0;
  };
  // An SI / IY line: 識別 (or ""), code, 数量, 点数 (< 0: none), 回数 and its days.
  void Item(Body& b, const char* type, std::string_view category, std::string_view code,
            std::string_view qty, int points, const std::array<int, 31>& days) {
    int count = 0;
    for (int c : days) count += c;
    Line l(type);
    l.F(category).F("1").F(code).F(qty);
    if (points >= 0)
      l.F(points);
    else
      l.Empty(1);
    l.F(count).Empty(6).Days(days);
    b.lines.push_back(l.str());
    if (points >= 0) b.points += std::int64_t{points} * count;
  }
  static std::array<int, 31> On(std::initializer_list<int> days, int each = 1) {
    std::array<int, 31> d{};
    for (int x : days) d[x - 1] += each;
    return d;
  }
  static std::array<int, 31> On(const std::vector<int>& days, int each = 1) {
    std::array<int, 31> d{};
    for (int x : days) d[x - 1] += each;
    return d;
  }

  void Diagnoses(Body& b, int n, int first_day) {
    for (int i = 0; i < n; ++i) {
      Line l("SY");
      l.F(rng_.Pick(kDiseases))
          .F(Date8(month_, std::max(1, first_day - rng_.Int(0, first_day - 1))))
          .F("1");
      l.F(rng_.Chance(0.2) ? rng_.Pick(kModifiers) : "").Empty(1).F(i == 0 ? "01" : "").Empty(1);
      b.lines.push_back(l.str());
    }
  }

  // One 外来 receipt; returns the drug prescribed 院外 (for planting duplicates), or "".
  std::string Outpatient(FileBuilder& f, const Person& p, bool frequent,
                         std::vector<std::unique_ptr<FileBuilder>>& pharmacies, int clinic,
                         const std::string& forced_drug = "") {
    // Days: 1件当たり日数 入院外 1.51 (概算医療費 令和3年度): a mixture of 97% geometric
    // (mean 1.4) and 3% geometric (mean 5), mean ≈ 1.51, for a tail of frequent visitors.
    int days = rng_.Chance(0.97) ? rng_.Days(1.4, days_in_month_) : rng_.Days(5.0, days_in_month_);
    if (frequent) days = rng_.Int(15, std::min(22, days_in_month_));
    const std::vector<int> visits = VisitDays(days);
    Body b;
    Diagnoses(b, rng_.Int(1, 4), visits.front());
    if (rng_.Chance(0.2)) {  // 初診 on the first visit
      Item(b, "SI", "11", "111000110", "", 291, On({visits.front()}));
      if (days > 1)
        Item(b, "SI", "12", "112007410", "", 75,
             On(std::vector<int>(visits.begin() + 1, visits.end())));
    } else {
      Item(b, "SI", "12", "112007410", "", 75, On(visits));
      if (rng_.Chance(0.5)) Item(b, "SI", "", "112011010", "", 52, On(visits));
    }
    if (rng_.Chance(0.3)) {
      const Code& m = rng_.Pick(kManagement);
      Item(b, "SI", "13", m.code, "", m.points, On({visits.front()}));
    }
    if (rng_.Chance(0.3)) {  // 検査: a 算定単位 of 2–4 lines, 点数 on the last
      const int n = rng_.Int(2, 4);
      for (int i = 0; i < n; ++i)
        Item(b, "SI", i == 0 ? "60" : "", kTests[static_cast<std::size_t>(i)].code, "",
             i == n - 1 ? rng_.Int(100, 600) : -1, On({visits.front()}));
    }
    std::string drug;
    const bool outside = !forced_drug.empty() || rng_.Chance(outside_rx_);
    const int supply = std::array<int, 5>{7, 14, 28, 30, 14}[rng_.Next() % 5];
    if (outside) {
      Item(b, "SI", "80", "120002910", "", 60, On({visits.front()}));
      drug = forced_drug.empty() ? rng_.Pick(kDrugs).code : forced_drug;
    } else if (rng_.Chance(0.6)) {  // 院内: one 内服 剤 of 1–3 drugs, 回数 = 日分 on the visit day
      const int n = rng_.Int(1, 3);
      for (int i = 0; i < n; ++i)
        Item(b, "IY", i == 0 ? "21" : "", rng_.Pick(kDrugs).code, fmt::format("{}", rng_.Int(1, 3)),
             i == n - 1 ? rng_.Int(1, 40) : -1, On({visits.front()}, supply));
    }
    if (rng_.Chance(0.05))
      b.lines.push_back(Line("CO").F("").F("1").F("810000001").F("合成コメント").str());
    const bool kohi = rng_.Chance(0.03);
    const std::uint32_t line = Head(f, p, kohi, false, days, b.points, 0);
    for (const std::string& l : b.lines) f.w.AddLine(l);
    ++s_.outpatient;
    if (frequent)
      Plant("frequent_visits", f, f.next - 1, line, fmt::format("入院外 診療実日数 {} 日", days));
    if (outside) {
      // The 調剤 receipt for this prescription at a pharmacy near the clinic (80%) or another.
      const std::size_t k = rng_.Chance(0.8) ? static_cast<std::size_t>(clinic) % pharmacies.size()
                                             : rng_.Next() % pharmacies.size();
      Pharmacy(*pharmacies[k], p, f.institution, drug, supply, visits.front());
    }
    return drug;
  }

  void Pharmacy(FileBuilder& f, const Person& p, const std::string& prescriber,
                const std::string& drug, int supply, int day) {
    // 調剤基本料 45, 薬剤調製料 24, 薬剤料 per day × 日数; 受付回数 1 (1件当たり 1.20) [assumed].
    const int drugs = rng_.Int(1, 4);
    std::vector<std::string> lines;
    std::int64_t points = 0;
    for (int rp = 1; rp <= drugs; ++rp) {
      const Code& d = rp == 1 ? Code{drug.c_str(), 0} : rng_.Pick(kDrugs);
      const int per_day = rng_.Int(1, 30);
      const int prep = 24, drug_points = per_day * supply;
      points += prep + drug_points;
      Line sh("SH");
      sh.F(rp).F("1").F("").Empty(1).F(per_day).Empty(4);
      lines.push_back(sh.str());
      Line cz("CZ");
      cz.F("1")
          .F(fmt::format("{:02}{:02}", month_ % 100, day))
          .F(fmt::format("{:02}{:02}", month_ % 100, day))
          .F("1")
          .F(supply)
          .F("1")
          .F("1")
          .Empty(1)
          .F("420000110")
          .F(prep)
          .Empty(2)
          .F(drug_points)
          .Empty(40);
      lines.push_back(cz.str());
      Line iy("IY");
      iy.F("1").F(d.code).F(fmt::format("{}", rng_.Int(1, 3))).Empty(6);
      lines.push_back(iy.str());
    }
    points += 45;
    lines.push_back(Line("KI").F("1").F("410000110").F(45).str());
    const std::uint32_t number = f.next;
    std::vector<std::string> re(42);
    re[0] = "RE";
    re[1] = fmt::format("{}", number);
    re[2] = ReceiptType(p, Table::kPharmacy, 1, false);
    re[3] = fmt::format("{}", month_);
    re[4] = p.name;
    re[5] = fmt::format("{}", p.sex);
    re[6] = fmt::format("{}", p.birth);
    re[9] = fmt::format("{:02}", o_.prefecture);
    re[10] = "1";
    re[11] = prescriber;
    re[41] = p.kana;
    std::vector<std::string_view> views(re.begin(), re.end());
    f.w.Add(views);
    f.w.AddLine(Line("HO").F(p.insurer).F(p.symbol).F(p.number).F(1).F(points).Empty(8).str());
    for (const std::string& l : lines) f.w.AddLine(l);
    ++f.next;
    ++f.receipts;
    ++s_.receipts;
    ++s_.pharmacy;
    f.count += 1;
    f.points += points;
  }

  void Inpatient(FileBuilder& f, const Person& p, bool dpc) {
    // 1件当たり日数 入院 15.2 (概算医療費 令和3年度): 1 + geometric with mean 14.2 days in the
    // month, capped at its length [assumed shape].
    const int days = rng_.Days(15.2, days_in_month_);
    const int first = rng_.Int(1, days_in_month_ - days + 1);
    std::vector<int> stay;
    for (int d = first; d < first + days; ++d) stay.push_back(d);
    const std::int32_t admission = month_ * 100 + first;
    Body b;
    Diagnoses(b, rng_.Int(2, 5), first);
    std::int64_t bundle = 0;
    if (dpc) {
      // DPC: 診断群分類, 傷病, 患者基礎, 包括評価 (daily points × days) and 合計調整.
      const int daily = rng_.Int(2200, 3600);
      bundle = std::int64_t{daily} * days;
      b.lines.push_back(Line("BU").F("040080xx99x0xx").F(Date8(month_, first)).Empty(3).str());
      for (int i = 0; i < 2; ++i)
        b.lines.push_back(Line("SB")
                              .F(rng_.Pick(kDiseases))
                              .Empty(2)
                              .F("J189")
                              .F(i == 0 ? "01" : "11")
                              .Empty(2)
                              .str());
      b.lines.push_back(Line("KK").F("0").Empty(1).F("2").Empty(10).str());
      b.lines.push_back(Line("HH")
                            .F(fmt::format("{}", month_))
                            .F("2")
                            .F("1")
                            .F("1")
                            .F("1")
                            .F(daily)
                            .F(days)
                            .F(bundle)
                            .str());
      b.lines.push_back(Line("GT")
                            .F(fmt::format("{}", month_))
                            .F("2")
                            .F("1")
                            .F("1")
                            .F(bundle)
                            .F(bundle)
                            .Empty(1)
                            .F(bundle)
                            .F("93")
                            .Empty(2)
                            .str());
      // コーディングデータ: what the bundle covers, day by day.
      int order = 0;
      for (int d : stay) {
        for (int k = rng_.Int(8, 25); k > 0; --k)
          b.lines.push_back(Line("CD")
                                .F(Date8(month_, d))
                                .F("21")
                                .F(++order)
                                .F("1")
                                .F(rng_.Pick(kDrugs).code)
                                .F("1")
                                .Empty(2)
                                .F("1")
                                .Empty(1)
                                .str());
      }
    } else {
      Item(b, "SI", "90", "190117710", "", rng_.Int(1000, 1700),
           On(stay));                           // 入院基本料 (illustrative code)
      for (int k = rng_.Int(1, 6); k > 0; --k)  // 内服: daily units over the stay
        Item(b, "IY", "21", rng_.Pick(kDrugs).code, "1", rng_.Int(1, 40), On(stay));
      for (int k = rng_.Int(5, 40); k > 0; --k) {  // 注射: units spanning a few days
        const int from = rng_.Int(0, days - 1), len = rng_.Int(1, std::min(7, days - from));
        std::vector<int> on(stay.begin() + from, stay.begin() + from + len);
        Item(b, "SI", "33", "130003510", "", -1, On(on));
        Item(b, "IY", "", rng_.Pick(kDrugs).code, "1", rng_.Int(50, 900), On(on));
      }
    }
    for (int k = rng_.Int(5, 40); k > 0; --k) {  // 検査 on random days
      const int d = stay[rng_.Next() % stay.size()];
      Item(b, "SI", "60", kTests[3].code, "", kTests[3].points, On({d}));
    }
    if (rng_.Chance(0.4)) Item(b, "SI", "70", "170000410", "1", 85, On({first}));
    if (rng_.Chance(0.3)) {
      const Code& s = rng_.Pick(kSurgery);
      Item(b, "SI", "50", s.code, "", s.points, On({first}));
    }
    const std::uint32_t line_unused = Head(f, p, false, true, days, b.points + bundle, admission);
    (void)line_unused;
    for (const std::string& l : b.lines) f.w.AddLine(l);
    ++(dpc ? s_.dpc : s_.inpatient);
  }

  void Dental(FileBuilder& f, const Person& p) {
    // 1件当たり日数 歯科 1.66 (概算医療費 令和3年度).
    const int days = rng_.Days(1.66, days_in_month_);
    const std::vector<int> visits = VisitDays(days);
    Body b;
    for (int i = rng_.Int(1, 2); i > 0; --i) {
      Line hs("HS");
      hs.F(Date8(month_, visits.front()))
          .F("1")
          .F("102400")
          .F(rng_.Pick(kDentalDiseases))
          .Empty(4)
          .F(i == 1 ? "01" : "")
          .Empty(3);
      b.lines.push_back(hs.str());
    }
    for (int k = rng_.Int(2, 6); k > 0; --k) {
      const Code& c = rng_.Pick(kDental);
      const int on = visits[rng_.Next() % visits.size()];
      Line ss("SS");
      ss.F(fmt::format("{}", std::array<int, 4>{11, 13, 31, 61}[rng_.Next() % 4]))
          .F("1")
          .F(c.code)
          .Empty(72)
          .F(c.points)
          .F(1)
          .Days(On({on}));
      b.lines.push_back(ss.str());
      b.points += c.points;
    }
    Head(f, p, false, false, days, b.points, 0);
    for (const std::string& l : b.lines) f.w.AddLine(l);
    ++s_.dental;
  }

  void Plant(const std::string& rule, const FileBuilder& f, std::uint32_t receipt,
             std::uint32_t line, std::string detail) {
    PlantedFinding pf;
    pf.id = fmt::format("P{:06}", s_.planted.size() + 1);
    pf.rule = rule;
    pf.file = f.name;
    pf.receipt = receipt;
    pf.line = line;
    pf.detail = std::move(detail);
    s_.planted.push_back(std::move(pf));
  }

  SynthOptions o_;
  const std::function<void(const std::string&, std::string&&)>& write_;
  Rng rng_;
  std::int32_t month_ = 0;
  int days_in_month_ = 30;
  double outside_rx_ = 0.7;
  int district_ = 0;
  int institutions_ = 0;
  SynthSummary s_;
};

}  // namespace

SynthSummary GenerateClaims(const SynthOptions& options,
                            const std::function<void(const std::string&, std::string&&)>& write) {
  Generator g(options, write);
  return g.Run();
}

}  // namespace kokuho::claims
