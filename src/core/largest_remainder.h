// Rounding a set of exact amounts to whole yen so that they add up to a total.
//
// The 納付金 of every municipality is an exact rational; rounding each one alone
// leaves the sum a few yen off the prefecture's total. kokuho closes the sum by
// the largest-remainder rule (docs/nofukin-rules.md [D]): floor every amount,
// then give the remaining yen, one each, to the largest fractional parts; ties go
// to the earlier entry (callers order entries by 団体コード).
//
//   // floors {2, 1}; one yen left; the fractions .5 and .5 tie, so the first gets it
//   auto yen = AllocateLargestRemainder({Rational(5, 2), Rational(3, 2)}, 4);  // {3, 1}
#pragma once

#include <vector>

#include "core/rational.h"
#include "core/yen.h"

namespace kokuho {

/// Floors each amount and places total − Σfloor yen on the largest fractional parts.
/// Throws CalculationError when the total is not within [Σfloor − n, Σfloor + n]
/// (the amounts do not add up to the total to within one yen each).
std::vector<Yen> AllocateLargestRemainder(const std::vector<Rational>& exact, Yen total);

/// Splits `total` in proportion to non-negative `weights` (all zero: equal split),
/// to the yen, by the largest-remainder rule.
std::vector<Yen> AllocateProportionally(Yen total, const std::vector<Rational>& weights);

}  // namespace kokuho
