// Synthesize with an explicit thread count (synth.h's Synthesize uses every core). The
// population does not depend on the thread count: every household draws from its own
// generator, seeded by (seed, household index).
//
//   premium::Population one = premium::Synthesize(options, 1);
//   premium::Population two = premium::Synthesize(options, 2);  // the same columns
#pragma once

#include "premium/synth.h"

namespace kokuho::premium {

/// Synthesize on `threads` threads (0 = all cores).
Population Synthesize(const SynthOptions& options, unsigned threads);

}  // namespace kokuho::premium
