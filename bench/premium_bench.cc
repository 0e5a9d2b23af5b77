// kokuho_premium_bench: the household levy over a synthetic population in memory
// (issue: ≥ 100 M households/s on 2 cores; bench/premium_run.sh runs it with the baselines).
//
//   kokuho_premium_bench --households 1000000 --reps 7 --export DIR --json FILE
//   kokuho_premium_bench --households 1000000 --variants --kpop /tmp/pop.kpop
//   kokuho_premium_bench --load DIR --municipalities 1741 --reps 7   # an export, read back
//
// 1. Generates N households in M municipalities of log-uniform sizes, in municipality order
//    (--shuffle: random order): with premium::Synthesize (`kokuho synth`'s realistic
//    generator) when this tree has it, else --generator random: tests/premium/
//    random_household.h, where every rule is reachable and rare features are frequent.
//    Generation is not timed; PrepareAll on 2 threads is. Each municipality gets its own
//    random CompiledSchedule (FY2026 rates in the published ranges: 料/税, 2/3/4方式, caps by
//    条例, 条例 tables of reduced amounts, 独自減免, rounding per 分 or on the total …).
//    With --kpop, the population is written as .kpop and read back (timed).
// 2. Times LevySum (Σ total) on 1 and 2 threads and LevyAll (per-municipality totals,
//    deciles, types) on 2 threads: median and best of R repetitions. Their checksums must
//    agree.
// 3. Measures the read bandwidth (a streaming sum over the prepared array, 1 and 2 threads)
//    and the bound it sets on households/s.
// 4. With --variants, times the prototype kernels of bench/premium_fast.h (same checksum).
// 5. With --export DIR, writes the columns the kernel reads and the compiled tables as raw
//    little-endian files with manifest.json (for premium_naive.c, premium_pandas.py,
//    premium_sqlite.py), timing the write and a read back.
//
// Prints a summary and, with --json FILE, writes the figures for premium_run.sh. Exits 1
// when two of kokuho's own checksums differ.
#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <numeric>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "premium/batch.h"
#include "premium/compact.h"
#include "premium/levy_kernel.h"
#include "premium/population.h"
#include "premium_fast.h"
#include "random_household.h"
#include "readers/premium_rules_loader.h"

// The realistic generator (`kokuho synth`) and the .kpop file, when this tree has them.
#if __has_include("premium/synth_parallel.h")
#include "premium/synth_parallel.h"
#define KOKUHO_BENCH_HAVE_SYNTH 1
#endif
#if __has_include("io/kpop_format.h")
#include "io/kpop_format.h"
#define KOKUHO_BENCH_HAVE_KPOP 1
#endif

