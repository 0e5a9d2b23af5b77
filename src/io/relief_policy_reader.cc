#include "io/relief_policy_reader.h"

#include "io/yaml_map.h"

namespace kokuho {

nofukin::ReliefPolicy ParseReliefPolicy(const YAML::Node& node, const std::string& file,
                                        const std::string& where) {
  YamlMap m(node, file, where);
  m.ExpectKeys(
      {"enabled", "metric", "base", "natural_growth", "allowance", "decrease_floor", "pools"});
  nofukin::ReliefPolicy r;
  r.enabled = m.OptionalBool("enabled").value_or(true);
  if (!r.enabled) return r;  // its keys were checked by ExpectKeys; the rest is not read
  std::string metric = m.Text("metric");
  if (metric == "1人当たり保険料" || metric == "per_capita_premium") {
    r.metric = nofukin::ReliefMetric::kPerCapitaPremium;
  } else if (metric == "1人当たり納付金" || metric == "per_capita_nofukin") {
    r.metric = nofukin::ReliefMetric::kPerCapitaNofukin;
  } else {
    throw InputError(m.PosOf(m.Require("metric")),
                     where + ".metric: expected 1人当たり保険料 or 1人当たり納付金");
  }
  std::string base = m.Text("base");
  if (base == "前年度" || base == "previous_year") {
    r.base_is_previous_year = true;
  } else if (base == "基準年度" || base == "base_year") {
    r.base_is_previous_year = false;
  } else {
    throw InputError(m.PosOf(m.Require("base")), where + ".base: expected 前年度 or 基準年度");
  }
  r.natural_growth = m.Rate("natural_growth", RateRange::kAny);
  r.allowance = m.Rate("allowance", RateRange::kAny);
  if (auto f = m.OptionalRate("decrease_floor", RateRange::kAny)) {
    if (*f >= Rational(0) || *f <= Rational(-1))
      throw InputError(m.PosOf(m.Require("decrease_floor")),
                       where + ".decrease_floor: expected a fall between 0 and −1, e.g. -0.05");
    if (*f >= r.natural_growth + r.allowance)
      throw InputError(m.PosOf(m.Require("decrease_floor")),
                       where +
                           ".decrease_floor: expected a fall below 自然増 + allowance "
                           "(otherwise a municipality could be relieved and held back at once)");
    r.decrease_floor = *f;
  }
  if (auto pools = m.Optional("pools")) {
    if (!pools->IsSequence())
      throw InputError(m.PosOf(*pools), where + ".pools: expected a list of pools");
    for (const YAML::Node& entry : *pools) {
      YamlMap pm(entry, file, where + ".pools[]");
      pm.ExpectKeys({"name", "budget_yen"});
      r.pools.push_back({pm.Text("name"), pm.YenValue("budget_yen", 0)});
      pm.RejectUnknownKeys();
    }
  }
  m.RejectUnknownKeys();
  return r;
}

}  // namespace kokuho
