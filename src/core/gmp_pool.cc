#include "core/gmp_pool.h"

#include <gmp.h>

#include <cstdlib>
#include <cstring>
#include <new>

namespace kokuho {
namespace {

constexpr size_t kWord = 8;              // GMP asks for whole limbs (8 bytes on x86-64)
constexpr size_t kClasses = 64;          // blocks of 8 … 512 bytes are pooled
constexpr size_t kMaxBytes = 16u << 20;  // per thread; beyond this, blocks go back to malloc

// One free list per exact block size; the link lives in the free block itself. Plain
// data, so that thread-local access is a direct TLS load (no init guard per call).
struct Pool {
  void* head[kClasses];
  size_t bytes;
  bool cleanup_registered;
  bool gone;  // the thread is ending: blocks go straight back to malloc
};
thread_local Pool pool;

// Returns the thread's blocks to malloc when the thread ends. Touched once per thread,
// when the first block is kept.
struct Cleanup {
  ~Cleanup() {
    for (size_t c = 0; c < kClasses; ++c)
      while (pool.head[c]) {
        void* next = *static_cast<void**>(pool.head[c]);
        std::free(pool.head[c]);
        pool.head[c] = next;
      }
    pool.bytes = 0;
    pool.gone = true;
  }
};
thread_local Cleanup cleanup;

// The class of an exact size, or kClasses when the size is not pooled.
size_t ClassOf(size_t size) {
  if (size == 0 || size % kWord != 0 || size / kWord > kClasses) return kClasses;
  return size / kWord - 1;
}

void* Allocate(size_t size) {
  const size_t c = ClassOf(size);
  if (c < kClasses && pool.head[c]) {
    void* block = pool.head[c];
    pool.head[c] = *static_cast<void**>(block);
    pool.bytes -= size;
    return block;
  }
  void* block = std::malloc(size == 0 ? 1 : size);
  if (!block) throw std::bad_alloc();
  return block;
}

void Free(void* block, size_t size) {
  const size_t c = ClassOf(size);
  if (c >= kClasses || pool.gone || pool.bytes + size > kMaxBytes) {
    std::free(block);
    return;
  }
  if (!pool.cleanup_registered) {
    pool.cleanup_registered = true;
    [[maybe_unused]] Cleanup* registered = &cleanup;  // constructs it, so its destructor runs
  }
  *static_cast<void**>(block) = pool.head[c];
  pool.head[c] = block;
  pool.bytes += size;
}

void* Reallocate(void* block, size_t old_size, size_t new_size) {
  if (ClassOf(old_size) >= kClasses && ClassOf(new_size) >= kClasses) {
    void* moved = std::realloc(block, new_size);
    if (!moved) throw std::bad_alloc();
    return moved;
  }
  void* fresh = Allocate(new_size);
  std::memcpy(fresh, block, old_size < new_size ? old_size : new_size);
  Free(block, old_size);
  return fresh;
}

}  // namespace

void InstallGmpPool() { mp_set_memory_functions(Allocate, Reallocate, Free); }

}  // namespace kokuho
