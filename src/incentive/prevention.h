// 予防・健康づくり支援交付金 (保険者努力支援制度) 事業費連動分: sharing a budget among
// prefectures in proportion to 点数 × 合計被保険者数 (総得点), with the R7 cap of
// 2 × each prefecture's 事業費分 grant and the excess redistributed to the prefectures
// below their caps (docs/incentive-format.md; MHLW 2025-03-13 参考資料 p.107 [V],
// https://wic-net.com/material/document/19110/107; R3 without a cap, p.137 of the
// 2022-03-02 資料 [V], https://www.wic-net.com/material/document/915/137).
//
//   PreventionRule rule = LoadPreventionRule(FiscalYear(2025));   // readers/prevention_loader.h
//   PreventionAllocation a = AllocatePrevention(rule, bodies, 11'400'000'000);
//   a.grants[i];   // yen; Σ = budget; no grant above its cap
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/fiscal_year.h"
#include "core/parameter_notes.h"
#include "core/rational.h"
#include "core/yen.h"

namespace kokuho::incentive {

/// The allocation rule in force from a fiscal year (data/incentive/prevention.yaml).
struct PreventionRule {
  FiscalYear from{2020};
  /// cap_i = floor(multiple × 事業費分_i); unset: no cap.
  std::optional<Rational> cap_multiple;
  /// Whether the source states this rule for the year it was resolved for (not when it
  /// was carried to that year from another, or past the file's known_through).
  bool confirmed = false;
  std::string source;
  std::string file;  ///< where the rule was read (for messages)
  /// The unconfirmed or carried-forward values used (every output says so).
  ParameterNotes notes;
};

/// One prefecture of the data.
struct PreventionBody {
  std::string code;                  ///< 都道府県コード "01"–"47"
  std::string name;                  ///< 都道府県名 (may be empty)
  Rational points;                   ///< 点数, ≥ 0
  std::int64_t insured = 0;          ///< 合計被保険者数, ≥ 1
  std::optional<Yen> project_grant;  ///< 事業費分の交付額 (needed when the rule has a cap)
  SourcePos pos;                     ///< the row
};

struct PreventionAllocation {
  std::vector<Rational> weights;         ///< 総得点 = 点数 × 被保険者数
  std::vector<Yen> uncapped;             ///< budget × w_i / Σw to the yen, before any cap
  std::vector<std::optional<Yen>> caps;  ///< floor(multiple × 事業費分); unset: no cap
  std::vector<Yen> grants;               ///< the 交付額; Σ = budget
  std::vector<bool> at_cap;              ///< grant = cap (the excess went to others)
};

/// Shares `budget` (≥ 0). Throws CalculationError when every 総得点 is zero, when the
/// caps add up to less than the budget, or when what is left after the capped
/// prefectures cannot be shared (every prefecture below its cap has 0 points).
/// Rounding: exact shares, then whole yen by the largest remainder (kokuho's rule, as
/// for 納付金; the notice's 端数 rule has not been read); a capped share stays at its cap.
PreventionAllocation AllocatePrevention(const PreventionRule& rule,
                                        const std::vector<PreventionBody>& bodies, Yen budget);

}  // namespace kokuho::incentive
