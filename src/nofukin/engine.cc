#include "nofukin/engine.h"

#include <fmt/format.h>

#include "core/error.h"
#include "core/largest_remainder.h"
#include "nofukin/age_index.h"
#include "nofukin/allocation.h"
#include "nofukin/explain.h"
#include "nofukin/integer_rates.h"
#include "nofukin/relief.h"
#include "nofukin/standard_rates.h"

namespace kokuho::nofukin {
namespace {

// Sums of one municipality's 個別加減算 for a 分 and stage.
struct ItemSums {
  Yen add = 0, sub = 0;
};

// Every sum of yen involving a municipality's figures is checked: an overflow is an
// InputError at the municipality's row of the table (a CalculationError for a case built in
// code, with no row). The message is built only then (these run for every municipality).
[[noreturn]] void Overflow(const MunicipalityInput& m, Part p, const char* what) {
  ThrowYenOverflow(m.row, fmt::format("{} {} {}", m.code.str(), PartLabel(p), what));
}
Yen AddAt(Yen a, Yen b, const MunicipalityInput& m, Part p, const char* what) {
  if (auto v = TryAddYen(a, b)) return *v;
  Overflow(m, p, what);
}
Yen SubAt(Yen a, Yen b, const MunicipalityInput& m, Part p, const char* what) {
  if (auto v = TrySubYen(a, b)) return *v;
  Overflow(m, p, what);
}

ItemSums SumItems(const Case& c, const MunicipalityInput& m, Part part, ItemStage stage) {
  ItemSums s;
  for (size_t k = 0; k < c.items.size(); ++k) {
    const IndividualItem& item = c.items[k];
    if (item.part != part || item.stage != stage) continue;
    if (item.sign > 0)
      s.add = AddAt(s.add, m.item_amounts[k], m, part, "個別加算の合計");
    else
      s.sub = AddAt(s.sub, m.item_amounts[k], m, part, "個別減算の合計");
  }
  return s;
}

class Engine {
 public:
  Engine(const Case& c, const ComputeOptions& options)
      : c_(c),
        trace_(options.trace),
        rates_(options.rates),
        detail_(options.detail || options.trace) {}

  Result Run() {
    result_.prefecture = c_.prefecture;
    result_.fiscal_year = c_.fiscal_year;
    result_.coefficients_label = c_.coefficients_label;
    const size_t n = c_.municipalities.size();
    if (n == 0) throw CalculationError("事例に市町村がありません");
    result_.municipalities.resize(n);
    for (size_t i = 0; i < n; ++i) {
      const MunicipalityInput& m = c_.municipalities[i];
      result_.municipalities[i].code = m.code;
      result_.municipalities[i].name = m.name;
      // Per-capita figures use the 医療分 被保険者数 (all members), else the first 分's.
      result_.municipalities[i].insured =
          m.part(c_.HasPart(Part::kIryo) ? Part::kIryo : c_.parts.front()).insured;
      result_.municipalities[i].retiree_nofukin = m.retiree_nofukin;
    }
    for (Part p : c_.parts) AllocatePart(p);
    ApplyRelief();
    for (size_t idx = 0; idx < c_.parts.size(); ++idx) ComputeRates(c_.parts[idx], idx);
    const bool premium = c_.relief.metric == ReliefMetric::kPerCapitaPremium;
    for (size_t i = 0; i < n; ++i) {
      MunicipalityResult& mr = result_.municipalities[i];
      mr.nofukin_total = mr.retiree_nofukin;
      Rational metric(0);
      for (Part p : c_.parts) {
        mr.nofukin_total =
            AddAt(mr.nofukin_total, mr.part(p).nofukin, c_.municipalities[i], p, "納付金の合計");
        metric += premium ? mr.part(p).levy_total : Rational(mr.part(p).nofukin);
      }
      mr.metric_after = metric / Rational(mr.insured);
    }
    // The explanation is built from the figures (explain.h), not while computing them.
    if (trace_) result_.trace = ExplainResult(c_, result_, rates_);
    return std::move(result_);
  }

