// NationalRules: the nation-wide rules of the household levy (保険料・保険税) in force in one
// fiscal year, resolved from the dated series of data/premium/national.yaml
// (readers/premium_rules_loader.h). Plain integers so that preparing millions of households
// needs no big-number arithmetic: every rate is an exact count of millionths (ppm).
//
// Term: 軽減 (keigen) is the statutory 7割/5割/2割 reduction of 均等割 and 平等割; kokuho keeps
// the Japanese word because "reduction" alone would be ambiguous with the other reliefs.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "core/parameter_notes.h"
#include "core/part.h"
#include "core/yen.h"

namespace kokuho::premium {

/// A rate as an exact count of millionths: 0.075 = 75'000. Rates finer than 1e-6 are
/// refused on input.
using Ppm = std::int64_t;
inline constexpr Ppm kPpmOne = 1'000'000;

/// One band of an income table (給与所得 or 公的年金等所得), applying to 収入 < up_to.
struct IncomeBand {
  enum Kind { kZero, kMinus, kFixed, kRate };
  Yen up_to = 0;  ///< exclusive upper bound; kNoLimit for the last band
  Kind kind = kZero;
  Yen amount = 0;  ///< kMinus: subtracted; kFixed: the result
  Ppm rate = 0;    ///< kRate
  Yen step = 1;    ///< kRate: 収入 rounded down to a multiple of step first
  Yen offset = 0;  ///< kRate: added after floor(rounded × rate)
};
inline constexpr Yen kNoLimit = INT64_MAX;

/// A table: income = f(revenue) by the first band with revenue < up_to.
struct IncomeTable {
  std::vector<IncomeBand> bands;
  Yen Apply(Yen revenue) const;
};

/// 公的年金等控除 table class: by age (65+ on 12/31 of the income year) and the person's
/// other 合計所得金額.
struct PensionClass {
  bool aged65 = false;
  Yen other_up_to = kNoLimit;  ///< applies when other 合計所得 <= other_up_to
  IncomeTable table;
};

/// The 基礎控除 band: amount for 合計所得 <= up_to.
struct DeductionBand {
  Yen up_to = kNoLimit;
  Yen amount = 0;
};

/// Which 分 a relief applies to.
using PartSet = std::array<bool, kPartCount>;

struct NationalRules {
  int fiscal_year = 0;
  /// 賦課限度額 per 分; a 分 is levied in this year iff levied[p].
  std::array<bool, kPartCount> levied{};
  std::array<Yen, kPartCount> caps{};

  // 軽減判定 (国保法施行令 29条の7 第5項).
  Yen keigen_base = 0;        ///< 7割: 33万 / 43万
  Yen keigen_earner_add = 0;  ///< × (E − 1) when E >= 2 (from FY2021)
  Yen keigen_five_per_person = 0;
  Yen keigen_two_per_person = 0;
  Ppm keigen_seven = 0, keigen_five = 0, keigen_two = 0;  ///< fractions taken off

  std::vector<DeductionBand> basic_deduction;  ///< 基礎控除 by 合計所得
  Yen earner_salary_over = 0;
  Yen earner_pension_over_under65 = 0;
  Yen earner_pension_over_65 = 0;
  Yen elderly_pension_deduction = 0;  ///< 軽減判定: 65+ 年金所得 − 15万

  bool preschool_in_force = false;
  Ppm preschool_ratio = 0;
  PartSet preschool_parts{};

  bool child_part_under18_in_force = false;
  Ppm child_part_under18_ratio = 0;

  bool birth_in_force = false;
  int birth_first_month = 0;  ///< yyyymm of the first month that can be exempt (202401)
  int birth_single_months = 0, birth_single_offset = 0;
  int birth_multiple_months = 0, birth_multiple_offset = 0;

  Ppm unemployment_ratio = 0;  ///< 給与所得 × 30/100
  std::vector<std::string> unemployment_reason_codes;

  Ppm former_per_capita_ratio = 0, former_household_ratio = 0;
  int former_months = 0;
  PartSet former_parts{};

  Ppm tokutei_half_ratio = 0, tokutei_quarter_ratio = 0;
  int tokutei_half_years = 0, tokutei_quarter_years = 0;
  PartSet tokutei_parts{};

  IncomeTable salary;                 ///< income year = fiscal_year − 1
  std::vector<PensionClass> pension;  ///< income year = fiscal_year − 1
  Yen income_adjustment_cap = 0;      ///< 所得金額調整控除 (0 before 2020 incomes)

  /// Values marked confirmed: false that this year uses ("keigen_thresholds FY2026", …).
  std::vector<std::string> unconfirmed;
  /// Every unconfirmed or carried-forward value used, for the warnings of each output.
  ParameterNotes notes;
  /// The source of each series entry in force, by series name (for --explain).
  std::vector<std::pair<std::string, std::string>> sources;

  /// 基礎控除 for a member with this 合計所得金額.
  Yen BasicDeduction(Yen total_income) const;
  /// 公的年金等所得 from 収入.
  Yen PensionIncome(Yen revenue, bool aged65, Yen other_total_income) const;
  /// The source text of a series ("caps"), or "".
  const std::string& SourceOf(const std::string& series) const;
};

}  // namespace kokuho::premium
