// Prototypes of a faster levy over a population (bench only; the product kernel is
// src/premium/levy_kernel.h). Each must give LevySum's checksum to the yen, on the
// synthetic populations and on RandomHousehold's (every rule); premium_bench --variants
// times them beside the product (docs/benchmarks.md, "Household levy", has the figures).
//
//   SumFlattened   LevyHousehold(…).total with everything inlined (__attribute__((flatten))):
//                  shows that the call is not the cost.
//   SumTotalOnly   the product's LevyTotal (first prototyped here): the total only — no
//                  displayed components, no 600-byte LevyResult — over the same vector;
//                  SumTotalOnlyClones: that loop with target_clones("avx2", "default").
//   SumHot         the product's 24-byte CompactHousehold (compact.h, first prototyped
//                  here) for the households without a rare feature (a change during the
//                  year, 旧被扶養者, 産前産後, 特定世帯; values within the packed widths),
//                  the rare ones kept in full and levied by the total-only kernel; per
//                  (municipality, tier) tables of the final-stage amounts (v1: still divides).
//   SumHot2        the same records with v2 tables: the rate divisions by multiply-high by
//                  exact reciprocals, the rounding by multiply-and-shift; 月割 (× months ÷
//                  12, once on the annual amount since issue 12) by a constant division.
//   SumHot3        SumHot2 with the households without 介護 months in their own loop.
#pragma once

#include <cstdint>
#include <vector>

#include "premium/compact.h"
#include "premium/prepared.h"
#include "premium/schedule.h"

namespace kokuho::premium::fast {

Yen SumTotalOnly(const std::vector<PreparedHousehold>& hh,
                 const std::vector<CompiledSchedule>& schedules, unsigned threads);
Yen SumTotalOnlyClones(const std::vector<PreparedHousehold>& hh,
                       const std::vector<CompiledSchedule>& schedules, unsigned threads);

/// The product's compact layout (src/premium/compact.h): 24-byte records for the households
/// without a rare feature, the others whole, households without 介護 months first.
using HotHousehold = CompactHousehold;
using HotPopulation = CompactPopulation;

/// One municipality × tier: what the hot path multiplies, all parts side by side.
struct FastEntry {
  std::int32_t rate[4], asset_rate[4], cap[4];
  std::int32_t pc[4][3];  ///< final-stage 均等割 of adults, school, preschool (介護: adults)
  std::int32_t hh[4];     ///< final-stage 平等割 of a status-0 household
  std::uint64_t part_magic[4], total_magic;  ///< ⌈2^40 / unit⌉ (unit 1 when not rounded there)
  std::int32_t part_unit[4], total_unit;
  std::int32_t prorated;  ///< the cap on the annual amount before 月割
};

/// [municipality × 4 + tier]; throws when a schedule does not fit the packed widths.
std::vector<FastEntry> BuildTables(const std::vector<CompiledSchedule>& schedules);

/// Hot records with the v1 tables; the rare households by LevyHousehold (`rare_full`) or by
/// the total-only kernel.
Yen SumHot(const HotPopulation& pop, const std::vector<FastEntry>& tables,
           const std::vector<CompiledSchedule>& schedules, unsigned threads, bool rare_full);

/// v2: one municipality × tier, everything the hot path reads, with the rate divisions taken
/// out: ⌊x × rate ÷ 10^6⌋ = high 64 bits of x × ⌈2^64 × rate ÷ 10^6⌉, exact for x < 2^40 (the
/// error x × (M × D − 2^64 × rate) ÷ 2^64 stays under 1 ÷ D); the annual amount, capped,
/// × months ÷ 12 (a 32-bit division by a constant when the cap comes first); the rounding
/// unit by a multiply and a shift (amounts are capped, so < 2^24).
struct FastMunicipality {
  std::uint64_t income_magic[4], asset_magic[4];
  std::uint64_t part_magic[4], total_magic;
  std::uint32_t part_unit[4], total_unit;
  std::uint32_t has_asset;  ///< 4方式: some 分 has a 資産割
  std::uint32_t prorated;   ///< the cap on the annual amount before 月割
  std::uint32_t pc[4][3];   ///< [part][category]: final 均等割; 介護: adults only
  std::uint32_t fixed[4];   ///< [part]: final 平等割 (annual)
  std::uint32_t cap[4];     ///< [part]
};

/// [municipality × 4 + tier].
std::vector<FastMunicipality> BuildTables2(const std::vector<CompiledSchedule>& schedules);

/// Hot records with the v2 tables (rare households: the total-only kernel). The loop is
/// compiled for AVX2+BMI2 and for baseline x86-64 (target_clones).
Yen SumHot2(const HotPopulation& pop, const std::vector<FastMunicipality>& tables,
            const std::vector<CompiledSchedule>& schedules, unsigned threads);

/// SumHot2 with two loops: households without 介護 months skip that 分 entirely.
Yen SumHot3(const HotPopulation& pop, const std::vector<FastMunicipality>& tables,
            const std::vector<CompiledSchedule>& schedules, unsigned threads);

/// The product kernel (LevyHousehold(…).total) with everything inlined into the loop
/// (__attribute__((flatten))), over the same vector<PreparedHousehold>.
Yen SumFlattened(const std::vector<PreparedHousehold>& hh,
                 const std::vector<CompiledSchedule>& schedules, unsigned threads);

}  // namespace kokuho::premium::fast
