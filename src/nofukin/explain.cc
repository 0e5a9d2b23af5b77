#include "nofukin/explain.h"

#include <fmt/format.h>

#include <algorithm>

namespace kokuho::nofukin {
namespace {

// Where a reader finds the rule as kokuho implements it: the repository's docs page and the
// step or section in it (the official text is cited next to it where one was found).
std::string Rules(const char* where) { return std::string("docs/nofukin-rules.md ") + where; }

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

// Lists the items of a 分 and stage.
void AddItemInputs(const Case& c, const MunicipalityInput& m, Part part, ItemStage stage,
                   std::vector<std::pair<std::string, std::string>>& inputs) {
  for (size_t k = 0; k < c.items.size(); ++k) {
    const IndividualItem& item = c.items[k];
    if (item.part != part || item.stage != stage) continue;
    inputs.push_back(
        {fmt::format("{} ({})", item.name, item.sign > 0 ? "加算" : "減算"), Y(m.item_amounts[k])});
  }
}

// Rates as published: every decimal the case publishes, trailing zeros kept (6.30%, not 6.3%).
std::string RateText(const RateSet& r, int decimals) {
  std::string s = fmt::format("{} 所得割率 {}%", LevyMethodLabel(r.method),
                              r.income_rate_percent.ToDecimalString(decimals));
  if (r.asset_rate_percent)
    s += fmt::format(" 資産割率 {}%", r.asset_rate_percent->ToDecimalString(decimals));
  s += fmt::format(" 均等割 {}", Y(r.per_capita));
  if (r.method != LevyMethod::kTwo) s += fmt::format(" 平等割 {}", Y(r.per_household));
  return s;
}

class Explainer {
 public:
  Explainer(const Case& c, const Result& r) : c_(c), r_(r), trace_(true) {}

  Trace Run(bool with_rates) {
    for (size_t k = 0; k < c_.parts.size(); ++k) Allocation(c_.parts[k], r_.parts[k]);
    if (c_.relief.enabled) Relief();
    for (size_t k = 0; k < c_.parts.size(); ++k) Rates(c_.parts[k], r_.parts[k], with_rates);
    return std::move(trace_);
  }

 private:
  void Add(TraceStep step) { trace_.Add(std::move(step)); }

  // Steps 1–3 (+ 個別加減算) for one 分.
  void Allocation(Part p, const PartResult& pr) {
    const PartPolicy& policy = c_.policy(p);
    TraceStep t{"",
                p,
                "保険料収納必要総額",
                "Σ保険給付費等 − Σ公費等",
                {},
                Y(pr.required_total),
                "",
                Chapter(p) + "(1); " + Rules("手順1")};
    for (const auto& e : policy.expenses) t.inputs.push_back({"歳出: " + e.name, Y(e.amount)});
    for (const auto& f : policy.public_funds)
      t.inputs.push_back({"歳入(公費): " + f.name, Y(f.amount)});
    Add(std::move(t));

    if (p == Part::kIryo)
      for (size_t i = 0; i < c_.municipalities.size(); ++i) Epsilon(c_.municipalities[i], i);

    Add({"",
         p,
         "納付金算定基礎額 C",
         "C = 保険料収納必要総額 + Σ個別減算 − Σ個別加算",
         {{"保険料収納必要総額", Y(pr.required_total)},
          {"Σ個別減算", Y(pr.individual_sub)},
          {"Σ個別加算", Y(pr.individual_add)}},
         Y(pr.base_total),
         "",
         Rules("手順2")});

    const Rational alpha = p == Part::kIryo ? policy.alpha : Rational(0);
    const Rational e = c_.allocation == LevyMethod::kTwo ? Rational(1) : policy.equal_share_index;
    const Yen shared = (p == Part::kIryo && c_.high_cost == HighCostMode::kBaseSplit)
                           ? policy.high_cost_shared_amount
                           : 0;
    Add({"",
         p,
         "基礎額調整係数 γ",
         "γ = 1 / Σ_j {1+α(ε_j−1)}·{β·sI_j + e·sN_j + (1−e)·sH_j}/(1+β)",
         {{"α", alpha.ToString()},
          {"β", policy.beta.ToString()},
          {"e (均等割指数)", e.ToString()},
          {"Σw", R(pr.weight_sum, 13)},
          {"1/Σw", R(pr.gamma_exact, 16)}},
         R(pr.gamma, c_.rounding.gamma_decimals),
         fmt::format("小数点以下第{}位未満四捨五入", c_.rounding.gamma_decimals),
         Chapter(p) + "(2); 算定政令 第9条第8項等; " + Rules("手順7")});
    Add({"",
         p,
         "納付金基礎額の端数調整",
         "γ の端数による差 (C − ΣC·w_i·γ) を各市町村の C·w_i·γ に比例して配り、1円未満切り捨て、"
         "残りを端数の大きい順に1円ずつ",
         {{"C", Y(pr.base_total)},
          {"C − ΣC·w_i·γ (γ の端数による差)", YR(pr.gamma_difference, 6)},
          {"Σ切り捨て後 B_i", Y(pr.floor_sum)}},
         fmt::format("端数調整 {}", Y(pr.residual)),
         "最大剰余法 (同順位は団体コード順)",
         Rules("手順8 (端数調整は kokuho の規則)")});
    if (shared != 0)
      Add({"",
           p,
           "高額医療費の共同負担 (基礎額分割)",
           "C = C_高額 (α=0 で按分) + (C − C_高額) (α で按分)",
           {{"C_高額", Y(shared)}, {"対象額 (1件)", Y(c_.high_cost_threshold)}},
           "",
           "",
           Rules("高額医療費の共同負担")});

    for (size_t i = 0; i < c_.municipalities.size(); ++i) {
      const MunicipalityInput& m = c_.municipalities[i];
      const MunicipalityPartResult& r = r_.municipalities[i].part(p);
      const std::string code = m.code.str();
      const MunicipalityPartInput& mp = m.part(p);
      TraceStep shares{code, p,  "シェア", "sN = N_i/ΣN, sH = H_i/ΣH, sI = I_i/ΣI",
                       {},   "", "",       Chapter(p) + "(2); " + Rules("手順5")};
      shares.inputs = {{"被保険者数 N_i", FormatYen(mp.insured)},
                       {"ΣN", FormatYen(pr.insured)},
                       {"世帯数 H_i", FormatYen(mp.households)},
                       {"ΣH", FormatYen(pr.households)}};
      for (size_t y = 0; y < mp.income_years.size(); ++y)
        shares.inputs.push_back({fmt::format("所得 {}年目", y + 1), Y(mp.income_years[y])});
      shares.inputs.push_back({"所得 I_i (平均)", YR(r.income, 2)});
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
           Chapter(p) + "(2); 算定政令 第9条〜第11条; " + Rules("手順6")});
      Add({code,
           p,
           "納付金基礎額 B_i",
           "B_i = C × w_i × γ",
           {{"C", Y(pr.base_total)},
            {"w_i", R(r.weight)},
            {"γ", R(pr.gamma, 13)},
            {"C×w_i×γ", YR(r.base_exact, 4)},
            {"γ の端数による差の配分後", YR(r.base_closed, 4)}},
           Y(r.base),
           "1円未満切り捨て＋端数調整 (最大剰余法)",
           Rules("手順8")});
      TraceStep pre{code,
                    p,
                    "個別加減算後の納付金",
                    "B_i + 個別加算_i − 個別減算_i",
                    {{"B_i", Y(r.base)}},
                    Y(r.before_relief),
                    "",
                    Rules("手順9")};
      AddItemInputs(c_, m, p, ItemStage::kNofukin, pre.inputs);
      Add(std::move(pre));
    }
  }

