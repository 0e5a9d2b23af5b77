#include "readers/relief_policy_reader.h"

#include "core/text.h"
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
                     where + ".metric: " + Quoted(metric) +
                         "は使えません。1人当たり保険料 か 1人当たり納付金 を書いてください");
  }
  std::string base = m.Text("base");
  if (base == "前年度" || base == "previous_year") {
    r.base_is_previous_year = true;
  } else if (base == "基準年度" || base == "base_year") {
    r.base_is_previous_year = false;
  } else {
    throw InputError(m.PosOf(m.Require("base")), where + ".base: " + Quoted(base) +
                                                     "は使えません。前年度 か 基準年度 を書いて"
                                                     "ください");
  }
  r.natural_growth = m.Rate("natural_growth", RateRange::kAny);
  r.allowance = m.Rate("allowance", RateRange::kAny);
  if (auto f = m.OptionalRate("decrease_floor", RateRange::kAny)) {
    if (*f >= Rational(0) || *f <= Rational(-1))
      throw InputError(m.PosOf(m.Require("decrease_floor")),
                       where +
                           ".decrease_floor: 減少の下限は 0 と −1 の間の値で書いてください "
                           "(例: -0.05)");
    if (*f >= r.natural_growth + r.allowance)
      throw InputError(m.PosOf(m.Require("decrease_floor")),
                       where +
                           ".decrease_floor: 自然増 + allowance より小さい値にしてください (そう"
                           "でないと、同じ市町村が緩和と抑制を同時に受けることがあります)");
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
          where + ".split: " + Quoted(*split) +
              "は使えません。各分の納付金に比例 (proportional) か 医療分 (iryo) を書いてください");
    }
  }
  if (auto pools = m.Optional("pools")) {
    if (!pools->IsSequence())
      throw InputError(m.PosOf(*pools),
                       where + ".pools: 財源のリスト (- name: …) で書いてください");
    Yen budgets = 0;
    for (const YAML::Node& entry : *pools) {
      YamlMap pm(entry, file, where + ".pools[]");
      pm.ExpectKeys({"name", "budget_yen", "account"});
      const std::string name = pm.Text("name");
      nofukin::ReliefAccount account = nofukin::ReliefAccount::kOther;
      if (auto key = pm.OptionalText("account")) {
        auto a = nofukin::TryParseReliefAccount(*key);
        if (!a)
          throw InputError(
              pm.PosOf(pm.Require("account")),
              where + ".pools[].account: " + Quoted(*key) +
                  "は使えません。prefecture_transfer (県繰入金)、special_fund "
                  "(特例基金)、adjustment_fund (財政調整事業)、national (国の暫定措置)、"
                  "other のどれかを書いてください");
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
