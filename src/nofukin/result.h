// The results of a 納付金 calculation (see engine.h), typed and exact.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "core/municipality_code.h"
#include "core/part.h"
#include "core/rational.h"
#include "core/trace.h"
#include "core/yen.h"
#include "nofukin/model.h"

namespace kokuho::nofukin {

/// One kind of 標準保険料率 for one 分: the rounded published figures and the exact values.
struct RateSet {
  LevyMethod method = LevyMethod::kThree;
  Rational income_rate_percent;  ///< 所得割率 in %, rounded per RoundingPolicy
  Yen per_capita = 0;            ///< 均等割額 (円/人), rounded
  Yen per_household = 0;         ///< 平等割額 (円/世帯), rounded; 0 under 2方式
  std::optional<Rational> asset_rate_percent;  ///< 資産割率 in % (4方式 only)
  Rational income_rate_exact;                  ///< as a fraction of income (not %), unrounded
  Rational per_capita_exact;
  Rational per_household_exact;
};

struct MunicipalityPartResult {
  Rational epsilon{1};                                     ///< ε_i (医療分)
  Rational income;                                         ///< I_i (the average of the years given)
  Rational share_insured, share_households, share_income;  ///< sN, sH, sI
  Rational weight;                                         ///< w_i before γ
  Rational base_exact;                                     ///< C·w_i·γ, unrounded
  Rational base_closed;         ///< base_exact with its share of C − ΣC·w·γ (Σ = C exactly)
  Yen base = 0;                 ///< B_i 納付金基礎額
  Yen individual_add = 0;       ///< Σ 個別加算 (納付金 stage)
  Yen individual_sub = 0;       ///< Σ 個別減算 (納付金 stage)
  Yen before_relief = 0;        ///< B_i + 加算 − 減算
  Yen relief = 0;               ///< 激変緩和 granted (reduces P)
  Yen relief_contribution = 0;  ///< held-back decrease (increases P)
  Yen nofukin = 0;              ///< P_i
  Yen rate_add = 0;             ///< Σ 標準保険料率-stage additions
  Yen rate_sub = 0;             ///< Σ 標準保険料率-stage subtractions
  Yen premium_need = 0;         ///< S_i 標準保険料率の算定に必要な保険料総額
  Rational levy_total;          ///< F_i = S_i / r_i 保険料賦課総額 (exact)
  RateSet municipal_standard;   ///< 市町村標準保険料率 (prefecture-uniform basis)
  RateSet own_basis;            ///< 各市町村の算定基準に基づく標準的な保険料率
};

struct MunicipalityResult {
  MunicipalityCode code;
  std::string name;
  std::array<MunicipalityPartResult, kPartCount> parts;
  Yen nofukin_total = 0;     ///< Σ_parts P_i + 退職被保険者等分
  Yen retiree_nofukin = 0;   ///< 退職被保険者等分
  Yen relief_total = 0;      ///< Σ_parts relief − contribution (net)
  Yen relief_needed = 0;     ///< 激変緩和 needed to reach the limit (granted may be less)
  std::int64_t insured = 0;  ///< 医療分 N_i (for per-capita figures)
  Rational metric_before;    ///< 激変緩和 metric before relief (per capita)
  Rational metric_after;
  std::optional<Rational> metric_limit;  ///< base × (1 + 自然増 + x)
  Rational relief_kappa;  ///< κ = Σ c_分: 納付金 removed per yen of the metric × N (relief.h)

  const MunicipalityPartResult& part(Part p) const { return parts[static_cast<int>(p)]; }
  MunicipalityPartResult& part(Part p) { return parts[static_cast<int>(p)]; }
};

struct PartResult {
  Part part = Part::kIryo;
  Yen required_total = 0;     ///< 保険料収納必要総額
  Yen individual_add = 0;     ///< Σ_i 個別加算 (納付金 stage)
  Yen individual_sub = 0;     ///< Σ_i 個別減算 (納付金 stage)
  Yen base_total = 0;         ///< C 納付金算定基礎額
  Rational weight_sum;        ///< Σ w_i
  Rational gamma_exact;       ///< 1 / Σ w_i
  Rational gamma;             ///< γ as rounded
  Rational gamma_difference;  ///< C − Σ C·w_i·γ: left by the rounding of γ, spread pro rata
  Yen floor_sum = 0;          ///< Σ floor(B_i closed)
  Yen residual = 0;           ///< yen placed by the largest-remainder rule (< n)
  Yen nofukin_total = 0;      ///< Σ P_i
  std::int64_t insured = 0, households = 0;
  Rational income;                ///< Σ I_i
  Rational standard_equal_share;  ///< e of the 市町村標準保険料率 (1 under 2方式)
  RateSet prefecture_standard;    ///< 都道府県標準保険料率
};

struct ReliefDraw {
  std::string name;
  Yen budget = 0;
  Yen drawn = 0;
  ReliefAccount account = ReliefAccount::kOther;
};

struct ReliefSummary {
  bool enabled = false;
  Yen needed = 0;         ///< Σ relief needed to bring every municipality to its limit
  Yen contributions = 0;  ///< held-back decreases used as funding
  std::vector<ReliefDraw> pools;
  Yen granted = 0;  ///< Σ relief granted
  bool short_of_funds = false;
  Rational pro_rata{1};  ///< granted / needed when short
  int municipalities_relieved = 0;
};

struct Result {
  std::string prefecture;
  FiscalYear fiscal_year{2027};
  std::string coefficients_label;
  std::vector<PartResult> parts;  ///< in Case::parts order
  std::vector<MunicipalityResult> municipalities;
  ReliefSummary relief;
  Trace trace;

  const PartResult* part(Part p) const;
  Yen nofukin_total() const;
};

}  // namespace kokuho::nofukin
