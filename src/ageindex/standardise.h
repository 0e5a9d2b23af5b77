// Age standardisation of per-capita medical costs and case rates (kokuho age-index).
//
// Indirect standardisation (SMR-style; docs/nofukin-rules.md, docs/ageindex-format.md 地域差指数):
//
//   index_i = Σ_a O_{i,a} / Σ_a (n_{i,a} × m_a)        observed ÷ expected
//
// with O the municipality's observed cost (yen) or cases, n its population (被保険者数
// or 人口) and m the standard's rate of band a (national per-capita cost, or cases
// per person). For costs this is the 年齢調整後医療費指数 ε_i of the 納付金 engine and
// is computed by nofukin::AgeAdjustedIndex (one formula in the code base).
//
// Direct standardisation (age-adjusted rate, e.g. 年齢調整 有病率):
//
//   adjusted_i = Σ_a (O_{i,a} / n_{i,a}) × P_a / Σ_a P_a
//
// with P the standard population of band a. Both are exact (Rational); rounding
// happens only for display (see docs/ageindex-format.md).
//
// Example (the textbook case of tests/ageindex/standardise_test.cc):
//
//   Standard s = {{"0-39", "40-64", "65+"}, {{"0-39", 1/100}, …}, {{"0-39", 500}, …}};
//   IndirectResult r = Indirect({{"0-39", 600, 6}, …}, s);   // r.index == 1
//   DirectResult d = Direct({{"0-39", 600, 6}, …}, s);       // d.adjusted_rate
//
// Sources: 厚生労働省「医療費の地域差分析」(年齢調整後医療費・地域差指数 = 実績 ÷ 全国の
// 年齢階級別1人当たり医療費で計算した期待値); the usual definitions of SMR and direct
// standardisation (e.g. 厚生労働省「人口動態統計特殊報告 都道府県別年齢調整死亡率」の
// 「年齢調整死亡率 = Σ(観察集団の年齢階級別死亡率 × 基準人口の年齢階級の人口) / 基準人口の総数」).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/rational.h"

namespace kokuho::ageindex {

/// One age band of one municipality: population and observed cost (yen) or cases.
struct BandCount {
  std::string band;
  std::int64_t population = 0;
  std::int64_t observed = 0;
};

/// The standard: its bands in order, and per band a rate (indirect) and/or a
/// population (direct). A map lacks a band when the file did not give that column.
struct Standard {
  std::vector<std::string> bands;
  std::map<std::string, Rational> rate;            ///< m_a, per person
  std::map<std::string, std::int64_t> population;  ///< P_a
  /// Σ_a m_a P_a / Σ_a P_a: the standard's own crude rate (needs both columns).
  std::optional<Rational> CrudeRate() const;
};

struct IndirectResult {
  Rational observed;    ///< Σ O
  Rational expected;    ///< Σ n × m
  Rational index;       ///< observed ÷ expected (nofukin::AgeAdjustedIndex)
  Rational crude_rate;  ///< Σ O ÷ Σ n
  std::int64_t population = 0;
};

struct DirectResult {
  Rational observed;
  Rational crude_rate;            ///< Σ O ÷ Σ n
  Rational adjusted_rate;         ///< Σ (O_a / n_a) P_a ÷ Σ P_a
  std::optional<Rational> ratio;  ///< adjusted_rate ÷ the standard's crude rate, if known
  std::int64_t population = 0;
};

/// Throws CalculationError when a band has no standard rate or the expected value is 0.
IndirectResult Indirect(const std::vector<BandCount>& bands, const Standard& standard);

/// Throws CalculationError when a band of the standard is missing, has no population
/// in the municipality, or the standard population is 0.
DirectResult Direct(const std::vector<BandCount>& bands, const Standard& standard);

}  // namespace kokuho::ageindex
