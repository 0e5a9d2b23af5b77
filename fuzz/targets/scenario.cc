// A roadmap scenario (docs/scenario-format.md) next to a small valid case folder "case"
// (tests/data/bad_inputs/base), as examples/gunma-roadmap has ../gunma.
#include <filesystem>

#include "core/error.h"
#include "fuzz/fuzz_target.h"
#include "readers/scenario_loader.h"

KOKUHO_FUZZ_TARGET(scenario) {
  namespace fs = std::filesystem;
  static const bool copied = [] {
    const fs::path to = fs::path(kokuho::fuzz::ScratchDir()) / "case";
    fs::create_directories(to);
    for (const char* name : {"prefecture.yaml", "municipalities.csv"})
      fs::copy_file(fs::path(kokuho::fuzz::SourceDir()) / "tests/data/bad_inputs/base" / name,
                    to / name, fs::copy_options::overwrite_existing);
    return true;
  }();
  (void)copied;
  const std::string path =
      kokuho::fuzz::WriteScratch("scenario.yaml", kokuho::fuzz::AsText(data, size));
  try {
    kokuho::LoadScenario(path);
  } catch (const kokuho::InputError&) {
  }
}
