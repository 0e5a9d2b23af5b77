// KPI definitions (YAML; an empty first part: the embedded data/kpi/definitions.yaml) and a
// KPI data table, split at "\n%%%%\n".
#include "core/error.h"
#include "fuzz/fuzz_target.h"
#include "io/embedded_data.h"
#include "readers/kpi_loader.h"

KOKUHO_FUZZ_TARGET(kpi) {
  using namespace kokuho::fuzz;
  const auto parts = SplitParts(AsText(data, size), 2);
  // The embedded definitions are parsed once (the suite covers them).
  static const std::vector<kokuho::kpi::Definition> embedded = kokuho::ParseKpiDefinitions(
      std::string(kokuho::EmbeddedDataFile("data/kpi/definitions.yaml")), "definitions.yaml");
  try {
    std::vector<kokuho::kpi::Definition> parsed;
    if (!parts[0].empty()) parsed = kokuho::ParseKpiDefinitions(parts[0], "definitions.yaml");
    kokuho::LoadKpiData(WriteScratch("kpi.csv", parts[1]), parts[0].empty() ? embedded : parsed);
  } catch (const kokuho::InputError&) {
  }
}
