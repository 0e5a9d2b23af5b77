#include "premium_fast.h"

#include <algorithm>
#include <stdexcept>
#include <thread>

#include "premium/batch.h"
#include "premium/levy_kernel.h"

namespace kokuho::premium::fast {
namespace {

constexpr std::int64_t kDen = kPpmOne;  // the annual 所得割 = ⌊base × rate ÷ 10^6⌋
constexpr std::uint64_t kMask40 = (std::uint64_t{1} << 40) - 1;

/// The product's total-only kernel (premium::LevyTotal), here so the prototypes below
/// can be compared with it over the same loops.
inline Yen ProtoTotal(const PreparedHousehold& h, const CompiledSchedule& s) {
  return LevyTotal(h, s);
}

Yen RangeTotalOnly(const PreparedHousehold* h, std::size_t n, const CompiledSchedule* s) {
  Yen sum = 0;
  for (std::size_t i = 0; i < n; ++i) sum += ProtoTotal(h[i], s[h[i].municipality]);
  return sum;
}

__attribute__((target_clones("avx2", "default"))) Yen RangeTotalOnlyClones(
    const PreparedHousehold* h, std::size_t n, const CompiledSchedule* s) {
  Yen sum = 0;
  for (std::size_t i = 0; i < n; ++i) sum += ProtoTotal(h[i], s[h[i].municipality]);
  return sum;
}

template <class F>
Yen Split(std::size_t n, unsigned threads, F&& range) {
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  std::vector<Yen> sums(threads, 0);
  ParallelFor(n, threads,
              [&](std::size_t b, std::size_t e, unsigned t) { sums[t] = range(b, e, t); });
  Yen total = 0;
  for (Yen x : sums) total += x;
  return total;
}

/// One 分 of a household alike all year (one segment): the annual amount, capped before 月割
/// (prorated) or after, × months ÷ 12 once (levy_kernel.h).
inline std::uint64_t HotAmount(std::uint64_t annual, std::uint64_t cap, std::uint64_t months,
                               bool prorated) {
  if (prorated) return std::min(annual, cap) * months / 12;
  return std::min(annual * months / 12, cap);
}

/// The hot path: one household without rare features.
inline std::uint64_t HotTotal(const HotHousehold& h, const FastEntry* tables) {
  const std::uint64_t base = h.all & kMask40, asset = h.all >> 40;
  const std::uint64_t kbase = h.kaigo & kMask40, kasset = h.kaigo >> 40;
  const unsigned tier = h.bits & 3, hm0 = (h.bits >> 2) & 15, hmk = (h.bits >> 6) & 15;
  const FastEntry& e = tables[h.municipality * 4u + tier];
  const std::uint64_t m0 = h.mm[0], m1 = h.mm[1], m2 = h.mm[2];
  std::uint64_t sum = 0;
  for (int p = 0; p < kPartCount; ++p) {
    const bool k = p == 2;
    const std::uint64_t bm = k ? kbase : base, am = k ? kasset : asset, months = k ? hmk : hm0;
    if (months == 0) continue;
    const std::uint64_t g = k ? std::uint64_t{std::uint32_t(e.pc[2][0])} * h.mm_kaigo
                              : std::uint64_t{std::uint32_t(e.pc[p][0])} * m0 +
                                    std::uint64_t{std::uint32_t(e.pc[p][1])} * m1 +
                                    std::uint64_t{std::uint32_t(e.pc[p][2])} * m2;
    const std::uint64_t annual = bm * std::uint32_t(e.rate[p]) / kDen +
                                 am * std::uint32_t(e.asset_rate[p]) / kDen + g +
                                 std::uint64_t{std::uint32_t(e.hh[p])};
    const std::uint64_t amount =
        HotAmount(annual, std::uint32_t(e.cap[p]), months, e.prorated != 0);
    sum += (amount * e.part_magic[p] >> 40) * std::uint32_t(e.part_unit[p]);
  }
  return (sum * e.total_magic >> 40) * std::uint32_t(e.total_unit);
}

}  // namespace

Yen SumTotalOnly(const std::vector<PreparedHousehold>& hh,
                 const std::vector<CompiledSchedule>& schedules, unsigned threads) {
  return Split(hh.size(), threads, [&](std::size_t b, std::size_t e, unsigned) {
    return RangeTotalOnly(hh.data() + b, e - b, schedules.data());
  });
}

Yen SumTotalOnlyClones(const std::vector<PreparedHousehold>& hh,
                       const std::vector<CompiledSchedule>& schedules, unsigned threads) {
  return Split(hh.size(), threads, [&](std::size_t b, std::size_t e, unsigned) {
    return RangeTotalOnlyClones(hh.data() + b, e - b, schedules.data());
  });
}

std::vector<FastEntry> BuildTables(const std::vector<CompiledSchedule>& schedules) {
  std::vector<FastEntry> out(schedules.size() * kTierCount);
  auto magic = [](std::int64_t unit) {
    return ((std::uint64_t{1} << 40) + static_cast<std::uint64_t>(unit) - 1) /
           static_cast<std::uint64_t>(unit);
  };
  for (std::size_t m = 0; m < schedules.size(); ++m) {
    const CompiledSchedule& s = schedules[m];
    // The multiply-and-shift is exact for amounts < 2^40 / unit; amounts are capped.
    std::int64_t cap_sum = 0;
    for (const CompiledPart& p : s.parts) cap_sum += p.cap;
    if (s.total_unit < 1 || s.total_unit > 65536 || cap_sum >= (1 << 24))
      throw std::range_error("schedule outside the fast path's widths");
    for (int t = 0; t < kTierCount; ++t) {
      FastEntry& e = out[m * kTierCount + t];
      for (int p = 0; p < kPartCount; ++p) {
        const CompiledPart& cp = s.parts[p];
        if (cp.income_rate > (1 << 30) || cp.asset_rate > (1 << 30))
          throw std::range_error("rate outside the fast path's widths");
        const bool on = cp.levied;  // a 分 not levied: every amount 0
        e.rate[p] = on ? static_cast<std::int32_t>(cp.income_rate) : 0;
        e.asset_rate[p] = on ? static_cast<std::int32_t>(cp.asset_rate) : 0;
        e.cap[p] = static_cast<std::int32_t>(cp.cap);
        const auto& pc = cp.per_capita[t][kPerCapitaStages - 1];
        for (int c = 0; c < 3; ++c) e.pc[p][c] = on && (p != 2 || c == kAdult) ? pc[c] : 0;
        e.hh[p] = on ? cp.household[t][kHouseholdStages - 1][0] : 0;
      }
      for (int p = 0; p < kPartCount; ++p) {
        e.part_unit[p] = s.round_total ? 1 : static_cast<std::int32_t>(s.rounding_unit[p]);
        e.part_magic[p] = magic(e.part_unit[p]);
      }
      e.total_unit = s.round_total ? static_cast<std::int32_t>(s.total_unit) : 1;
      e.total_magic = magic(e.total_unit);
      e.prorated = s.cap_prorated;
    }
  }
  return out;
}

Yen SumHot(const HotPopulation& pop, const std::vector<FastEntry>& tables,
           const std::vector<CompiledSchedule>& schedules, unsigned threads, bool rare_full) {
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  const std::size_t nh = pop.plain.size(), nr = pop.rare.size();
  return Split(threads, threads, [&](std::size_t t, std::size_t, unsigned) {
    std::uint64_t sum = 0;
    const HotHousehold* hot = pop.plain.data();
    const FastEntry* tab = tables.data();
    for (std::size_t i = nh * t / threads, e = nh * (t + 1) / threads; i < e; ++i)
      sum += HotTotal(hot[i], tab);
    Yen rare = 0;
    const std::size_t rb = nr * t / threads, re = nr * (t + 1) / threads;
    if (rare_full) {
      for (std::size_t i = rb; i < re; ++i)
        rare += LevyHousehold(pop.rare[i], schedules[pop.rare[i].municipality]).total;
    } else {
      rare = RangeTotalOnly(pop.rare.data() + rb, re - rb, schedules.data());
    }
    return static_cast<Yen>(sum) + rare;
  });
}

std::vector<FastMunicipality> BuildTables2(const std::vector<CompiledSchedule>& schedules) {
  std::vector<FastMunicipality> out(schedules.size() * kTierCount);
  auto unit_magic = [](std::uint64_t unit) { return ((std::uint64_t{1} << 40) + unit - 1) / unit; };
  auto rate_magic = [](std::int64_t rate) {
    // ⌈2^64 × rate ÷ D⌉ < 2^64 because rate < D.
    const unsigned __int128 d = static_cast<unsigned __int128>(kDen);
    return static_cast<std::uint64_t>(((static_cast<unsigned __int128>(rate) << 64) + d - 1) / d);
  };
  for (std::size_t m = 0; m < schedules.size(); ++m) {
    const CompiledSchedule& s = schedules[m];
    std::int64_t cap_sum = 0;
    for (const CompiledPart& p : s.parts) cap_sum += p.cap;
    if (s.total_unit < 1 || s.total_unit > 65536 || cap_sum >= (1 << 24))
      throw std::range_error("schedule outside the fast path's widths");
    for (int t = 0; t < kTierCount; ++t) {
      FastMunicipality& f = out[m * kTierCount + t];
      f.has_asset = 0;
      f.prorated = s.cap_prorated;
      for (int p = 0; p < kPartCount; ++p) {
        const CompiledPart& cp = s.parts[p];
        if (cp.income_rate < 0 || cp.income_rate >= kDen || cp.asset_rate < 0 ||
            cp.asset_rate >= kDen)
          throw std::range_error("rate outside the fast path's widths");
        const bool on = cp.levied;  // a 分 not levied: every amount 0
        f.income_magic[p] = on ? rate_magic(cp.income_rate) : 0;
        f.asset_magic[p] = on ? rate_magic(cp.asset_rate) : 0;
        f.has_asset |= f.asset_magic[p] != 0;
        const auto& pc = cp.per_capita[t][kPerCapitaStages - 1];
        for (int c = 0; c < 3; ++c)
          f.pc[p][c] = on && (p != 2 || c == kAdult) ? static_cast<std::uint32_t>(pc[c]) : 0;
        f.fixed[p] = on ? static_cast<std::uint32_t>(cp.household[t][kHouseholdStages - 1][0]) : 0;
        f.cap[p] = static_cast<std::uint32_t>(cp.cap);
        f.part_unit[p] = s.round_total ? 1 : static_cast<std::uint32_t>(s.rounding_unit[p]);
        f.part_magic[p] = unit_magic(f.part_unit[p]);
      }
      f.total_unit = s.round_total ? static_cast<std::uint32_t>(s.total_unit) : 1;
      f.total_magic = unit_magic(f.total_unit);
    }
  }
  return out;
}

namespace {

__attribute__((always_inline)) inline std::uint64_t MulHigh(std::uint64_t a, std::uint64_t b) {
  return static_cast<std::uint64_t>((static_cast<unsigned __int128>(a) * b) >> 64);
}

/// One 分 of a hot household: the annual amount, capped, × months ÷ 12, divided by the
/// rounding unit. (Everything here is always_inline and avoids std::min: the target_clones
/// copies of the loop below cannot inline functions compiled for another target.)
__attribute__((always_inline)) inline std::uint64_t HotPart(const FastMunicipality& f, int p,
                                                            std::uint64_t months,
                                                            std::uint64_t base, std::uint64_t asset,
                                                            std::uint32_t g) {
  std::uint64_t annual = MulHigh(base, f.income_magic[p]) + g + f.fixed[p];
  if (asset) annual += MulHigh(asset, f.asset_magic[p]);
  const std::uint64_t c = f.cap[p];
  std::uint64_t amount;
  if (f.prorated) {
    amount = (annual < c ? annual : c) * months / 12u;
  } else {
    amount = annual * months / 12u;
    amount = amount < c ? amount : c;
  }
  return (amount * f.part_magic[p] >> 40) * f.part_unit[p];
}

/// kKaigo false: the household has no 介護 month (the caller knows), so that 分 is 0.
template <bool kKaigo = true>
__attribute__((always_inline)) inline std::uint64_t HotTotal2(const HotHousehold& h,
                                                              const FastMunicipality* tables) {
  const unsigned tier = h.bits & 3, hm0 = (h.bits >> 2) & 15, hmk = (h.bits >> 6) & 15;
  const FastMunicipality& f = tables[h.municipality * 4u + tier];
  const std::uint64_t base = h.all & kMask40;
  // 資産割 only where the municipality levies it (4方式) and the household has an asset.
  const std::uint64_t asset = f.has_asset ? h.all >> 40 : 0;
  const std::uint64_t kasset = f.has_asset ? h.kaigo >> 40 : 0;
  const std::uint32_t m0 = h.mm[0], m1 = h.mm[1], m2 = h.mm[2];
  std::uint64_t sum =  // Σ rounded amounts over the 分
      HotPart(f, 0, hm0, base, asset, f.pc[0][0] * m0 + f.pc[0][1] * m1 + f.pc[0][2] * m2) +
      HotPart(f, 1, hm0, base, asset, f.pc[1][0] * m0 + f.pc[1][1] * m1 + f.pc[1][2] * m2) +
      HotPart(f, 3, hm0, base, asset, f.pc[3][0] * m0 + f.pc[3][1] * m1 + f.pc[3][2] * m2);
  if (kKaigo)
    sum += HotPart(f, 2, hmk, h.kaigo & kMask40, kasset, f.pc[2][0] * std::uint32_t{h.mm_kaigo});
  return (sum * f.total_magic >> 40) * f.total_unit;
}

/// The rare households (a change during the year, 旧被扶養者, 産前産後, 特定世帯): the
/// product's total-only kernel.
std::uint64_t RangeRare2(const PreparedHousehold* h, std::size_t n, const CompiledSchedule* s,
                         const FastMunicipality*) {
  return static_cast<std::uint64_t>(RangeTotalOnly(h, n, s));
}

__attribute__((target_clones("arch=haswell", "default"))) std::uint64_t RangeHot2(
    const HotHousehold* h, std::size_t n, const FastMunicipality* tables) {
  std::uint64_t sum = 0;
  for (std::size_t i = 0; i < n; ++i) sum += HotTotal2(h[i], tables);
  return sum;
}

template <bool kKaigo>
__attribute__((always_inline)) inline std::uint64_t RangeHot3(const HotHousehold* h, std::size_t n,
                                                              const FastMunicipality* tables) {
  std::uint64_t sum = 0;
  for (std::size_t i = 0; i < n; ++i) sum += HotTotal2<kKaigo>(h[i], tables);
  return sum;
}

/// [b, e) of the hot array: the households without 介護 months come first (premium::Compact).
__attribute__((target_clones("arch=haswell", "default"))) std::uint64_t RangeHot3Split(
    const HotHousehold* hot, std::size_t b, std::size_t e, std::size_t kaigo_begin,
    const FastMunicipality* tables) {
  const std::size_t mid = std::clamp(kaigo_begin, b, e);
  return RangeHot3<false>(hot + b, mid - b, tables) + RangeHot3<true>(hot + mid, e - mid, tables);
}

__attribute__((flatten)) Yen RangeFlattened(const PreparedHousehold* h, std::size_t n,
                                            const CompiledSchedule* s) {
  Yen sum = 0;
  for (std::size_t i = 0; i < n; ++i) sum += LevyHousehold(h[i], s[h[i].municipality]).total;
  return sum;
}

}  // namespace

Yen SumHot2(const HotPopulation& pop, const std::vector<FastMunicipality>& tables,
            const std::vector<CompiledSchedule>& schedules, unsigned threads) {
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  const std::size_t nh = pop.plain.size(), nr = pop.rare.size();
  return Split(threads, threads, [&](std::size_t t, std::size_t, unsigned) {
    const std::size_t hb = nh * t / threads, he = nh * (t + 1) / threads;
    const std::size_t rb = nr * t / threads, re = nr * (t + 1) / threads;
    return static_cast<Yen>(
        RangeHot2(pop.plain.data() + hb, he - hb, tables.data()) +
        RangeRare2(pop.rare.data() + rb, re - rb, schedules.data(), tables.data()));
  });
}

Yen SumHot3(const HotPopulation& pop, const std::vector<FastMunicipality>& tables,
            const std::vector<CompiledSchedule>& schedules, unsigned threads) {
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  const std::size_t nh = pop.plain.size(), nr = pop.rare.size();
  return Split(threads, threads, [&](std::size_t t, std::size_t, unsigned) {
    const std::size_t hb = nh * t / threads, he = nh * (t + 1) / threads;
    const std::size_t rb = nr * t / threads, re = nr * (t + 1) / threads;
    return static_cast<Yen>(
        RangeHot3Split(pop.plain.data(), hb, he, pop.kaigo_begin, tables.data()) +
        RangeRare2(pop.rare.data() + rb, re - rb, schedules.data(), tables.data()));
  });
}

Yen SumFlattened(const std::vector<PreparedHousehold>& hh,
                 const std::vector<CompiledSchedule>& schedules, unsigned threads) {
  return Split(hh.size(), threads, [&](std::size_t b, std::size_t e, unsigned) {
    return RangeFlattened(hh.data() + b, e - b, schedules.data());
  });
}

}  // namespace kokuho::premium::fast
