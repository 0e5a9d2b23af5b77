// A per-thread pool for GMP's small allocations.
//
// Exact arithmetic (core/rational.h) makes and frees short-lived GMP numbers in every
// operation; with glibc's malloc that bookkeeping was about 40% of a nation-wide
// 納付金 run (callgrind, docs/benchmarks.md). GMP passes the size of every block it
// frees, so blocks can be kept on per-thread free lists keyed by their exact size and
// handed out again without touching malloc. Installed once, before main, through
// mp_set_memory_functions; blocks are plain malloc blocks, so the pool is safe for
// blocks GMP allocated before it was installed (they return to the list of their own
// exact size).
#pragma once

namespace kokuho {

/// Installs the pool (idempotent). Called by a static initializer in rational.cc, which
/// every program using kokuho links.
void InstallGmpPool();

}  // namespace kokuho
