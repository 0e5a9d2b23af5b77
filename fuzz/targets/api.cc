// The JSON API of kokuho serve (src/server/api.h), called directly (no socket) on the sample
// prefecture with its sample rates, as the HTTP handlers call it. The first line names the
// endpoint — "compute", "municipality <code>", "levy" or "export" — and the rest is the
// request body; an input without such a line is a body for "compute".
#include "server/api.h"

#include "cli/serve_inputs.h"
#include "core/error.h"
#include "fuzz/fuzz_target.h"

namespace {

using namespace kokuho::server;

const AppData& App() {
  static const AppData app = kokuho::cli::LoadServeData(
      kokuho::fuzz::SourceDir() + "/examples/gunma",
      kokuho::fuzz::SourceDir() + "/examples/levy/rates-gunma-sample.csv", "");
  return app;
}

void Call(const AppData& app, std::string_view endpoint, const std::string& body) {
  if (endpoint == "levy") {
    LevyResponse(app, ParseBody(body)).dump();
  } else if (endpoint == "export") {
    const ExportRequest request = ParseExport(ParseBody(body));
    if (request.format == "csv") BuildExport(request);  // xlsx: libxlsxwriter, not a parser
  } else if (endpoint.rfind("municipality ", 0) == 0) {
    const kokuho::nofukin::Case c =
        ApplyScenario(app.case_data, ParseScenario(ParseBody(body), app.case_data));
    MunicipalityJson(app, c, ComputeScenario(c, true), std::string(endpoint.substr(13))).dump();
  } else {
    const kokuho::nofukin::Case c =
        ApplyScenario(app.case_data, ParseScenario(ParseBody(body), app.case_data));
    ComputeJson(app, c, ComputeScenario(c, false)).dump();
  }
}

}  // namespace

KOKUHO_FUZZ_TARGET(api) {
  const AppData& app = App();
  const std::string input = kokuho::fuzz::AsText(data, size);
  std::string_view endpoint = "compute";
  std::string body = input;
  const size_t eol = input.find('\n');
  if (eol != std::string::npos && eol <= 40) {
    const std::string_view first(input.data(), eol);
    if (first == "compute" || first == "levy" || first == "export" ||
        first.rfind("municipality ", 0) == 0) {
      endpoint = first;
      body = input.substr(eol + 1);
    }
  }
  try {
    Call(app, endpoint, body);
  } catch (const ApiError&) {
  }
}
