#include "premium/batch.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <limits>
#include <mutex>
#include <thread>

#include "core/error.h"
#include "premium/prepare.h"

namespace kokuho::premium {

std::vector<PreparedHousehold> PrepareAll(const Population& pop, const NationalRules& rules,
                                          unsigned threads, const Progress& progress) {
  return PrepareAll(pop.View(), rules, threads, progress);
}

std::vector<PreparedHousehold> PrepareAll(const PopulationView& pop, const NationalRules& rules,
                                          unsigned threads, const Progress& progress,
                                          const HouseholdCheck& check) {
  std::vector<PreparedHousehold> out(pop.households());
  std::atomic<std::size_t> done{0};
  // The lowest household whose check failed and the lowest whose preparation failed, with
  // their exceptions: a check error anywhere wins (every household is checked before any
  // is levied), as when the whole population was checked first.
  constexpr std::size_t kNone = std::numeric_limits<std::size_t>::max();
  struct FirstError {
    std::atomic<std::size_t> at{kNone};
    std::exception_ptr error;
    void Keep(std::size_t h, std::mutex& m) {
      std::lock_guard<std::mutex> lock(m);
      if (h < at.load(std::memory_order_relaxed)) {
        at.store(h, std::memory_order_relaxed);
        error = std::current_exception();
      }
    }
  } bad_check, bad_prepare;
  std::mutex error_mutex;
  ParallelFor(out.size(), threads, [&](std::size_t begin, std::size_t end, unsigned t) {
    Household household;
    bool preparing = true;  // false after a failure in this chunk: only checks go on
    for (std::size_t h = begin; h < end; ++h) {
      if (check) {
        if (h > bad_check.at.load(std::memory_order_relaxed)) return;
        try {
          check(h);
        } catch (...) {
          bad_check.Keep(h, error_mutex);
          return;
        }
      }
      if (!preparing) continue;
      try {
        pop.Fill(h, household);
        out[h] = Prepare(household, rules, pop.municipality[h]);
      } catch (...) {
        bad_prepare.Keep(h, error_mutex);
        if (!check) return;
        preparing = false;
      }
      if ((h - begin) % 65536 == 65535) {
        const std::size_t d = done.fetch_add(65536) + 65536;
        if (t == 0 && progress) progress(d, out.size());
      }
    }
  });
  if (bad_check.error) std::rethrow_exception(bad_check.error);
  if (bad_prepare.error) std::rethrow_exception(bad_prepare.error);
  if (progress) progress(out.size(), out.size());
  return out;
}

namespace {

/// The fields PartTotals sums, each with the PartLevy field it sums.
constexpr std::pair<Yen PartTotals::*, Yen PartLevy::*> kSummed[] = {
    {&PartTotals::amount, &PartLevy::amount},
    {&PartTotals::income, &PartLevy::income},
    {&PartTotals::asset, &PartLevy::asset},
    {&PartTotals::per_capita, &PartLevy::per_capita},
    {&PartTotals::household, &PartLevy::household},
    {&PartTotals::child, &PartLevy::child},
    {&PartTotals::tokutei, &PartLevy::tokutei},
    {&PartTotals::preschool, &PartLevy::preschool},
    {&PartTotals::former, &PartLevy::former},
    {&PartTotals::birth, &PartLevy::birth},
    {&PartTotals::municipal, &PartLevy::municipal},
    {&PartTotals::over_cap, &PartLevy::over_cap},
    {&PartTotals::rounding, &PartLevy::rounding},
};

}  // namespace

void PartTotals::Add(const PartTotals& o) {
  for (const auto& [field, unused] : kSummed) this->*field += o.*field;
  for (int t = 0; t < kTierCount; ++t) keigen[t] += o.keigen[t];
  capped_households += o.capped_households;
  levied_households += o.levied_households;
}

void PartTotals::Add(const PartLevy& l, int tier) {
  for (const auto& [field, from] : kSummed) this->*field += l.*from;
  keigen[tier] += l.keigen;
  capped_households += l.over_cap > 0;
  levied_households += l.months > 0;
}

void MunicipalityTotals::Add(const MunicipalityTotals& o) {
  households += o.households;
  members += o.members;
  for (int p = 0; p < kPartCount; ++p) parts[p].Add(o.parts[p]);
  for (int t = 0; t < kTierCount; ++t) households_by_tier[t] += o.households_by_tier[t];
  total += o.total;
  rounding_total += o.rounding_total;
  auto add_group = [](GroupTotals& x, const GroupTotals& y) {
    x.households += y.households;
    x.members += y.members;
    x.levy += y.levy;
    x.keigen_income += y.keigen_income;
  };
  for (int d = 0; d < 10; ++d) add_group(by_decile[d], o.by_decile[d]);
  for (int k = 0; k < kHouseholdTypeCount; ++k) add_group(by_type[k], o.by_type[k]);
}

Deciles AssignDeciles(const std::vector<PreparedHousehold>& prepared) {
  Deciles d;
  const std::size_t n = prepared.size();
  d.of_household.assign(n, 0);
  if (n == 0) return d;
  if (n >= (std::size_t{1} << 27))
    throw CalculationError(
        "所得十分位: 134,217,727 世帯を超える母集団は計算できません。市町村ごとなどに分けて"
        "計算してください");
  // Sort keys: income (clamped to 37 bits, over 137 billion yen), then the position
  // scrambled by an odd multiplier mod 2^27 (a bijection), so that households of equal
  // income are split between deciles in no particular order of municipality or file.
  constexpr std::uint64_t kMaxIncome = (std::uint64_t{1} << 37) - 1;
  constexpr std::uint64_t kMask = (std::uint64_t{1} << 27) - 1;
  constexpr std::uint64_t kMul = 0x9E3779B1;  // odd
  std::uint64_t inverse = kMul;               // Newton: kMul × inverse ≡ 1 (mod 2^64)
  for (int k = 0; k < 6; ++k) inverse *= 2 - kMul * inverse;
  std::vector<std::uint64_t> keys(n);
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint64_t income = std::min<std::uint64_t>(
        static_cast<std::uint64_t>(std::max<Yen>(0, prepared[i].keigen_income)), kMaxIncome);
    keys[i] = (income << 27) | ((i * kMul) & kMask);
  }
  std::sort(keys.begin(), keys.end());
  for (std::size_t rank = 0; rank < n; ++rank) {
    const std::size_t i = ((keys[rank] & kMask) * inverse) & kMask;
    const int decile = static_cast<int>(rank * 10 / n);
    d.of_household[i] = static_cast<std::uint8_t>(decile);
    d.upper[decile] = std::max(d.upper[decile], prepared[i].keigen_income);
  }
  return d;
}

