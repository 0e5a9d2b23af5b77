// KPI definitions (YAML; an empty first part: the embedded data/kpi/definitions.yaml) and a
// KPI data table, split at "\n%%%%\n".
#include "core/error.h"
#include "fuzz/fuzz_target.h"
#include "io/embedded_data.h"
#include "readers/kpi_loader.h"

KOKUHO_FUZZ_TARGET(kpi) {
  using namespace kokuho::fuzz;
  const auto parts = SplitParts(AsText(data, size), 2);
  try {
    const std::string defs_text =
        parts[0].empty() ? std::string(kokuho::EmbeddedDataFile("data/kpi/definitions.yaml"))
                         : parts[0];
    const auto defs = kokuho::ParseKpiDefinitions(defs_text, "definitions.yaml");
    kokuho::LoadKpiData(WriteScratch("kpi.csv", parts[1]), defs);
  } catch (const kokuho::InputError&) {
  }
}