 private:
  // Steps 1–3 (+ 個別加減算) for one 分.
  void AllocatePart(Part p) {
    const PartPolicy& policy = c_.policy(p);
    const size_t n = c_.municipalities.size();
    PartResult pr;
    pr.part = p;
    pr.required_total = policy.RequiredPremiumTotal();

    AllocationInputs in;
    in.insured.resize(n);
    in.households.resize(n);
    in.income.resize(n);
    in.epsilon.assign(n, Rational(1));
    std::vector<ItemSums> items(n);
    for (size_t i = 0; i < n; ++i) {
      const MunicipalityInput& m = c_.municipalities[i];
      const MunicipalityPartInput& mp = m.part(p);
      in.insured[i] = mp.insured;
      in.households[i] = mp.households;
      in.income[i] = mp.Income();
      if (p == Part::kIryo) in.epsilon[i] = Epsilon(m);
      items[i] = SumItems(c_, m, p, ItemStage::kNofukin);
      pr.individual_add = AddAt(pr.individual_add, items[i].add, m, p, "Σ個別加算");
      pr.individual_sub = AddAt(pr.individual_sub, items[i].sub, m, p, "Σ個別減算");
      pr.insured = AddAt(pr.insured, mp.insured, m, p, "Σ被保険者数");
      pr.households = AddAt(pr.households, mp.households, m, p, "Σ世帯数");
      pr.income += in.income[i];
    }
    // C = 保険料収納必要総額 + Σ個別減算 − Σ個別加算 (docs/nofukin-rules.md), so that ΣP_i = the
    // total.
    pr.base_total = SubYen(AddYen(pr.required_total, pr.individual_sub,
                                  PartLabel(p) + " 保険料収納必要総額 + Σ個別減算"),
                           pr.individual_add, PartLabel(p) + " 納付金算定基礎額 C");

    const Rational alpha = p == Part::kIryo ? policy.alpha : Rational(0);
    const Rational e = c_.allocation == LevyMethod::kTwo ? Rational(1) : policy.equal_share_index;
    const Yen shared = (p == Part::kIryo && c_.high_cost == HighCostMode::kBaseSplit)
                           ? policy.high_cost_shared_amount
                           : 0;
    Allocation a =
        AllocateBase(pr.base_total, alpha, policy.beta, e, shared, c_.rounding, in, detail_);
    pr.weight_sum = a.weight_sum;
    pr.gamma_exact = a.gamma_exact;
    pr.gamma = a.gamma;
    pr.floor_sum = a.floor_sum;
    pr.residual = a.residual;
    pr.gamma_difference = a.gamma_difference;
    part_shares_.push_back(std::move(a.integer_shares));

    for (size_t i = 0; i < n; ++i) {
      const MunicipalityInput& m = c_.municipalities[i];
      MunicipalityPartResult& r = result_.municipalities[i].part(p);
      r.epsilon = in.epsilon[i];
      r.income = in.income[i];
      r.share_insured = a.share_insured[i];
      r.share_households = a.share_households[i];
      r.share_income = a.share_income[i];
      if (!a.weight.empty()) {  // ComputeOptions::detail
        r.weight = a.weight[i];
        r.base_exact = a.exact[i];
        r.base_closed = a.closed[i];
      }
      r.base = a.base[i];
      r.individual_add = items[i].add;
      r.individual_sub = items[i].sub;
      r.before_relief = SubAt(AddAt(r.base, r.individual_add, m, p, "B_i + 個別加算"),
                              r.individual_sub, m, p, "個別加減算後の納付金");
      // 標準保険料率-stage items, summed once: used by 激変緩和 and by S_i.
      const ItemSums rate = SumItems(c_, m, p, ItemStage::kStandardRate);
      r.rate_add = rate.add;
      r.rate_sub = rate.sub;
    }
    result_.parts.push_back(std::move(pr));
  }

  Rational Epsilon(const MunicipalityInput& m) {
    if (m.epsilon) {
      return *m.epsilon;
    }
    const bool exclude = c_.high_cost == HighCostMode::kIndexExclusion;
    const auto& national =
        exclude ? c_.national_cost_per_capita_excluding_high_cost : c_.national_cost_per_capita;
    Rational eps = AgeAdjustedIndex(m.age_bands, national, exclude);
    return eps;
  }

  // F_i before relief: (B + 個別加減算 + 標準保険料率-stage items) / r_i.
  static Rational LevyBeforeRelief(const MunicipalityPartResult& r,
                                   const Rational& collection_rate) {
    return (Rational(r.before_relief) + Rational(r.rate_add) - Rational(r.rate_sub)) /
           collection_rate;
  }

