#include "cli_runner.h"

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace kokuho::testing {
namespace {

// kokuho fits printed tables to the terminal when COLUMNS is set (cli/terminal_width.h). The
// tests run it with COLUMNS unset, whatever the developer's shell exports, so that outputs
// compared with expectations never depend on a window's width; a test of the fitting sets it.
const bool kColumnsUnset = [] {
  unsetenv("COLUMNS");
  return true;
}();

std::string Quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

std::string ReadAndRemove(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  std::filesystem::remove(path);
  return ss.str();
}

}  // namespace

std::string RunKokuho(const std::string& args, int* status) {
  std::string cmd = std::string(KOKUHO_BINARY) + " " + args + " 2>&1";
  FILE* pipe = popen(cmd.c_str(), "r");
  std::string out;
  std::array<char, 4096> buf;
  while (size_t n = fread(buf.data(), 1, buf.size(), pipe)) out.append(buf.data(), n);
  int rc = pclose(pipe);
  if (status) *status = WEXITSTATUS(rc);
  return out;
}

CliRun RunKokuho(const std::vector<std::string>& args, const std::string& scratch_dir,
                 const std::string& cwd) {
  const std::string out_file = scratch_dir + "/stdout.txt";
  const std::string err_file = scratch_dir + "/stderr.txt";
  std::string cmd = cwd.empty() ? "" : "cd " + Quote(cwd) + " && ";
  cmd += Quote(KOKUHO_BINARY);
  for (const auto& a : args) cmd += " " + Quote(a);
  cmd += " >" + Quote(out_file) + " 2>" + Quote(err_file) + " </dev/null";
  int status = std::system(cmd.c_str());
  CliRun r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  r.out = ReadAndRemove(out_file);
  r.err = ReadAndRemove(err_file);
  return r;
}

}  // namespace kokuho::testing
