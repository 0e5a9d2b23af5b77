// The kokuho subcommands. Each Register… adds one subcommand to the CLI11 app and
// sets the function that runs it; RunCli (app.cc) dispatches and maps errors to
// exit codes: 0 ok, 1 bad input (file:line:column on stderr), 2 usage, 3 a rule of
// the calculation could not be met, 4 an output could not be written.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <string>

namespace kokuho::cli {

using Action = std::function<int()>;

void RegisterNofukin(CLI::App& app, Action& action);
void RegisterExplain(CLI::App& app, Action& action);
void RegisterValidate(CLI::App& app, Action& action);
void RegisterDemo(CLI::App& app, Action& action);
void RegisterIncentive(CLI::App& app, Action& action);
/// `incentive allocate` (予防・健康づくり支援交付金 事業費連動分), added to the `incentive` group.
void RegisterPreventionAllocate(CLI::App& incentive_group, Action& action);
void RegisterKpi(CLI::App& app, Action& action);
void RegisterChosei(CLI::App& app, Action& action);
void RegisterAgeIndex(CLI::App& app, Action& action);
void RegisterLevy(CLI::App& app, Action& action);
void RegisterMicrosim(CLI::App& app, Action& action);
void RegisterSynth(CLI::App& app, Action& action);
void RegisterSolveRates(CLI::App& app, Action& action);
void RegisterReportHtml(CLI::App& app, Action& action);
void RegisterServe(CLI::App& app, Action& action);
void RegisterFund(CLI::App& app, Action& action);
void RegisterDeficits(CLI::App& app, Action& action);
void RegisterScenario(CLI::App& app, Action& action);
void RegisterReport(CLI::App& app, Action& action);
void RegisterHandout(CLI::App& app, Action& action);
void RegisterParams(CLI::App& app, Action& action);
void RegisterClaims(CLI::App& app, Action& action);
/// `claims check` and `claims lists`, under the `claims` subcommand (claims_check_command.cc).
void RegisterClaimsChecks(CLI::App& claims, Action& action);

/// Computes a case and prints/writes its reports (shared by `nofukin` and `demo`).
struct NofukinRun {
  std::string case_path;
  std::string out_dir;            ///< empty: no files unless a file format is asked for
  std::string formats = "table";  ///< comma list of table, csv, xlsx, json
};
int RunNofukin(const NofukinRun& run);

/// The bundled examples folder: $KOKUHO_EXAMPLES, else the one the binary was built with.
std::string ExamplesDir();

int RunCli(int argc, char** argv);

}  // namespace kokuho::cli