LevyAllResult LevyAll(const std::vector<PreparedHousehold>& prepared,
                      const std::vector<CompiledSchedule>& schedules, const Deciles& deciles,
                      bool keep_household_totals, unsigned threads, const Progress& progress) {
  if (threads == 0) threads = HardwareThreads();
  LevyAllResult result;
  if (keep_household_totals) result.household_totals.resize(prepared.size());
  std::vector<std::vector<MunicipalityTotals>> partial(
      threads, std::vector<MunicipalityTotals>(schedules.size()));
  std::atomic<std::size_t> done{0};
  ParallelFor(prepared.size(), threads, [&](std::size_t begin, std::size_t end, unsigned t) {
    std::vector<MunicipalityTotals>& mine = partial[t];
    for (std::size_t i = begin; i < end; ++i) {
      const PreparedHousehold& h = prepared[i];
      const LevyResult r = LevyHousehold(h, schedules[h.municipality]);
      MunicipalityTotals& m = mine[h.municipality];
      ++m.households;
      m.members += h.members;
      ++m.households_by_tier[h.tier];
      for (int p = 0; p < kPartCount; ++p) m.parts[p].Add(r.parts[p], h.tier);
      m.total += r.total;
      m.rounding_total += r.rounding_total;
      const int decile = deciles.of_household[i];
      for (GroupTotals* g : {&m.by_decile[decile], &m.by_type[h.type]}) {
        ++g->households;
        g->members += h.members;
        g->levy += r.total;
        g->keigen_income += h.keigen_income;
      }
      if (keep_household_totals) result.household_totals[i] = r.total;
      if ((i - begin) % 262144 == 262143) {
        const std::size_t d = done.fetch_add(262144) + 262144;
        if (t == 0 && progress) progress(d, prepared.size());
      }
    }
  });
  result.municipalities.assign(schedules.size(), MunicipalityTotals{});
  for (const auto& part : partial)
    for (std::size_t m = 0; m < schedules.size(); ++m) result.municipalities[m].Add(part[m]);
  if (progress) progress(prepared.size(), prepared.size());
  return result;
}

void LevyEach(const std::vector<PreparedHousehold>& prepared,
              const std::vector<CompiledSchedule>& schedules, const HouseholdColumns& out,
              unsigned threads) {
  bool detail = false;
  for (int p = 0; p < kPartCount; ++p) detail |= out.keigen[p] || out.over_cap[p];
  ParallelFor(prepared.size(), threads, [&](std::size_t begin, std::size_t end, unsigned) {
    for (std::size_t i = begin; i < end; ++i) {
      const PreparedHousehold& h = prepared[i];
      if (out.tier) out.tier[i] = h.tier;
      if (!detail) {  // the 賦課額 alone: the kernel without the components
        Yen amount[kPartCount];
        const Yen total = LevyAmounts(h, schedules[h.municipality], amount);
        if (out.total) out.total[i] = total;
        for (int p = 0; p < kPartCount; ++p)
          if (out.amount[p]) out.amount[p][i] = amount[p];
        continue;
      }
      const LevyResult r = LevyHousehold(h, schedules[h.municipality]);
      if (out.total) out.total[i] = r.total;
      for (int p = 0; p < kPartCount; ++p) {
        if (out.amount[p]) out.amount[p][i] = r.parts[p].amount;
        if (out.keigen[p]) out.keigen[p][i] = r.parts[p].keigen;
        if (out.over_cap[p]) out.over_cap[p][i] = r.parts[p].over_cap;
      }
    }
  });
}

Yen LevySum(const std::vector<PreparedHousehold>& prepared,
            const std::vector<CompiledSchedule>& schedules, unsigned threads) {
  if (threads == 0) threads = HardwareThreads();
  std::vector<Yen> sums(threads, 0);
  ParallelFor(prepared.size(), threads, [&](std::size_t begin, std::size_t end, unsigned t) {
    Yen s = 0;
    for (std::size_t i = begin; i < end; ++i) {
      const PreparedHousehold& h = prepared[i];
      s += LevyTotal(h, schedules[h.municipality]);
    }
    sums[t] = s;
  });
  Yen total = 0;
  for (Yen s : sums) total += s;
  return total;
}

}  // namespace kokuho::premium
