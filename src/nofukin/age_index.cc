#include "nofukin/age_index.h"

#include "core/error.h"

namespace kokuho::nofukin {

Rational AgeAdjustedIndex(const std::vector<AgeBand>& bands,
                          const std::map<std::string, Rational>& national_per_capita,
                          bool exclude_high_cost) {
  Rational actual(0), expected(0);
  for (const AgeBand& band : bands) {
    auto it = national_per_capita.find(band.label);
    if (it == national_per_capita.end())
      throw CalculationError("no national per-capita cost for age band " + band.label);
    actual += Rational(exclude_high_cost ? band.cost - band.cost_above_threshold : band.cost);
    expected += Rational(band.insured) * it->second;
  }
  if (expected.IsZero()) throw CalculationError("expected medical cost is zero");
  return actual / expected;
}

}  // namespace kokuho::nofukin