  // c_ik for each 分 of municipality i (relief.h): the 納付金 of 分 k removed per yen of the
  // metric × N. The metric's excess is shared over the 分 with weights s_k (Σ s_k = 1):
  //   proportional (default): s_k ∝ the 分's share of the metric coming from its 納付金
  //     (P_k/r_k for the 保険料 metric, P_k for the 納付金 metric), so the relief of each 分
  //     is proportional to its 納付金 P_k (P_k < 0 counts as 0; all ≤ 0: equal shares);
  //   医療分 only: s_医療 = 1.
  // One yen of metric × N removed from 分 k takes r_k yen of its 納付金 under the 保険料
  // metric (F = S/r) and one yen under the 納付金 metric, so c_k = s_k·r_k or s_k.
  std::vector<Rational> ReliefFactors(const MunicipalityInput& m,
                                      const MunicipalityResult& mr) const {
    const bool premium = c_.relief.metric == ReliefMetric::kPerCapitaPremium;
    const size_t parts = c_.parts.size();
    auto rate = [&](size_t k) { return m.part(c_.parts[k]).collection_rate; };
    std::vector<Rational> c(parts, Rational(0));
    if (c_.relief.split == ReliefSplit::kIryoOnly) {
      for (size_t k = 0; k < parts; ++k)
        if (c_.parts[k] == Part::kIryo) c[k] = premium ? rate(k) : Rational(1);
      return c;
    }
    // Proportional: s_k = (P_k/r_k) / Σ_q (P_q/r_q), so c_k = s_k·r_k = P_k / Σ_q (P_q/r_q)
    // (保険料 metric), or s_k = c_k = P_k / Σ_q P_q (納付金 metric).
    Rational levy_from_p(0);
    Yen p_sum = 0;
    for (size_t k = 0; k < parts; ++k) {
      const Yen positive = std::max<Yen>(mr.part(c_.parts[k]).before_relief, 0);
      p_sum = AddAt(p_sum, positive, m, c_.parts[k], "Σ納付金 (激変緩和の按分)");
      if (premium && positive > 0) levy_from_p += Rational(positive) / rate(k);
    }
    if (p_sum == 0) {  // no positive 納付金: equal shares s_k = 1/n
      const Rational equal(1, static_cast<std::int64_t>(parts));
      for (size_t k = 0; k < parts; ++k) c[k] = premium ? equal * rate(k) : equal;
      return c;
    }
    const Rational per_yen = premium ? Rational(1) / levy_from_p : Rational(1, p_sum);
    for (size_t k = 0; k < parts; ++k)
      c[k] = Rational(std::max<Yen>(mr.part(c_.parts[k]).before_relief, 0)) * per_yen;
    return c;
  }

  static Rational Kappa(const ReliefCandidate& cand) {
    Rational kappa(0);
    for (const auto& c : cand.per_part) kappa += c;
    return kappa;
  }

  // Step 4: 激変緩和 over all 分 (docs/nofukin-rules.md).
  void ApplyRelief() {
    const size_t n = c_.municipalities.size();
    const bool premium = c_.relief.metric == ReliefMetric::kPerCapitaPremium;
    if (c_.relief.enabled && c_.relief.split == ReliefSplit::kIryoOnly && !c_.HasPart(Part::kIryo))
      throw CalculationError("激変緩和: split: 医療分 には事例の医療分が必要です");
    std::vector<ReliefCandidate> candidates(n);
    for (size_t i = 0; i < n; ++i) {
      const MunicipalityInput& m = c_.municipalities[i];
      MunicipalityResult& mr = result_.municipalities[i];
      ReliefCandidate& cand = candidates[i];
      cand.insured = mr.insured;
      cand.base = m.relief_base_per_capita;
      Rational total(0);
      for (Part p : c_.parts)
        total += premium ? LevyBeforeRelief(mr.part(p), m.part(p).collection_rate)
                         : Rational(mr.part(p).before_relief);
      cand.metric = total / Rational(mr.insured);
      cand.per_part = ReliefFactors(m, mr);
      mr.metric_before = cand.metric;
      mr.relief_kappa = Kappa(cand);
    }
    ReliefOutcome o = ComputeRelief(c_.relief, candidates);
    result_.relief = o.summary;

    for (size_t i = 0; i < n; ++i) {
      const MunicipalityInput& m = c_.municipalities[i];
      MunicipalityResult& mr = result_.municipalities[i];
      mr.metric_limit = o.limit[i];
      mr.relief_total = o.relief[i] - o.contribution[i];
      mr.relief_needed = o.need[i];
      for (size_t k = 0; k < c_.parts.size(); ++k) {
        const Part p = c_.parts[k];
        MunicipalityPartResult& r = mr.part(p);
        r.relief = o.relief_parts[i][k];
        r.relief_contribution = o.contribution_parts[i][k];
        r.nofukin = AddAt(SubAt(r.before_relief, r.relief, m, p, "納付金 − 激変緩和"),
                          r.relief_contribution, m, p, "納付金 P_i");
      }
    }
  }

