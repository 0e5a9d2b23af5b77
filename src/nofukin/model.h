// The inputs of a 納付金 calculation: one prefecture, one fiscal year.
//
// "nofukin" (納付金, 国民健康保険事業費納付金) is the contribution each
// municipality pays the prefecture under 国民健康保険法 §75条の7; there is no
// English word for it, so kokuho uses the Japanese name for the module.
//
// A Case is built by readers/case_loader (from prefecture.yaml + the municipality
// table) or directly by tests and benchmarks. Engines only read it. Notation
// follows docs/nofukin-rules.md: N (被保険者数), H (世帯数), I (所得), ε, α, β, β′,
// e (均等割指数), r (標準的な収納率), C, B, P, S, F.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/fiscal_year.h"
#include "core/municipality_code.h"
#include "core/parameter_notes.h"
#include "core/part.h"
#include "core/rational.h"
#include "core/rounding.h"
#include "core/yen.h"

namespace kokuho::nofukin {

/// 賦課方式: which factors carry the levy (2方式 所得+均等, 3方式 +平等, 4方式 +資産).
enum class LevyMethod { kTwo = 2, kThree = 3, kFour = 4 };

/// 高額医療費の共同負担 (docs/nofukin-rules.md, open question Q1): both readings are supported.
enum class HighCostMode {
  kNone,
  kIndexExclusion,  ///< ε computed without the part of claims above the threshold
  kBaseSplit,       ///< C split: the high-cost amount allocated with α = 0, the rest with α
};

/// Where a 個別加減算 item applies (docs/nofukin-rules.md).
enum class ItemStage {
  kNofukin,       ///< adjusts P_i (and, with the opposite sign, C)
  kStandardRate,  ///< adjusts S_i only (own costs, directly received public funds)
};

/// A named amount of the prefecture's budget (for the 保険料収納必要総額 and the trace).
struct NamedAmount {
  std::string name;
  Yen amount = 0;
  SourcePos pos;  ///< where it was written (for an overflow of the sum), if from a file
};

/// Prefecture-level settings for one 分 (guideline §7 decisions and §8 state coefficients).
struct PartPolicy {
  std::vector<NamedAmount> expenses;              ///< 保険給付費等 (歳出)
  std::vector<NamedAmount> public_funds;          ///< 公費等 (歳入)
  Rational alpha{0};                              ///< α, 医療分 only (0 elsewhere)
  Rational beta{0};                               ///< β 所得係数 (state)
  Rational beta_prime{0};                         ///< β′ for the 市町村標準保険料率
  Rational equal_share_index{1};                  ///< e 均等割指数 (1 under 2方式)
  LevyMethod standard_levy = LevyMethod::kThree;  ///< 市町村標準保険料率 basis
  Rational asset_share{0};                        ///< 4方式: 資産割 share of the 応能 part
  Rational prefecture_collection_rate{1};         ///< r for the 都道府県標準保険料率
  Yen high_cost_shared_amount = 0;  ///< kBaseSplit: the part of C allocated with α = 0

