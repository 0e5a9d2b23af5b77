#include "premium/compact.h"

#include <algorithm>
#include <thread>

#include "premium/batch.h"

namespace kokuho::premium {
namespace {

constexpr std::int64_t kMax40 = (std::int64_t{1} << 40) - 1;
constexpr std::int64_t kMax24 = (std::int64_t{1} << 24) - 1;

}  // namespace

bool IsCompactable(const PreparedHousehold& h) {
  if (h.base_mm_former || h.base_mm_birth || h.asset_mm_former || h.base_mm_kaigo_birth ||
      h.mm[kFormer] || h.mm_birth || h.mm_kaigo_birth)
    return false;
  for (int s = 1; s < kHouseholdStatusCount; ++s)
    if (h.hm[s]) return false;
  return h.base_mm <= kMax40 && h.base_mm_kaigo <= kMax40 && h.asset_mm <= kMax24 &&
         h.asset_mm_kaigo <= kMax24 && h.mm[kAdult] <= 255 && h.mm[kSchool] <= 255 &&
         h.mm[kPreschool] <= 255 && h.mm_kaigo <= 255 && h.hm[0] <= 12 && h.hm_kaigo <= 12;
}

CompactHousehold Pack(const PreparedHousehold& h) {
  CompactHousehold c;
  c.all = static_cast<std::uint64_t>(h.base_mm) | static_cast<std::uint64_t>(h.asset_mm) << 40;
  c.kaigo = static_cast<std::uint64_t>(h.base_mm_kaigo) |
            static_cast<std::uint64_t>(h.asset_mm_kaigo) << 40;
  c.mm[0] = static_cast<std::uint8_t>(h.mm[kAdult]);
  c.mm[1] = static_cast<std::uint8_t>(h.mm[kSchool]);
  c.mm[2] = static_cast<std::uint8_t>(h.mm[kPreschool]);
  c.mm_kaigo = static_cast<std::uint8_t>(h.mm_kaigo);
  c.municipality = h.municipality;
  c.bits = static_cast<std::uint16_t>(h.tier | h.hm[0] << 2 | h.hm_kaigo << 6);
  return c;
}

CompactPopulation Compact(const std::vector<PreparedHousehold>& prepared, unsigned threads) {
  CompactPopulation out;
  std::size_t without_kaigo = 0, plain = 0;
  for (const PreparedHousehold& h : prepared)
    if (IsCompactable(h)) {
      ++plain;
      without_kaigo += h.hm_kaigo == 0;
    }
  out.plain.resize(plain);
  out.kaigo_begin = without_kaigo;
  std::size_t next_without = 0, next_with = without_kaigo;
  for (const PreparedHousehold& h : prepared) {
    if (!IsCompactable(h)) {
      out.rare.push_back(h);
      continue;
    }
    out.plain[h.hm_kaigo == 0 ? next_without++ : next_with++] = Pack(h);
  }
  return out;
}

Yen LevySum(const CompactPopulation& pop, const std::vector<CompiledSchedule>& schedules,
            unsigned threads) {
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  std::vector<Yen> sums(threads, 0);
  const CompactHousehold* plain = pop.plain.data();
  const CompiledSchedule* s = schedules.data();
  // Each thread takes a share of the households without 介護 months, of those with, and of
  // the rare ones, so the loops have no branch on the 介護分.
  ParallelFor(threads, threads, [&](std::size_t t, std::size_t, unsigned) {
    auto share = [&](std::size_t begin, std::size_t end) {
      const std::size_t n = end - begin;
      return std::pair{begin + n * t / threads, begin + n * (t + 1) / threads};
    };
    Yen sum = 0;
    auto [a0, a1] = share(0, pop.kaigo_begin);
    for (std::size_t i = a0; i < a1; ++i)
      sum += LevyTotalCompact<false>(plain[i], s[plain[i].municipality]);
    auto [b0, b1] = share(pop.kaigo_begin, pop.plain.size());
    for (std::size_t i = b0; i < b1; ++i)
      sum += LevyTotalCompact<true>(plain[i], s[plain[i].municipality]);
    auto [c0, c1] = share(0, pop.rare.size());
    for (std::size_t i = c0; i < c1; ++i)
      sum += LevyTotal(pop.rare[i], s[pop.rare[i].municipality]);
    sums[t] = sum;
  });
  Yen total = 0;
  for (Yen v : sums) total += v;
  return total;
}

}  // namespace kokuho::premium
