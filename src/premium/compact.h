// CompactPopulation: the prepared households packed for the batch sum — 24 bytes for each
// household without a rare feature (a change during the year, i.e. more than one segment per
// group; 旧被扶養者, 産前産後, 特定世帯; values beyond the packed widths), the rare ones kept
// whole. Rate-independent: built once, levied under any
// number of schedules (the rate solver, scenario sweeps).
//
// Both kinds go through the same inline kernel (levy_kernel.h, detail::LevyGroup); the
// compact record only leaves out fields that are zero, so the compiler drops their terms.
// bench/premium_fast.cc measured the layout (docs/benchmarks.md).
#pragma once

#include <cstdint>
#include <vector>

#include "premium/levy_kernel.h"
#include "premium/prepared.h"
#include "premium/schedule.h"

namespace kokuho::premium {

/// The household's one segment of each group: base:40 | asset:24 (annual), the same for 介護,
/// members (adult, school, preschool), 介護 members, municipality, tier:2 | months:4 |
/// 介護 months:4.
struct CompactHousehold {
  std::uint64_t all = 0, kaigo = 0;
  std::uint8_t mm[3] = {0, 0, 0};
  std::uint8_t mm_kaigo = 0;
  std::uint16_t municipality = 0;
  std::uint16_t bits = 0;
};
static_assert(sizeof(CompactHousehold) == 24);

struct CompactPopulation {
  std::vector<CompactHousehold> plain;  ///< without 介護 months first, then with
  std::size_t kaigo_begin = 0;          ///< first plain household with 介護 months
  std::vector<PreparedHousehold> rare;  ///< levied from the full record
};

/// Whether `h` fits a CompactHousehold (no rare feature, values within the widths).
bool IsCompactable(const PreparedHousehold& h);
CompactHousehold Pack(const PreparedHousehold& h);
CompactPopulation Compact(const std::vector<PreparedHousehold>& prepared, unsigned threads = 0);

/// The levy total of a compact household: LevyTotal's arithmetic with the absent fields 0.
template <bool kWithKaigo>
inline Yen LevyTotalCompact(const CompactHousehold& h, const CompiledSchedule& s) {
  constexpr std::uint64_t kLow40 = (std::uint64_t{1} << 40) - 1;
  const int tier = h.bits & 3;
  Segment all;
  all.base = static_cast<std::int64_t>(h.all & kLow40);
  all.asset = static_cast<std::int64_t>(h.all >> 40);
  all.members = {h.mm[0], h.mm[1], h.mm[2], 0};
  all.months = static_cast<std::uint8_t>((h.bits >> 2) & 15);
  Yen amount[kPartCount] = {0, 0, 0, 0};
  for (int p : {0, 1, 3})
    amount[p] = detail::LevyGroup<false>(s.parts[p], tier, all, nullptr, nullptr, 3, s.cap_prorated,
                                         nullptr);
  if constexpr (kWithKaigo) {
    Segment kaigo;
    kaigo.base = static_cast<std::int64_t>(h.kaigo & kLow40);
    kaigo.asset = static_cast<std::int64_t>(h.kaigo >> 40);
    kaigo.members[kAdult] = h.mm_kaigo;
    kaigo.months = static_cast<std::uint8_t>(h.bits >> 6);
    amount[2] = detail::LevyGroup<false>(s.parts[2], tier, kaigo, nullptr, nullptr, 1,
                                         s.cap_prorated, nullptr);
  }
  return detail::RoundedTotal(amount, s);
}

/// Σ total over every household (equal to LevySum over the prepared households).
Yen LevySum(const CompactPopulation& pop, const std::vector<CompiledSchedule>& schedules,
            unsigned threads = 0);

}  // namespace kokuho::premium