  /// 保険料収納必要総額 = Σ expenses − Σ public funds (docs/nofukin-rules.md). A sum beyond int64
  /// is an InputError at the amount that made it overflow (CalculationError for amounts with no
  /// position).
  Yen RequiredPremiumTotal() const;
};

/// Every rounding of the calculation (docs/nofukin-rules.md, open question Q4).
struct RoundingPolicy {
  std::optional<int> share_decimals;  ///< nullopt: exact shares; else half-up to n places
  int gamma_decimals = 13;            ///< γ half-up to n places (published to 13)
  int income_rate_decimals = 2;       ///< 所得割率/資産割率 in percent
  RoundingMode income_rate_mode = RoundingMode::kHalfUp;
  Yen per_capita_unit = 1;  ///< 均等割額/平等割額 unit (1, 10, 100 yen)
  RoundingMode per_capita_mode = RoundingMode::kHalfUp;
};

/// A 個別加減算 item: each municipality's amount is in MunicipalityInput::item_amounts.
struct IndividualItem {
  std::string name;
  std::string column;
  Part part = Part::kIryo;
  int sign = +1;  ///< +1 加算 (the municipality pays more), −1 減算
  ItemStage stage = ItemStage::kNofukin;
};

/// 激変緩和: what is compared (docs/nofukin-rules.md).
enum class ReliefMetric {
  kPerCapitaPremium,  ///< 1人当たり保険料 = Σ_parts F_i / N_i
  kPerCapitaNofukin,  ///< 1人当たり納付金 = Σ_parts P_i / N_i
};

/// Which 分 a municipality's 激変緩和 (and a held-back decrease) is taken from.
/// The guideline's chapter 6(2) (R3.9) could not be read (docs/sources-nofukin.md 4.6), so
/// both readings are offered (docs/nofukin-rules.md "激変緩和").
enum class ReliefSplit {
  kProportional,  ///< every 分 in proportion to its 納付金 (default)
  kIryoOnly,      ///< all on 医療分 (基礎分)
};

/// Where a 激変緩和 pool's money comes from. The roadmap report books the draws on the
/// 財政安定化基金's accounts (finance/fund.h) by this, never by the pool's name.
enum class ReliefAccount {
  kOther,               ///< other (e.g. 市町村の財源)
  kPrefectureTransfer,  ///< 都道府県繰入金 (2号分)
  kSpecialFund,  ///< 財政安定化基金 特例基金 (激変緩和用, 国保法 附則第25条)
  kAdjustmentFund,  ///< 財政安定化基金 財政調整事業 (国保法 第81条の2第9項)
  kNational,        ///< 国の暫定措置
};

/// "other", "prefecture_transfer", "special_fund", "adjustment_fund", "national".
const char* ReliefAccountKey(ReliefAccount a);
/// "その他", "県繰入金", "特例基金", "財政調整事業", "国の暫定措置".
const char* ReliefAccountLabel(ReliefAccount a);
std::optional<ReliefAccount> TryParseReliefAccount(std::string_view key);

struct ReliefPool {
  std::string name;  ///< as the prefecture calls it: 県繰入金(2号分), 特例基金 …
  Yen budget = 0;
  ReliefAccount account = ReliefAccount::kOther;
};

/// 激変緩和 policy for the year (docs/nofukin-rules.md): relief where the rise of the metric over
/// the base exceeds natural_growth + allowance, funded by the pools in order, then
/// pro-rated when they are short.
struct ReliefPolicy {
  bool enabled = false;
  ReliefMetric metric = ReliefMetric::kPerCapitaPremium;
  bool base_is_previous_year = true;       ///< 前年度 (true) or a fixed 基準年度 (false)
  Rational natural_growth{0};              ///< 自然増
  Rational allowance{0};                   ///< x
  std::optional<Rational> decrease_floor;  ///< e.g. −0.05: falls beyond 5% are held back
  ReliefSplit split = ReliefSplit::kProportional;
  std::vector<ReliefPool> pools;
};

/// One age band of a municipality, for ε by indirect standardisation (docs/nofukin-rules.md).
struct AgeBand {
  std::string label;
  std::int64_t insured = 0;  ///< n_{i,a}
  Yen cost = 0;              ///< M_{i,a}
  Yen cost_above_threshold = 0;
};

/// The municipality's own 算定基準 (the third kind of 標準保険料率).
struct OwnBasis {
  LevyMethod method = LevyMethod::kThree;
  Rational ability_share{0};    ///< 応能割合 of the levy
  Rational equal_share{1};      ///< 均等割 share inside 応益
  Rational asset_share{0};      ///< 資産割 share inside 応能 (4方式)
  Rational collection_rate{1};  ///< expected 収納率
};

/// One municipality's figures for one 分.
struct MunicipalityPartInput {
  std::int64_t insured = 0;       ///< N_i
  std::int64_t households = 0;    ///< H_i
  std::vector<Yen> income_years;  ///< 所得 for up to three years
  Yen asset_base = 0;             ///< 固定資産税額 (4方式)
  Rational collection_rate{1};    ///< r_i 標準的な収納率
  OwnBasis own;                   ///< own 算定基準 (defaults filled by the loader)

  /// I_i: the average of the given years (docs/nofukin-rules.md-year average since H29).
  Rational Income() const;
};

struct MunicipalityInput {
  MunicipalityCode code;
  std::string name;
  SourcePos row;  ///< for messages
  std::array<MunicipalityPartInput, kPartCount> parts;
  std::optional<Rational> epsilon;  ///< ε_i given directly (医療分)
  std::vector<AgeBand> age_bands;   ///< or computed from these
  std::vector<Yen> item_amounts;    ///< aligned with Case::items
  Yen retiree_nofukin = 0;          ///< 退職被保険者等分 (医療分, separate line)
  std::optional<Yen> relief_base_per_capita;  ///< 丈比べ base (the metric's base value)

  const MunicipalityPartInput& part(Part p) const { return parts[static_cast<int>(p)]; }
  MunicipalityPartInput& part(Part p) { return parts[static_cast<int>(p)]; }
};

struct Case {
  std::string prefecture;
  std::string prefecture_code;
  FiscalYear fiscal_year{2027};
  std::string coefficients_label;              ///< 仮係数 / 確定係数
  std::vector<Part> parts;                     ///< the 分 computed, in order
  LevyMethod allocation = LevyMethod::kThree;  ///< 2方式 or 3方式 for the 納付金
  HighCostMode high_cost = HighCostMode::kNone;
  Yen high_cost_threshold = 800'000;
  std::array<PartPolicy, kPartCount> policies;
  RoundingPolicy rounding;
  std::vector<IndividualItem> items;
  ReliefPolicy relief;
  std::map<std::string, Rational> national_cost_per_capita;  ///< m_a by age band
  std::map<std::string, Rational> national_cost_per_capita_excluding_high_cost;
  std::vector<MunicipalityInput> municipalities;
  /// The dated rule values the case was read with that are unconfirmed or carried forward.
  ParameterNotes parameter_notes;
  /// Printed at the top of every page of the 説明資料 (e.g. 「架空の数値を含むサンプル
  /// です」); empty for a real case.
  std::string notice;

  bool HasPart(Part p) const;
  const PartPolicy& policy(Part p) const { return policies[static_cast<int>(p)]; }
  PartPolicy& policy(Part p) { return policies[static_cast<int>(p)]; }
};

/// "2方式" / "3方式" / "4方式".
std::string LevyMethodLabel(LevyMethod method);

}  // namespace kokuho::nofukin
