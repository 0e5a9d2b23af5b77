// libFuzzer entry points for the one target linked into this executable (fuzz/CMakeLists.txt).
#include <cstdio>
#include <cstdlib>

#include "fuzz/fuzz_target.h"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  if (kokuho::fuzz::Targets().size() != 1) {
    std::fprintf(stderr, "kokuho fuzz: expected exactly one target in this executable\n");
    std::abort();
  }
  kokuho::fuzz::UseFuzzLimits();
  kokuho::fuzz::ScratchDir();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  kokuho::fuzz::Targets().front().fn(data, size);
  return 0;
}
