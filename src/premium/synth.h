// Synth: a synthetic 国保 population consistent with a sample prefecture — each
// municipality's households and insured members in proportion to its figures, an age
// structure and an income distribution for 国保 households calibrated to public national
// figures (docs/synth.md says which, with sources). Deterministic for a seed (the same
// seed gives the same population on any machine and any thread count).
//
//   premium::Population p = premium::Synthesize(options);
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "premium/population.h"

namespace kokuho::premium {

struct SynthMunicipality {
  std::string code;  ///< 団体コード
  std::string name;
  std::int64_t insured = 0;     ///< 被保険者数
  std::int64_t households = 0;  ///< 世帯数
};

struct SynthOptions {
  std::vector<SynthMunicipality> municipalities;
  std::int64_t households = 0;  ///< total to generate, split by the municipalities' shares
  std::uint64_t seed = 1;
  int fiscal_year = 0;  ///< the year the population is dated in (ages, 介護 40–64)
};

Population Synthesize(const SynthOptions& options);

}  // namespace kokuho::premium
