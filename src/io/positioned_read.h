// Reading exact byte ranges of a binary file by position (pread), for the formats that keep a
// directory of blocks: .kpop (io/kpop_format.h) and the claims store
// (readers/claims/claims_store.h).
#pragma once

#include <cstddef>
#include <cstdint>

namespace kokuho {

/// Reads exactly `size` bytes at `offset` of the open file `fd` (retrying after EINTR);
/// false on a read error or a file shorter than offset + size.
bool ReadAt(int fd, void* out, std::size_t size, std::uint64_t offset);

}  // namespace kokuho
