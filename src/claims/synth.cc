#include "claims/synth.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <map>
#include <memory>
#include <set>

#include "claims/cp932.h"
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
  // Stochastic rounding of an expected count.
  int Count(double expected) {
    const int whole = static_cast<int>(expected);
    return whole + (Chance(expected - whole) ? 1 : 0);
  }

 private:
  std::uint64_t s_;
};

// ---- the synthetic catalogue (written as masters with write_masters) ----

struct Disease {
  const char* code;
  const char* name;
  const char* icd10;
};
// Codes: the bundled sample's (4375001 もやもや病 I675 and 9599001 外傷 T149 are the real
// master's rows); the others are given synthetic names and ICD-10 codes by this generator.
enum DiseaseId {
  kHt,
  kDm,
  kLip,
  kGi,
  kSleep,
  kJoint,
  kUri,
  kInjury,
  kMoyamoya,
  kPneumonia,
  kStroke,
  kCaries,
  kGingivitis,
  kPeriodontitis,
  kDiseaseCount
};
constexpr Disease kDiseases[kDiseaseCount] = {
    {"8833421", "本態性高血圧症（合成）", "I10"},
    {"2500013", "２型糖尿病（合成）", "E119"},
    {"8848176", "脂質異常症（合成）", "E785"},
    {"5559001", "胃潰瘍（合成）", "K259"},
    {"8847337", "不眠症（合成）", "G470"},
    {"9170003", "変形性膝関節症（合成）", "M179"},
    {"4659007", "急性上気道炎（合成）", "J069"},
    {"9599001", "外傷", "T149"},
    {"4375001", "もやもや病", "I675"},
    {"4860002", "肺炎（合成）", "J189"},
    {"4349001", "脳梗塞（合成）", "I639"},
    {"5220063", "う蝕（合成）", "K021"},
    {"8843836", "歯肉炎（合成）", "K051"},
    {"8833899", "慢性歯周炎（合成）", "K053"},
};
struct Modifier {
  const char* code;
  const char* name;
};
constexpr std::array<Modifier, 4> kModifiers = {{{"8002", "右（合成）"},
                                                 {"8070", "左（合成）"},
                                                 {"2060", "急性（合成）"},
                                                 {"4001", "慢性（合成）"}}};

// Drug groups: one 一般名コード each, a 先発品 and (mostly) a 後発品, 1 tablet a day. The 先発品
// of the clean data cost ≤ 15 円 a day, so their J300 点数 equals the 後発品's (no saving);
// kExpensive is used only by planted 後発差額 cases. Codes 6299xxxx1 (先発) / 6299xxxx2 (後発)
// are code-shaped synthetic codes.
enum DrugGroup {
  kArb,
  kCcb,
  kBiguanide,
  kDpp4,
  kStatin,
  kH2,
  kMucosal,
  kZolpidem,
  kAntiallergy,
  kAnalgesic,
  kPatch,
  kExpensive,
  kAntiplatelet,
  kAntiepileptic,
  kProbiotic,
  kVitamin,
  kUrinary,
  kGroupCount
};
struct DrugSpec {
  const char* generic;  // 一般名コード
  const char* name;
  int form;                                  // y[27] 剤形: 1 内用, 3 外用
  int brand_hundredths, generic_hundredths;  // 薬価 × 100; generic 0 = no 後発品
  const char* unit;
};
constexpr DrugSpec kGroups[kGroupCount] = {
    {"2149044F1ZZZ", "合成アンジオテンシン受容体拮抗薬錠", 1, 1250, 570, "錠"},
    {"2171022F1ZZZ", "合成カルシウム拮抗薬錠", 1, 1420, 610, "錠"},
    {"3962002F1ZZZ", "合成ビグアナイド系糖尿病薬錠", 1, 1380, 590, "錠"},
    {"3969010F1ZZZ", "合成ＤＰＰ－４阻害薬錠", 1, 1190, 480, "錠"},
    {"2189015F1ZZZ", "合成スタチン錠", 1, 1460, 630, "錠"},
    {"2325003F1ZZZ", "合成Ｈ２遮断薬錠", 1, 1310, 550, "錠"},
    {"2329023F1ZZZ", "合成胃粘膜保護薬錠", 1, 980, 570, "錠"},
    {"1129009F1ZZZ", "ゾルピデム酒石酸塩錠５ｍｇ（合成マスター）", 1, 1490, 640, "錠"},
    {"4490005F1ZZZ", "合成抗アレルギー薬錠", 1, 1040, 510, "錠"},
    {"1149019F1ZZZ", "合成解熱鎮痛薬錠", 1, 570, 0, "錠"},
    {"2649729S1ZZZ", "合成消炎鎮痛貼付剤", 3, 1300, 600, "枚"},
    {"2149999F1ZZZ", "合成高額降圧薬錠", 1, 21540, 4560, "錠"},
    {"3399001F1ZZZ", "合成抗血小板薬錠", 1, 900, 570, "錠"},
    {"1139005F1ZZZ", "合成抗てんかん薬錠", 1, 950, 580, "錠"},
    {"2399001F1ZZZ", "合成整腸剤錠", 1, 590, 570, "錠"},
    {"3112001F1ZZZ", "合成ビタミン剤錠", 1, 570, 570, "錠"},
    {"2590008F1ZZZ", "合成排尿障害治療薬錠", 1, 1200, 600, "錠"},
};
std::string BrandCode(int g) { return fmt::format("6299{:02}{:02}1", g, 0); }
std::string GenericCode(int g) { return fmt::format("6299{:02}{:02}2", g, 0); }
// A code of the group that exists (the 後発品, else the 先発品).
std::string AnyCode(int g) {
  return kGroups[g].generic_hundredths > 0 ? GenericCode(g) : BrandCode(g);
}

// Procedures: real codes (the bundled extracts and a public list of the official master,
// docs/claims-checks.md) with illustrative 点数; 1x99999x0 codes are synthetic items that
// carry the synthetic rules of check_rules_synth.yaml.
struct Procedure {
  const char* code;
  const char* name;
  int points;
};
constexpr Procedure kFirstVisit{"111000110", "初診料", 291};
constexpr Procedure kRevisit{"112007410", "再診料", 75};
constexpr Procedure kRevisitAddOn{"112011010", "外来管理加算", 52};
constexpr Procedure kPrescription{"120002910", "処方箋料（リフィル以外・その他）", 60};
constexpr Procedure kDiseaseMgmt{"113001810", "特定疾患療養管理料（診療所）", 225};
constexpr Procedure kLifestyleDm{"113041910", "生活習慣病管理料（Ｉ）（糖尿病を主病）", 760};
constexpr Procedure kHbA1c{"160010010", "ＨｂＡ１ｃ", 49};
constexpr Procedure kQuarterly{"160999910", "合成検査（３月に１回）", 120};
constexpr Procedure kLifetime{"180999910", "合成指導料（患者１人につき１回）", 300};
constexpr Procedure kHomeCare{"114999910", "合成在宅管理料（１患者１医療機関・月１回）", 400};
constexpr Procedure kWound{"140000610", "創傷処置（１００ｃｍ２未満）", 52};
constexpr Procedure kXray{"170000410", "単純撮影（イ）の写真診断", 85};
constexpr Procedure kAdmission{"190117710", "入院基本料（合成）", 0};
constexpr Procedure kInjection{"130003510", "静脈内注射", 37};
// Planted 背反 (H01): two synthetic 処置 that may not be billed on one day (keep the first);
// planted 包括 (H02): a synthetic 管理料 that includes a synthetic 検査 in its month.
constexpr Procedure kPairKeep{"140999910", "合成処置（背反・算定する側）", 80};
constexpr Procedure kPairDrop{"140999810", "合成処置（背反・算定しない側）", 60};
constexpr Procedure kBundleMain{"113999910", "合成管理料（包括する側）", 250};
constexpr Procedure kBundled{"160999810", "合成検査（包括される側）", 40};
constexpr std::array<Procedure, 6> kTests = {{{"160068410", "ＥＣＧ１２", 0},
                                              {"160008010", "末梢血液一般検査", 0},
                                              {"160054710", "ＣＲＰ", 0},
                                              {"160022510", "ＡＳＴ", 48},
                                              {"160022610", "ＡＬＴ", 112},
                                              {"160019010", "ＢＵＮ", 10}}};
