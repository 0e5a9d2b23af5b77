#include "core/largest_remainder.h"

#include <algorithm>
#include <numeric>

#include "core/error.h"

namespace kokuho {

std::vector<Yen> AllocateLargestRemainder(const std::vector<Rational>& exact, Yen total) {
  const size_t n = exact.size();
  std::vector<Yen> out(n);
  std::vector<Rational> fraction(n);
  Yen floor_sum = 0;
  for (size_t i = 0; i < n; ++i) {
    out[i] = exact[i].Floor();
    fraction[i] = exact[i] - Rational(out[i]);
    floor_sum += out[i];
  }
  Yen left = total - floor_sum;
  if (left < -static_cast<Yen>(n) || left > static_cast<Yen>(n))
    throw CalculationError("amounts differ from their total by more than one yen each");
  std::vector<size_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  // Largest fraction first; equal fractions keep input order (stable sort).
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return fraction[a] > fraction[b]; });
  if (left >= 0) {
    for (Yen k = 0; k < left; ++k) out[order[static_cast<size_t>(k)]] += 1;
  } else {
    // Σ exact fell short of the total's floor: take yen back from the smallest fractions.
    for (Yen k = 0; k < -left; ++k) out[order[n - 1 - static_cast<size_t>(k)]] -= 1;
  }
  return out;
}

std::vector<Yen> AllocateProportionally(Yen total, const std::vector<Rational>& weights) {
  const size_t n = weights.size();
  if (n == 0) return {};
  if (total == 0) return std::vector<Yen>(n, 0);  // nothing to split
  Rational sum(0);
  for (const auto& w : weights) sum += w;
  std::vector<Rational> exact(n);
  for (size_t i = 0; i < n; ++i)
    exact[i] = sum.IsZero() ? Rational(total) / Rational(static_cast<std::int64_t>(n))
                            : Rational(total) * weights[i] / sum;
  return AllocateLargestRemainder(exact, total);
}

}  // namespace kokuho