namespace {

using namespace kokuho;
using namespace kokuho::premium;
using Clock = std::chrono::steady_clock;

struct Options {
  std::int64_t households = 1'000'000;
  int municipalities = 1741;
  int reps = 7;
  int fiscal_year = 2026;
  std::uint64_t seed = 20260401;
  bool shuffle = false;             ///< households in random order instead of municipality order
  std::string generator = "synth";  ///< synth (premium::Synthesize) or random (RandomHousehold)
  std::string kpop;  ///< synth: write the population to this .kpop and read it back (timed)
  bool variants = false;
  std::string export_dir, load_dir, json;
  std::int64_t subset = 1'000'000;  ///< checksum of the first `subset` households too
};

double Since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

double Best(const std::vector<double>& v) { return *std::min_element(v.begin(), v.end()); }

/// A uniform draw in [0, 1) from the raw engine output (the same on any standard library).
double Unit(std::mt19937_64& rng) { return static_cast<double>(rng() >> 11) * 0x1.0p-53; }
std::int64_t Between(std::mt19937_64& rng, std::int64_t lo, std::int64_t hi) {
  return lo + static_cast<std::int64_t>(Unit(rng) * static_cast<double>(hi - lo + 1));
}

/// One municipality's FY rates, drawn around the published ranges of 2024–2026 schedules.
RateSchedule RandomSchedule(std::mt19937_64& rng, int m, int fy) {
  RateSchedule s;
  s.municipality = fmt::format("M{:05d}", m);
  s.name = s.municipality;
  s.fiscal_year = fy;
  const bool zei = Unit(rng) < 0.6;  // about 6 in 10 municipalities levy 保険税
  s.kind = zei ? LevyKind::kZei : LevyKind::kRyo;
  const std::int64_t units[] = {1, 10, 100};
  s.rounding_unit = zei ? 100 : units[Between(rng, 0, 2)];
  if (Unit(rng) < 0.1) s.rounding_scope = RoundingScope::kTotal;
  if (Unit(rng) < 0.05) s.reduction_unit = 100;
  if (Unit(rng) < 0.1) s.cap_prorated = false;
  if (Unit(rng) < 0.05) s.keigen_on_adult_addon = false;
  const bool two_method = Unit(rng) < 0.3;   // 2方式: no 平等割
  const bool four_method = Unit(rng) < 0.1;  // 4方式: 資産割
  struct Range {
    Ppm rate_lo, rate_hi;
    Yen capita_lo, capita_hi, house_lo, house_hi;
  };
  const Range ranges[kPartCount] = {{50'000, 100'000, 20'000, 45'000, 12'000, 35'000},
                                    {15'000, 35'000, 7'000, 15'000, 4'000, 11'000},
                                    {15'000, 30'000, 8'000, 18'000, 4'000, 10'000},
                                    {2'000, 4'000, 800, 1'600, 0, 0}};
  for (int p = 0; p < kPartCount; ++p) {
    const Range& r = ranges[p];
    PartRates& pr = s.parts[p];
    pr.levied = true;
    pr.income_rate = Between(rng, r.rate_lo, r.rate_hi);
    pr.per_capita = Between(rng, r.capita_lo, r.capita_hi);
    if (!two_method && r.house_hi > 0) pr.per_household = Between(rng, r.house_lo, r.house_hi);
    if (four_method && p != 3) pr.asset_rate = Between(rng, 100'000, 400'000);
    if (p == 3) pr.adult_addon = Between(rng, 50, 150);
    if (Unit(rng) < 0.05) pr.cap = (p == 0 ? 500'000 : p == 3 ? 20'000 : 150'000);
    if (Unit(rng) < 0.05) {  // a 条例 table of reduced amounts (a little above the ratios)
      const Yen c = pr.per_capita, h = pr.per_household;
      pr.reduced_per_capita = std::array<Yen, 3>{c * 8 / 10 + 10, c / 2 + 10, c * 3 / 10 + 10};
      pr.reduced_per_household = std::array<Yen, 3>{h * 8 / 10, h / 2, h * 3 / 10};
    }
  }
  if (Unit(rng) < 0.05) {  // 独自減免: a share of the 均等割 of members under 18
    MunicipalRelief relief;
    relief.name = "子どもの均等割減免";
    relief.parts = {true, true, false, true};
    const Ppm ratio = Between(rng, 1, 10) * 100'000;
    relief.per_capita_ratio = {0, ratio, ratio, 0};
    s.reliefs.push_back(relief);
  }
  return s;
}

/// Households per municipality: log-uniform weights on 200–300,000, scaled to n.
std::vector<std::int64_t> MunicipalitySizes(std::mt19937_64& rng, int m, std::int64_t n) {
  std::vector<double> w(m);
  for (double& x : w) x = std::exp(std::log(200.0) + Unit(rng) * std::log(300'000.0 / 200.0));
  const double total = std::accumulate(w.begin(), w.end(), 0.0);
  std::vector<std::int64_t> sizes(m);
  std::int64_t given = 0;
  for (int i = 0; i < m; ++i) given += sizes[i] = static_cast<std::int64_t>(n * (w[i] / total));
  for (int i = 0; given < n; i = (i + 1) % m) ++sizes[i], ++given;
  return sizes;
}

/// Generates the population chunk by chunk (2 threads, not timed) and prepares each chunk
/// with PrepareAll on 2 threads (timed). Each chunk has its own seed, so the population
/// does not depend on the thread count.
std::vector<PreparedHousehold> Generate(const Options& o, const NationalRules& rules,
                                        double& prepare_seconds, double& generate_seconds) {
  std::mt19937_64 rng(o.seed);
  const std::vector<std::int64_t> sizes = MunicipalitySizes(rng, o.municipalities, o.households);
  std::vector<std::uint16_t> owner(o.households);  // municipality of each household
  {
    std::size_t i = 0;
    for (int m = 0; m < o.municipalities; ++m)
      for (std::int64_t k = 0; k < sizes[m]; ++k) owner[i++] = static_cast<std::uint16_t>(m);
  }
  std::vector<std::string> codes(o.municipalities);
  for (int m = 0; m < o.municipalities; ++m) codes[m] = fmt::format("M{:05d}", m);
  constexpr std::size_t kChunk = 1 << 18;
  const std::size_t n = static_cast<std::size_t>(o.households);
  const std::size_t chunks = (n + kChunk - 1) / kChunk;
  std::vector<PreparedHousehold> out(n);
  prepare_seconds = generate_seconds = 0;
  for (std::size_t c0 = 0; c0 < chunks; c0 += 2) {
    const std::size_t round = std::min<std::size_t>(2, chunks - c0);
    std::vector<Population> pops(round);
    const auto g0 = Clock::now();
    ParallelFor(round, 2, [&](std::size_t b, std::size_t e, unsigned) {
      for (std::size_t k = b; k < e; ++k) {
        const std::size_t c = c0 + k, begin = c * kChunk, end = std::min(n, begin + kChunk);
        std::mt19937_64 r(o.seed + 0x9E3779B97F4A7C15ull * (c + 1));
        Population& pop = pops[k];
        pop.municipalities = codes;
        pop.Reserve(end - begin, 3 * (end - begin));
        const CivilDate adult_before{o.fiscal_year - 18, 4, 2};
        for (std::size_t h = begin; h < end; ++h) {
          Household x = testing::RandomHousehold(r, o.fiscal_year);
          // RandomHousehold can give a 産前産後 month to a mother born on 4月2日 of FY−18, who
          // is under 18 for the levy; Prepare refuses that (about 1 in 400,000 households).
          for (Person& p : x.members)
            if (p.birth_month && !(p.birth_date < adult_before)) p.birth_month.reset();
          pop.Add(x, owner[h], static_cast<std::int64_t>(h));
        }
      }
    });
    generate_seconds += Since(g0);
    for (std::size_t k = 0; k < round; ++k) {
      const auto t0 = Clock::now();
      std::vector<PreparedHousehold> prepared = PrepareAll(pops[k], rules, 2);
      prepare_seconds += Since(t0);
      std::copy(prepared.begin(), prepared.end(), out.begin() + (c0 + k) * kChunk);
    }
  }
  if (o.shuffle) {
    std::mt19937_64 r(o.seed ^ 0x5eed);
    for (std::size_t i = n; i > 1; --i) std::swap(out[i - 1], out[r() % i]);
  }
  return out;
}

struct GenerateTimes {
  double generate = 0, prepare = 0, kpop_write = 0, kpop_read = 0, kpop_raw_read = 0;
  std::size_t kpop_bytes = 0;
  bool kpop_same = true;
  long hwm_prepared_kib = 0;  ///< VmHWM after PrepareAll: the population and its preparation
};

long StatusKib(const std::string& key);
std::vector<char> ReadFile(const std::string& path);

/// A 64-bit digest of the bytes of some columns (to compare a population read back).
template <class... V>
std::uint64_t Digest(const V&... columns) {
  std::uint64_t h = 0xcbf29ce484222325ull;
  auto mix = [&h](const auto& v) {
    const auto* p = reinterpret_cast<const unsigned char*>(v.data());
    const std::size_t n = v.size() * sizeof(v[0]);
    h = (h ^ n) * 0x100000001b3ull;
    std::size_t i = 0;
    for (; i + 8 <= n; i += 8) {
      std::uint64_t w;
      std::memcpy(&w, p + i, 8);
      h = (h ^ w) * 0x100000001b3ull;
    }
    for (; i < n; ++i) h = (h ^ p[i]) * 0x100000001b3ull;
  };
  (mix(columns), ...);
  return h;
}

std::uint64_t Digest(const Population& p) {
  std::uint64_t h =
      Digest(p.household_id, p.municipality, p.tokutei_since, p.member_offset, p.birth_date,
             p.flags, p.joined, p.left, p.salary_revenue, p.family_salary, p.pension_revenue,
             p.business, p.family_salary_paid, p.other_income, p.land_gains, p.land_gains_deduction,
             p.total_income, p.reduction_income, p.fixed_asset_tax, p.former_dependent_since,
             p.unemployment_separation, p.unemployment_reason, p.birth_month);
  for (const std::string& m : p.municipalities) h = Digest(m) ^ (h * 31);
  return h;
}

#ifdef KOKUHO_BENCH_HAVE_SYNTH
/// premium::Synthesize (the generator of `kokuho synth`) for M municipalities of log-uniform
/// sizes (1.3–1.9 insured per household), then PrepareAll on 2 threads over the whole
/// population (timed); with --kpop, WriteKpop and ReadKpop (timed) before it is dropped.
std::vector<PreparedHousehold> Synthesized(const Options& o, const NationalRules& rules,
                                           GenerateTimes& times) {
  std::mt19937_64 rng(o.seed);
  const std::vector<std::int64_t> sizes = MunicipalitySizes(rng, o.municipalities, o.households);
  SynthOptions so;
  so.households = o.households;
  so.seed = o.seed;
  so.fiscal_year = o.fiscal_year;
  for (int m = 0; m < o.municipalities; ++m) {
    SynthMunicipality sm;
    sm.code = fmt::format("M{:05d}", m);
    sm.name = sm.code;
    sm.households = std::max<std::int64_t>(1, sizes[m]);
    sm.insured = sm.households * Between(rng, 130, 190) / 100;
    so.municipalities.push_back(sm);
  }
  const auto g0 = Clock::now();
  Population pop = Synthesize(so, 2);
  times.generate = Since(g0);
  const auto p0 = Clock::now();
  std::vector<PreparedHousehold> out = PrepareAll(pop, rules, 2);
  times.prepare = Since(p0);
  times.hwm_prepared_kib = StatusKib("VmHWM");
#ifdef KOKUHO_BENCH_HAVE_KPOP
  if (!o.kpop.empty()) {
    const auto w0 = Clock::now();
    WriteKpop(o.kpop, pop);
    times.kpop_write = Since(w0);
    const std::uint64_t digest = Digest(pop);
    pop = Population();  // freed before the file is read back
    const auto q0 = Clock::now();
    times.kpop_bytes = ReadFile(o.kpop).size();  // the bytes alone, into a fresh buffer
    times.kpop_raw_read = Since(q0);
    const auto r0 = Clock::now();
    const Population back = ReadKpop(o.kpop);
    times.kpop_read = Since(r0);
    times.kpop_same = Digest(back) == digest;
  }
#endif
  return out;
}
#endif

// ---- Export / import of the columns the kernel reads -------------------------------------

struct Column {
  const char* name;
  const char* dtype;   ///< numpy dtype string
  std::size_t size;    ///< bytes per value
  std::size_t offset;  ///< in the record (PreparedHousehold or SegmentRow)
};

/// One row of the segment table (prepared.h's Segment with its household, its group and its
/// cap group: segments capped together share it; ids increase down the table).
struct SegmentRow {
  std::uint32_t household = 0;
  std::uint8_t group = 0;  ///< 0: every member (医療・支援・子ども), 1: 介護
  std::uint32_t cap_group = 0;
  Segment seg;
};

#define KOKUHO_COL(name, dtype, type, field) \
  Column { name, dtype, sizeof(type::field), offsetof(type, field) }

/// The household columns: one value per household.
std::vector<Column> Columns() {
  return {
      KOKUHO_COL("municipality", "<u2", PreparedHousehold, municipality),
      KOKUHO_COL("tier", "u1", PreparedHousehold, tier),
  };
}

/// The segment columns: one value per segment (households in order; within one, the
/// segments of every member, then those of the 介護 members).
std::vector<Column> SegmentColumns() {
  std::vector<Column> c = {
      KOKUHO_COL("seg_household", "<u4", SegmentRow, household),
      KOKUHO_COL("seg_group", "u1", SegmentRow, group),
      KOKUHO_COL("seg_cap_group", "<u4", SegmentRow, cap_group),
  };
  const std::size_t o = offsetof(SegmentRow, seg);
  c.push_back({"seg_base", "<i8", 8, o + offsetof(Segment, base)});
  c.push_back({"seg_base_former", "<i8", 8, o + offsetof(Segment, base_former)});
  c.push_back({"seg_base_birth", "<i8", 8, o + offsetof(Segment, base_birth)});
  c.push_back({"seg_asset", "<i8", 8, o + offsetof(Segment, asset)});
  c.push_back({"seg_asset_former", "<i8", 8, o + offsetof(Segment, asset_former)});
  static const char* names[] = {"seg_m0", "seg_m1", "seg_m2", "seg_m3"};
  for (int k = 0; k < kCategoryCount; ++k)
    c.push_back({names[k], "u1", 1, o + offsetof(Segment, members) + k});
  c.push_back({"seg_birth", "u1", 1, o + offsetof(Segment, birth)});
  c.push_back({"seg_status", "u1", 1, o + offsetof(Segment, status)});
  c.push_back({"seg_months", "u1", 1, o + offsetof(Segment, months)});
  c.push_back({"seg_cap_with_previous", "u1", 1, o + offsetof(Segment, cap_with_previous)});
  return c;
}
#undef KOKUHO_COL

/// Every household's segments as rows.
std::vector<SegmentRow> SegmentRows(const std::vector<PreparedHousehold>& hh) {
  std::vector<SegmentRow> rows;
  std::uint32_t cap_group = 0;
  for (std::size_t i = 0; i < hh.size(); ++i)
    for (int g = 0; g < 2; ++g)
      hh[i].ForEachSegment(g == 1, [&](const Segment& sg) {
        if (!sg.cap_with_previous && !rows.empty()) ++cap_group;
        rows.push_back(
            {static_cast<std::uint32_t>(i), static_cast<std::uint8_t>(g), cap_group, sg});
      });
  return rows;
}

void WriteFile(const std::string& path, const void* data, std::size_t bytes) {
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (!f || std::fwrite(data, 1, bytes, f) != bytes || std::fclose(f) != 0)
    throw std::runtime_error("cannot write " + path);
}

std::vector<char> ReadFile(const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) throw std::runtime_error("cannot read " + path);
  std::fseek(f, 0, SEEK_END);
  const long size = std::ftell(f);
  std::fseek(f, 0, SEEK_SET);
  std::vector<char> data(static_cast<std::size_t>(size));
  if (std::fread(data.data(), 1, data.size(), f) != data.size())
    throw std::runtime_error("short read " + path);
  std::fclose(f);
  return data;
}

/// Copies field `c` of every record into `column` (to_column) or back.
template <typename T>
void Transpose(const Column& c, T* records, std::size_t n, char* column, bool to_column) {
  for (std::size_t i = 0; i < n; ++i) {
    char* field = reinterpret_cast<char*>(&records[i]) + c.offset;
    if (to_column)
      std::memcpy(column + i * c.size, field, c.size);
    else
      std::memcpy(field, column + i * c.size, c.size);
  }
}

template <typename T>
std::size_t WriteColumns(const std::string& dir, const std::vector<Column>& columns,
                         const std::vector<T>& records) {
  std::size_t bytes = 0;
  std::vector<char> buf;
  for (const Column& c : columns) {
    buf.resize(records.size() * c.size);
    Transpose(c, const_cast<T*>(records.data()), records.size(), buf.data(), true);
    WriteFile(dir + "/" + c.name + ".bin", buf.data(), buf.size());
    bytes += buf.size();
  }
  return bytes;
}

template <typename T>
std::vector<T> ReadColumns(const std::string& dir, const std::vector<Column>& columns) {
  std::vector<std::vector<char>> data;
  std::size_t n = 0;
  for (const Column& c : columns) {
    data.push_back(ReadFile(dir + "/" + c.name + ".bin"));
    if (&c == &columns[0]) n = data.back().size() / c.size;
    if (data.back().size() != n * c.size)
      throw std::runtime_error(std::string("column length ") + c.name);
  }
  std::vector<T> records(n);
  constexpr std::size_t kBlock = 4096;  // across every column, a block at a time
  for (std::size_t b = 0; b < n; b += kBlock) {
    const std::size_t len = std::min(kBlock, n - b);
    for (std::size_t k = 0; k < columns.size(); ++k)
      Transpose(columns[k], records.data() + b, len, data[k].data() + b * columns[k].size, false);
  }
  return records;
}

/// Writes the household and segment columns; returns the bytes written.
std::size_t ExportColumns(const std::string& dir, const std::vector<PreparedHousehold>& hh) {
  return WriteColumns(dir, Columns(), hh) + WriteColumns(dir, SegmentColumns(), SegmentRows(hh));
}

/// Reads the columns back into PreparedHousehold (the segments into their households).
std::vector<PreparedHousehold> ImportColumns(const std::string& dir) {
  std::vector<PreparedHousehold> hh = ReadColumns<PreparedHousehold>(dir, Columns());
  std::vector<bool> seen_all(hh.size()), seen_kaigo(hh.size());
  for (const SegmentRow& r : ReadColumns<SegmentRow>(dir, SegmentColumns())) {
    PreparedHousehold& h = hh.at(r.household);
    std::vector<bool>& seen = r.group ? seen_kaigo : seen_all;
    if (!seen[r.household]) {
      (r.group ? h.kaigo : h.all) = r.seg;
      seen[r.household] = true;
    } else if (r.group) {
      h.more.push_back(r.seg);
    } else {
      h.more.insert(h.more.begin() + h.more_all, r.seg);
      ++h.more_all;
    }
  }
  return hh;
}

/// Whether the 旧被扶養者's 所得割・資産割 are exempt in this 分 (CompiledPart::former_exempt;
/// always, in a tree whose kernel has no such flag).
template <class P>
bool FormerExempt(const P& cp) {
  if constexpr (requires { cp.former_exempt; })
    return cp.former_exempt;
  else
    return true;
}

/// The compiled tables, as the baselines read them (shapes in manifest.json).
void ExportTables(const std::string& dir, const std::vector<CompiledSchedule>& s) {
  const std::size_t m = s.size();
  std::vector<std::uint8_t> levied, former_exempt, round_total(m), cap_prorated(m);
  std::vector<std::int64_t> income_rate, asset_rate, cap, unit, total_unit(m);
  std::vector<std::int32_t> per_capita, household;
  for (std::size_t i = 0; i < m; ++i) {
    unit.insert(unit.end(), s[i].rounding_unit.begin(), s[i].rounding_unit.end());
    total_unit[i] = s[i].total_unit;
    round_total[i] = s[i].round_total;
    cap_prorated[i] = s[i].cap_prorated;
    for (const CompiledPart& p : s[i].parts) {
      levied.push_back(p.levied);
      former_exempt.push_back(FormerExempt(p));
      income_rate.push_back(p.income_rate);
      asset_rate.push_back(p.asset_rate);
      cap.push_back(p.cap);
      for (const auto& tier : p.per_capita)
        for (const auto& stage : tier)
          per_capita.insert(per_capita.end(), stage.begin(), stage.end());
      for (const auto& tier : p.household)
        for (const auto& stage : tier)
          household.insert(household.end(), stage.begin(), stage.end());
    }
  }
  auto put = [&](const char* name, const auto& v) {
    WriteFile(dir + "/" + name + ".bin", v.data(), v.size() * sizeof(v[0]));
  };
  put("sched_levied", levied);
  put("sched_former_exempt", former_exempt);
  put("sched_income_rate", income_rate);
  put("sched_asset_rate", asset_rate);
  put("sched_cap", cap);
  put("sched_per_capita", per_capita);
  put("sched_household", household);
  put("sched_rounding_unit", unit);
  put("sched_total_unit", total_unit);
  put("sched_round_total", round_total);
  put("sched_cap_prorated", cap_prorated);
}

// ---- Machine ------------------------------------------------------------------------------

/// A /proc/self/status figure in KiB: "VmHWM" (peak resident set) or "VmRSS" (now).
long StatusKib(const std::string& key) {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind(key + ":", 0) == 0) return std::stol(line.substr(key.size() + 1));
  return -1;
}

/// Read bandwidth in bytes/s: a sum of 64-bit words over `bytes` bytes on `threads` threads
/// (median of reps).
double ReadBandwidth(const void* data, std::size_t bytes, unsigned threads, int reps) {
  const auto* w = static_cast<const std::uint64_t*>(data);
  const std::size_t n = bytes / 8;
  std::vector<double> t;
  std::atomic<std::uint64_t> sink{0};
  for (int r = 0; r < reps; ++r) {
    const auto t0 = Clock::now();
    ParallelFor(n, threads, [&](std::size_t b, std::size_t e, unsigned) {
      std::uint64_t s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      std::size_t i = b;
      for (; i + 4 <= e; i += 4) s0 += w[i], s1 += w[i + 1], s2 += w[i + 2], s3 += w[i + 3];
      for (; i < e; ++i) s0 += w[i];
      sink += s0 + s1 + s2 + s3;
    });
    t.push_back(Since(t0));
  }
  return static_cast<double>(n * 8) / Median(t);
}

struct Timing {
  double median = 0, best = 0;
  Yen checksum = 0;
  bool consistent = true;  ///< every repetition gave the same checksum
};

template <class F>
Timing Time(int reps, F&& f) {
  Timing out;
  std::vector<double> t;
  for (int r = 0; r < reps; ++r) {
    const auto t0 = Clock::now();
    const Yen sum = f();
    t.push_back(Since(t0));
    if (r == 0) out.checksum = sum;
    out.consistent &= sum == out.checksum;
  }
  out.median = Median(t);
  out.best = Best(t);
  return out;
}

Options Parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) throw std::invalid_argument(a + " needs a value");
      return argv[++i];
    };
    if (a == "--households")
      o.households = std::stoll(next());
    else if (a == "--municipalities")
      o.municipalities = std::stoi(next());
    else if (a == "--reps")
      o.reps = std::stoi(next());
    else if (a == "--seed")
      o.seed = std::stoull(next());
    else if (a == "--fy")
      o.fiscal_year = std::stoi(next());
    else if (a == "--shuffle")
      o.shuffle = true;
    else if (a == "--generator")
      o.generator = next();
    else if (a == "--kpop")
      o.kpop = next();
    else if (a == "--variants")
      o.variants = true;
    else if (a == "--export")
      o.export_dir = next();
    else if (a == "--load")
      o.load_dir = next();
    else if (a == "--json")
      o.json = next();
    else if (a == "--subset")
      o.subset = std::stoll(next());
    else
      throw std::invalid_argument("unknown option " + a);
  }
  if (o.municipalities < 1 || o.municipalities > 65535 || o.households < 1 || o.reps < 1)
    throw std::invalid_argument("bad sizes");
#ifndef KOKUHO_BENCH_HAVE_SYNTH
  if (o.generator == "synth") o.generator = "random";  // not in this tree yet
#endif
  if (o.generator != "synth" && o.generator != "random")
    throw std::invalid_argument("--generator synth or random");
  return o;
}

}  // namespace

