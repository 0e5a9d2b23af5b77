// 収納率 (collection rate of 国保 premiums/tax): 収納額 ÷ (調定額 − exclusions), kept
// exact, computed separately for 現年度分 (current-year levies) and 滞納繰越分 (arrears
// carried over).
//
// Rule (docs/kpi-format.md): 収納率 = 収納額 ÷ 調定額 (MHLW 国民健康保険事業の財政状況);
// MHLW computes it on 現年度分 and removes 居所不明者分 (levies on persons whose
// whereabouts are unknown) from 調定額 [docs/kpi-format.md, footnote of the MHLW 財政状況 tables,
// open item §9.3]. 滞納繰越分 is reported separately as 収納額 ÷ 繰越調定額.
//
//   CollectionInput in{.charged = 1'000'000, .excluded = 20'000, .collected = 931'000};
//   Rational r = CollectionRate(in);   // 931000 / 980000 = 0.95 (95%)
#pragma once

#include <fmt/format.h>

#include "core/error.h"
#include "core/rational.h"
#include "core/yen.h"

namespace kokuho::kpi {

/// One municipality-year's levy figures for one 区分 (現年度分 or 滞納繰越分).
struct CollectionInput {
  Yen charged = 0;  ///< 調定額 (amount levied)
  Yen excluded = 0;  ///< 除外額: 居所不明者分 etc., subtracted from 調定額 (docs/kpi-format.md)
  Yen collected = 0;  ///< 収納額 (amount collected)
};

/// The 調定額 the rate is taken on: 調定額 − 居所不明者分 etc. Throws CalculationError
/// when the result is not positive or an amount is negative (the loader checks these
/// first with file positions; this guards direct callers).
inline Yen CollectionBase(const CollectionInput& in) {
  if (in.charged < 0 || in.excluded < 0 || in.collected < 0)
    throw CalculationError("収納率: 調定額・除外額・収納額は0以上にしてください");
  const Yen base = in.charged - in.excluded;
  if (base <= 0)
    throw CalculationError(
        fmt::format("収納率: 調定額 − 除外額 が0以下です (調定額 {}円、除外額 {}円)",
                    FormatYen(in.charged), FormatYen(in.excluded)));
  return base;
}

/// 収納率 as an exact fraction (0.95 = 95%): 収納額 ÷ (調定額 − 除外額).
inline Rational CollectionRate(const CollectionInput& in) {
  return Rational(in.collected) / Rational(CollectionBase(in));
}

}  // namespace kokuho::kpi
