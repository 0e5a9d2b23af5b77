#include "readers/relief_policy_reader.h"

#include "io/yaml_map.h"

namespace kokuho {

nofukin::ReliefPolicy ParseReliefPolicy(const YAML::Node& node, const std::string& file,
                                        const std::string& where) {
  YamlMap m(node, file, where);
  m.ExpectKeys({"enabled", "metric", "base", "natural_growth", "allowance", "decrease_floor",
                "split", "pools"});
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
  // Which 分 the relief reduces (docs/nofukin-rules.md "激変緩和"): the guideline's chapter
  // 6(2) could not be read, so both readings are offered; proportional is the default.
  if (auto split = m.OptionalText("split")) {
    if (*split == "各分の納付金に比例" || *split == "proportional") {
      r.split = nofukin::ReliefSplit::kProportional;
    } else if (*split == "医療分" || *split == "iryo") {
      r.split = nofukin::ReliefSplit::kIryoOnly;
    } else {
      throw InputError(
          m.PosOf(m.Require("split")),
          where + ".split: expected 各分の納付金に比例 (proportional) or 医療分 (iryo)");
    }
  }
  if (auto pools = m.Optional("pools")) {
    if (!pools->IsSequence())
      throw InputError(m.PosOf(*pools), where + ".pools: expected a list of pools");
    Yen budgets = 0;
    for (const YAML::Node& entry : *pools) {
      YamlMap pm(entry, file, where + ".pools[]");
      pm.ExpectKeys({"name", "budget_yen", "account"});
      const std::string name = pm.Text("name");
      nofukin::ReliefAccount account = nofukin::ReliefAccount::kOther;
      if (auto key = pm.OptionalText("account")) {
        auto a = nofukin::TryParseReliefAccount(*key);
        if (!a)
          throw InputError(pm.PosOf(pm.Require("account")),
                           where +
                               ".pools[].account: expected prefecture_transfer (県繰入金), "
                               "special_fund (特例基金), adjustment_fund (財政調整事業), national "
                               "(国の暫定措置) or other");
        account = *a;
      }
      const Yen budget = pm.YenValue("budget_yen", 0);
      // Σ budgets is checked where each is written (the engine adds them).
      budgets = AddYen(budgets, budget, pm.PosOf(pm.Require("budget_yen")),
                       where + ".pools: Σ budget_yen");
      r.pools.push_back({name, budget, account});
      pm.RejectUnknownKeys();
    }
  }
  m.RejectUnknownKeys();
  return r;
}

}  // namespace kokuho
