#include "cli/kpi_inputs.h"

#include <filesystem>

#include "cli/commands.h"
#include "io/embedded_data.h"
#include "readers/kpi_loader.h"

namespace kokuho::cli {
namespace {

constexpr const char* kBundledDefinitions = "data/kpi/definitions.yaml";

std::string DefinitionsFile(const std::string& data, const std::string& definitions);

// The definitions to use: --definitions; else DATA/definitions.yaml; else the bundled
// data/kpi/definitions.yaml, compiled in when CMakeLists.txt embeds it, otherwise read
// from the source tree beside the examples folder.
std::vector<kpi::Definition> LoadDefinitions(const std::string& data,
                                             const std::string& definitions, std::string* used) {
  *used = DefinitionsFile(data, definitions);
  // error_code forms: a path the system refuses (too long …) counts as absent, and the
  // reader then names it, instead of a filesystem_error with no position.
  std::error_code ec;
  if (definitions.empty() && !std::filesystem::exists(*used, ec)) {
    std::string_view text = EmbeddedDataFile(kBundledDefinitions);
    if (!text.empty()) {
      *used = std::string(kBundledDefinitions) + " (built in)";
      return ParseKpiDefinitions(std::string(text), kBundledDefinitions);
    }
  }
  return LoadKpiDefinitions(*used);
}

std::string DefinitionsFile(const std::string& data, const std::string& definitions) {
  namespace fs = std::filesystem;
  if (!definitions.empty()) return definitions;
  std::error_code ec;
  if (fs::is_directory(data, ec) && fs::exists(fs::path(data) / "definitions.yaml", ec))
    return (fs::path(data) / "definitions.yaml").string();
  // The bundled definitions sit beside the examples folder: <source>/data/kpi.
  fs::path examples = fs::path(ExamplesDir());
  if (!examples.has_filename()) examples = examples.parent_path();  // "…/examples/"
  return (examples.parent_path() / "data" / "kpi" / "definitions.yaml").string();
}

}  // namespace

KpiEvaluation EvaluateKpiData(const std::string& data, const std::string& definitions) {
  KpiEvaluation e;
  e.definitions = LoadDefinitions(data, definitions, &e.definitions_file);
  e.data_file = KpiDataFile(data);
  e.observations = LoadKpiData(e.data_file, e.definitions);
  e.result = kpi::Evaluate(e.definitions, e.observations);
  return e;
}

}  // namespace kokuho::cli
