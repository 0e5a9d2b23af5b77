// Synthesize: the household generator behind `kokuho synth` (docs/synth.md gives the
// calibration targets, their sources, and what is assumed).
//
// Every household h draws from two splitmix64 streams seeded by (seed, h): stream 0 plans
// its shape (insured members, composition, a non-insured head or 特定同一 member), stream 1
// fills in ages, dates and incomes. A first parallel pass counts members per household, a
// prefix sum places them, a second parallel pass writes the columns — so the result is
// the same for any thread count. Distributions are integer weight tables and integer
// piecewise-linear quantile tables (no floating point), so it is the same on any machine.
#include "premium/synth.h"

#include <algorithm>
#include <array>
#include <functional>
#include <stdexcept>

#include "premium/batch.h"
#include "premium/synth_parallel.h"

namespace kokuho::premium {
namespace {

// --- random numbers ----------------------------------------------------------------------

constexpr std::uint64_t kGolden = 0x9E3779B97F4A7C15ULL;

std::uint64_t Mix64(std::uint64_t z) {  // splitmix64's finaliser
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

class Rng {
 public:
  Rng(std::uint64_t seed, std::uint64_t household, std::uint64_t stream)
      : state_(Mix64(Mix64(seed + stream * kGolden) + household)) {}
  std::uint64_t Next() { return Mix64(state_ += kGolden); }
  /// Uniform in [0, n).
  std::uint64_t Below(std::uint64_t n) {
    return static_cast<std::uint64_t>((static_cast<unsigned __int128>(Next()) * n) >> 64);
  }
  /// Uniform in [lo, hi].
  int Range(int lo, int hi) {
    return lo + static_cast<int>(Below(static_cast<std::uint64_t>(hi - lo + 1)));
  }
  /// True with probability per_mille / 1000.
  bool PerMille(int per_mille) { return Below(1000) < static_cast<std::uint64_t>(per_mille); }
  /// An index drawn with the given integer weights.
  template <std::size_t N>
  int Pick(const std::array<int, N>& weights) {
    int total = 0;
    for (int w : weights) total += w;
    int x = static_cast<int>(Below(static_cast<std::uint64_t>(total)));
    for (std::size_t i = 0; i < N; ++i) {
      if (x < weights[i]) return static_cast<int>(i);
      x -= weights[i];
    }
    return static_cast<int>(N) - 1;
  }
  /// A draw from a distribution given by its 11 deciles (linear between them), to 1,000円.
  Yen Quantile(const std::array<Yen, 11>& q) {
    const std::uint64_t pos = (Next() >> 32) * 10;  // 32.32 fixed point in [0, 10)
    const std::size_t i = static_cast<std::size_t>(pos >> 32);
    const std::uint64_t frac = pos & 0xFFFFFFFFULL;
    const Yen v = q[i] + static_cast<Yen>((static_cast<__int128>(q[i + 1] - q[i]) * frac) >> 32);
    return v / 1000 * 1000;
  }

 private:
  std::uint64_t state_;
};

// --- calibration tables (docs/synth.md) ---------------------------------------------------

// Ages of the first insured member, by 5-year band 0–4 … 70–74 (weights; assumptions
// tuned so that the whole population has ~42% aged 65–74 and a mean age ~53, the MHLW
// figures cited in docs/synth.md).
constexpr std::array<int, 15> kSingleAge = {0, 0, 0, 2, 3, 3, 3, 3, 4, 5, 6, 6, 9, 21, 31};
constexpr std::array<int, 15> kCoupleAge = {0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 3, 5, 11, 28, 45};
constexpr std::array<int, 15> kParentAge = {0, 0, 0, 0, 0, 6, 12, 16, 18, 18, 14, 10, 6, 0, 0};
constexpr std::array<int, 15> kOldParentAge = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 8, 12, 18, 27, 35};

// Yearly amounts by decile (yen; assumptions shaped to the MHLW household incomes by the
// head's occupation cited in docs/synth.md).
constexpr std::array<Yen, 11> kSalaryMain = {300'000,   700'000,   1'000'000, 1'300'000,
                                             1'600'000, 1'900'000, 2'300'000, 2'800'000,
                                             3'400'000, 4'400'000, 9'000'000};
constexpr std::array<Yen, 11> kSalaryPart = {200'000,   400'000,   550'000,   700'000,
                                             850'000,   1'000'000, 1'150'000, 1'300'000,
                                             1'500'000, 1'900'000, 3'500'000};
constexpr std::array<Yen, 11> kSalaryEmployee = {2'500'000, 3'000'000, 3'400'000, 3'800'000,
                                                 4'200'000, 4'700'000, 5'200'000, 5'900'000,
                                                 6'800'000, 8'500'000, 15'000'000};
constexpr std::array<Yen, 11> kBusiness = {0,         0,         300'000,   700'000,
                                           1'100'000, 1'500'000, 2'000'000, 2'600'000,
                                           3'500'000, 5'200'000, 20'000'000};
constexpr std::array<Yen, 11> kPensionMain = {400'000,   750'000,   950'000,   1'150'000,
                                              1'350'000, 1'600'000, 1'850'000, 2'150'000,
                                              2'500'000, 3'100'000, 5'000'000};
constexpr std::array<Yen, 11> kPensionSpouse = {200'000,   500'000,   650'000,  720'000,
                                                780'000,   800'000,   850'000,  950'000,
                                                1'100'000, 1'400'000, 2'500'000};
constexpr std::array<Yen, 11> kFamilySalary = {300'000,   500'000,   600'000,  700'000,
                                               800'000,   860'000,   960'000,  1'080'000,
                                               1'200'000, 1'500'000, 3'000'000};
constexpr std::array<Yen, 11> kOtherIncome = {100'000,   200'000,   300'000,  400'000,
                                              550'000,   700'000,   900'000,  1'200'000,
                                              1'600'000, 2'500'000, 8'000'000};
constexpr std::array<Yen, 11> kLandGains = {1'000'000,  2'000'000,  3'000'000, 4'000'000,
                                            5'500'000,  7'000'000,  9'000'000, 12'000'000,
                                            16'000'000, 25'000'000, 80'000'000};
constexpr std::array<Yen, 11> kFixedAssetTax = {10'000, 25'000, 35'000,  45'000,  55'000, 65'000,
                                                80'000, 95'000, 120'000, 170'000, 400'000};
constexpr std::array<int, 9> kReasonCodes = {11, 12, 21, 22, 31, 32, 23, 33, 34};

// --- household plan (stream 0) -------------------------------------------------------------

enum class Kind : std::uint8_t {
  kSingle,            ///< one insured adult
  kCouple,            ///< two adults of similar age
  kSingleParent,      ///< a parent and a child
  kParentAdultChild,  ///< an older parent and an adult child
  kFamily,            ///< a couple and children
  kThreeGenerations,  ///< an older couple, an adult child and grandchildren
};

enum class Extra : std::uint8_t {
  kNone,
  kFictitiousElder,   ///< 擬制世帯主 in 後期高齢者医療 (75+)
  kFictitiousWorker,  ///< 擬制世帯主 in 被用者保険
  kTokuteiSpouse,     ///< a 特定同一世帯所属者 spouse (75+) beside an insured 65–74
};

struct Plan {
  int insured = 1;
  Kind kind = Kind::kSingle;
  Extra extra = Extra::kNone;
  int members() const { return insured + (extra == Extra::kNone ? 0 : 1); }
};

/// Insured members: 1 + a geometric number of others with continuation probability
/// (I − H) / I, whose mean is I / H − 1 — so the municipality's insured/households ratio
/// is met in expectation (capped at 8 members; the tail beyond is < 0.1% for real ratios).
Plan MakePlan(const SynthMunicipality& m, Rng& r) {
  Plan p;
  const std::uint64_t stay = static_cast<std::uint64_t>(m.insured - m.households);
  while (p.insured < 8 && r.Below(static_cast<std::uint64_t>(m.insured)) < stay) ++p.insured;
  if (p.insured == 2) {
    p.kind = std::array<Kind, 3>{Kind::kCouple, Kind::kSingleParent,
                                 Kind::kParentAdultChild}[r.Pick(std::array<int, 3>{70, 10, 20})];
  } else if (p.insured >= 3) {
    p.kind = r.PerMille(550) ? Kind::kFamily : Kind::kThreeGenerations;
  }
  const int e = static_cast<int>(r.Below(1000));
  if (e < 20)
    p.extra = Extra::kFictitiousElder;
  else if (e < 30)
    p.extra = Extra::kFictitiousWorker;
  else if (e < 55 && p.kind == Kind::kSingle)
    p.extra = Extra::kTokuteiSpouse;
  return p;
}

// --- members (stream 1) ----------------------------------------------------------------------

struct Member {
  int age = 0;  ///< on 4月1日 of the fiscal year; −1 = born during the year
  bool insured = true, head = false, tokutei = false, declared = true, multiple = false;
  std::int32_t birth = 0, joined = 0, left = 0, former = 0, separation = 0, birth_month = 0;
  std::uint8_t reason = 0;
  Yen salary = 0, family_salary = 0, pension = 0, business = 0, family_paid = 0, other = 0,
      land = 0, land_deduction = 0, fixed_asset = 0;
};

std::int32_t Pack(const CivilDate& d) { return d.year * 10000 + d.month * 100 + d.day; }

/// A birth date with this age on 4月1日 of fy (年齢計算ニ関スル法律: the age is reached on
/// the day before the birthday, so 4月3日 of fy − age − 1 … 4月2日 of fy − age); age −1:
/// born during the fiscal year.
CivilDate BirthDate(int fy, int age, Rng& r) {
  const long from =
      age < 0 ? CivilDate{fy, 4, 3}.DayNumber() : CivilDate{fy - age - 1, 4, 3}.DayNumber();
  const long to =
      age < 0 ? CivilDate{fy + 1, 3, 31}.DayNumber() : CivilDate{fy - age, 4, 2}.DayNumber();
  return CivilDate::FromDayNumber(
      from + static_cast<long>(r.Below(static_cast<std::uint64_t>(to - from + 1))));
}

/// A day in [from, to].
CivilDate DayBetween(const CivilDate& from, const CivilDate& to, Rng& r) {
  const long a = from.DayNumber(), b = to.DayNumber();
  return CivilDate::FromDayNumber(
      a + static_cast<long>(r.Below(static_cast<std::uint64_t>(b - a + 1))));
}

int AgeInBand(const std::array<int, 15>& weights, int min_age, Rng& r) {
  const int band = r.Pick(weights);
  return std::max(min_age, band * 5 + r.Range(0, 4));
}

int Clamp(int v, int lo, int hi) { return std::min(hi, std::max(lo, v)); }

/// The insured members' ages, by composition (first = the household's main member).
int InsuredAges(const Plan& p, Rng& r, int* ages) {
  const int n = p.insured;
  switch (p.kind) {
    case Kind::kSingle:
      ages[0] = p.extra == Extra::kTokuteiSpouse ? r.Range(65, 74) : AgeInBand(kSingleAge, 18, r);
      break;
    case Kind::kCouple:
      ages[0] = AgeInBand(kCoupleAge, 20, r);
      ages[1] = Clamp(ages[0] + r.Range(-6, 3), 18, 74);
      break;
    case Kind::kSingleParent:
      ages[0] = AgeInBand(kParentAge, 25, r);
      ages[1] = r.Range(0, std::min(22, ages[0] - 20));
      break;
    case Kind::kParentAdultChild:
      ages[0] = AgeInBand(kOldParentAge, 50, r);
      ages[1] = r.Range(18, std::min(45, ages[0] - 22));
      break;
    case Kind::kFamily:
      ages[0] = AgeInBand(kParentAge, 25, r);
      ages[1] = Clamp(ages[0] + r.Range(-6, 3), 20, 74);
      for (int k = 2; k < n; ++k)
        ages[k] = r.Range(0, std::min(22, std::min(ages[0], ages[1]) - 20));
      break;
    case Kind::kThreeGenerations:
      ages[0] = AgeInBand(kOldParentAge, 55, r);
      ages[1] = Clamp(ages[0] + r.Range(-6, 3), 50, 74);
      ages[2] = r.Range(22, std::min(45, ages[1] - 20));
      for (int k = 3; k < n; ++k) ages[k] = r.Range(0, std::min(17, ages[2] - 18));
      break;
  }
  return n;
}

/// Incomes of one member from its role and age.
void Incomes(Member& m, bool main, bool spouse, const Member* main_member, Rng& r) {
  const int age = m.age;
  if (age < 18 || !m.insured) return;
  if (age >= 65) {
    m.pension = r.Quantile(main ? kPensionMain : kPensionSpouse);
    if (main && age < 70) {
      const int w = r.Pick(std::array<int, 3>{65, 20, 15});
      if (w == 1) m.salary = r.Quantile(kSalaryPart);
      if (w == 2) m.business = r.Quantile(kBusiness);
    }
  } else if (main) {
    const int w = r.Pick(std::array<int, 3>{50, 25, 25});
    if (w == 0) m.salary = r.Quantile(kSalaryMain);
    if (w == 1) m.business = r.Quantile(kBusiness);
    if (age >= 60 && r.PerMille(400)) m.pension = r.Quantile(kPensionSpouse);
  } else if (spouse && main_member && main_member->business > 1'000'000 && r.PerMille(400)) {
    m.family_salary = r.Quantile(kFamilySalary);  // 専従者 of the main member's business
  } else if (age <= 22 && !spouse) {
    if (r.PerMille(300)) m.salary = r.Quantile(kSalaryPart);  // student, part-time
  } else {
    const int w = r.Pick(std::array<int, 3>{40, 5, 55});
    if (w == 0) m.salary = r.Quantile(spouse ? kSalaryPart : kSalaryMain);
    if (w == 1) m.business = r.Quantile(kBusiness);
  }
  if (age >= 55 && r.PerMille(30)) m.other = r.Quantile(kOtherIncome);  // 不動産所得 etc.
}

/// Fills members[0 .. plan.members()) for household index h.
void MakeHousehold(const Plan& plan, int fy, Rng& r, Member* out) {
  int ages[8];
  const int n = InsuredAges(plan, r, ages);
  for (int k = 0; k < n; ++k) {
    out[k] = Member();
    out[k].age = ages[k];
  }
  Member* extra = plan.extra == Extra::kNone ? nullptr : &out[n];
  if (extra) {
    *extra = Member();
    extra->insured = false;
    if (plan.extra == Extra::kFictitiousWorker) {
      extra->age = r.Range(30, 64);
      extra->salary = r.Quantile(kSalaryEmployee);
    } else {
      extra->age = plan.extra == Extra::kTokuteiSpouse ? r.Range(75, 84) : r.Range(75, 89);
      extra->pension = r.Quantile(kPensionMain);
      // A 後期 member who left this household's 国保 and stayed: 特定同一世帯所属者.
      extra->tokutei = plan.extra == Extra::kTokuteiSpouse || r.PerMille(500);
    }
  }
  // The head: a 擬制世帯主, else the main member (a 特定同一 spouse heads half the time).
  Member& head = (plan.extra == Extra::kFictitiousElder || plan.extra == Extra::kFictitiousWorker ||
                  (plan.extra == Extra::kTokuteiSpouse && r.PerMille(500)))
                     ? *extra
                     : out[0];
  head.head = true;

  // Incomes, then the facts that change the levy.
  for (int k = 0; k < n; ++k)
    Incomes(out[k], k == 0,
            k == 1 && plan.kind != Kind::kSingleParent && plan.kind != Kind::kParentAdultChild,
            &out[0], r);
  Member& main = out[0];
  if (main.age >= 40 && r.PerMille(300)) main.fixed_asset = r.Quantile(kFixedAssetTax);
  if (main.age >= 40 && r.PerMille(2)) {
    main.land = r.Quantile(kLandGains);
    if (r.PerMille(400)) main.land_deduction = std::min<Yen>(main.land, 30'000'000);
  }
  if (main.business > 0 && n >= 2 && out[1].family_salary > 0)
    main.family_paid = out[1].family_salary;

  for (int k = 0; k < plan.members(); ++k) {
    Member& m = out[k];
    m.birth = Pack(BirthDate(fy, m.age, r));
    const bool no_income = m.salary + m.family_salary + m.pension + m.business + m.other == 0;
    if (m.age >= 18 && no_income && r.PerMille(20)) m.declared = false;  // 所得未申告
    if (m.insured && m.age >= 65 && !m.head && m.pension <= 1'200'000 && r.PerMille(40)) {
      // 旧被扶養者 since a day in the last two years on which the member was already 65.
      const CivilDate birth{m.birth / 10000, m.birth / 100 % 100, m.birth % 100};
      const CivilDate from = std::max(CivilDate{fy - 2, 4, 2}, birth.PlusYears(65).PreviousDay());
      m.former = Pack(DayBetween(from, std::max(from, CivilDate{fy, 3, 31}), r));
    }
    if (m.insured && m.age < 64 && m.salary >= 1'000'000 && r.PerMille(20)) {
      m.separation = Pack(DayBetween({fy - 1, 4, 1}, {fy, 9, 30}, r));  // 非自発的失業
      m.reason = static_cast<std::uint8_t>(kReasonCodes[r.Below(kReasonCodes.size())]);
    }
  }

  // Births: a child born during the year to a family's mother (out[1]), twins now and then.
  if (plan.kind == Kind::kFamily && out[1].age >= 20 && out[1].age <= 44 && r.PerMille(60)) {
    Member& child = out[2];
    child.age = -1;
    child.birth = Pack(BirthDate(fy, -1, r));
    out[1].birth_month = child.birth / 100;
    if (n >= 4 && r.PerMille(20)) {
      out[3].age = -1;
      out[3].birth = child.birth;
      out[1].multiple = true;
    }
  } else if (plan.kind == Kind::kCouple && out[1].age >= 20 && out[1].age <= 44 && r.PerMille(30)) {
    out[1].birth_month = FiscalMonthYearMonth(fy, r.Range(0, 11));  // expected birth
  }

  // A household joining or leaving during the year (all its insured members).
  const int move = static_cast<int>(r.Below(1000));
  std::int32_t joined = 0, left = 0;
  if (move < 50)
    joined = Pack(DayBetween({fy, 4, 2}, {fy + 1, 3, 31}, r));
  else if (move < 100)
    left = Pack(DayBetween({fy, 4, 2}, {fy + 1, 3, 31}, r));
  for (int k = 0; k < n; ++k) {
    if (joined && out[k].birth < joined) out[k].joined = joined;
    out[k].left = left;
  }
}

/// The 特定世帯 start: the day the 特定同一 member joined 後期高齢者医療 (the 75th
/// birthday) when it left one insured member behind.
std::int32_t TokuteiSince(const Plan& plan, const Member* m) {
  if (plan.insured != 1 || plan.extra == Extra::kNone || !m[1].tokutei) return 0;
  const CivilDate birth{m[1].birth / 10000, m[1].birth / 100 % 100, m[1].birth % 100};
  return Pack(birth.PlusYears(75));
}

/// Households per municipality by the largest-remainder rule on 世帯数 (ties: earlier).
std::vector<std::int64_t> Allocate(const std::vector<SynthMunicipality>& ms, std::int64_t total) {
  __int128 sum = 0;
  for (const auto& m : ms) sum += m.households;
  std::vector<std::int64_t> out(ms.size());
  std::vector<std::pair<__int128, std::size_t>> remainder(ms.size());
  std::int64_t given = 0;
  for (std::size_t i = 0; i < ms.size(); ++i) {
    const __int128 exact = static_cast<__int128>(total) * ms[i].households;
    out[i] = static_cast<std::int64_t>(exact / sum);
    remainder[i] = {exact % sum, i};
    given += out[i];
  }
  std::stable_sort(remainder.begin(), remainder.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  for (std::int64_t k = 0; k < total - given; ++k)
    ++out[remainder[static_cast<std::size_t>(k)].second];
  return out;
}

}  // namespace

Population Synthesize(const SynthOptions& options) { return Synthesize(options, 0); }

Population Synthesize(const SynthOptions& options, unsigned threads) {
  const auto& ms = options.municipalities;
  if (ms.empty()) throw std::invalid_argument("Synthesize: no municipalities");
  for (const auto& m : ms)
    if (m.households <= 0 || m.insured < m.households)
      throw std::invalid_argument("Synthesize: municipality " + m.code +
                                  " needs 世帯数 ≥ 1 and 被保険者数 ≥ 世帯数");
  if (options.households < 0) throw std::invalid_argument("Synthesize: negative household count");
  if (ms.size() > 65535) throw std::invalid_argument("Synthesize: too many municipalities");
  const std::size_t total = static_cast<std::size_t>(options.households);
  const int fy = options.fiscal_year;

  // Household h belongs to municipality owner[h]: consecutive blocks in table order.
  const std::vector<std::int64_t> counts = Allocate(ms, options.households);
  std::vector<std::size_t> first(ms.size() + 1, 0);
  for (std::size_t i = 0; i < ms.size(); ++i)
    first[i + 1] = first[i] + static_cast<std::size_t>(counts[i]);
  auto owner = [&](std::size_t h) {
    return static_cast<std::size_t>(std::upper_bound(first.begin(), first.end(), h) -
                                    first.begin()) -
           1;
  };

  Population pop;
  for (const auto& m : ms) pop.municipalities.push_back(m.code);
  if (total == 0) return pop;
  pop.household_id.resize(total);
  pop.municipality.resize(total);
  pop.tokutei_since.resize(total);
  pop.member_offset.assign(total + 1, 0);

  // Pass 1: members per household.
  ParallelFor(total, threads, [&](std::size_t begin, std::size_t end, unsigned) {
    std::size_t mi = owner(begin);
    for (std::size_t h = begin; h < end; ++h) {
      while (h >= first[mi + 1]) ++mi;
      Rng plan_rng(options.seed, h, 0);
      pop.member_offset[h + 1] = static_cast<std::uint32_t>(MakePlan(ms[mi], plan_rng).members());
      pop.household_id[h] = static_cast<std::int64_t>(h) + 1;
      pop.municipality[h] = static_cast<std::uint16_t>(mi);
    }
  });
  std::uint64_t running = 0;
  for (std::size_t h = 1; h <= total; ++h) {
    running += pop.member_offset[h];
    if (running > 0xFFFFFFFFULL) throw std::length_error("Synthesize: more than 2^32 members");
    pop.member_offset[h] = static_cast<std::uint32_t>(running);
  }
  const std::size_t members = static_cast<std::size_t>(running);
  // Sizing the member columns touches every page; spread the columns over the threads.
  std::vector<std::function<void()>> sizers;
  auto add = [&](auto& column) {
    sizers.push_back([&column, members] { column.resize(members); });
  };
  for (auto* v :
       {&pop.salary_revenue, &pop.family_salary, &pop.pension_revenue, &pop.business,
        &pop.family_salary_paid, &pop.other_income, &pop.land_gains, &pop.land_gains_deduction,
        &pop.total_income, &pop.reduction_income, &pop.fixed_asset_tax})
    add(*v);
  for (auto* v : {&pop.birth_date, &pop.joined, &pop.left, &pop.former_dependent_since,
                  &pop.unemployment_separation, &pop.birth_month})
    add(*v);
  add(pop.flags);
  add(pop.unemployment_reason);
  // Interleave large and small columns so contiguous ranges weigh about the same.
  std::vector<std::function<void()>> order;
  for (std::size_t i = 0, j = sizers.size(); i < j; ++i) {
    order.push_back(sizers[i]);
    if (i + 1 < j) order.push_back(sizers[--j]);
  }
  ParallelFor(order.size(), threads, [&](std::size_t begin, std::size_t end, unsigned) {
    for (std::size_t i = begin; i < end; ++i) order[i]();
  });

  // Pass 2: the members.
  ParallelFor(total, threads, [&](std::size_t begin, std::size_t end, unsigned) {
    Member m[9];
    for (std::size_t h = begin; h < end; ++h) {
      Rng plan_rng(options.seed, h, 0), rng(options.seed, h, 1);
      const Plan plan = MakePlan(ms[pop.municipality[h]], plan_rng);
      MakeHousehold(plan, fy, rng, m);
      pop.tokutei_since[h] = TokuteiSince(plan, m);
      std::size_t i = pop.member_offset[h];
      for (int k = 0; k < plan.members(); ++k, ++i) {
        const Member& x = m[k];
        std::uint8_t f = 0;
        if (x.insured) f |= kInsured;
        if (x.head) f |= kHead;
        if (x.tokutei) f |= kTokuteiDoitsu;
        if (x.declared) f |= kIncomeDeclared;
        if (x.multiple) f |= kBirthMultiple;
        pop.flags[i] = f;
        pop.birth_date[i] = x.birth;
        pop.joined[i] = x.joined;
        pop.left[i] = x.left;
        pop.salary_revenue[i] = x.salary;
        pop.family_salary[i] = x.family_salary;
        pop.pension_revenue[i] = x.pension;
        pop.business[i] = x.business;
        pop.family_salary_paid[i] = x.family_paid;
        pop.other_income[i] = x.other;
        pop.land_gains[i] = x.land;
        pop.land_gains_deduction[i] = x.land_deduction;
        pop.fixed_asset_tax[i] = x.fixed_asset;
        pop.former_dependent_since[i] = x.former;
        pop.unemployment_separation[i] = x.separation;
        pop.unemployment_reason[i] = x.reason;
        pop.birth_month[i] = x.birth_month;
      }
    }
  });
  return pop;
}

}  // namespace kokuho::premium
