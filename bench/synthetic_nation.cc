#include "synthetic_nation.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <random>
#include <stdexcept>

#include "nofukin/engine.h"

namespace kokuho::bench {
namespace {

using nofukin::Case;
using nofukin::ItemStage;
using nofukin::LevyMethod;
using nofukin::MunicipalityInput;
using nofukin::MunicipalityPartInput;
using nofukin::PartPolicy;

struct PrefectureInfo {
  const char* name;
  int municipalities;
};

// The real number of 国保 insurers (市町村 + 東京都特別区) per prefecture; Σ = 1,741.
constexpr PrefectureInfo kPrefectures[kNationPrefectures] = {
    {"北海道", 179},  {"青森県", 40}, {"岩手県", 33}, {"宮城県", 35},   {"秋田県", 25},
    {"山形県", 35},   {"福島県", 59}, {"茨城県", 44}, {"栃木県", 25},   {"群馬県", 35},
    {"埼玉県", 63},   {"千葉県", 54}, {"東京都", 62}, {"神奈川県", 33}, {"新潟県", 30},
    {"富山県", 15},   {"石川県", 19}, {"福井県", 17}, {"山梨県", 27},   {"長野県", 77},
    {"岐阜県", 42},   {"静岡県", 35}, {"愛知県", 54}, {"三重県", 29},   {"滋賀県", 19},
    {"京都府", 26},   {"大阪府", 43}, {"兵庫県", 41}, {"奈良県", 39},   {"和歌山県", 30},
    {"鳥取県", 19},   {"島根県", 19}, {"岡山県", 27}, {"広島県", 23},   {"山口県", 19},
    {"徳島県", 24},   {"香川県", 17}, {"愛媛県", 20}, {"高知県", 34},   {"福岡県", 60},
    {"佐賀県", 20},   {"長崎県", 21}, {"熊本県", 45}, {"大分県", 18},   {"宮崎県", 26},
    {"鹿児島県", 43}, {"沖縄県", 41},
};

constexpr std::int64_t kPow13 = 10'000'000'000'000;

// Uniform draws from the raw engine output (portable, unlike std::uniform_*_distribution).
class Draw {
 public:
  explicit Draw(std::uint64_t seed) : engine_(seed) {}
  double Unit() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }  // [0, 1)
  double Uniform(double lo, double hi) { return lo + (hi - lo) * Unit(); }
  std::int64_t Int(std::int64_t lo, std::int64_t hi) {  // [lo, hi]
    return lo + static_cast<std::int64_t>(engine_() % static_cast<std::uint64_t>(hi - lo + 1));
  }
  double LogUniform(double lo, double hi) {
    return std::exp(std::log(lo) + (std::log(hi) - std::log(lo)) * Unit());
  }
  /// A decimal in [lo, hi] with `places` decimals, exactly.
  Rational Decimal(double lo, double hi, int places) {
    std::int64_t scale = 1;
    for (int k = 0; k < places; ++k) scale *= 10;
    return Rational(Int(std::llround(lo * scale), std::llround(hi * scale)), scale);
  }