  // ε_i when the engine computed it from the age bands (not when the case gives it).
  void Epsilon(const MunicipalityInput& m, size_t i) {
    if (m.epsilon) return;
    const bool exclude = c_.high_cost == HighCostMode::kIndexExclusion;
    TraceStep t{m.code.str(),
                Part::kIryo,
                "年齢調整後医療費指数 ε_i",
                exclude ? "ε_i = Σ_a (M_ia − 高額超過額_ia) / Σ_a n_ia·m_a (高額除き)"
                        : "ε_i = Σ_a M_ia / Σ_a n_ia·m_a",
                {},
                R(r_.municipalities[i].part(Part::kIryo).epsilon, 6),
                "",
                "算定政令 第9条第4項; " + Rules("手順4")};
    for (const auto& b : m.age_bands)
      t.inputs.push_back({b.label, fmt::format("n={} M={}", b.insured, Y(b.cost))});
    Add(std::move(t));
  }

  // Step 4: 激変緩和 over all 分 (docs/nofukin-rules.md).
  void Relief() {
    const bool premium = c_.relief.metric == ReliefMetric::kPerCapitaPremium;
    for (size_t i = 0; i < c_.municipalities.size(); ++i) {
      const MunicipalityInput& m = c_.municipalities[i];
      const MunicipalityResult& mr = r_.municipalities[i];
      Yen relief = 0, contribution = 0;
      for (Part p : c_.parts) {
        relief += mr.part(p).relief;  // Σ of parts: at most the checked total of the engine
        contribution += mr.part(p).relief_contribution;
      }
      Add({mr.code.str(),
           std::nullopt,
           "激変緩和 (丈比べ)",
           "limit = 基準 × (1 + 自然増 + x); 各分の緩和額 = ⌈(指標 − limit) × N × c_分⌉",
           {{"指標", premium ? "1人当たり保険料 (ΣF/N)" : "1人当たり納付金 (ΣP/N)"},
            {"指標 (緩和前)", YR(mr.metric_before, 2)},
            {"基準", m.relief_base_per_capita ? Y(*m.relief_base_per_capita) : "なし"},
            {"自然増", c_.relief.natural_growth.ToString()},
            {"x", c_.relief.allowance.ToString()},
            {"limit", mr.metric_limit ? YR(*mr.metric_limit, 2) : "—"},
            {"N", FormatYen(mr.insured)},
            {"κ = Σ c_分", R(mr.relief_kappa, 6)},
            {"緩和額の分への配分",
             c_.relief.split == ReliefSplit::kIryoOnly ? "医療分のみ" : "各分の納付金に比例"}},
           fmt::format("緩和額 {}, 下げ幅抑制 {}", Y(relief), Y(contribution)),
           "緩和所要額は分ごとに1円未満切り上げ; 財源不足時は按分 (最大剰余法)",
           "ガイドライン(R3.9) 6(2); " + Rules("激変緩和")});
    }
    const ReliefSummary& o = r_.relief;
    TraceStep t{"", std::nullopt, "激変緩和の財源",        "Σ緩和所要額 ≤ 下げ幅抑制 + Σ財源", {},
                "", "",           Rules("激変緩和 (財源)")};
    t.inputs.push_back({"Σ緩和所要額", Y(o.needed)});
    t.inputs.push_back({"下げ幅抑制による財源", Y(o.contributions)});
    for (const auto& d : o.pools)
      t.inputs.push_back({d.name, fmt::format("予算 {} のうち {}", Y(d.budget), Y(d.drawn))});
    t.result = fmt::format(
        "緩和額計 {}{}", Y(o.granted),
        o.short_of_funds ? fmt::format(" (財源不足: 所要額の {} で按分)", R(o.pro_rata, 6)) : "");
    Add(std::move(t));
  }

