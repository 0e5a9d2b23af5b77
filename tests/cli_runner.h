// Running the kokuho binary from tests (KOKUHO_BINARY, set by tests/CMakeLists.txt).
//
//   int status;
//   std::string text = RunKokuho("nofukin examples/gunma", &status);   // stdout + stderr
//   CliRun r = RunKokuho({"validate", dir}, scratch_dir);             // kept apart
#pragma once

#include <string>
#include <vector>

namespace kokuho::testing {

struct CliRun {
  int exit_code = -1;
  std::string out;  ///< standard output
  std::string err;  ///< standard error
};

/// Runs `kokuho ARGS` (a shell word list, no quoting) and returns stdout and stderr together.
std::string RunKokuho(const std::string& args, int* status = nullptr);

/// Runs kokuho with each argument quoted, standard input empty, and stdout and stderr
/// captured apart through files in `scratch_dir` (removed afterwards); in the folder `cwd`
/// when it is given (relative paths in arguments and messages are then relative to it).
CliRun RunKokuho(const std::vector<std::string>& args, const std::string& scratch_dir,
                 const std::string& cwd = "");

}  // namespace kokuho::testing
