// The 法定外繰入 / 赤字解消計画 table (docs/finance-format.md §2).
#include "core/error.h"
#include "fuzz/fuzz_target.h"
#include "readers/finance_loader.h"

KOKUHO_FUZZ_TARGET(deficits) {
  const std::string path =
      kokuho::fuzz::WriteScratch("deficits.csv", kokuho::fuzz::AsText(data, size));
  try {
    kokuho::LoadDeficits(path);
  } catch (const kokuho::InputError&) {
  }
}
