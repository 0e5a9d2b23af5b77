#include "nofukin/engine.h"

#include <fmt/format.h>

#include "core/error.h"
#include "core/largest_remainder.h"
#include "nofukin/age_index.h"
#include "nofukin/allocation.h"
#include "nofukin/relief.h"
#include "nofukin/standard_rates.h"

namespace kokuho::nofukin {
namespace {

constexpr const char* kSpec = "spec/nofukin.md";

std::string Y(Yen v) { return FormatYen(v) + "円"; }
std::string R(const Rational& v, int places = 10) { return v.ToDecimalString(places); }
// An exact amount of yen with its fraction, e.g. "6,443,675,970.6670円".
std::string YR(const Rational& v, int places) { return v.ToGroupedString(places) + "円"; }

// The guideline chapter of each 分 (ガイドライン R3.9: 3 医療分, 4 後期高齢者支援金,
// 5 介護納付金; the 子ども・子育て支援納付金 chapter is not in the R3.9 edition).
std::string Chapter(Part p) {
  switch (p) {
    case Part::kIryo:
      return "ガイドライン(R3.9) 3";
    case Part::kShien:
      return "ガイドライン(R3.9) 4";
    case Part::kKaigo:
      return "ガイドライン(R3.9) 5";
    case Part::kKodomo:
      return "子ども・子育て支援納付金 (R8–; ガイドライン該当章は未確認)";
  }
  return "";
}

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

// Lists the items of a 分 and stage for the trace.
void AddItemInputs(const Case& c, const MunicipalityInput& m, Part part, ItemStage stage,
                   std::vector<std::pair<std::string, std::string>>& inputs) {
  for (size_t k = 0; k < c.items.size(); ++k) {
    const IndividualItem& item = c.items[k];
    if (item.part != part || item.stage != stage) continue;
    inputs.push_back(
        {fmt::format("{} ({})", item.name, item.sign > 0 ? "加算" : "減算"), Y(m.item_amounts[k])});
  }
}

std::string RateText(const RateSet& r) {
  std::string s =
      fmt::format("{} 所得割率 {}%", LevyMethodLabel(r.method), r.income_rate_percent.ToString());
  if (r.asset_rate_percent) s += fmt::format(" 資産割率 {}%", r.asset_rate_percent->ToString());
  s += fmt::format(" 均等割 {}", Y(r.per_capita));
  if (r.method != LevyMethod::kTwo) s += fmt::format(" 平等割 {}", Y(r.per_household));
  return s;
}

class Engine {
 public:
  Engine(const Case& c, const ComputeOptions& options)
      : c_(c), trace_(options.trace), rates_(options.rates) {}

  Result Run() {
    result_.prefecture = c_.prefecture;
    result_.fiscal_year = c_.fiscal_year;
    result_.coefficients_label = c_.coefficients_label;
    result_.trace = Trace(trace_);
    const size_t n = c_.municipalities.size();
    if (n == 0) throw CalculationError("the case has no municipalities");
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
    return std::move(result_);
  }

 private:
  // Callers test trace_ first, so that no step text is built when tracing is off.
  void Add(TraceStep step) { result_.trace.Add(std::move(step)); }

