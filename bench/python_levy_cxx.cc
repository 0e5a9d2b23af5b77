// The C++ side of bench/python_run.sh (docs/benchmarks.md, "Python"): the work
// `kokuho.levy(columns)` and `Prepared.levy()` do, called from C++ on a population already
// in memory (read from a .kpop first, not timed): PrepareAll + LevyEach into fresh arrays
// (total and each 分's 賦課額), and LevyEach alone on the prepared households (totals only,
// and with the 分). Prints one JSON object: wall and CPU seconds (user + system of the
// process, all threads) per repetition, and Σ total.
//
//   kokuho_python_levy_cxx POP.kpop RATES.csv YEAR REPS
#include <fmt/format.h>
#include <sys/resource.h>

#include <chrono>
#include <iostream>
#include <string>
#include <vector>

#include "premium/batch.h"
#include "readers/population_io.h"
#include "readers/premium_rules_loader.h"
#include "readers/rate_schedule_loader.h"

using namespace kokuho;

namespace {

double CpuSeconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_utime.tv_sec + u.ru_utime.tv_usec / 1e6 + u.ru_stime.tv_sec +
         u.ru_stime.tv_usec / 1e6;
}

struct Timer {
  std::chrono::steady_clock::time_point wall = std::chrono::steady_clock::now();
  double cpu = CpuSeconds();
  std::string Json() const {
    const double w = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall).count();
    return fmt::format("{{\"wall\": {:.4f}, \"cpu\": {:.4f}}}", w, CpuSeconds() - cpu);
  }
};

/// LevyEach into fresh arrays (allocated inside the timing, as numpy's are).
Yen LevyInto(const std::vector<premium::PreparedHousehold>& prepared,
             const std::vector<premium::CompiledSchedule>& compiled,
             const premium::NationalRules& rules, bool parts) {
  const std::size_t n = prepared.size();
  std::vector<Yen> total(n);
  std::vector<std::uint8_t> tier(n);
  std::array<std::vector<Yen>, kPartCount> amount;
  premium::HouseholdColumns cols;
  cols.total = total.data();
  cols.tier = tier.data();
  for (int p = 0; p < kPartCount; ++p)
    if (parts && rules.levied[p]) {
      amount[p].resize(n);
      cols.amount[p] = amount[p].data();
    }
  premium::LevyEach(prepared, compiled, cols);
  Yen sum = 0;
  for (Yen t : total) sum += t;
  return sum;
}

}  // namespace

int main(int argc, char** argv) try {
  if (argc != 5) {
    std::cerr << "usage: kokuho_python_levy_cxx POP.kpop RATES.csv YEAR REPS\n";
    return 2;
  }
  const std::string kpop = argv[1], rates = argv[2];
  const int year = std::stoi(argv[3]), reps = std::stoi(argv[4]);
  const premium::NationalRules rules = LoadNationalRules(year);
  const premium::Population pop = ReadPopulation(kpop, year);
  const auto schedules = LoadRateSchedules(rates, year);
  std::vector<premium::CompiledSchedule> compiled;
  for (const std::string& code : pop.municipalities)
    compiled.push_back(
        CompileRateSchedule(FindRateSchedule(schedules, code, rates, year), rules, rates));
  std::string full, totals, parts;
  Yen checksum = 0;
  for (int r = 0; r < reps; ++r) {
    Timer t;
    const auto prepared = premium::PrepareAll(pop, rules);
    checksum = LevyInto(prepared, compiled, rules, true);
    full += (r ? ", " : "") + t.Json();
    Timer t2;
    LevyInto(prepared, compiled, rules, false);
    totals += (r ? ", " : "") + t2.Json();
    Timer t3;
    LevyInto(prepared, compiled, rules, true);
    parts += (r ? ", " : "") + t3.Json();
  }
  fmt::print(
      "{{\"households\": {}, \"members\": {}, \"checksum\": {},\n \"prepare_and_levy\": [{}],\n "
      "\"levy_totals\": [{}],\n \"levy_parts\": [{}]}}\n",
      pop.households(), pop.members(), checksum, full, totals, parts);
  return 0;
} catch (const std::exception& e) {
  std::cerr << "kokuho_python_levy_cxx: " << e.what() << "\n";
  return 1;
}