 private:
  std::mt19937_64 engine_;
};

// Per-capita 保険料収納必要総額 of each 分 (yen per insured; 介護分 per 2号被保険者).
struct PartScale {
  Part part;
  double lo, hi;
};
constexpr PartScale kPartScale[] = {{Part::kIryo, 95'000, 115'000},
                                    {Part::kShien, 30'000, 38'000},
                                    {Part::kKaigo, 55'000, 70'000},
                                    {Part::kKodomo, 4'000, 6'000}};

Case MakePrefecture(int pref_index, Draw& d) {
  const PrefectureInfo& info = kPrefectures[pref_index];
  const std::string pp = fmt::format("{:02d}", pref_index + 1);
  Case c;
  c.prefecture = info.name;
  c.prefecture_code = pp;
  c.fiscal_year = FiscalYear(2027);
  c.coefficients_label = "仮係数";
  c.parts = {Part::kIryo, Part::kShien, Part::kKaigo, Part::kKodomo};
  c.allocation = LevyMethod::kThree;
  c.items = {{"保険者努力支援制度 (市町村分)", "doryoku", Part::kIryo, -1, ItemStage::kNofukin},
             {"保健事業費", "hoken", Part::kIryo, +1, ItemStage::kStandardRate}};

  // Municipalities.
  const int n = info.municipalities;
  for (int k = 0; k < n; ++k) {
    auto code = MunicipalityCode::TryParse(fmt::format("{}{:03d}", pp, 100 + k + 1));
    if (!code) throw std::logic_error("bad synthetic municipality code");
    MunicipalityInput m{*code};
    m.name = fmt::format("{}第{}市町村", info.name, k + 1);
    const std::int64_t insured =
        std::max<std::int64_t>(200, std::llround(d.LogUniform(200, 300'000)));
    const std::int64_t households =
        std::max<std::int64_t>(1, std::llround(insured / (1.55 * d.Uniform(0.97, 1.03))));
    const double income_per_capita = d.Uniform(450'000, 1'100'000);
    const Rational r = d.Decimal(0.90, 0.98, 4);
    nofukin::OwnBasis own{LevyMethod::kThree, d.Decimal(0.45, 0.55, 4), d.Decimal(0.60, 0.70, 4),
                          Rational(0), r};
    const double kaigo_fraction = d.Uniform(0.28, 0.36);
    for (const PartScale& ps : kPartScale) {
      MunicipalityPartInput& mp = m.part(ps.part);
      const bool kaigo = ps.part == Part::kKaigo;
      mp.insured =
          kaigo ? std::max<std::int64_t>(1, std::llround(insured * kaigo_fraction)) : insured;
      mp.households =
          kaigo ? std::max<std::int64_t>(1, std::llround(mp.insured / 1.3)) : households;
      const double pc = kaigo ? income_per_capita * 1.3 : income_per_capita;
      for (int y = 0; y < 3; ++y)
        mp.income_years.push_back(std::llround(mp.insured * pc * d.Uniform(0.97, 1.03)));
      mp.collection_rate = r;
      mp.own = own;
    }
    m.epsilon = d.Decimal(0.8, 1.2, 4);
    m.item_amounts = {std::llround(insured * d.Uniform(500, 1'500)),
                      std::llround(insured * d.Uniform(1'000, 3'000))};
    c.municipalities.push_back(std::move(m));
  }

  // Prefecture policies per 分.
  for (const PartScale& ps : kPartScale) {
    PartPolicy& p = c.policy(ps.part);
    std::int64_t total_insured = 0;
    for (const auto& m : c.municipalities) total_insured += m.part(ps.part).insured;
    const Yen required = std::llround(total_insured * d.Uniform(ps.lo, ps.hi));
    const Yen expenses = std::llround(required * d.Uniform(2.6, 3.0));
    const Yen state = std::llround((expenses - required) * d.Uniform(0.55, 0.7));
    p.expenses = {{"保険給付費等", expenses}};
    p.public_funds = {{"国庫負担金等", state}, {"前期高齢者交付金等", expenses - required - state}};
    p.alpha = ps.part == Part::kIryo ? d.Decimal(0.5, 1.0, 2) : Rational(0);
    p.beta = Rational(d.Int(7 * kPow13 / 10, 13 * kPow13 / 10), kPow13);
    p.beta_prime = p.beta;
    p.equal_share_index = Rational(7, 10);
    p.standard_levy = LevyMethod::kThree;
    p.prefecture_collection_rate = d.Decimal(0.92, 0.96, 4);
  }

  // 激変緩和: previous-year base near this year's 1人当たり保険料 (estimated in double),
  // so that about a quarter of the municipalities exceed base × (1 + 自然増 + x).
  nofukin::ReliefPolicy& relief = c.relief;
  relief.enabled = true;
  relief.metric = nofukin::ReliefMetric::kPerCapitaPremium;
  relief.base_is_previous_year = true;
  relief.natural_growth = Rational(12, 1000);
  relief.allowance = Rational(10, 1000);
  std::vector<double> levy(n, 0.0);
  for (const PartScale& ps : kPartScale) {
    const PartPolicy& p = c.policy(ps.part);
    const double beta = p.beta.ToDouble(), alpha = p.alpha.ToDouble();
    double sn = 0, sh = 0, si = 0;
    for (const auto& m : c.municipalities) {
      const auto& mp = m.part(ps.part);
      sn += mp.insured, sh += mp.households, si += mp.Income().ToDouble();
    }
    std::vector<double> w(n);
    double wsum = 0;
    for (int i = 0; i < n; ++i) {
      const auto& m = c.municipalities[i];
      const auto& mp = m.part(ps.part);
      const double f =
          (beta * mp.Income().ToDouble() / si + 0.7 * mp.insured / sn + 0.3 * mp.households / sh) /
          (1 + beta);
      w[i] = (1 + alpha * (m.epsilon->ToDouble() - 1)) * f;
      wsum += w[i];
    }
    // C = total + Σ努力支援 (医療分); each municipality's items move its levy as well.
    double total = static_cast<double>(p.RequiredPremiumTotal());
    const bool iryo = ps.part == Part::kIryo;
    if (iryo)
      for (const auto& m : c.municipalities) total += static_cast<double>(m.item_amounts[0]);
    for (int i = 0; i < n; ++i) {
      const auto& m = c.municipalities[i];
      const double items = iryo ? static_cast<double>(m.item_amounts[1] - m.item_amounts[0]) : 0.0;
      levy[i] += (total * w[i] / wsum + items) / m.part(ps.part).collection_rate.ToDouble();
    }
  }
  double need = 0;
  for (int i = 0; i < n; ++i) {
    MunicipalityInput& m = c.municipalities[i];
    const double metric = levy[i] / static_cast<double>(m.part(Part::kIryo).insured);
    const Yen base = std::llround(metric * d.Uniform(0.955, 1.045));
    m.relief_base_per_capita = base;
    const double excess = metric - base * 1.022;
    if (excess > 0)
      need += excess * m.part(Part::kIryo).insured * m.part(Part::kIryo).collection_rate.ToDouble();
  }
  relief.pools = {{"県繰入金 (2号分)", std::llround(need * d.Uniform(0.6, 1.4))}};
  return c;
}

std::ofstream Open(const std::string& dir, const std::string& name) {
  std::ofstream out(std::filesystem::path(dir) / name);
  if (!out) throw std::runtime_error("cannot write " + dir + "/" + name);
  return out;
}

}  // namespace

std::vector<Case> SyntheticNation(std::uint64_t seed) {
  Draw d(seed);
  std::vector<Case> nation;
  nation.reserve(kNationPrefectures);
  for (int p = 0; p < kNationPrefectures; ++p) nation.push_back(MakePrefecture(p, d));
  return nation;
}

void ExportNationInputs(const std::vector<Case>& nation, const std::string& dir) {
  std::filesystem::create_directories(dir);
  auto prefectures = Open(dir, "prefectures.csv");
  auto policies = Open(dir, "policies.csv");
  auto items = Open(dir, "items.csv");
  auto parts = Open(dir, "municipality_parts.csv");
  auto amounts = Open(dir, "item_amounts.csv");
  prefectures << "pref,name,municipalities,natural_growth,allowance,pool_budget\n";
  policies << "pref,part,part_order,required_total,alpha,beta,beta_prime,e,pref_collection_rate\n";
  items << "pref,item,name,part,sign,stage\n";
  parts << "pref,seq,code,part,part_order,insured,households,income1,income2,income3,"
           "collection_rate,own_ability,own_equal,own_collection,epsilon,relief_base\n";
  amounts << "pref,seq,item,amount\n";
  for (const Case& c : nation) {
    const auto& pp = c.prefecture_code;
    Yen budget = 0;
    for (const auto& pool : c.relief.pools) budget += pool.budget;
    prefectures << fmt::format("{},{},{},{},{},{}\n", pp, c.prefecture, c.municipalities.size(),
                               c.relief.natural_growth.ToString(), c.relief.allowance.ToString(),
                               budget);
    for (size_t k = 0; k < c.parts.size(); ++k) {
      const Part p = c.parts[k];
      const auto& pol = c.policy(p);
      policies << fmt::format("{},{},{},{},{},{},{},{},{}\n", pp, PartKey(p), k,
                              pol.RequiredPremiumTotal(), pol.alpha.ToString(), pol.beta.ToString(),
                              pol.beta_prime.ToString(), pol.equal_share_index.ToString(),
                              pol.prefecture_collection_rate.ToString());
    }
    for (size_t k = 0; k < c.items.size(); ++k) {
      const auto& it = c.items[k];
      items << fmt::format("{},{},{},{},{},{}\n", pp, k, it.name, PartKey(it.part), it.sign,
                           it.stage == ItemStage::kNofukin ? "nofukin" : "rate");
    }
    for (size_t i = 0; i < c.municipalities.size(); ++i) {
      const auto& m = c.municipalities[i];
      for (size_t k = 0; k < c.parts.size(); ++k) {
        const Part p = c.parts[k];
        const auto& mp = m.part(p);
        if (mp.income_years.size() != 3) throw std::logic_error("export expects 3 income years");
        parts << fmt::format(
            "{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}\n", pp, i, m.code.str(), PartKey(p), k,
            mp.insured, mp.households, mp.income_years[0], mp.income_years[1], mp.income_years[2],
            mp.collection_rate.ToString(), mp.own.ability_share.ToString(),
            mp.own.equal_share.ToString(), mp.own.collection_rate.ToString(),
            m.epsilon ? m.epsilon->ToString() : "1",
            m.relief_base_per_capita ? fmt::format("{}", *m.relief_base_per_capita) : "");
      }
      for (size_t k = 0; k < m.item_amounts.size(); ++k)
        amounts << fmt::format("{},{},{},{}\n", pp, i, k, m.item_amounts[k]);
    }
  }
}

void ExportKokuhoResults(const std::vector<Case>& nation, const std::string& dir) {
  std::filesystem::create_directories(dir);
  auto out = Open(dir, "kokuho_results.csv");
  auto parts = Open(dir, "kokuho_parts.csv");
  out << "pref,seq,code,part,base,relief,nofukin,premium_need,levy_total,"
         "income_rate_percent,per_capita,per_household,"
         "own_income_rate_percent,own_per_capita,own_per_household\n";
  parts << "pref,part,base_total,gamma,residual,pref_income_rate_percent,pref_per_capita,"
           "relief_needed,relief_granted,relief_short\n";
  for (const Case& c : nation) {
    const nofukin::Result r = nofukin::Compute(c, {.detail = false});  // as `kokuho nofukin`
    for (size_t i = 0; i < r.municipalities.size(); ++i) {
      const auto& mr = r.municipalities[i];
      for (Part p : c.parts) {
        const auto& x = mr.part(p);
        out << fmt::format("{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}\n", c.prefecture_code, i,
                           mr.code.str(), PartKey(p), x.base, x.relief - x.relief_contribution,
                           x.nofukin, x.premium_need, x.levy_total.ToDecimalString(4),
                           x.municipal_standard.income_rate_percent.ToString(),
                           x.municipal_standard.per_capita, x.municipal_standard.per_household,
                           x.own_basis.income_rate_percent.ToString(), x.own_basis.per_capita,
                           x.own_basis.per_household);
      }
    }
    for (const auto& pr : r.parts)
      parts << fmt::format("{},{},{},{},{},{},{},{},{},{}\n", c.prefecture_code, PartKey(pr.part),
                           pr.base_total, pr.gamma.ToDecimalString(13), pr.residual,
                           pr.prefecture_standard.income_rate_percent.ToString(),
                           pr.prefecture_standard.per_capita, r.relief.needed, r.relief.granted,
                           r.relief.short_of_funds ? 1 : 0);
  }
}

}  // namespace kokuho::bench