int main(int argc, char** argv) try {
  const Options o = Parse(argc, argv);
  const NationalRules rules = LoadNationalRules(o.fiscal_year);
  std::string json = "{";
  auto add = [&](const std::string& key, const std::string& value) {
    json += fmt::format("{}\"{}\": {}", json.size() > 1 ? ",\n " : "", key, value);
  };

  // Schedules: one per municipality.
  std::mt19937_64 srng(o.seed * 31 + 7);
  std::vector<CompiledSchedule> compiled;
  for (int m = 0; m < o.municipalities; ++m)
    compiled.push_back(Compile(RandomSchedule(srng, m, o.fiscal_year), rules));

  std::vector<PreparedHousehold> hh;
  if (!o.load_dir.empty()) {
    const auto t0 = Clock::now();
    hh = ImportColumns(o.load_dir);
    fmt::print("loaded {} households from {} in {:.3f} s\n", hh.size(), o.load_dir, Since(t0));
    for (const auto& h : hh)
      if (h.municipality >= o.municipalities)
        throw std::runtime_error("--municipalities is smaller than in the loaded population");
  } else {
    GenerateTimes times;
#ifdef KOKUHO_BENCH_HAVE_SYNTH
    if (o.generator == "synth") hh = Synthesized(o, rules, times);
#endif
    if (o.generator == "random") hh = Generate(o, rules, times.prepare, times.generate);
    fmt::print("generated {} households in {} municipalities with {} in {:.1f} s (not timed)\n",
               hh.size(), o.municipalities,
               o.generator == "synth" ? "premium::Synthesize" : "testing::RandomHousehold",
               times.generate);
    fmt::print("PrepareAll, 2 threads: {:.3f} s = {:.2f} M households/s\n", times.prepare,
               hh.size() / times.prepare / 1e6);
    add("generator", "\"" + o.generator + "\"");
    add("prepare_s", fmt::format("{:.6f}", times.prepare));
    if (times.hwm_prepared_kib) add("hwm_prepared_kib", std::to_string(times.hwm_prepared_kib));
    if (times.kpop_bytes) {
      fmt::print(
          ".kpop: {:.0f} MB written in {:.3f} s ({:.2f} GB/s); ReadKpop (read + verify) {:.3f} "
          "s ({:.2f} GB/s, page cache) against {:.3f} s ({:.2f} GB/s) for reading the bytes "
          "alone; {}\n",
          times.kpop_bytes / 1e6, times.kpop_write, times.kpop_bytes / times.kpop_write / 1e9,
          times.kpop_read, times.kpop_bytes / times.kpop_read / 1e9, times.kpop_raw_read,
          times.kpop_bytes / times.kpop_raw_read / 1e9,
          times.kpop_same ? "columns identical" : "COLUMNS DIFFER");
      add("kpop", fmt::format("{{\"bytes\": {}, \"write_s\": {:.4f}, \"read_s\": {:.4f}, "
                              "\"raw_read_s\": {:.4f}, \"same\": {}}}",
                              times.kpop_bytes, times.kpop_write, times.kpop_read,
                              times.kpop_raw_read, times.kpop_same ? "true" : "false"));
      if (!times.kpop_same) throw std::runtime_error(".kpop read back differs");
    }
  }
  const std::size_t n = hh.size();
  add("households", std::to_string(n));
  add("municipalities", std::to_string(o.municipalities));
  add("sizeof_prepared", std::to_string(sizeof(PreparedHousehold)));
  add("shuffled", o.shuffle ? "true" : "false");
  if (o.load_dir.empty()) {
    std::size_t members = 0, kaigo = 0, rare = 0;
    for (const auto& h : hh) {
      members += h.members;
      kaigo += h.kaigo.months > 0;
      rare += !IsCompactable(h);
    }
    fmt::print(
        "{:.2f} members per household; {:.1f}% with 介護 months; {:.1f}% with a rare "
        "feature (旧被扶養者, 産前産後, 特定世帯, part-year)\n",
        double(members) / n, 100.0 * kaigo / n, 100.0 * rare / n);
    add("members_per_household", fmt::format("{:.4f}", double(members) / n));
    add("rare_share", fmt::format("{:.4f}", double(rare) / n));
  }

  // The resident set of the levy phase: the prepared households and the schedules (the
  // population they came from is gone).
  const long levy_rss = StatusKib("VmRSS");

  // The levy: LevySum on 1 and 2 threads, LevyAll on 2.
  std::string levy_json;
  Yen checksum = 0;
  bool ok = true;
  for (unsigned threads : {1u, 2u}) {
    const Timing t = Time(o.reps, [&] { return LevySum(hh, compiled, threads); });
    fmt::print(
        "LevySum, {} thread{}: median {:.2f} ms (best {:.2f}) = {:.1f} M households/s; "
        "checksum {}\n",
        threads, threads > 1 ? "s" : "", t.median * 1e3, t.best * 1e3, n / t.median / 1e6,
        t.checksum);
    if (threads == 1) checksum = t.checksum;
    ok &= t.consistent && t.checksum == checksum;
    levy_json += fmt::format("{}\"{}\": {{\"median_ms\": {:.4f}, \"best_ms\": {:.4f}}}",
                             threads > 1 ? ", " : "", threads, t.median * 1e3, t.best * 1e3);
  }
  add("levy_sum", "{" + levy_json + "}");
  // The product's batch path: the compact layout (src/premium/compact.h), built once.
  {
    const auto c0 = std::chrono::steady_clock::now();
    const CompactPopulation compact = Compact(hh);
    const double build_s =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - c0).count();
    fmt::print("Compact: {} plain households (24 B) + {} rare, built in {:.3f} s\n",
               compact.plain.size(), compact.rare.size(), build_s);
    std::string compact_json;
    for (unsigned threads : {1u, 2u}) {
      const Timing t = Time(o.reps, [&] { return LevySum(compact, compiled, threads); });
      fmt::print(
          "LevySum (compact), {} thread{}: median {:.2f} ms (best {:.2f}) = {:.1f} M "
          "households/s; checksum {}\n",
          threads, threads > 1 ? "s" : "", t.median * 1e3, t.best * 1e3, n / t.median / 1e6,
          t.checksum);
      ok &= t.consistent && t.checksum == checksum;
      compact_json += fmt::format("{}\"{}\": {{\"median_ms\": {:.4f}, \"best_ms\": {:.4f}}}",
                                  threads > 1 ? ", " : "", threads, t.median * 1e3, t.best * 1e3);
    }
    add("levy_sum_compact", "{" + compact_json + "}");
    add("compact_build_ms", fmt::format("{:.4f}", build_s * 1e3));
  }
  add("checksum", std::to_string(checksum));
  const Deciles bounds = AssignDeciles(hh);  // not timed
  {
    const Timing t = Time(o.reps, [&] {
      const LevyAllResult r = LevyAll(hh, compiled, bounds, false, 2);
      Yen s = 0;
      for (const auto& m : r.municipalities) s += m.total;
      return s;
    });
    fmt::print(
        "LevyAll (per-municipality totals, 軽減 by tier, deciles, types), 2 threads: "
        "median {:.2f} ms (best {:.2f}) = {:.1f} M households/s; checksum {}\n",
        t.median * 1e3, t.best * 1e3, n / t.median / 1e6, t.checksum);
    ok &= t.consistent && t.checksum == checksum;
    add("levy_all_2", fmt::format("{{\"median_ms\": {:.4f}, \"best_ms\": {:.4f}}}", t.median * 1e3,
                                  t.best * 1e3));
  }

  // Read bandwidth and the bound it sets.
  const std::size_t bytes = n * sizeof(PreparedHousehold);
  const int bw_reps = std::max(3, o.reps);
  const double bw1 = ReadBandwidth(hh.data(), bytes, 1, bw_reps);
  const double bw2 = ReadBandwidth(hh.data(), bytes, 2, bw_reps);
  // What the kernel reads of a household: municipality, tier, the two first segments and
  // the `more` vector's header (its heap segments only for the rare households).
  const std::size_t used = sizeof(PreparedHousehold::municipality) +
                           sizeof(PreparedHousehold::tier) + 2 * sizeof(Segment) +
                           sizeof(PreparedHousehold::more) + sizeof(PreparedHousehold::more_all);
  fmt::print(
      "read bandwidth over the {:.0f} MB prepared array: {:.2f} GB/s (1 thread), {:.2f} "
      "GB/s (2 threads) → bound {:.0f} M households/s at {} B each ({} B of it read by "
      "the kernel: {:.0f} M/s if only those were streamed)\n",
      bytes / 1e6, bw1 / 1e9, bw2 / 1e9, bw2 / sizeof(PreparedHousehold) / 1e6,
      sizeof(PreparedHousehold), used, bw2 / used / 1e6);
  add("bandwidth_gbs", fmt::format("{{\"1\": {:.3f}, \"2\": {:.3f}}}", bw1 / 1e9, bw2 / 1e9));
  add("kernel_bytes", std::to_string(used));

  // Prototype kernels (bench/premium_fast.h).
  if (o.variants) {
    std::string vj;
    auto run = [&](const std::string& name, unsigned threads, auto&& f) {
      const Timing t = Time(o.reps, f);
      const bool same = t.consistent && t.checksum == checksum;
      fmt::print("  {:<44} {} thr: median {:7.2f} ms (best {:7.2f}) = {:6.1f} M/s  {}\n", name,
                 threads, t.median * 1e3, t.best * 1e3, n / t.median / 1e6,
                 same ? "checksum ok" : "CHECKSUM MISMATCH");
      ok &= same;
      vj += fmt::format("{}\"{} / {}\": {{\"median_ms\": {:.4f}, \"best_ms\": {:.4f}}}",
                        vj.empty() ? "" : ", ", name, threads, t.median * 1e3, t.best * 1e3);
    };
    fmt::print("prototypes (bench/premium_fast.h):\n");
    run("LevyHousehold flattened into the loop", 1,
        [&] { return fast::SumFlattened(hh, compiled, 1); });
    for (unsigned th : {1u, 2u})
      run("total only, same layout", th, [&] { return fast::SumTotalOnly(hh, compiled, th); });
    run("total only, target_clones(avx2)", 1,
        [&] { return fast::SumTotalOnlyClones(hh, compiled, 1); });
    const auto t0 = Clock::now();
    for (const PreparedHousehold& h : hh)  // the prototypes' reciprocal multiplies need < 2^40
      if (h.all.base >= (std::int64_t{1} << 40) || h.kaigo.base >= (std::int64_t{1} << 40))
        throw std::range_error("a household outside the prototypes' widths");
    const fast::HotPopulation hot = Compact(hh);
    const double build = Since(t0);
    fmt::print(
        "  hot layout: {} B per household in the hot array + {} rare households in "
        "full ({:.3f} s to build)\n",
        sizeof(fast::HotHousehold), hot.rare.size(), build);
    const auto tables = fast::BuildTables(compiled);
    const auto tables2 = fast::BuildTables2(compiled);
    for (unsigned th : {1u, 2u})
      run("hot 24 B + fast path, divisions", th,
          [&] { return fast::SumHot(hot, tables, compiled, th, false); });
    for (unsigned th : {1u, 2u})
      run("hot 24 B + fast path, no divisions", th,
          [&] { return fast::SumHot2(hot, tables2, compiled, th); });
    for (unsigned th : {1u, 2u})
      run("hot 24 B, no divisions, 介護 split", th,
          [&] { return fast::SumHot3(hot, tables2, compiled, th); });
    fmt::print("  read bandwidth bound at 24 B per household: {:.0f} M households/s\n",
               bw2 / sizeof(fast::HotHousehold) / 1e6);
    add("hot_build_s", fmt::format("{:.4f}", build));
    add("rare_households", std::to_string(hot.rare.size()));
    add("variants", "{" + vj + "}");
    add("hot_bytes", std::to_string(sizeof(fast::HotHousehold)));
  }

  // Export for the baselines, and the time to write and read back.
  if (!o.export_dir.empty()) {
    const LevyAllResult all = LevyAll(hh, compiled, bounds, true, 2);
    const std::size_t subset = std::min<std::size_t>(n, static_cast<std::size_t>(o.subset));
    Yen subset_sum = 0;
    for (std::size_t i = 0; i < subset; ++i) subset_sum += all.household_totals[i];
    std::vector<Yen> muni(all.municipalities.size());
    for (std::size_t m = 0; m < muni.size(); ++m) muni[m] = all.municipalities[m].total;
    const auto t0 = Clock::now();
    const std::size_t written = ExportColumns(o.export_dir, hh);
    const double write_s = Since(t0);
    ExportTables(o.export_dir, compiled);
    WriteFile(o.export_dir + "/municipality_totals.bin", muni.data(), muni.size() * sizeof(Yen));
    const auto t2 = Clock::now();
    std::size_t raw = 0;
    for (const auto& list : {Columns(), SegmentColumns()})
      for (const Column& c : list) raw += ReadFile(o.export_dir + "/" + c.name + ".bin").size();
    const double raw_s = Since(t2);
    const auto t1 = Clock::now();
    const std::vector<PreparedHousehold> back = ImportColumns(o.export_dir);
    const double read_s = Since(t1);
    const Yen back_sum = LevySum(back, compiled, 2);
    ok &= back_sum == checksum;
    fmt::print(
        "export: {} columns, {:.0f} MB written in {:.3f} s ({:.2f} GB/s); read (page cache) "
        "in {:.3f} s ({:.2f} GB/s), and into PreparedHousehold in {:.3f} s ({:.2f} GB/s); "
        "checksum {}\n",
        Columns().size() + SegmentColumns().size(), written / 1e6, write_s, written / write_s / 1e9,
        raw_s, raw / raw_s / 1e9, read_s, written / read_s / 1e9,
        back_sum == checksum ? "ok" : "MISMATCH");
    add("export", fmt::format("{{\"bytes\": {}, \"write_s\": {:.4f}, \"raw_read_s\": {:.4f}, "
                              "\"read_s\": {:.4f}}}",
                              written, write_s, raw_s, read_s));
    // manifest.json
    auto list = [](const std::vector<Column>& columns) {
      std::string out;
      for (const Column& c : columns)
        out += fmt::format("{}\n    \"{}\": {{\"file\": \"{}.bin\", \"dtype\": \"{}\"}}",
                           out.empty() ? "" : ",", c.name, c.name, c.dtype);
      return out;
    };
    const std::string cols = list(Columns()), seg_cols = list(SegmentColumns());
    const std::size_t m = compiled.size();
    const std::string manifest = fmt::format(
        R"json({{
  "format": "kokuho premium bench export 1 (raw little-endian arrays)",
  "households": {n},
  "municipalities": {m},
  "fiscal_year": {fy},
  "checksum": {checksum},
  "subset_households": {subset},
  "subset_checksum": {subset_sum},
  "rate_denominator": {den},
  "columns": {{{cols}
  }},
  "segments": {{{seg_cols}
  }},
  "tables": {{
    "levied": {{"file": "sched_levied.bin", "dtype": "u1", "shape": [{m}, 4]}},
    "former_exempt": {{"file": "sched_former_exempt.bin", "dtype": "u1", "shape": [{m}, 4]}},
    "income_rate": {{"file": "sched_income_rate.bin", "dtype": "<i8", "shape": [{m}, 4]}},
    "asset_rate": {{"file": "sched_asset_rate.bin", "dtype": "<i8", "shape": [{m}, 4]}},
    "cap": {{"file": "sched_cap.bin", "dtype": "<i8", "shape": [{m}, 4]}},
    "per_capita": {{"file": "sched_per_capita.bin", "dtype": "<i4", "shape": [{m}, 4, 4, 6, 4],
                   "axes": ["municipality", "part", "tier", "stage", "category"]}},
    "household": {{"file": "sched_household.bin", "dtype": "<i4", "shape": [{m}, 4, 4, 5, 6],
                  "axes": ["municipality", "part", "tier", "stage", "status"]}},
    "rounding_unit": {{"file": "sched_rounding_unit.bin", "dtype": "<i8", "shape": [{m}, 4]}},
    "total_unit": {{"file": "sched_total_unit.bin", "dtype": "<i8", "shape": [{m}]}},
    "round_total": {{"file": "sched_round_total.bin", "dtype": "u1", "shape": [{m}]}},
    "cap_prorated": {{"file": "sched_cap_prorated.bin", "dtype": "u1", "shape": [{m}]}}
  }},
  "municipality_totals": {{"file": "municipality_totals.bin", "dtype": "<i8", "shape": [{m}]}}
}}
)json",
        fmt::arg("n", n), fmt::arg("m", m), fmt::arg("fy", o.fiscal_year),
        fmt::arg("checksum", checksum), fmt::arg("subset", subset),
        fmt::arg("subset_sum", subset_sum), fmt::arg("den", kPpmOne), fmt::arg("cols", cols),
        fmt::arg("seg_cols", seg_cols));
    WriteFile(o.export_dir + "/manifest.json", manifest.data(), manifest.size());
  }

  const long rss = StatusKib("VmHWM");
  fmt::print(
      "peak RSS (VmHWM, generation included): {:.0f} MiB; resident during the levy: {:.0f} "
      "MiB\n",
      rss / 1024.0, levy_rss / 1024.0);
  add("peak_rss_kib", std::to_string(rss));
  add("levy_rss_kib", std::to_string(levy_rss));
  add("ok", ok ? "true" : "false");
  json += "}\n";
  if (!o.json.empty()) WriteFile(o.json, json.data(), json.size());
  if (!ok) {
    fmt::print(stderr, "checksums differ between kokuho's own runs\n");
    return 1;
  }
  return 0;
} catch (const std::exception& e) {
  fmt::print(stderr, "kokuho_premium_bench: {}\n", e.what());
  return 2;
}
