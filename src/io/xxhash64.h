// XXH64: Yann Collet's 64-bit xxHash (public-domain algorithm description,
// https://github.com/Cyan4973/xxHash/blob/dev/doc/xxhash_spec.md), the checksum of
// kokuho's binary population files (.kpop). It runs at memory speed, so a reader can
// verify every byte of a multi-gigabyte file without slowing down.
//
//   std::uint64_t h = Xxh64(data, size);  // seed 0; Xxh64("", 0) == 0xEF46DB3751D8E999
#pragma once

#include <cstddef>
#include <cstdint>

namespace kokuho {

/// The XXH64 hash of `size` bytes at `data` with `seed`.
std::uint64_t Xxh64(const void* data, std::size_t size, std::uint64_t seed = 0);

}  // namespace kokuho