  std::string RoundingText() const {
    return fmt::format("所得割率 %の小数点以下第{}位未満{}; 均等割・平等割 {}円未満{}",
                       c_.rounding.income_rate_decimals,
                       RoundingModeLabel(c_.rounding.income_rate_mode), c_.rounding.per_capita_unit,
                       RoundingModeLabel(c_.rounding.per_capita_mode));
  }

  // Steps 5–6 for one 分.
  void Rates(Part p, const PartResult& pr, bool with_rates) {
    const PartPolicy& policy = c_.policy(p);
    Rational premium_need_total(0);
    for (size_t i = 0; i < c_.municipalities.size(); ++i) {
      const MunicipalityPartResult& r = r_.municipalities[i].part(p);
      premium_need_total += Rational(r.premium_need);
      if (with_rates) MunicipalRates(c_.municipalities[i], p, policy, pr, r);
    }
    Add({"",
         p,
         "都道府県標準保険料率",
         "2方式: F = ΣS_i / r; 所得割率 = F·β/((1+β)·ΣI); 均等割 = F/((1+β)·ΣN)",
         {{"ΣS_i", YR(premium_need_total, 0)},
          {"r (県の収納率)", policy.prefecture_collection_rate.ToString()},
          {"β", policy.beta.ToString()},
          {"ΣI", YR(pr.income, 0)},
          {"ΣN", FormatYen(pr.insured)}},
         RateText(pr.prefecture_standard, c_.rounding.income_rate_decimals),
         RoundingText(),
         "国保法 第82条の3第2項; " + Rules("標準保険料率")});
  }

  void MunicipalRates(const MunicipalityInput& m, Part p, const PartPolicy& policy,
                      const PartResult& pr, const MunicipalityPartResult& r) {
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
                Rules("手順12")};
    AddItemInputs(c_, m, p, ItemStage::kStandardRate, s.inputs);
    Add(std::move(s));
    Add({code,
         p,
         "保険料賦課総額 F_i",
         "F_i = S_i / r_i",
         {{"S_i", Y(r.premium_need)}, {"標準的な収納率 r_i", m.part(p).collection_rate.ToString()}},
         YR(r.levy_total, 2),
         "",
         Rules("手順13")});
    Add({code,
         p,
         "市町村標準保険料率",
         "D_i = β′·sI_i + e·sN_i + (1−e)·sH_i; 所得割率 = F_i·β′/(D_i·ΣI); 均等割 = "
         "F_i·e/(D_i·ΣN); "
         "平等割 = F_i·(1−e)/(D_i·ΣH)",
         {{"F_i", YR(r.levy_total, 2)},
          {"β′", policy.beta_prime.ToString()},
          {"e", pr.standard_equal_share.ToString()},
          {"所得割率 (端数処理前)",
           R(r.municipal_standard.income_rate_exact * Rational(100), 6) + "%"},
          {"均等割 (端数処理前)", YR(r.municipal_standard.per_capita_exact, 2)},
          {"平等割 (端数処理前)", YR(r.municipal_standard.per_household_exact, 2)}},
         RateText(r.municipal_standard, c_.rounding.income_rate_decimals),
         RoundingText(),
         "国保法 第82条の3第1項; " + Rules("標準保険料率")});
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
         RateText(r.own_basis, c_.rounding.income_rate_decimals),
         RoundingText(),
         Rules("標準保険料率 (各市町村の算定基準)")});
  }

  const Case& c_;
  const Result& r_;
  Trace trace_;
};

}  // namespace

Trace ExplainResult(const Case& c, const Result& r, bool with_rates) {
  return Explainer(c, r).Run(with_rates);
}

}  // namespace kokuho::nofukin
