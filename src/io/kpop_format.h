// The binary columnar population file (.kpop, docs/population-format.md): a 64-byte
// header (magic "KOKUHOPOP\0", format version, counts, a checksum of the metadata),
// the municipality code table, a column directory, then each Population column as one
// raw little-endian array at a 64-byte aligned offset with its own XXH64 checksum.
// Reading is one pread per column straight into the vectors plus a checksum pass —
// disk/memory speed, no per-element parsing.
//
//   WriteKpop("pop.kpop", pop);
//   premium::Population back = ReadKpop("pop.kpop");  // identical, column by column
#pragma once

#include <cstdint>
#include <string>

#include "premium/population.h"

namespace kokuho {

/// The format version this build writes and reads.
inline constexpr std::uint32_t kKpopVersion = 1;

/// Reads and verifies a .kpop file. Throws InputError({path, 0, 0}, "byte offset N: …")
/// for a wrong magic, an unknown version, a truncated file, a missing or mis-sized
/// column, a checksum mismatch, member offsets that are not monotone or do not end at
/// the member count, and a municipality index out of range.
premium::Population ReadKpop(const std::string& path);

/// Writes `pop` atomically (temporary file + rename). Throws std::invalid_argument when
/// the columns are inconsistent (sizes differ), std::runtime_error when the file cannot
/// be written.
void WriteKpop(const std::string& path, const premium::Population& pop);

}  // namespace kokuho
