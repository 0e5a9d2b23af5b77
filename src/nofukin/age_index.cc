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
      throw CalculationError("年齢階級 " + band.label +
                             " の全国1人当たり医療費がありません (national_cost_per_capita)");
    actual += Rational(exclude_high_cost ? band.cost - band.cost_above_threshold : band.cost);
    expected += Rational(band.insured) * it->second;
  }
  if (expected.IsZero())
    throw CalculationError(
        "期待される医療費が0です (年齢階級別の被保険者数と全国1人当たり医療費を確かめてください)");
  return actual / expected;
}

}  // namespace kokuho::nofukin
