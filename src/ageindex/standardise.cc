#include "ageindex/standardise.h"

#include "core/error.h"
#include "nofukin/age_index.h"

namespace kokuho::ageindex {
namespace {

Rational CrudeRateOf(const std::vector<BandCount>& bands, std::int64_t* population,
                     Rational* observed) {
  std::int64_t pop = 0;
  Rational obs(0);
  for (const BandCount& b : bands) {
    pop += b.population;
    obs += Rational(b.observed);
  }
  *population = pop;
  *observed = obs;
  if (pop == 0) throw CalculationError("市町村の人数が0です");
  return obs / Rational(pop);
}

}  // namespace

std::optional<Rational> Standard::CrudeRate() const {
  if (rate.empty() || population.empty()) return std::nullopt;
  Rational weighted(0), total(0);
  for (const std::string& band : bands) {
    auto r = rate.find(band);
    auto p = population.find(band);
    if (r == rate.end() || p == population.end()) return std::nullopt;
    weighted += r->second * Rational(p->second);
    total += Rational(p->second);
  }
  if (total.IsZero()) return std::nullopt;
  return weighted / total;
}

IndirectResult Indirect(const std::vector<BandCount>& bands, const Standard& standard) {
  IndirectResult r;
  r.crude_rate = CrudeRateOf(bands, &r.population, &r.observed);
  std::vector<nofukin::AgeBand> age_bands;
  r.expected = Rational(0);
  for (const BandCount& b : bands) {
    age_bands.push_back({b.band, b.population, b.observed, 0});
    auto it = standard.rate.find(b.band);
    if (it != standard.rate.end()) r.expected += Rational(b.population) * it->second;
  }
  // The one implementation of Σ O / Σ n m (docs/nofukin-rules.md).
  r.index = nofukin::AgeAdjustedIndex(age_bands, standard.rate, /*exclude_high_cost=*/false);
  return r;
}

DirectResult Direct(const std::vector<BandCount>& bands, const Standard& standard) {
  DirectResult r;
  r.crude_rate = CrudeRateOf(bands, &r.population, &r.observed);
  std::map<std::string, const BandCount*> by_band;
  for (const BandCount& b : bands) by_band[b.band] = &b;
  Rational weighted(0), total(0);
  for (const std::string& band : standard.bands) {
    auto p = standard.population.find(band);
    if (p == standard.population.end())
      throw CalculationError("年齢階級 " + band + " の基準人口がありません");
    auto it = by_band.find(band);
    if (it == by_band.end() || it->second->population == 0)
      throw CalculationError("年齢階級 " + band + " の人数が0で、率を計算できません");
    const BandCount& b = *it->second;
    weighted += Rational(b.observed, b.population) * Rational(p->second);
    total += Rational(p->second);
  }
  if (total.IsZero()) throw CalculationError("基準人口が0です");
  r.adjusted_rate = weighted / total;
  if (auto crude = standard.CrudeRate(); crude && !crude->IsZero())
    r.ratio = r.adjusted_rate / *crude;
  return r;
}

}  // namespace kokuho::ageindex
