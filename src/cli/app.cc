#include <fmt/format.h>

#include <cstdlib>
#include <iostream>
#include <new>

#include "cli/commands.h"
#include "cli/usage_error.h"
#include "core/error.h"
#include "io/input_limits.h"

namespace kokuho::cli {

std::string ExamplesDir() {
  if (const char* env = std::getenv("KOKUHO_EXAMPLES"); env && *env) return env;
  return KOKUHO_EXAMPLES_DIR;
}

int RunCli(int argc, char** argv) {
  CLI::App app{"kokuho: 国民健康保険の納付金・標準保険料率 (National Health Insurance finance)"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "kokuho 0.1.0");
  Action action;
  RegisterNofukin(app, action);
  RegisterExplain(app, action);
  RegisterValidate(app, action);
  RegisterDemo(app, action);
  RegisterIncentive(app, action);
  RegisterKpi(app, action);
  RegisterChosei(app, action);
  RegisterAgeIndex(app, action);
  RegisterLevy(app, action);
  RegisterMicrosim(app, action);
  RegisterSynth(app, action);
  RegisterSolveRates(app, action);
  RegisterReportHtml(app, action);
  RegisterServe(app, action);
  RegisterFund(app, action);
  RegisterDeficits(app, action);
  RegisterScenario(app, action);
  RegisterReport(app, action);
  RegisterHandout(app, action);
  RegisterParams(app, action);
  RegisterClaims(app, action);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);  // --help, --version
    // CLI11's English, said in Japanese with the fix (cli/usage_error.h); exit code 2 as ever.
    std::cerr << "kokuho: usage error: " << UsageErrorJa(e, CommandPath(app)) << "\n";
    return 2;
  }
  ApplyMemoryCeiling();  // docs/limits.md: a clear error instead of an OOM kill
  try {
    return action();
  } catch (const std::bad_alloc&) {
    std::cerr << "kokuho: error: " << OutOfMemoryMessage() << "\n";
    return 1;
  } catch (const InputError& e) {
    std::cerr << "kokuho: error: " << e.what() << "\n";
    return 1;
  } catch (const CLI::Error& e) {  // an option found wrong while running (e.g. --format)
    std::cerr << "kokuho: usage error: " << e.what() << "\n";
    return 2;
  } catch (const CalculationError& e) {
    std::cerr << "kokuho: calculation error: " << e.what() << "\n";
    return 3;
  } catch (const std::exception& e) {
    std::cerr << "kokuho: error: " << e.what() << "\n";
    return 4;
  }
}

}  // namespace kokuho::cli
