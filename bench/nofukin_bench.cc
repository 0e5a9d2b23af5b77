// kokuho_bench: 納付金 and 標準保険料率 for the synthetic nation (bench/synthetic_nation.h).
//
//   kokuho_bench                      # Google Benchmark (all benchmarks below)
//   kokuho_bench --benchmark_filter=Nation/trace:0 --benchmark_repetitions=3
//   kokuho_bench --export DIR         # write the inputs and kokuho's results as CSV
//                                     # for bench/baseline_pandas.py and baseline_sqlite.py
//
// One iteration = nofukin::Compute over all 47 prefecture cases (1,741 municipalities,
// four 分, 激変緩和, all three kinds of 標準保険料率) with the options `kokuho nofukin`,
// `scenario run` and serve use (ComputeOptions::detail off: the integer paths); trace:1 adds
// the trace (as `kokuho explain`), BM_NationDetail keeps every exact intermediate (as the
// Python module). Building the cases is not timed; building and destroying the Results is.
#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include "nofukin/batch.h"
#include "nofukin/engine.h"
#include "synthetic_nation.h"

namespace {

using kokuho::bench::SyntheticNation;
namespace nofukin = kokuho::nofukin;

const std::vector<nofukin::Case>& Nation() {
  static const std::vector<nofukin::Case> nation = SyntheticNation();
  return nation;
}

size_t CountMunicipalities(const std::vector<nofukin::Case>& nation) {
  size_t n = 0;
  for (const auto& c : nation) n += c.municipalities.size();
  return n;
}

// The whole nation per iteration on one thread; trace off or on (for the cost of the trace).
void BM_Nation(benchmark::State& state) {
  const auto& nation = Nation();
  const nofukin::ComputeOptions options{.trace = state.range(0) != 0, .detail = false};
  size_t steps = 0;
  for (auto _ : state) {
    for (const auto& c : nation) {
      nofukin::Result r = nofukin::Compute(c, options);
      steps += r.trace.steps().size();
      benchmark::DoNotOptimize(r);
    }
  }
  state.counters["municipalities"] = static_cast<double>(CountMunicipalities(nation));
  state.counters["trace_steps"] =
      static_cast<double>(steps) /
      static_cast<double>(std::max<benchmark::IterationCount>(1, state.iterations()));
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(nation.size()));
}
double Min(const std::vector<double>& v) { return *std::min_element(v.begin(), v.end()); }

BENCHMARK(BM_Nation)
    ->ArgName("trace")
    ->Arg(0)
    ->Arg(1)
    ->Unit(benchmark::kMillisecond)
    ->ComputeStatistics("min", Min);

// With every exact intermediate (w_i, C·w_i·γ, the exact rates): the rational rates.
void BM_NationDetail(benchmark::State& state) {
  const auto& nation = Nation();
  for (auto _ : state) {
    for (const auto& c : nation) {
      nofukin::Result r = nofukin::Compute(c, {.detail = true});
      benchmark::DoNotOptimize(r);
    }
  }
}
BENCHMARK(BM_NationDetail)->Unit(benchmark::kMillisecond)->ComputeStatistics("min", Min);

// The nation as a product run computes it: nofukin::ComputeAll, the 47 independent
// prefectures spread over all cores (the wall time the requirement counts).
void BM_NationParallel(benchmark::State& state) {
  const auto& nation = Nation();
  const unsigned workers = static_cast<unsigned>(state.range(0));
  for (auto _ : state) {
    std::vector<nofukin::Result> results = nofukin::ComputeAll(nation, {.detail = false}, workers);
    benchmark::DoNotOptimize(results);
  }
}
BENCHMARK(BM_NationParallel)
    ->ArgName("threads")
    ->Arg(static_cast<int>(std::max(2u, std::thread::hardware_concurrency())))
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->ComputeStatistics("min", Min);

// The largest prefecture alone (北海道, 179 municipalities), trace off.
void BM_Hokkaido(benchmark::State& state) {
  const auto& c = Nation().front();
  for (auto _ : state) {
    nofukin::Result r = nofukin::Compute(c, {.detail = false});
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_Hokkaido)->Unit(benchmark::kMillisecond);

}  // namespace

int main(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--export") == 0) {
      if (i + 1 >= argc) {
        fmt::print(stderr, "usage: kokuho_bench --export DIR\n");
        return 2;
      }
      const std::string dir = argv[i + 1];
      const auto& nation = Nation();
      kokuho::bench::ExportNationInputs(nation, dir);
      kokuho::bench::ExportKokuhoResults(nation, dir);
      fmt::print("exported {} prefectures, {} municipalities to {}\n", nation.size(),
                 CountMunicipalities(nation), dir);
      return 0;
    }
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  const auto& nation = Nation();  // built before timing starts
  if (nation.size() != kokuho::bench::kNationPrefectures ||
      CountMunicipalities(nation) != kokuho::bench::kNationMunicipalities) {
    fmt::print(stderr, "synthetic nation has {} prefectures / {} municipalities\n", nation.size(),
               CountMunicipalities(nation));
    return 1;
  }
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
