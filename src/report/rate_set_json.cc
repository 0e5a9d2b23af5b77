#include "report/rate_set_json.h"

#include <string>

namespace kokuho {

double PercentNumber(const Rational& rounded_percent) {
  // The rate is rounded to its published decimals, so its decimal text is exact; the JSON
  // number prints back as that text.
  return std::stod(rounded_percent.ToDecimalString(13));
}

nlohmann::ordered_json RateSetJson(const nofukin::RateSet& r) {
  nlohmann::ordered_json j;
  j["method"] = nofukin::LevyMethodLabel(r.method);
  j["income_rate_percent"] = PercentNumber(r.income_rate_percent);
  if (r.asset_rate_percent) j["asset_rate_percent"] = PercentNumber(*r.asset_rate_percent);
  j["per_capita"] = r.per_capita;
  j["per_household"] = r.per_household;
  return j;
}

}  // namespace kokuho
