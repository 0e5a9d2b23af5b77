// A synthetic nation for the benchmarks: 47 prefecture Cases, 1,741 municipalities.
//
// Deterministic (std::mt19937_64 with a fixed seed; the uniform draws are made from
// the raw engine output, not std:: distributions, whose results differ between
// standard libraries), so every run, machine and baseline sees the same inputs.
//
// The figures are plausible, not real: the municipality count of each prefecture is
// the real one (市町村 + 東京23区 = 1,741), everything else is drawn —
//   N log-uniform 200–300,000 (介護分: 28–36% of N), H ≈ N/1.55, 3 years of income,
//   ε 0.8–1.2 (4 decimals), r 0.90–0.98 (4 decimals), α 0.5–1 (医療分),
//   β 0.7–1.3 with 13 decimals (per 分), e = 0.7, 3方式 (納付金 and 標準保険料率),
//   FY2027 with the four 分 (医療, 支援, 介護, 子ども), two 個別加減算 items
//   (努力支援 −, 納付金 stage; 保健事業費 +, 標準保険料率 stage), and 激変緩和 on the
//   1人当たり保険料 against a previous-year base with one pool (some prefectures short).
//
//   std::vector<nofukin::Case> nation = bench::SyntheticNation();
//   for (const auto& c : nation) nofukin::Compute(c);
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "nofukin/model.h"

namespace kokuho::bench {

inline constexpr std::uint64_t kNationSeed = 20270401;
inline constexpr int kNationPrefectures = 47;
inline constexpr int kNationMunicipalities = 1741;

/// The 47 prefecture cases, in prefecture-code order (01 北海道 … 47 沖縄県).
std::vector<nofukin::Case> SyntheticNation(std::uint64_t seed = kNationSeed);

/// Writes the nation's inputs as CSV under `dir` (created if missing), in the form the
/// baselines read (bench/baseline_pandas.py, bench/baseline_sqlite.py):
///   policies.csv, prefectures.csv, items.csv, municipality_parts.csv, item_amounts.csv.
void ExportNationInputs(const std::vector<nofukin::Case>& nation, const std::string& dir);

/// Computes the nation with kokuho and writes the results the baselines check against:
///   kokuho_results.csv (per municipality and 分), kokuho_parts.csv (per prefecture and 分).
void ExportKokuhoResults(const std::vector<nofukin::Case>& nation, const std::string& dir);

}  // namespace kokuho::bench
