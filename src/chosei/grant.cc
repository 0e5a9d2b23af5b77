#include "chosei/grant.h"

#include <fmt/format.h>

#include <algorithm>

namespace kokuho::chosei {

int Coefficients::UnconfirmedCount() const {
  int n = 0;
  for (const Provenance* p :
       {&ouneki_coeff_src, &ouneki_cap_src, &ounou_coeff_src, &ounou_cap_src, &rounding_src})
    if (!p->confirmed) ++n;
  return n;
}

std::optional<Yen> PrefectureGrant::Difference() const {
  if (!reform) return std::nullopt;
  return reform->grant - actual.grant;
}

GrantCalc Evaluate(const Coefficients& c, Yen demand, std::int64_t insured, Yen income) {
  if (insured <= 0)
    throw CalculationError("普通調整交付金: 平均被保険者数は0より大きくしてください");
  if (demand < 0)
    throw CalculationError(
        "普通調整交付金: 調整対象需要額が負です (公費等が医療給付費等を超えています)");
  GrantCalc g;
  g.demand = demand;
  const Rational per_head = Rational(demand) / Rational(insured);
  // 省令 第3条: 基礎賦課基準応益割額 and 応能割率 scale with per-head demand, up to a cap.
  // 応益割額: 「銭未満は四捨五入」 then the cap (省令 第5条第1項第1号イ, thoz.org diff of
  // 2023-04-12, docs/chosei-format.md).
  g.ouneki_per_head =
      std::min((c.ouneki_coeff * per_head).RoundToDecimals(2, RoundingMode::kHalfUp), c.ouneki_cap);
  g.ounou_rate = std::min(
      (c.ounou_coeff * per_head).RoundToDecimals(c.ounou_places, c.ounou_rounding), c.ounou_cap);
  // Documented choice: the sum is cut to whole yen once (切り捨て), not each part.
  g.income_amount =
      (g.ouneki_per_head * Rational(insured) + Rational(income) * g.ounou_rate).Floor();
  g.grant = std::max<Yen>(0, g.demand - g.income_amount);
  return g;
}

PrefectureGrant ComputeGrant(const Coefficients& c, const Prefecture& p) {
  PrefectureGrant r;
  r.code = p.code;
  r.name = p.name;
  const Yen demand = p.benefits - p.public_funds - p.zenki;
  r.actual = Evaluate(c, demand, p.insured, p.income);
  if (p.region_index) {
    if (*p.region_index <= Rational(0))
      throw CalculationError(fmt::format("{}: 地域差指数は0より大きくしてください", p.name));
    // 地域差指数 = actual ÷ age-adjusted standard, so standard = actual ÷ index; the public
    // share stays the prefecture's own, hence D_std = D ÷ index (docs/chosei-format.md).
    const Yen std_demand = (Rational(demand) / *p.region_index).Floor();
    r.region_index = p.region_index;
    r.reform = Evaluate(c, std_demand, p.insured, p.income);
  }
  return r;
}

std::vector<PrefectureGrant> ComputeAll(const Coefficients& c,
                                        const std::vector<Prefecture>& prefectures) {
  std::vector<PrefectureGrant> out;
  out.reserve(prefectures.size());
  for (const auto& p : prefectures) out.push_back(ComputeGrant(c, p));
  return out;
}

}  // namespace kokuho::chosei