constexpr std::array<Procedure, 3> kSurgery = {{{"150253010", "手術（合成）", 12100},
                                                {"150183410", "手術（合成）", 7000},
                                                {"140009310", "人工呼吸", 242}}};
constexpr std::array<Procedure, 7> kDental = {{{"301072810", "歯科初診（合成）", 226},
                                               {"302000110", "歯科処置（合成）", 110},
                                               {"302000610", "歯科処置（合成）", 80},
                                               {"305004310", "歯科処置（合成）", 402},
                                               {"313002010", "歯科処置（合成）", 126},
                                               {"313024410", "歯科処置（合成）", 185},
                                               {"310000310", "歯科処置（合成）", 265}}};

// Clinical templates: a 傷病名, its drugs and what the clinic bills for it.
enum TemplateId { kTHt, kTDm, kTLip, kTGi, kTSleep, kTJoint, kTUri, kTInjury, kTemplateCount };
struct Template {
  DiseaseId disease;
  std::array<int, 2> drugs;  // groups, -1 none
  bool chronic;
};
constexpr Template kTemplates[kTemplateCount] = {
    {kHt, {kArb, kCcb}, true},
    {kDm, {kBiguanide, kDpp4}, true},
    {kLip, {kStatin, -1}, true},
    {kGi, {kH2, kMucosal}, true},
    {kSleep, {kZolpidem, -1}, true},
    {kJoint, {kPatch, -1}, true},
    {kUri, {kAntiallergy, kAnalgesic}, false},
    {kInjury, {kAnalgesic, -1}, false},
};

constexpr std::string_view kKinds[] = {"T01",
                                       "T02",
                                       "T03",
                                       "Y01",
                                       "Y02",
                                       "Y03",
                                       "K01",
                                       "K02",
                                       "K03",
                                       "K04",
                                       "K05",
                                       "H01",
                                       "H02",
                                       "duplicate_visits",
                                       "frequent_visits",
                                       "duplicate_medication",
                                       "polypharmacy",
                                       "generic_notice",
                                       "third_party"};

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

std::string Wide(const std::string& digits) {
  static const char* kWide[] = {"０", "１", "２", "３", "４", "５", "６", "７", "８", "９"};
  std::string s;
  for (char c : digits) s += kWide[c - '0'];
  return s;
}

// ---- people ----

// What a person's history at one institution looks like to the 初診 and frequency rules.
struct ClinicState {
  int clinic = -1;
  std::int32_t last_month = 0;  // 診療年月 of the last receipt
  int last_day = 0;             // its last day with a line
  bool closed = true;           // every 傷病名 治ゆ on it
  bool lifetime = false;        // kLifetime billed once
  std::int32_t quarterly = 0;   // month kQuarterly was last billed
};

struct Person {
  int sex = 1;
  std::int32_t birth = 0;
  int age = 0;  // at the first month
  bool elderly = false;
  std::string insurer, symbol, number, name, kana;
  int primary = 0, secondary = -1;
  bool chronic = false, home_care = false;
  std::vector<int> at_primary, at_secondary;  // templates
  std::vector<ClinicState> clinics;
  std::int32_t busy_until = 0;  // planted cases run to this month (no other plant, no stay)

  ClinicState& At(int clinic) {
    for (ClinicState& c : clinics)
      if (c.clinic == clinic) return c;
    clinics.push_back({});
    clinics.back().clinic = clinic;
    return clinics.back();
  }
  const ClinicState* Find(int clinic) const {
    for (const ClinicState& c : clinics)
      if (c.clinic == clinic) return &c;
    return nullptr;
  }
};

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

struct Institution {
  Table table;
  const char* folder;
  std::string code, name, tel;
};

// What one outpatient visit bills (filled by the month's logic, written by Visit()).
struct VisitSpec {
  std::vector<int> days;        // visit days (sorted)
  std::vector<int> templates;   // the conditions seen
  bool first_visit = false;     // 初診料 on the first day
  int first_visit_day = 0;      // planted T02: the 初診 day (else days.front())
  bool acute_closed = false;    // acute 傷病名 治ゆ at the end
  bool declare_injury = true;   // 特記事項 10 on an injury (clean)
  bool no_management = false;   // planted extra visits: 再診 only
  bool hba1c_twice = false;     // planted T01
  bool exclusive_pair = false;  // planted H01
  bool bundled_test = false;    // planted H02
  bool quarterly = false, lifetime = false, home_care = false;
  int home_care_day = 0;  // the day kHomeCare is billed (0: first day)
  bool outside = false;   // 院外処方 (処方箋料 + a 調剤 receipt)
  bool omit_fee = false;  // planted K02
  bool no_drugs = false;
  struct Rx {
    int group;
    bool brand;
    int days;
    int qty;  // 使用量 (tablets a day; patches in all)
  };
  std::vector<Rx> drugs;
  DiseaseId extra_disease = kDiseaseCount;  // a diagnosis added (planted duplicate visits)
};

class Generator {
 public:
  Generator(const SynthOptions& o,
            const std::function<void(const std::string&, std::string&&)>& write)
      : o_(o), write_(write), rng_(o.seed) {
    first_billing_ = o.billing_month;
    months_ = std::max(1, o.months);
    const std::int32_t m = AddMonthsTo(o.billing_month, -1);
    outside_rx_ = std::min(0.95, o.share_pharmacy / std::max(1e-9, o.share_outpatient));
    first_month_ = m;
  }

  SynthSummary Run() {
    // Districts until the months' receipts reach `receipts` a month on average.
    while (s_.receipts < o_.receipts * static_cast<std::uint64_t>(months_)) District();
    if (o_.write_masters) WriteMasters();
    return std::move(s_);
  }

 private:
  static std::int32_t AddMonthsTo(std::int32_t yyyymm, int n) {
    const int index = (yyyymm / 100) * 12 + (yyyymm % 100 - 1) + n;
    return (index / 12) * 100 + index % 12 + 1;
  }
  double Rate(std::string_view kind) const {
    double r = o_.plant_rate;
    if (kind == "frequent_visits") r = std::max(r, o_.plant_frequent_visits);
    if (kind == "duplicate_medication") r = std::max(r, o_.plant_duplicate_prescriptions);
    return r;
  }

  // ---- a district: 8 clinics, a hospital, 3 dental clinics, 6 pharmacies, its people ----
  void District() {
    ++district_;
    frequent_.clear();  // person indexes are the district's
    dupvisit_.clear();
    const int clinics = 8, dentals = 3, pharmacies = 6;
    std::vector<Institution> med, den, ph;
    for (int i = 0; i < clinics; ++i) med.push_back(NewInstitution(Table::kMedical, "ika"));
    const bool dpc = district_ % 2 == 1;  // every other district has a DPC hospital
    Institution hospital = NewInstitution(Table::kMedical, dpc ? "dpc" : "ika");
    for (int i = 0; i < dentals; ++i) den.push_back(NewInstitution(Table::kDental, "shika"));
    for (int i = 0; i < pharmacies; ++i) ph.push_back(NewInstitution(Table::kPharmacy, "chozai"));

    // Outpatient receipts a month ~ Σ U(100, 1300) per clinic [assumed], capped by what is
    // left; people so that the expected visits match (about 0.62 receipts a person-month:
    // chronic 40% visit their clinic 95% of months and a second clinic 50%; others 25% and
    // 10% [assumed]).
    int outpatient = 0;
    for (int i = 0; i < clinics; ++i) outpatient += rng_.Int(100, 1300);
    const double target = static_cast<double>(o_.receipts) * months_;
    const double left = target - static_cast<double>(std::min<std::uint64_t>(
                                     s_.receipts, static_cast<std::uint64_t>(target)));
    const double per_outpatient =
        1 + (o_.share_inpatient + o_.share_dental) / o_.share_outpatient + outside_rx_;
    if (outpatient * per_outpatient * months_ > left)
      outpatient = std::max(8, static_cast<int>(left / per_outpatient / months_));
    const double visits_per_person = 0.4 * (0.95 + 0.35 * 0.5) + 0.6 * (0.25 + 0.35 * 0.1);
    std::vector<Person> people(
        static_cast<std::size_t>(std::max(12.0, outpatient / visits_per_person)));
    for (Person& p : people) p = NewPerson(clinics);

    for (int k = 0; k < months_; ++k) {
      const std::int32_t billing = AddMonthsTo(first_billing_, k);
      Month(people, med, hospital, dpc, den, ph, billing, outpatient);
    }
  }

