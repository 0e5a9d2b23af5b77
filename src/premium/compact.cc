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
  const Segment& a = h.all;
  const Segment& k = h.kaigo;
  if (!h.more.empty() || a.base_former || a.base_birth || a.asset_former || a.birth ||
      a.members[kFormer] || a.status || k.base_birth || k.birth)
    return false;
  return a.base <= kMax40 && k.base <= kMax40 && a.asset <= kMax24 && k.asset <= kMax24 &&
         a.months <= 12 && k.months <= 12;
}

CompactHousehold Pack(const PreparedHousehold& h) {
  CompactHousehold c;
  c.all = static_cast<std::uint64_t>(h.all.base) | static_cast<std::uint64_t>(h.all.asset) << 40;
  c.kaigo = static_cast<std::uint64_t>(h.kaigo.base) | static_cast<std::uint64_t>(h.kaigo.asset)
                                                           << 40;
  c.mm[0] = h.all.members[kAdult];
  c.mm[1] = h.all.members[kSchool];
  c.mm[2] = h.all.members[kPreschool];
  c.mm_kaigo = h.kaigo.members[kAdult];
  c.municipality = h.municipality;
  c.bits = static_cast<std::uint16_t>(h.tier | h.all.months << 2 | h.kaigo.months << 6);
  return c;
}

CompactPopulation Compact(const std::vector<PreparedHousehold>& prepared, unsigned threads) {
  CompactPopulation out;
  std::size_t without_kaigo = 0, plain = 0;
  for (const PreparedHousehold& h : prepared)
    if (IsCompactable(h)) {
      ++plain;
      without_kaigo += h.kaigo.months == 0;
    }
  out.plain.resize(plain);
  out.kaigo_begin = without_kaigo;
  std::size_t next_without = 0, next_with = without_kaigo;
  for (const PreparedHousehold& h : prepared) {
    if (!IsCompactable(h)) {
      out.rare.push_back(h);
      continue;
    }
    out.plain[h.kaigo.months == 0 ? next_without++ : next_with++] = Pack(h);
  }
  return out;
}

Yen LevySum(const CompactPopulation& pop, const std::vector<CompiledSchedule>& schedules,
            unsigned threads) {
  if (threads == 0) threads = HardwareThreads();
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