  // Steps 5–6 for one 分.
  void ComputeRates(Part p, size_t part_index) {
    const PartPolicy& policy = c_.policy(p);
    PartResult& pr = result_.parts[part_index];
    const size_t n = c_.municipalities.size();
    const bool four = policy.standard_levy == LevyMethod::kFour;
    // The published rates from integers (integer_rates.h) when the allocation formed its
    // shares as integers and no exact intermediate is asked for; else with rationals.
    std::optional<IntegerUniformRates> fast;
    if (rates_ && !detail_ && part_shares_[part_index]) {
      std::vector<Yen> asset_yen;
      if (four)
        for (const auto& m : c_.municipalities) asset_yen.push_back(m.part(p).asset_base);
      fast = IntegerUniformRates::Make(
          policy.standard_levy, policy.beta_prime, policy.equal_share_index, policy.asset_share,
          *part_shares_[part_index], asset_yen, pr.income, pr.insured, pr.households, c_.rounding);
    }
    std::vector<Rational> assets;
    if (four) {
      for (const auto& m : c_.municipalities) assets.push_back(Rational(m.part(p).asset_base));
    }
    // The rational 資産 shares, formed only when a municipality's rates take the rational
    // path (the integer rates form their own).
    std::vector<Rational> asset_shares;
    auto asset_share = [&](size_t i) {
      if (!four) return Rational(0);
      if (asset_shares.empty()) asset_shares = Shares(assets, c_.rounding.share_decimals);
      return asset_shares[i];
    };
    if (!fast) asset_share(0);  // as before: a zero Σ資産 is an error even with rates off
    Rational total_assets(0);
    for (const auto& a : assets) total_assets += a;
    const UniformRateBasis basis(policy.standard_levy, policy.beta_prime, policy.equal_share_index,
                                 policy.asset_share, pr.income, pr.insured, pr.households,
                                 total_assets);
    pr.standard_equal_share = basis.equal_share();
    Rational premium_need_total(0);
    for (size_t i = 0; i < n; ++i) {
      const MunicipalityInput& m = c_.municipalities[i];
      const MunicipalityPartInput& mp = m.part(p);
      MunicipalityResult& mr = result_.municipalities[i];
      MunicipalityPartResult& r = mr.part(p);
      pr.nofukin_total = AddAt(pr.nofukin_total, r.nofukin, m, p, "Σ納付金");
      // S_i = P_i + 市町村が保険料で賄う費用 − 市町村に直接交付される公費 (docs/nofukin-rules.md).
      r.premium_need = SubAt(AddAt(r.nofukin, r.rate_add, m, p, "P_i + 市町村の費用"), r.rate_sub,
                             m, p, "保険料収納必要額 S_i");
      if (r.premium_need <= 0)
        throw CalculationError(fmt::format(
            "{} {}: 保険料収納必要額 S_i が0以下 ({}) になります。標準保険料率の段階で加算・"
            "減算する項目 (individual_items の stage: 標準保険料率) を確かめてください",
            m.code.str(), PartLabel(p), FormatYen(r.premium_need) + "円"));
      premium_need_total += Rational(r.premium_need);
      // F_i = S_i / r_i (docs/nofukin-rules.md).
      r.levy_total = Rational(r.premium_need) / mp.collection_rate;
      if (!rates_) continue;
      std::optional<RateSet> uniform = fast ? fast->Rates(i, r.levy_total) : std::nullopt;
      r.municipal_standard = uniform ? std::move(*uniform)
                                     : basis.Rates(r.levy_total, r.share_income, r.share_insured,
                                                   r.share_households, asset_share(i), c_.rounding);
      std::optional<RateSet> own =
          detail_ ? std::nullopt
                  : TryOwnBasisRateInteger(r.premium_need, mp.own, r.income, mp.insured,
                                           mp.households, mp.asset_base, c_.rounding);
      r.own_basis = own ? std::move(*own)
                        : OwnBasisRate(r.premium_need, mp.own, r.income, mp.insured, mp.households,
                                       mp.asset_base, c_.rounding);
    }
    pr.prefecture_standard =
        PrefectureStandardRate(premium_need_total, policy.prefecture_collection_rate, policy.beta,
                               pr.income, pr.insured, c_.rounding);
  }

  const Case& c_;
  bool trace_;
  bool rates_;
  bool detail_;
  Result result_;
  std::vector<std::optional<IntegerShares>> part_shares_;  // per 分 in case order, if formed
};

}  // namespace

Result Compute(const Case& input, const ComputeOptions& options) {
  if (input.parts.empty()) throw CalculationError("事例に計算する分がありません");
  return Engine(input, options).Run();
}

}  // namespace kokuho::nofukin