  Institution NewInstitution(Table t, const char* folder) {
    Institution in;
    in.table = t;
    in.folder = folder;
    const int kind = t == Table::kMedical ? 1 : t == Table::kDental ? 3 : 4;
    in.code = fmt::format("{}{:06}", kind, ++institutions_);
    in.tel = fmt::format("027-{:03}-{:04}", institutions_ % 1000, institutions_ % 10000);
    in.name = t == Table::kPharmacy ? fmt::format("合成薬局{}", institutions_)
              : t == Table::kDental ? fmt::format("合成歯科{}", institutions_)
                                    : fmt::format("合成医院{}", institutions_);
    return in;
  }

  std::unique_ptr<FileBuilder> OpenFile(const Institution& in, std::int32_t billing) {
    auto f = std::make_unique<FileBuilder>();
    f->table = in.table;
    f->institution = in.code;
    f->name = months_ == 1 ? fmt::format("{}-{}.UKE", in.folder, in.code)
                           : fmt::format("{}-{}-{}.UKE", in.folder, in.code, billing);
    const std::string bm = fmt::format("{}", billing), pref = fmt::format("{:02}", o_.prefecture);
    if (in.table == Table::kPharmacy) {
      f->w.Add({"YK", "2", pref, "4", in.code, in.name, bm, "00", in.tel});
    } else {
      if (in.table == Table::kDental)
        f->w.Add({"UK", "2", pref, "3", in.code, "", in.name, bm, "", "00"});
      f->w.Add({"IR", "2", pref, in.table == Table::kDental ? "3" : "1", in.code, "", in.name, bm,
                "00", in.tel});
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

  Person NewPerson(int clinics) {
    Person p;
    p.sex = rng_.Int(1, 2);
    // Ages: 市町村国保 has about 41% aged 65–74 (MHLW 2023, docs/claims-format.md); 後期
    // (75+) about 40% of the people here [assumed]; the rest spread over 0–64.
    const double u = rng_.Uniform();
    p.age = u < 0.40                 ? rng_.Int(75, 99)
            : u < 0.40 + 0.60 * 0.41 ? rng_.Int(65, 74)
                                     : rng_.Int(0, 64);
    p.elderly = p.age >= 75;
    const int months =
        (first_month_ / 100) * 12 + (first_month_ % 100 - 1) - (p.age * 12 + rng_.Int(1, 12));
    const int y = months / 12, m = months % 12 + 1;
    p.birth = y * 10000 + m * 100 + rng_.Int(1, DaysInMonth(y, m));
    if (p.elderly) {
      p.insurer = fmt::format("39{:02}{:04}", o_.prefecture, rng_.Int(1, 9) * 1000 + 1);
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
    // Clinics and conditions [assumed]: 40% chronic with 1–2 chronic templates, each at one
    // clinic (so no 薬効 comes from two clinics); 35% have a second clinic.
    p.primary = rng_.Int(0, clinics - 1);
    if (rng_.Chance(0.35)) p.secondary = (p.primary + rng_.Int(1, clinics - 1)) % clinics;
    p.chronic = rng_.Chance(0.4);
    if (p.chronic) {
      const int a = rng_.Int(0, 5);
      p.at_primary.push_back(a);
      if (rng_.Chance(0.4)) {
        int b = rng_.Int(0, 5);
        if (b == a) b = (a + 1) % 6;
        (p.secondary >= 0 ? p.at_secondary : p.at_primary).push_back(b);
      }
      p.home_care = rng_.Chance(0.2);
    }
    if (p.secondary >= 0 && p.at_secondary.empty()) p.at_secondary.push_back(kTUri);
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
                     std::int64_t points, std::int32_t admission, std::string_view tokki = "") {
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
    if (f.table == Table::kMedical) re[11] = std::string(tokki);
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

  // Distinct days, sorted, avoiding `blocked` (bit d−1).
  std::vector<int> PickDays(int n, std::uint32_t blocked) {
    std::vector<int> all;
    for (int d = 1; d <= days_in_month_; ++d)
      if (!(blocked & (1u << (d - 1)))) all.push_back(d);
    n = std::min<int>(n, static_cast<int>(all.size()));
    for (int i = 0; i < n; ++i)
      std::swap(all[i], all[i + rng_.Int(0, static_cast<int>(all.size()) - 1 - i)]);
    all.resize(n);
    std::sort(all.begin(), all.end());
    return all;
  }

  struct Body {
    std::vector<std::string> lines;
    std::int64_t points = 0;
  };
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
  void Diagnosis(Body& b, DiseaseId d, int start_day, int outcome, bool main) {
    Line l("SY");
    l.F(kDiseases[d].code).F(Date8(month_, start_day)).F(outcome);
    l.F(rng_.Chance(0.2) ? rng_.Pick(kModifiers).code : "").Empty(1).F(main ? "01" : "").Empty(1);
    b.lines.push_back(l.str());
  }

  // ---- one month of a district ----
  void Month(std::vector<Person>& people, const std::vector<Institution>& med,
             const Institution& hospital_in, bool dpc, const std::vector<Institution>& den,
             const std::vector<Institution>& ph, std::int32_t billing, int outpatient) {
    billing_ = billing;
    month_ = AddMonthsTo(billing, -1);
    days_in_month_ = DaysInMonth(month_ / 100, month_ % 100);
    const int month_index =
        (billing / 100) * 12 + billing % 100 - ((first_billing_ / 100) * 12 + first_billing_ % 100);
    std::vector<std::unique_ptr<FileBuilder>> mf, df, pf;
    for (const Institution& in : med) mf.push_back(OpenFile(in, billing));
    std::unique_ptr<FileBuilder> hf = OpenFile(hospital_in, billing);
    for (const Institution& in : den) df.push_back(OpenFile(in, billing));
    for (const Institution& in : ph) pf.push_back(OpenFile(in, billing));
    const int clinics = static_cast<int>(med.size());
    const std::size_t n = people.size();

    // Plants that span months start here: frequent / duplicate visits (3 months).
    auto free_person = [&](std::size_t i) { return people[i].busy_until < month_; };
    auto pick = [&](auto ok) -> std::ptrdiff_t {
      for (int tries = 0; tries < 200; ++tries) {
        const std::size_t i = rng_.Next() % n;
        if (free_person(i) && ok(people[i])) return static_cast<std::ptrdiff_t>(i);
      }
      return -1;
    };
    if (months_ - month_index >= 3) {
      for (const char* kind : {"frequent_visits", "duplicate_visits"}) {
        for (int c = rng_.Count(Rate(kind) * n); c > 0; --c) {
          const std::ptrdiff_t i = pick([&](const Person& p) {
            return std::string_view(kind) == "frequent_visits" || !p.at_primary.empty();
          });
          if (i < 0) continue;
          Person& p = people[i];
          p.busy_until = AddMonthsTo(month_, 2);
          (std::string_view(kind) == "frequent_visits" ? frequent_ : dupvisit_)
              .push_back({static_cast<std::size_t>(i), month_, p.busy_until});
        }
      }
    }
    auto running = [&](const std::vector<Span>& v, std::size_t i) {
      for (const Span& s : v)
        if (s.person == i && s.from <= month_ && month_ <= s.to) return true;
      return false;
    };

    // Admissions: people not in a running plant [assumed: 入院 件数 from the shares].
    std::vector<std::uint32_t> stay(n, 0), inner(n, 0);
    struct Admission {
      std::size_t person;
      int first, days;
    };
    std::vector<Admission> admissions;
    const int inpatient = std::max(
        1, static_cast<int>(std::lround(outpatient * o_.share_inpatient / o_.share_outpatient)));
    for (int k = 0; k < inpatient; ++k) {
      const std::size_t i = rng_.Next() % n;
      if (!free_person(i) || stay[i]) continue;
      const int days = rng_.Days(15.2, days_in_month_);
      const int first = rng_.Int(1, days_in_month_ - days + 1);
      for (int d = first; d < first + days; ++d) stay[i] |= 1u << (d - 1);
      // The days an engine treats as certainly inpatient (not the admission day, not a
      // last day before the month's end).
      inner[i] = stay[i] & ~(1u << (first - 1));
      if (first + days - 1 < days_in_month_) inner[i] &= ~(1u << (first + days - 2));
      admissions.push_back({i, first, days});
    }

    // Single-month plants, each on a person free of other plants this month.
    std::map<std::size_t, std::string> single;  // person → kind
    auto plant_single = [&](const std::string& kind, auto ok) {
      for (int c = rng_.Count(Rate(kind) * n); c > 0; --c) {
        const std::ptrdiff_t i = pick([&](const Person& p) {
          const std::size_t idx = static_cast<std::size_t>(&p - people.data());
          return !single.count(idx) && ok(p, idx);
        });
        if (i >= 0) single[static_cast<std::size_t>(i)] = kind;
      }
    };
    auto not_admitted = [&](std::size_t i) { return stay[i] == 0; };
    auto has_template = [](const std::vector<int>& v, int t) {
      return std::find(v.begin(), v.end(), t) != v.end();
    };
    for (std::string_view k : kKinds) {
      const std::string kind(k);
      if (kind == "frequent_visits" || kind == "duplicate_visits") continue;
      if (kind == "Y01" || kind == "Y02") {
        plant_single(kind, [&](const Person&, std::size_t i) { return inner[i] != 0; });
      } else if (kind == "T01") {  // half HbA1c twice, half the 3-monthly item again
        plant_single(kind, [&](const Person& p, std::size_t i) {
          if (!not_admitted(i)) return false;
          if (has_template(p.at_primary, kTDm)) return true;
          const ClinicState* c = p.Find(p.primary);
          return has_template(p.at_primary, kTLip) && c && c->quarterly == AddMonthsTo(month_, -1);
        });
      } else if (kind == "T02") {
        plant_single(kind, [&](const Person& p, std::size_t i) {
          const ClinicState* c = p.Find(p.primary);
          return not_admitted(i) && c && c->last_month == AddMonthsTo(month_, -1) && !c->closed &&
                 c->last_day >= 2;
        });
      } else if (kind == "T03") {
        plant_single(kind, [&](const Person& p, std::size_t i) {
          const ClinicState* c = p.Find(p.primary);
          return not_admitted(i) && c && c->lifetime;
        });
      } else if (kind == "Y03") {
        plant_single(kind, [&](const Person& p, std::size_t i) {
          return not_admitted(i) && p.home_care && p.secondary >= 0;
        });
      } else if (kind == "polypharmacy") {
        plant_single(kind, [&](const Person& p, std::size_t i) {
          return not_admitted(i) && p.secondary < 0;
        });
      } else if (kind == "generic_notice") {
        plant_single(
            kind, [&](const Person& p, std::size_t i) { return not_admitted(i) && p.age >= 40; });
      } else if (kind == "K05") {
        plant_single(kind, [&](const Person& p, std::size_t i) {
          return not_admitted(i) && !has_template(p.at_primary, kTDm) &&
                 !has_template(p.at_secondary, kTDm);
        });
      } else if (kind == "duplicate_medication") {
        plant_single(kind, [&](const Person& p, std::size_t i) {
          return not_admitted(i) && !has_template(p.at_primary, kTGi) &&
                 !has_template(p.at_secondary, kTGi);
        });
      } else {
        plant_single(kind, [&](const Person&, std::size_t i) { return not_admitted(i); });
      }
    }

    // ---- outpatient visits, person by person ----
    auto pharmacy_for = [&](int clinic) -> FileBuilder& {
      const std::size_t k =
          rng_.Chance(0.8) ? static_cast<std::size_t>(clinic) % pf.size() : rng_.Next() % pf.size();
      return *pf[k];
    };
    for (std::size_t i = 0; i < n; ++i) {
      Person& p = people[i];
      const bool frequent = running(frequent_, i), dupvisit = running(dupvisit_, i);
      const auto s = single.find(i);
      const std::string plant = s == single.end() ? "" : s->second;
      const double q1 = p.chronic ? 0.95 : 0.25, q2 = p.chronic ? 0.5 : 0.1;
      static const std::set<std::string> kAtPrimary = {"T01",          "T02",
                                                       "T03",          "Y03",
                                                       "H01",          "H02",
                                                       "K02",          "K03",
                                                       "K04",          "K05",
                                                       "polypharmacy", "generic_notice",
                                                       "third_party",  "duplicate_medication"};
      const bool go1 = rng_.Chance(q1) || frequent || dupvisit || kAtPrimary.count(plant) > 0;
      const bool go2 = p.secondary >= 0 && (rng_.Chance(q2) || plant == "Y03");
      std::uint32_t primary_receipt_line = 0, primary_receipt = 0;
      int primary_first_day = 0;
      FileBuilder* primary_file = nullptr;
      VisitSpec v1, v2;
      if (go1) v1 = Regular(p, p.primary, p.at_primary, stay[i]);
      if (go1 && !v1.days.empty()) {  // no free day: admitted the whole month
        VisitSpec& v = v1;
        if (frequent) {
          v.days = PickDays(rng_.Int(15, std::min(20, days_in_month_)), 0);
          v.outside = false;
          v.drugs.clear();
        }
        ApplyPlant(plant, p, v, stay[i]);
        primary_file = mf[p.primary].get();
        primary_receipt = primary_file->next;
        primary_receipt_line = Visit(*primary_file, p, p.primary, v, pharmacy_for(p.primary), plant,
                                     &primary_first_day);
        if (frequent)
          Plant("frequent_visits", *primary_file, primary_receipt, primary_receipt_line,
                fmt::format("入院外 診療実日数 {} 日 (3か月続けて)", v.days.size()));
      }
      if (go2) v2 = Regular(p, p.secondary, p.at_secondary, stay[i]);
      if (go2 && go1 && !v1.days.empty()) {
        // Clean by construction: no 薬効 (一般名コード's first 3 digits) from both clinics in
        // one month, or two acute visits would make a KDB 重複処方 (2 薬効 each from 2
        // institutions) that nobody planted.
        std::erase_if(v2.drugs, [&](const VisitSpec::Rx& b) {
          for (const VisitSpec::Rx& a : v1.drugs)
            if (std::string_view(kGroups[a.group].generic, 3) ==
                std::string_view(kGroups[b.group].generic, 3))
              return true;
          return false;
        });
        if (v2.drugs.empty()) v2.outside = false;
      }
      if (go2 && !v2.days.empty()) {
        VisitSpec& v = v2;
        if (plant == "Y03") {
          // The patient-wide monthly item, also billed here on a later day than at the
          // primary clinic (which billed it on its first day).
          const int after = std::max(primary_first_day, 1);
          std::vector<int> later;
          for (int d = after + 1; d <= days_in_month_; ++d) later.push_back(d);
          if (!later.empty()) {
            const int day = later[rng_.Next() % later.size()];
            v.days.push_back(day);
            std::sort(v.days.begin(), v.days.end());
            v.days.erase(std::unique(v.days.begin(), v.days.end()), v.days.end());
            v.home_care = true;
            v.home_care_day = day;
          }
        }
        FileBuilder& f = *mf[p.secondary];
        const std::uint32_t number = f.next;
        const std::uint32_t line =
            Visit(f, p, p.secondary, v, pharmacy_for(p.secondary), "", nullptr);
        if (plant == "Y03" && v.home_care)
          Plant("Y03", f, number, line,
                "合成在宅管理料 (1人の患者につき1医療機関・月1回) を2つ目の医療機関でも算定");
      }
      // Extra clinics: planted duplicate visits (3 more, same 傷病名) and duplicate
      // medication (2 more, the same 薬効 232 with its 傷病名).
      if (dupvisit || plant == "duplicate_medication") {
        const int extra = dupvisit ? 3 : 2;
        int added = 0;
        for (int c = 0; c < clinics && added < extra; ++c) {
          const int clinic = (p.primary + 1 + c) % clinics;
          if (clinic == p.primary || clinic == p.secondary) continue;
          ++added;
          VisitSpec v;
          v.days = PickDays(1, stay[i]);
          v.no_management = true;
          if (dupvisit) {
            v.templates = {p.at_primary.front()};
          } else {
            v.templates = {kTGi};
            v.outside = true;
            v.drugs = {{kH2, false, 14, 1}};
          }
          FileBuilder& f = *mf[clinic];
          const std::uint32_t number = f.next;
          const std::uint32_t line = Visit(f, p, clinic, v, pharmacy_for(clinic), "", nullptr);
          if (dupvisit && added == 3)
            Plant("duplicate_visits", f, number, line,
                  fmt::format("同じ傷病名 {} で4医療機関を受診 (3か月続けて)",
                              kDiseases[kTemplates[p.at_primary.front()].disease].code));
          if (!dupvisit && added == 2)
            Plant("duplicate_medication", f, number, line,
                  "薬効 232 を3医療機関から処方 (KDB: 3医療機関以上で重複処方1薬効以上)");
        }
      }
      if (plant == "Y02") {  // an 外来 visit elsewhere on a day of the stay
        const int clinic = (p.primary + 3) % clinics == p.secondary ? (p.primary + 4) % clinics
                                                                    : (p.primary + 3) % clinics;
        VisitSpec v;
        v.days = {std::countr_zero(inner[i]) + 1};
        v.templates = {kTUri};
        v.no_management = true;
        FileBuilder& f = *mf[clinic];
        const std::uint32_t number = f.next;
        const std::uint32_t line = Visit(f, p, clinic, v, pharmacy_for(clinic), "", nullptr);
        Plant("Y02", f, number, line, "入院中の日に他の医療機関を外来受診");
      }
      if (plant == "K01") {  // a 調剤 receipt naming a clinic the person did not visit
        int clinic = (p.primary + 2) % clinics;
        while (clinic == p.primary || clinic == p.secondary) clinic = (clinic + 1) % clinics;
        FileBuilder& f = pharmacy_for(clinic);
        const std::uint32_t number = f.next;
        const std::uint32_t line = Pharmacy(f, p, med[clinic].code, {{kAnalgesic, true, 5, 3}},
                                            PickDays(1, stay[i]).front());
        Plant("K01", f, number, line, "処方元の医療機関にこの月の医科レセプトがない調剤");
      }
    }

    // ---- admissions (and the planted Y01: an 外来 receipt of the same hospital) ----
    for (const Admission& a : admissions) {
      Person& p = people[a.person];
      Inpatient(*hf, p, dpc, a.first, a.days);
      const auto s = single.find(a.person);
      if (s != single.end() && s->second == "Y01") {
        VisitSpec v;
        v.days = {std::countr_zero(inner[a.person]) + 1};
        v.templates = {kTUri};
        v.no_management = true;
        const std::uint32_t number = hf->next;
        const std::uint32_t line = Visit(*hf, p, -1, v, *pf[0], "", nullptr);
        Plant("Y01", *hf, number, line, "入院中の日に同じ病院で外来の再診料");
      }
    }
    // ---- dental ----
    const int dental =
        static_cast<int>(std::lround(outpatient * o_.share_dental / o_.share_outpatient));
    std::set<std::pair<std::size_t, int>> dental_seen;
    for (int k = 0; k < dental; ++k) {
      const std::size_t i = rng_.Next() % n;
      const int clinic = k % static_cast<int>(df.size());
      if (!dental_seen.insert({i, clinic}).second) continue;  // one receipt a month each
      Dental(*df[clinic], people[i], stay[i]);
    }
    for (auto& f : mf) Finish(*f);
    Finish(*hf);
    for (auto& f : df) Finish(*f);
    for (auto& f : pf) Finish(*f);
  }

  // A regular visit to `clinic` for the conditions seen there (clean by construction).
  VisitSpec Regular(Person& p, int clinic, const std::vector<int>& templates,
                    std::uint32_t blocked) {
    VisitSpec v;
    // Days: 1件当たり日数 入院外 1.51 (概算医療費 令和3年度): 97% geometric mean 1.4, 3%
    // mean 5; capped at 14 (the clean data stays below the 頻回 threshold of 15 days).
    const int days = std::min(
        14, rng_.Chance(0.97) ? rng_.Days(1.4, days_in_month_) : rng_.Days(5.0, days_in_month_));
    v.days = PickDays(days, blocked);  // empty when admitted the whole month: no visit
    v.templates = templates.empty() ? std::vector<int>{kTUri} : templates;
    if (!p.chronic && rng_.Chance(0.1)) v.templates = {kTInjury};
    const ClinicState* st = p.Find(clinic);
    // 初診: a first visit (20%, history before the data unknown) or a new episode (all
    // 傷病名 治ゆ last time, or no visit for ≥ 2 calendar months).
    if (!st)
      v.first_visit = rng_.Chance(0.2);
    else if (st->closed || (st->last_month && AddMonthsTo(st->last_month, 2) <= month_))
      v.first_visit = rng_.Chance(0.5);
    v.acute_closed = rng_.Chance(0.5);
    v.quarterly = std::find(v.templates.begin(), v.templates.end(), kTLip) != v.templates.end() &&
                  (!st || st->quarterly == 0 || AddMonthsTo(st->quarterly, 3) <= month_);
    v.lifetime = p.chronic && clinic == p.primary && !st && rng_.Chance(0.5);
    v.home_care = p.home_care && clinic == p.primary;
    // Prescriptions: 院外 (処方箋料 + 調剤) at the rate of 院外処方, else 院内 60%.
    v.outside = rng_.Chance(outside_rx_);
    const bool any = v.outside || rng_.Chance(0.6);
    if (any)
      for (int t : v.templates)
        for (int g : kTemplates[t].drugs) {
          if (g < 0 || (g == kTemplates[t].drugs[1] && rng_.Chance(0.5))) continue;
          const bool chronic = kTemplates[t].chronic;
          const int supply = kGroups[g].form == 3 ? 1
                             : chronic            ? std::array<int, 3>{14, 28, 30}[rng_.Next() % 3]
                                                  : rng_.Int(3, 7);
          const bool brand = rng_.Chance(0.2);  // 後発品 quantity share about 80% [K]
          v.drugs.push_back({g, brand, g == kZolpidem ? std::min(supply, 28) : supply,
                             kGroups[g].form == 3 ? 14 : 1});
        }
    if (v.drugs.empty()) v.outside = false;
    return v;
  }

  // Turns a regular primary visit into a planted case.
  void ApplyPlant(const std::string& plant, Person& p, VisitSpec& v, std::uint32_t blocked) {
    const ClinicState* st = p.Find(p.primary);
    if (plant == "T01") {
      if (std::find(v.templates.begin(), v.templates.end(), kTDm) != v.templates.end()) {
        if (v.days.size() < 2) v.days = PickDays(2, blocked);
        v.hba1c_twice = true;
      } else {
        v.quarterly = true;  // again one month after the last (3月に1回)
      }
    } else if (plant == "T02") {
      v.first_visit = true;
      // Within a month of the last visit: before the same day of this month, which is the
      // month's last day when this month is shorter (T02 counts one month as the same day of
      // the next month clamped to its end, docs/claims-checks.md 2). A day ≥ that is no
      // case, and a day past the month's end is no date at all (both were planted before:
      // 5/31 → 6/30, 1/31 → 2/29 and 2/30 missed at 14 M receipts).
      v.first_visit_day = rng_.Int(1, std::min(st->last_day, days_in_month_) - 1);
      v.days.push_back(v.first_visit_day);
      std::sort(v.days.begin(), v.days.end());
      v.days.erase(std::unique(v.days.begin(), v.days.end()), v.days.end());
      v.days.erase(std::remove_if(v.days.begin(), v.days.end(),
                                  [&](int d) { return d < v.first_visit_day; }),
                   v.days.end());
    } else if (plant == "T03") {
      v.lifetime = true;
    } else if (plant == "H01") {
      v.exclusive_pair = true;
    } else if (plant == "H02") {
      v.bundled_test = true;
    } else if (plant == "K02") {
      if (v.drugs.empty()) v.drugs = {{kAnalgesic, true, 5, 3}};
      v.outside = true;
      v.omit_fee = true;
    } else if (plant == "K03") {
      v.outside = true;
      v.drugs.push_back({kZolpidem, false, 60, 1});
    } else if (plant == "K04") {
      v.outside = true;
      v.drugs.push_back({kZolpidem, false, 14, 4});
    } else if (plant == "K05") {
      v.outside = true;
      v.drugs.push_back({kBiguanide, false, 28, 1});
    } else if (plant == "polypharmacy") {
      v.outside = true;
      v.drugs.clear();
      for (int g : {kAntiplatelet, kAntiepileptic, kProbiotic, kVitamin, kUrinary, kCcb, kArb})
        v.drugs.push_back({g, false, 28, 1});
    } else if (plant == "generic_notice") {
      v.outside = true;
      v.drugs.push_back({kExpensive, true, 28, 1});
    } else if (plant == "third_party") {
      v.templates = {kTInjury};
      v.declare_injury = false;
      // The drugs of the replaced templates would lack their 傷病名 (an unplanted K05).
      std::erase_if(v.drugs, [](const VisitSpec::Rx& d) { return d.group != kAnalgesic; });
      if (v.drugs.empty()) v.outside = false;
    } else if (plant == "duplicate_medication") {  // 薬効 232 here and at two more clinics
      v.templates.push_back(kTGi);
      v.outside = true;
      v.drugs.push_back({kH2, false, 14, 1});
    }
  }

  // Writes one outpatient receipt (and its 調剤 receipt when 院外); returns the RE line.
  std::uint32_t Visit(FileBuilder& f, Person& p, int clinic, const VisitSpec& v,
                      FileBuilder& pharmacy, const std::string& plant, int* first_day_out) {
    Body b;
    const int first = v.days.front();
    if (first_day_out) *first_day_out = first;
    bool injury = false;
    bool main = true;
    for (int t : v.templates) {
      const Template& tp = kTemplates[t];
      injury |= tp.disease == kInjury;
      const int outcome = tp.chronic ? 1 : (v.acute_closed ? 2 : 1);
      const int start =
          tp.chronic ? 1 : first;  // chronic 傷病名 began earlier this month or before
      Diagnosis(b, tp.disease, start, outcome, main);
      main = false;
    }
    const std::uint32_t number = f.next;
    const std::string_view tokki = injury && v.declare_injury ? "10" : "";
    // 初診 / 再診.
    std::vector<int> revisits;
    const int first_visit_day = v.first_visit ? (v.first_visit_day ? v.first_visit_day : first) : 0;
    for (int d : v.days)
      if (d != first_visit_day) revisits.push_back(d);
    if (first_visit_day)
      Item(b, "SI", "11", kFirstVisit.code, "", kFirstVisit.points, On({first_visit_day}));
    if (!revisits.empty()) {
      Item(b, "SI", "12", kRevisit.code, "", kRevisit.points, On(revisits));
      if (rng_.Chance(0.5)) {
        // Not on the day of a 処置 (外来管理加算 is for visits without one: 医科点数表 A001
        // 注8; the bundled 背反 table has 外来管理加算 × 創傷処置 on one day).
        std::vector<int> add_on = revisits;
        if (std::find(v.templates.begin(), v.templates.end(), kTInjury) != v.templates.end())
          std::erase(add_on, first);
        if (!add_on.empty())
          Item(b, "SI", "", kRevisitAddOn.code, "", kRevisitAddOn.points, On(add_on));
      }
    }
    // 医学管理 by condition (≤ the monthly limits of check_rules.yaml).
    const auto has = [&](int t) {
      return std::find(v.templates.begin(), v.templates.end(), t) != v.templates.end();
    };
    if (!v.no_management) {
      if (has(kTDm)) {
        Item(b, "SI", "13", kLifestyleDm.code, "", kLifestyleDm.points, On({first}));
      } else if (has(kTHt)) {
        std::vector<int> two(v.days.begin(),
                             v.days.begin() + std::min<std::size_t>(2, v.days.size()));
        Item(b, "SI", "13", kDiseaseMgmt.code, "", kDiseaseMgmt.points, On(two));
      }
      if (v.lifetime) Item(b, "SI", "13", kLifetime.code, "", kLifetime.points, On({first}));
      if (v.home_care && !v.home_care_day)
        Item(b, "SI", "14", kHomeCare.code, "", kHomeCare.points, On({first}));
    }
    if (v.home_care && v.home_care_day)
      Item(b, "SI", "14", kHomeCare.code, "", kHomeCare.points, On({v.home_care_day}));
    // 検査: a unit of 2–4 lines (30%), HbA1c for diabetes (once; twice when planted), the
    // 3-monthly synthetic test for 脂質異常症.
    if (!v.no_management) {
      if (rng_.Chance(0.3)) {
        const int k = rng_.Int(2, 4);
        for (int i = 0; i < k; ++i)
          Item(b, "SI", i == 0 ? "60" : "", kTests[static_cast<std::size_t>(i)].code, "",
               i == k - 1 ? rng_.Int(100, 600) : -1, On({first}));
      }
      if (has(kTDm)) {
        if (v.hba1c_twice)
          Item(b, "SI", "60", kHbA1c.code, "", kHbA1c.points, On({v.days[0], v.days[1]}));
        else
          Item(b, "SI", "60", kHbA1c.code, "", kHbA1c.points, On({first}));
      }
      if (v.quarterly) Item(b, "SI", "60", kQuarterly.code, "", kQuarterly.points, On({first}));
    }
    if (v.exclusive_pair) {  // planted H01: both on the first day; the second must go
      Item(b, "SI", "40", kPairKeep.code, "", kPairKeep.points, On({first}));
      Item(b, "SI", "40", kPairDrop.code, "", kPairDrop.points, On({first}));
    }
    if (v.bundled_test) {  // planted H02: the 管理料 on the first day, its 検査 on the last
      Item(b, "SI", "13", kBundleMain.code, "", kBundleMain.points, On({first}));
      Item(b, "SI", "60", kBundled.code, "", kBundled.points, On({v.days.back()}));
    }
    if (has(kTInjury)) {
      Item(b, "SI", "40", kWound.code, "", kWound.points, On({first}));
      if (rng_.Chance(0.5)) Item(b, "SI", "70", kXray.code, "1", kXray.points, On({first}));
    }
    // Drugs.
    if (v.outside && !v.drugs.empty()) {
      if (!v.omit_fee)
        Item(b, "SI", "80", kPrescription.code, "", kPrescription.points, On({first}));
    } else if (!v.drugs.empty()) {
      // 院内: one 内服 剤 (回数 = 日分 on the visit day) and the 外用 as 23.
      std::vector<const VisitSpec::Rx*> oral, outer;
      for (const auto& rx : v.drugs) (kGroups[rx.group].form == 3 ? outer : oral).push_back(&rx);
      int supply = 0;
      for (const auto* rx : oral) supply = std::max(supply, rx->days);
      for (std::size_t k = 0; k < oral.size(); ++k) {
        const auto& rx = *oral[k];
        Item(b, "IY", k == 0 ? "21" : "", rx.brand ? BrandCode(rx.group) : GenericCode(rx.group),
             fmt::format("{}", rx.qty), k + 1 == oral.size() ? rng_.Int(1, 40) : -1,
             On({first}, supply));
      }
      for (std::size_t k = 0; k < outer.size(); ++k) {
        const auto& rx = *outer[k];
        Item(b, "IY", "23", rx.brand ? BrandCode(rx.group) : GenericCode(rx.group),
             fmt::format("{}", rx.qty), rng_.Int(5, 30), On({first}));
      }
    }
    if (rng_.Chance(0.05))
      b.lines.push_back(Line("CO").F("").F("1").F("810000001").F("合成コメント").str());
    const bool kohi = rng_.Chance(0.03);
    const std::uint32_t line =
        Head(f, p, kohi, false, static_cast<int>(v.days.size()), b.points, 0, tokki);
    for (const std::string& l : b.lines) f.w.AddLine(l);
    ++s_.outpatient;
    // Plants recorded on this receipt.
    static const std::set<std::string> kHere = {"T01", "T02",          "T03",        "H01",
                                                "H02", "polypharmacy", "third_party"};
    if (kHere.count(plant))
      Plant(plant, f, number, line,
            plant == "T01"   ? (v.hba1c_twice ? "ＨｂＡ１ｃ (月1回) を同じ月に2回"
                                              : "合成検査 (3月に1回) を前月に続けて算定")
            : plant == "T02" ? "前回受診から1か月未満・傷病名継続中に初診料"
            : plant == "T03" ? "合成指導料 (患者1人につき1回) を再び算定"
            : plant == "H01" ? "同じ日に背反の合成処置2つ (算定しない側も算定)"
            : plant == "H02" ? "合成管理料と同じ月に包括される合成検査を算定"
            : plant == "polypharmacy" ? "14日以上の内服薬 7種類"
                                      : "外傷 (特記事項 10 なし)");
    // State for the 初診 and frequency rules of later months.
    if (clinic >= 0) {
      ClinicState& st = p.At(clinic);
      st.last_month = month_;
      st.last_day = v.days.back();
      bool closed = true;
      for (int t : v.templates) closed = closed && !kTemplates[t].chronic && v.acute_closed;
      st.closed = closed;
      if (v.lifetime) st.lifetime = true;
      if (v.quarterly) st.quarterly = month_;
    }
    if (v.outside && !v.drugs.empty() && clinic >= 0) {
      const std::uint32_t pnumber = pharmacy.next;
      const std::uint32_t pline = Pharmacy(pharmacy, p, f.institution, v.drugs, first);
      static const std::set<std::string> kPharmacyPlants = {"K02", "K03", "K04", "K05",
                                                            "generic_notice"};
      if (kPharmacyPlants.count(plant))
        Plant(plant, pharmacy, pnumber, pline,
              plant == "K02"   ? "処方元の医科レセプトに処方箋料なし"
              : plant == "K03" ? "ゾルピデム (30日まで) を60日分"
              : plant == "K04" ? "ゾルピデム5mg を1日4錠 (上限2錠)"
              : plant == "K05" ? "糖尿病用剤 (薬効396) を糖尿病の傷病名なしで"
                               : "先発品 (合成高額降圧薬) 28日分、後発品あり");
    }
    return line;
  }

  std::uint32_t Pharmacy(FileBuilder& f, const Person& p, const std::string& prescriber,
                         const std::vector<VisitSpec::Rx>& drugs, int day) {
    // 調剤基本料 45, 薬剤調製料 24 per 剤, 薬剤料 per day × 日数 (J300 of the daily dose).
    std::vector<std::string> lines;
    std::int64_t points = 0;
    int rp = 0;
    for (const auto& rx : drugs) {
      ++rp;
      const DrugSpec& g = kGroups[rx.group];
      const int price =
          rx.brand || g.generic_hundredths == 0 ? g.brand_hundredths : g.generic_hundredths;
      // Daily 薬価 × 使用量 → 点 (15円以下 1点, else 1 + ⌈(円 − 15) / 10⌉; 医科点数表 F200).
      const std::int64_t amount = std::int64_t{price} * rx.qty;  // hundredths of a yen
      const std::int64_t per_day = amount <= 1500 ? 1 : 1 + (amount - 1500 + 999) / 1000;
      const int supply = g.form == 3 ? 1 : rx.days;
      const std::int64_t drug_points = per_day * supply;
      const int prep = 24;
      points += prep + drug_points;
      lines.push_back(
          Line("SH").F(rp).F(g.form == 3 ? "3" : "1").F("").Empty(1).F(per_day).Empty(4).str());
      lines.push_back(Line("CZ")
                          .F("1")
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
                          .Empty(40)
                          .str());
      const std::string code =
          rx.brand || g.generic_hundredths == 0 ? BrandCode(rx.group) : GenericCode(rx.group);
      lines.push_back(Line("IY").F("1").F(code).F(rx.qty).Empty(6).str());
    }
    points += 45;
    lines.push_back(Line("KI").F("1").F("410000110").F(45).str());
    const std::uint32_t line = static_cast<std::uint32_t>(f.w.lines() + 1);
    std::vector<std::string> re(42);
    re[0] = "RE";
    re[1] = fmt::format("{}", f.next);
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
    return line;
  }

  void Inpatient(FileBuilder& f, const Person& p, bool dpc, int first, int days) {
    std::vector<int> stay;
    for (int d = first; d < first + days; ++d) stay.push_back(d);
    const std::int32_t admission = month_ * 100 + first;
    Body b;
    static constexpr std::array<DiseaseId, 3> kInpatientDiseases = {kMoyamoya, kPneumonia, kStroke};
    for (int k = rng_.Int(1, 3), i = 0; i < k; ++i)
      Diagnosis(b, kInpatientDiseases[static_cast<std::size_t>(i)], first, 1, i == 0);
    std::int64_t bundle = 0;
    if (dpc) {
      const int daily = rng_.Int(2200, 3600);
      bundle = std::int64_t{daily} * days;
      b.lines.push_back(Line("BU").F("040080xx99x0xx").F(Date8(month_, first)).Empty(3).str());
      for (int i = 0; i < 2; ++i)
        b.lines.push_back(Line("SB")
                              .F(kDiseases[kPneumonia].code)
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
      int order = 0;
      for (int d : stay)
        for (int k = rng_.Int(8, 25); k > 0; --k)
          b.lines.push_back(Line("CD")
                                .F(Date8(month_, d))
                                .F("21")
                                .F(++order)
                                .F("1")
                                .F(AnyCode(rng_.Int(0, kGroupCount - 1)))
                                .F("1")
                                .Empty(2)
                                .F("1")
                                .Empty(1)
                                .str());
    } else {
      Item(b, "SI", "90", kAdmission.code, "", rng_.Int(1000, 1700), On(stay));
      for (int k = rng_.Int(1, 6); k > 0; --k)
        Item(b, "IY", "21", AnyCode(rng_.Int(0, kGroupCount - 1)), "1", rng_.Int(1, 40), On(stay));
      for (int k = rng_.Int(5, 40); k > 0; --k) {
        const int from = rng_.Int(0, days - 1), len = rng_.Int(1, std::min(7, days - from));
        std::vector<int> on(stay.begin() + from, stay.begin() + from + len);
        Item(b, "SI", "33", kInjection.code, "", -1, On(on));
        Item(b, "IY", "", AnyCode(rng_.Int(0, kGroupCount - 1)), "1", rng_.Int(50, 900), On(on));
      }
    }
    for (int k = rng_.Int(5, 40); k > 0; --k) {
      const int d = stay[rng_.Next() % stay.size()];
      Item(b, "SI", "60", kTests[3].code, "", kTests[3].points, On({d}));
    }
    if (rng_.Chance(0.4)) Item(b, "SI", "70", kXray.code, "1", kXray.points, On({first}));
    if (rng_.Chance(0.3)) {
      const Procedure& s = rng_.Pick(kSurgery);
      Item(b, "SI", "50", s.code, "", s.points, On({first}));
    }
    Head(f, p, false, true, days, b.points + bundle, admission);
    for (const std::string& l : b.lines) f.w.AddLine(l);
    ++(dpc ? s_.dpc : s_.inpatient);
  }

  void Dental(FileBuilder& f, const Person& p, std::uint32_t blocked) {
    const int days = rng_.Days(1.66, days_in_month_);
    const std::vector<int> visits = PickDays(days, blocked);
    if (visits.empty()) return;
    Body b;
    static constexpr std::array<DiseaseId, 3> kDentalDiseases = {kCaries, kGingivitis,
                                                                 kPeriodontitis};
    for (int i = rng_.Int(1, 2); i > 0; --i) {
      Line hs("HS");
      hs.F(Date8(month_, visits.front()))
          .F("1")
          .F("102400")
          .F(kDiseases[rng_.Pick(kDentalDiseases)].code)
          .Empty(4)
          .F(i == 1 ? "01" : "")
          .Empty(3);
      b.lines.push_back(hs.str());
    }
    for (int k = rng_.Int(2, 6); k > 0; --k) {
      const Procedure& c = rng_.Pick(kDental);
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
    Head(f, p, false, false, static_cast<int>(visits.size()), b.points, 0);
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

  // ---- the synthetic masters and rules ----
  static std::string Csv(const std::vector<std::string>& cells, bool quoted) {
    std::string s;
    for (std::size_t i = 0; i < cells.size(); ++i) {
      if (i) s += ',';
      s += quoted ? "\"" + cells[i] + "\"" : cells[i];
    }
    return s + "\r\n";
  }
  void WriteCp932(const std::string& name, const std::string& utf8) {
    std::string out;
    std::size_t bad = 0;
    if (!AppendUtf8AsCp932(utf8, out, bad))
      throw std::logic_error("synthetic master not CP932: " + name);
    write_(name, std::move(out));
  }
  void WriteMasters() {
    // s: 150 columns (R06); used: 1 S, 2 code, 4 name, 11 点数, 86/87 変更/廃止.
    std::string s;
    auto proc = [&](const Procedure& p) {
      std::vector<std::string> c(150, "");
      c[0] = "0", c[1] = "S", c[2] = p.code, c[4] = p.name, c[11] = fmt::format("{}.00", p.points);
      c[86] = "20000101", c[87] = "99999999";
      s += Csv(c, true);
    };
    for (const Procedure& p :
         {kFirstVisit, kRevisit, kRevisitAddOn, kPrescription, kDiseaseMgmt, kLifestyleDm, kHbA1c,
          kQuarterly, kLifetime, kHomeCare, kWound, kXray, kAdmission, kInjection, kPairKeep,
          kPairDrop, kBundleMain, kBundled})
      proc(p);
    for (const Procedure& p : kTests) proc(p);
    for (const Procedure& p : kSurgery) proc(p);
    WriteCp932("s_SYNTH.csv", s);
    // y: 42 columns; used: 2 code, 4 name, 9 unit, 11 薬価, 16 後発品, 27 剤形, 29/30, 36
    // 一般名コード.
    std::string y, g = "一般名コード,一般名処方の標準的な記載,同一剤形・規格内の最低薬価\r\n";
    for (int k = 0; k < kGroupCount; ++k) {
      const DrugSpec& d = kGroups[k];
      auto row = [&](const std::string& code, const std::string& name, int price, bool generic) {
        std::vector<std::string> c(42, "");
        c[0] = "0", c[1] = "Y", c[2] = code, c[4] = name, c[9] = d.unit;
        c[11] = fmt::format("{}.{:02}", price / 100, price % 100);
        c[16] = generic ? "1" : "0";
        c[27] = fmt::format("{}", d.form);
        c[29] = "20000101", c[30] = "99999999", c[31] = std::string(d.generic).substr(0, 9) + "001";
        c[36] = d.generic;
        c[37] = std::string("【般】") + d.name;
        y += Csv(c, true);
      };
      row(BrandCode(k), std::string(d.name) + "「先発（合成）」", d.brand_hundredths, false);
      if (d.generic_hundredths > 0)
        row(GenericCode(k), std::string(d.name) + "「後発（合成）」", d.generic_hundredths, true);
      const int lowest = d.generic_hundredths > 0 ? d.generic_hundredths : d.brand_hundredths;
      g += fmt::format("{},【般】{},{}.{:02}\r\n", d.generic, d.name, lowest / 100, lowest % 100);
    }
    WriteCp932("y_SYNTH.csv", y);
    write_("ippanmei_SYNTH.csv", "\xEF\xBB\xBF" + g);
    // b: 46 columns; used: 2 code, 5 name, 15 ICD-10 (2013), 22/23 変更/廃止.
    std::string b;
    for (const Disease& d : kDiseases) {
      std::vector<std::string> c(46, "");
      c[0] = "0", c[1] = "B", c[2] = d.code, c[5] = d.name, c[13] = d.icd10, c[15] = d.icd10;
      c[22] = "20000101", c[23] = "99999999";
      b += Csv(c, true);
    }
    WriteCp932("b_SYNTH.txt", b);
    std::string z;
    for (const Modifier& m : kModifiers) {
      std::vector<std::string> c(20, "");
      c[0] = "0", c[1] = "Z", c[2] = m.code, c[6] = m.name, c[14] = "20000101", c[15] = "99999999";
      z += Csv(c, true);
    }
    WriteCp932("z_SYNTH.txt", z);
    // One series of the rule file (docs/parameters.md): its header, then the rows of its one
    // entry, in force from 2000-01.
    auto series = [](const char* key, const char* description, const std::string& rows) {
      return fmt::format(
          "{}:\n"
          "  description: {}\n"
          "  law: kokuho claims synth の合成規則 (docs/claims-synth.md)\n"
          "  period: month\n"
          "  values:\n"
          "    - from: 2000-01\n"
          "      confirmed: true\n"
          "      source: \"kokuho claims synth (合成規則)\"\n"
          "      rules:\n{}",
          key, description, rows);
    };
    write_("check_rules_synth.yaml",
           std::string("# 合成データ (kokuho claims synth) の合成コードに対する規則: "
                       "実在の点数表の規則ではありません。\n"
                       "# kokuho claims check STORE --rules DIR (このファイルのあるフォルダ) "
                       "で組み込みの規則表に加わります。\n"
                       "known_through: open\n") +
               series("frequency",
                      "合成コードの算定回数 (3月に1回・患者1人につき1回・1患者1医療機関月1回)",
                      "        - {code: \"160999910\", name: 合成検査, period: 3月, limit: 1, "
                      "source: \"合成規則\"}\n"
                      "        - {code: \"180999910\", name: 合成指導料, period: 患者当たり, "
                      "limit: 1, source: \"合成規則\"}\n"
                      "        - {code: \"114999910\", name: 合成在宅管理料, period: 月, limit: "
                      "1, across_institutions: true, source: \"合成規則\"}\n") +
               series("exclusive", "合成コードの背反 (1日)",
                      "        - {code1: \"140999910\", name1: 合成処置甲, code2: \"140999810\", "
                      "name2: 合成処置乙, unit: 日, keep: 1, source: \"合成規則\"}\n") +
               series("inclusive", "合成コードの包括 (同一月)",
                      "        - {code: \"113999910\", name: 合成管理料, unit: 月, included: "
                      "[{code: \"160999810\", name: 合成検査}], source: \"合成規則\"}\n"));
  }

  struct Span {
    std::size_t person;
    std::int32_t from, to;  // 診療年月
  };

  SynthOptions o_;
  const std::function<void(const std::string&, std::string&&)>& write_;
  Rng rng_;
  std::int32_t first_billing_ = 0, first_month_ = 0, billing_ = 0;
  std::int32_t month_ = 0;
  int months_ = 1;
  int days_in_month_ = 30;
  double outside_rx_ = 0.7;
  int district_ = 0;
  int institutions_ = 0;
  std::vector<Span> frequent_, dupvisit_;
  SynthSummary s_;
};

}  // namespace

std::span<const std::string_view> PlantedRuleKinds() { return kKinds; }

SynthSummary GenerateClaims(const SynthOptions& options,
                            const std::function<void(const std::string&, std::string&&)>& write) {
  Generator g(options, write);
  return g.Run();
}

}  // namespace kokuho::claims
