// 普通調整交付金 per prefecture (省令 昭和38年厚生省令第10号 第2–3条, computed for the
// prefecture since FY2018): grant = max(0, 調整対象需要額 − 調整対象収入額), and the
// Finance Ministry's proposed reform, where an age-adjusted standard cost level replaces
// the actual cost (財審 建議R6 2023-11-20, wic-net 12093/68; docs/chosei-format.md).
//
// Scope: the 基礎賦課分 only (the 後期高齢者支援金等分 and 介護納付金分 are left out), and
// the grant before any national 調整率 that scales the total to the budget.
//
//   調整対象需要額 D = 医療給付費等 − 公費等 − 前期高齢者交付金           (yen)
//   per head d      = D / 平均被保険者数 N
//   応益割額         = min(round_half_up(ouneki_coeff × d, 銭), ouneki_cap)
//   応能割率         = min(round13(ounou_coeff × d), ounou_cap)
//   調整対象収入額 R = floor(応益割額 × N + 総所得金額等 × 応能割率)
//   grant           = max(0, D − R)
//   reform: D_std   = floor(D / 地域差指数)  (地域差指数 = actual ÷ age-adjusted standard)
//
//   Coefficients c = …;                    // readers/chosei_loader.h
//   PrefectureGrant g = ComputeGrant(c, pref);
//   // g.actual.grant, g.reform->grant, g.reform->grant - g.actual.grant
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/fiscal_year.h"
#include "core/parameter_notes.h"
#include "core/rational.h"
#include "core/rounding.h"
#include "core/yen.h"

namespace kokuho::chosei {

/// One value of the coefficient file with where it came from.
struct Provenance {
  bool confirmed = false;
  std::string source;
  SourcePos pos;
};

/// The yearly coefficients of the 省令 for the 基礎賦課分 (docs/chosei-format.md; thoz.org diff of
/// 2023-04-12). Rates are exact.
struct Coefficients {
  FiscalYear year{2023};
  std::string file;
  Rational ouneki_coeff;  ///< 応益割額 per yen of per-head demand
  Rational ouneki_cap;    ///< yen per head, e.g. 46330.86
  Rational ounou_coeff;   ///< e.g. 0.0000007003787
  Rational ounou_cap;     ///< e.g. 0.0924897571335
  int ounou_places = 13;  ///< 応能割率 rounded to this many decimals
  RoundingMode ounou_rounding = RoundingMode::kHalfUp;
  Provenance ouneki_coeff_src, ouneki_cap_src, ounou_coeff_src, ounou_cap_src, rounding_src;
  /// The unconfirmed or carried-forward values used (for every output's warnings).
  ParameterNotes notes;

  /// How many of the values are marked confirmed: false.
  int UnconfirmedCount() const;
};

/// Per-prefecture aggregates (one data row).
struct Prefecture {
  std::string code;  ///< 2-digit prefecture code "01".."47"
  std::string name;
  Yen benefits = 0;          ///< 医療給付費等 (expected)
  Yen public_funds = 0;      ///< 公費等 (定率国庫負担, 都道府県繰入金 …)
  Yen zenki = 0;             ///< 前期高齢者交付金
  std::int64_t insured = 0;  ///< 平均被保険者数
  Yen income = 0;            ///< 基礎控除後の総所得金額等
  std::optional<Rational> region_index;  ///< 地域差指数 (年齢調整後); needed for the reform
  SourcePos pos;                         ///< the data row
};

/// One evaluation of the formula.
struct GrantCalc {
  Yen demand = 0;  ///< 調整対象需要額
  Rational ouneki_per_head;
  Rational ounou_rate;
  Yen income_amount = 0;  ///< 調整対象収入額
  Yen grant = 0;          ///< max(0, demand − income_amount)
};

struct PrefectureGrant {
  std::string code, name;
  GrantCalc actual;
  std::optional<Rational> region_index;  ///< the 地域差指数 used by the reform
  std::optional<GrantCalc> reform;       ///< absent without a 地域差指数
  /// reform − actual (positive: the prefecture gains under the reform).
  std::optional<Yen> Difference() const;
};

/// The formula for a given 需要額 (throws CalculationError for demand < 0 or N ≤ 0).
GrantCalc Evaluate(const Coefficients& c, Yen demand, std::int64_t insured, Yen income);

/// Both variants for one prefecture.
PrefectureGrant ComputeGrant(const Coefficients& c, const Prefecture& p);

std::vector<PrefectureGrant> ComputeAll(const Coefficients& c,
                                        const std::vector<Prefecture>& prefectures);

}  // namespace kokuho::chosei