  // Steps 1–3 (+ 個別加減算) for one 分.
  void AllocatePart(Part p) {
    const PartPolicy& policy = c_.policy(p);
    const size_t n = c_.municipalities.size();
    PartResult pr;
    pr.part = p;
    pr.required_total = policy.RequiredPremiumTotal();
    if (trace_) {
      TraceStep t{"",
                  p,
                  "保険料収納必要総額",
                  "Σ保険給付費等 − Σ公費等",
                  {},
                  Y(pr.required_total),
                  "",
                  Chapter(p) + "(1); " + kSpec + " §1.2.1"};
      for (const auto& e : policy.expenses) t.inputs.push_back({"歳出: " + e.name, Y(e.amount)});
      for (const auto& f : policy.public_funds)
        t.inputs.push_back({"歳入(公費): " + f.name, Y(f.amount)});
      Add(std::move(t));
    }

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
    // C = 保険料収納必要総額 + Σ個別減算 − Σ個別加算 (spec §1.2.2), so that ΣP_i = the total.
    pr.base_total = SubYen(AddYen(pr.required_total, pr.individual_sub,
                                  PartLabel(p) + " 保険料収納必要総額 + Σ個別減算"),
                           pr.individual_add, PartLabel(p) + " 納付金算定基礎額 C");
    if (trace_)
      Add({"",
           p,
           "納付金算定基礎額 C",
           "C = 保険料収納必要総額 + Σ個別減算 − Σ個別加算",
           {{"保険料収納必要総額", Y(pr.required_total)},
            {"Σ個別減算", Y(pr.individual_sub)},
            {"Σ個別加算", Y(pr.individual_add)}},
           Y(pr.base_total),
           "",
           std::string(kSpec) + " §1.2.2"});

    const Rational alpha = p == Part::kIryo ? policy.alpha : Rational(0);
    const Rational e = c_.allocation == LevyMethod::kTwo ? Rational(1) : policy.equal_share_index;
    const Yen shared = (p == Part::kIryo && c_.high_cost == HighCostMode::kBaseSplit)
                           ? policy.high_cost_shared_amount
                           : 0;
    Allocation a = AllocateBase(pr.base_total, alpha, policy.beta, e, shared, c_.rounding, in);
    pr.weight_sum = a.weight_sum;
    pr.gamma_exact = a.gamma_exact;
    pr.gamma = a.gamma;
    pr.floor_sum = a.floor_sum;
    pr.residual = a.residual;
    pr.gamma_difference = a.gamma_difference;
    if (trace_)
      Add({"",
           p,
           "基礎額調整係数 γ",
           "γ = 1 / Σ_j {1+α(ε_j−1)}·{β·sI_j + e·sN_j + (1−e)·sH_j}/(1+β)",
           {{"α", alpha.ToString()},
            {"β", policy.beta.ToString()},
            {"e (均等割指数)", e.ToString()},
            {"Σw", R(a.weight_sum, 13)},
            {"1/Σw", R(a.gamma_exact, 16)}},
           R(a.gamma, c_.rounding.gamma_decimals),
           fmt::format("小数点以下第{}位未満四捨五入", c_.rounding.gamma_decimals),
           Chapter(p) + "(2); 算定政令 第9条第8項等; " + kSpec + " §1.2.5"});
    if (trace_)
      Add({"",
           p,
           "納付金基礎額の端数調整",
           "γ の端数による差 (C − ΣC·w_i·γ) を各市町村の C·w_i·γ に比例して配り、1円未満切り捨て、"
           "残りを端数の大きい順に1円ずつ",
           {{"C", Y(pr.base_total)},
            {"C − ΣC·w_i·γ (γ の端数による差)", YR(a.gamma_difference, 6)},
            {"Σ切り捨て後 B_i", Y(a.floor_sum)}},
           fmt::format("端数調整 {}", Y(a.residual)),
           "最大剰余法 (同順位は団体コード順)",
           std::string(kSpec) + " §1.6 [D]; docs/nofukin-rules.md step 8"});
    if (trace_ && shared != 0)
      Add({"",
           p,
           "高額医療費の共同負担 (基礎額分割)",
           "C = C_高額 (α=0 で按分) + (C − C_高額) (α で按分)",
           {{"C_高額", Y(shared)}, {"対象額 (1件)", Y(c_.high_cost_threshold)}},
           "",
           "",
           std::string(kSpec) + " §1.2.6 [R, Q1]"});

    for (size_t i = 0; i < n; ++i) {
      const MunicipalityInput& m = c_.municipalities[i];
      MunicipalityPartResult& r = result_.municipalities[i].part(p);
      r.epsilon = in.epsilon[i];
      r.income = in.income[i];
      r.share_insured = a.share_insured[i];
      r.share_households = a.share_households[i];
      r.share_income = a.share_income[i];
      r.weight = a.weight[i];
      r.base_exact = a.exact[i];
      r.base_closed = a.closed[i];
      r.base = a.base[i];
      r.individual_add = items[i].add;
      r.individual_sub = items[i].sub;
      r.before_relief = SubAt(AddAt(r.base, r.individual_add, m, p, "B_i + 個別加算"),
                              r.individual_sub, m, p, "個別加減算後の納付金");
      // 標準保険料率-stage items, summed once: used by 激変緩和 and by S_i.
      const ItemSums rate = SumItems(c_, m, p, ItemStage::kStandardRate);
      r.rate_add = rate.add;
      r.rate_sub = rate.sub;
      if (!trace_) continue;
      const std::string code = m.code.str();
      const MunicipalityPartInput& mp = m.part(p);
      TraceStep shares{code, p,  "シェア", "sN = N_i/ΣN, sH = H_i/ΣH, sI = I_i/ΣI",
                       {},   "", "",       Chapter(p) + "(2); " + kSpec + " §1.2.4"};
      shares.inputs = {{"被保険者数 N_i", FormatYen(mp.insured)},
                       {"ΣN", FormatYen(pr.insured)},
                       {"世帯数 H_i", FormatYen(mp.households)},
                       {"ΣH", FormatYen(pr.households)}};
      for (size_t y = 0; y < mp.income_years.size(); ++y)
        shares.inputs.push_back({fmt::format("所得 {}年目", y + 1), Y(mp.income_years[y])});
      shares.inputs.push_back({"所得 I_i (平均)", YR(in.income[i], 2)});
      shares.result = fmt::format("sN = {}, sH = {}, sI = {}", R(r.share_insured),
                                  R(r.share_households), R(r.share_income));
      if (c_.rounding.share_decimals)
        shares.rounding = fmt::format("小数点以下第{}位未満四捨五入", *c_.rounding.share_decimals);
      Add(std::move(shares));
      Add({code,
           p,
           "按分指標 w_i",
           "w_i = {1+α(ε_i−1)}·{β·sI_i + e·sN_i + (1−e)·sH_i}/(1+β)",
           {{"α", alpha.ToString()},
            {"ε_i", R(r.epsilon, 6)},
            {"β", policy.beta.ToString()},
            {"e", e.ToString()}},
           R(r.weight),
           "",
           Chapter(p) + "(2); " + kSpec + " §1.2.5"});
      Add({code,
           p,
           "納付金基礎額 B_i",
           "B_i = C × w_i × γ",
           {{"C", Y(pr.base_total)},
            {"w_i", R(r.weight)},
            {"γ", R(a.gamma, 13)},
            {"C×w_i×γ", YR(r.base_exact, 4)},
            {"γ の端数による差の配分後", YR(r.base_closed, 4)}},
           Y(r.base),
           "1円未満切り捨て＋端数調整 (最大剰余法)",
           std::string(kSpec) + " §1.2.5, §1.6"});
      TraceStep pre{code,
                    p,
                    "個別加減算後の納付金",
                    "B_i + 個別加算_i − 個別減算_i",
                    {{"B_i", Y(r.base)}},
                    Y(r.before_relief),
                    "",
                    std::string(kSpec) + " §1.2.7"};
      AddItemInputs(c_, m, p, ItemStage::kNofukin, pre.inputs);
      Add(std::move(pre));
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
    if (trace_) {
      TraceStep t{m.code.str(),
                  Part::kIryo,
                  "年齢調整後医療費指数 ε_i",
                  exclude ? "ε_i = Σ_a (M_ia − 高額超過額_ia) / Σ_a n_ia·m_a (高額除き)"
                          : "ε_i = Σ_a M_ia / Σ_a n_ia·m_a",
                  {},
                  R(eps, 6),
                  "",
                  "算定政令 第9条第4項; " + std::string(kSpec) + " §1.2.3 [R]"};
      for (const auto& b : m.age_bands)
        t.inputs.push_back({b.label, fmt::format("n={} M={}", b.insured, Y(b.cost))});
      Add(std::move(t));
    }
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

  // Step 4: 激変緩和 over all 分 (spec §2).
  void ApplyRelief() {
    const size_t n = c_.municipalities.size();
    const bool premium = c_.relief.metric == ReliefMetric::kPerCapitaPremium;
    if (c_.relief.enabled && c_.relief.split == ReliefSplit::kIryoOnly && !c_.HasPart(Part::kIryo))
      throw CalculationError("激変緩和: split 医療分 needs the 医療分 in the case");
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
      if (trace_ && c_.relief.enabled) {
        TraceStep t{
            mr.code.str(),
            std::nullopt,
            "激変緩和 (丈比べ)",
            "limit = 基準 × (1 + 自然増 + x); 各分の緩和額 = ⌈(指標 − limit) × N × c_分⌉",
            {{"指標", premium ? "1人当たり保険料 (ΣF/N)" : "1人当たり納付金 (ΣP/N)"},
             {"指標 (緩和前)", YR(mr.metric_before, 2)},
             {"基準", c_.municipalities[i].relief_base_per_capita
                          ? Y(*c_.municipalities[i].relief_base_per_capita)
                          : "なし"},
             {"自然増", c_.relief.natural_growth.ToString()},
             {"x", c_.relief.allowance.ToString()},
             {"limit", o.limit[i] ? YR(*o.limit[i], 2) : "—"},
             {"N", FormatYen(mr.insured)},
             {"κ = Σ c_分", R(Kappa(candidates[i]), 6)},
             {"緩和額の分への配分",
              c_.relief.split == ReliefSplit::kIryoOnly ? "医療分のみ" : "各分の納付金に比例"}},
            fmt::format("緩和額 {}, 下げ幅抑制 {}", Y(o.relief[i]), Y(o.contribution[i])),
            "緩和所要額は分ごとに1円未満切り上げ; 財源不足時は按分 (最大剰余法)",
            "ガイドライン(R3.9) 6(2); " + std::string(kSpec) + " §2 [R]"};
        Add(std::move(t));
      }
    }
    if (trace_ && c_.relief.enabled) {
      TraceStep t{"",
                  std::nullopt,
                  "激変緩和の財源",
                  "Σ緩和所要額 ≤ 下げ幅抑制 + Σ財源",
                  {},
                  "",
                  "",
                  std::string(kSpec) + " §2.2"};
      t.inputs.push_back({"Σ緩和所要額", Y(o.summary.needed)});
      t.inputs.push_back({"下げ幅抑制による財源", Y(o.summary.contributions)});
      for (const auto& d : o.summary.pools)
        t.inputs.push_back({d.name, fmt::format("予算 {} のうち {}", Y(d.budget), Y(d.drawn))});
      t.result =
          fmt::format("緩和額計 {}{}", Y(o.summary.granted),
                      o.summary.short_of_funds
                          ? fmt::format(" (財源不足: 所要額の {} で按分)", R(o.summary.pro_rata, 6))
                          : "");
      Add(std::move(t));
    }
  }

  // Steps 5–6 for one 分.
  void ComputeRates(Part p, size_t part_index) {
    const PartPolicy& policy = c_.policy(p);
    PartResult& pr = result_.parts[part_index];
    const size_t n = c_.municipalities.size();
    const bool four = policy.standard_levy == LevyMethod::kFour;
    std::vector<Rational> assets;
    if (four) {
      for (const auto& m : c_.municipalities) assets.push_back(Rational(m.part(p).asset_base));
    }
    std::vector<Rational> asset_shares =
        four ? Shares(assets, c_.rounding.share_decimals) : std::vector<Rational>(n, Rational(0));
    Rational total_assets(0);
    for (const auto& a : assets) total_assets += a;
    const UniformRateBasis basis(policy.standard_levy, policy.beta_prime, policy.equal_share_index,
                                 policy.asset_share, pr.income, pr.insured, pr.households,
                                 total_assets);
    const Rational& e_std = basis.equal_share();
    Rational premium_need_total(0);
    for (size_t i = 0; i < n; ++i) {
      const MunicipalityInput& m = c_.municipalities[i];
      const MunicipalityPartInput& mp = m.part(p);
      MunicipalityResult& mr = result_.municipalities[i];
      MunicipalityPartResult& r = mr.part(p);
      pr.nofukin_total = AddAt(pr.nofukin_total, r.nofukin, m, p, "Σ納付金");
      // S_i = P_i + 市町村が保険料で賄う費用 − 市町村に直接交付される公費 (spec §1.5.2 step 1).
      r.premium_need = SubAt(AddAt(r.nofukin, r.rate_add, m, p, "P_i + 市町村の費用"), r.rate_sub,
                             m, p, "保険料収納必要額 S_i");
      if (r.premium_need <= 0)
        throw CalculationError(fmt::format("{} {}: 保険料収納必要額 S_i is not positive ({})",
                                           m.code.str(), PartLabel(p), Y(r.premium_need)));
      premium_need_total += Rational(r.premium_need);
      // F_i = S_i / r_i (spec §1.5.2 step 2).
      r.levy_total = Rational(r.premium_need) / mp.collection_rate;
      if (!rates_) continue;
      r.municipal_standard = basis.Rates(r.levy_total, r.share_income, r.share_insured,
                                         r.share_households, asset_shares[i], c_.rounding);
      r.own_basis = OwnBasisRate(r.premium_need, mp.own, r.income, mp.insured, mp.households,
                                 mp.asset_base, c_.rounding);
      if (trace_) TraceRates(m, p, policy, r, e_std);
    }
    pr.prefecture_standard =
        PrefectureStandardRate(premium_need_total, policy.prefecture_collection_rate, policy.beta,
                               pr.income, pr.insured, c_.rounding);
    if (trace_)
      Add({"",
           p,
           "都道府県標準保険料率",
           "2方式: F = ΣS_i / r; 所得割率 = F·β/((1+β)·ΣI); 均等割 = F/((1+β)·ΣN)",
           {{"ΣS_i", YR(premium_need_total, 0)},
            {"r (県の収納率)", policy.prefecture_collection_rate.ToString()},
            {"β", policy.beta.ToString()},
            {"ΣI", YR(pr.income, 0)},
            {"ΣN", FormatYen(pr.insured)}},
           RateText(pr.prefecture_standard),
           RoundingText(),
           "国保法 第82条の3第2項; " + std::string(kSpec) + " §1.5.3 [R]"});
  }

  std::string RoundingText() const {
    return fmt::format("所得割率 %の小数点以下第{}位未満{}; 均等割・平等割 {}円未満{}",
                       c_.rounding.income_rate_decimals,
                       RoundingModeLabel(c_.rounding.income_rate_mode), c_.rounding.per_capita_unit,
                       RoundingModeLabel(c_.rounding.per_capita_mode));
  }

  void TraceRates(const MunicipalityInput& m, Part p, const PartPolicy& policy,
                  const MunicipalityPartResult& r, const Rational& e_std) {
    const std::string code = m.code.str();
    TraceStep s{code,
                p,
                "保険料収納必要額 S_i",
                "S_i = P_i + 市町村の費用 − 市町村への公費",
                {{"B_i", Y(r.base)},
                 {"個別加算", Y(r.individual_add)},
                 {"個別減算", Y(r.individual_sub)},
                 {"激変緩和", Y(r.relief)},
                 {"下げ幅抑制", Y(r.relief_contribution)},
                 {"納付金 P_i", Y(r.nofukin)}},
                Y(r.premium_need),
                "",
                std::string(kSpec) + " §1.2.9, §1.5.2 step 1"};
    AddItemInputs(c_, m, p, ItemStage::kStandardRate, s.inputs);
    Add(std::move(s));
    Add({code,
         p,
         "保険料賦課総額 F_i",
         "F_i = S_i / r_i",
         {{"S_i", Y(r.premium_need)}, {"標準的な収納率 r_i", m.part(p).collection_rate.ToString()}},
         YR(r.levy_total, 2),
         "",
         std::string(kSpec) + " §1.5.2 step 2"});
    Add({code,
         p,
         "市町村標準保険料率",
         "D_i = β′·sI_i + e·sN_i + (1−e)·sH_i; 所得割率 = F_i·β′/(D_i·ΣI); 均等割 = "
         "F_i·e/(D_i·ΣN); "
         "平等割 = F_i·(1−e)/(D_i·ΣH)",
         {{"F_i", YR(r.levy_total, 2)},
          {"β′", policy.beta_prime.ToString()},
          {"e", e_std.ToString()},
          {"所得割率 (端数処理前)",
           R(r.municipal_standard.income_rate_exact * Rational(100), 6) + "%"},
          {"均等割 (端数処理前)", YR(r.municipal_standard.per_capita_exact, 2)},
          {"平等割 (端数処理前)", YR(r.municipal_standard.per_household_exact, 2)}},
         RateText(r.municipal_standard),
         RoundingText(),
         "国保法 第82条の3第1項; " + std::string(kSpec) + " §1.5.2"});
    const OwnBasis& own = m.part(p).own;
    Add({code,
         p,
         "市町村の算定基準に基づく標準的な保険料率",
         "F = S_i / 収納率; 所得割率 = F·a·(1−q)/I_i; 均等割 = F·(1−a)·e/N_i; 平等割 = "
         "F·(1−a)·(1−e)/H_i",
         {{"賦課方式", LevyMethodLabel(own.method)},
          {"応能割合 a", own.ability_share.ToString()},
          {"均等割割合 e", own.equal_share.ToString()},
          {"資産割割合 q", own.asset_share.ToString()},
          {"収納率", own.collection_rate.ToString()}},
         RateText(r.own_basis),
         RoundingText(),
         std::string(kSpec) + " §1.5.4 [R]"});
  }

  const Case& c_;
  bool trace_;
  bool rates_;
  Result result_;
};

}  // namespace

Result Compute(const Case& input, const ComputeOptions& options) {
  if (input.parts.empty()) throw CalculationError("the case has no 分 to compute");
  return Engine(input, options).Run();
}

}  // namespace kokuho::nofukin
