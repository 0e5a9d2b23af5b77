#include "report/json_report.h"

#include "report/rate_set_json.h"

namespace kokuho {

using nlohmann::ordered_json;

ordered_json NofukinJson(const nofukin::Case& c, const nofukin::Result& r) {
  ordered_json j;
  j["schema"] = "kokuho.nofukin/1";
  j["prefecture"] = r.prefecture;
  j["prefecture_code"] = c.prefecture_code;
  j["fiscal_year"] = r.fiscal_year.year();
  j["fiscal_year_wareki"] = r.fiscal_year.ToWareki();
  j["coefficients"] = r.coefficients_label;
  ordered_json parts = ordered_json::object();
  for (const auto& pr : r.parts) {
    const auto& pol = c.policy(pr.part);
    ordered_json p;
    p["label"] = PartLabel(pr.part);
    p["alpha"] = pol.alpha.ToString();
    p["beta"] = pol.beta.ToString();
    p["beta_prime"] = pol.beta_prime.ToString();
    p["equal_share_index"] = pol.equal_share_index.ToString();
    p["gamma"] = pr.gamma.ToDecimalString(c.rounding.gamma_decimals);
    p["required_premium_total"] = pr.required_total;
    p["individual_add"] = pr.individual_add;
    p["individual_sub"] = pr.individual_sub;
    p["base_total"] = pr.base_total;
    // C − Σ C·w_i·γ: what γ's rounding left, spread pro rata before the yen rounding.
    p["gamma_difference_yen"] = pr.gamma_difference.ToDecimalString(6);
    p["residual_yen"] = pr.residual;
    p["total"] = pr.nofukin_total;
    p["prefecture_standard_rate"] = RateSetJson(pr.prefecture_standard);
    parts[PartKey(pr.part)] = p;
  }
  j["parts"] = parts;
  ordered_json munis = ordered_json::array();
  for (const auto& m : r.municipalities) {
    ordered_json mj;
    mj["code"] = m.code.str();
    mj["name"] = m.name;
    mj["insured"] = m.insured;
    ordered_json nof = ordered_json::object();
    ordered_json rates = ordered_json::object();
    for (const auto& pr : r.parts) {
      const auto& mp = m.part(pr.part);
      nof[PartKey(pr.part)] = mp.nofukin;
      ordered_json kinds;
      kinds["prefecture"] = RateSetJson(pr.prefecture_standard);
      kinds["municipal"] = RateSetJson(mp.municipal_standard);
      kinds["own_basis"] = RateSetJson(mp.own_basis);
      kinds["premium_need"] = mp.premium_need;
      rates[PartKey(pr.part)] = kinds;
    }
    mj["nofukin"] = nof;
    mj["nofukin_total"] = m.nofukin_total;
    mj["retiree_nofukin"] = m.retiree_nofukin;
    mj["relief"] = m.relief_total;
    mj["standard_rates"] = rates;
    munis.push_back(mj);
  }
  j["municipalities"] = munis;
  ordered_json relief;
  relief["enabled"] = r.relief.enabled;
  relief["needed"] = r.relief.needed;
  relief["contributions"] = r.relief.contributions;
  relief["granted"] = r.relief.granted;
  relief["short_of_funds"] = r.relief.short_of_funds;
  relief["pro_rata"] = r.relief.pro_rata.ToDecimalString(10);
  relief["municipalities_relieved"] = r.relief.municipalities_relieved;
  ordered_json pools = ordered_json::array();
  for (const auto& d : r.relief.pools)
    pools.push_back({{"name", d.name}, {"budget", d.budget}, {"drawn", d.drawn}});
  relief["pools"] = pools;
  j["relief"] = relief;
  return j;
}

}  // namespace kokuho
