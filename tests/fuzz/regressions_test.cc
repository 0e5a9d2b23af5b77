// Every checked-in regression input of the fuzz targets (fuzz/regressions/<target>/<file>)
// fed to its target (fuzz/fuzz_target.h), as libFuzzer would feed it: each in a child process
// with a time limit (and an address-space limit outside the sanitizers), under the same input
// limits as the fuzzers. The product must accept or refuse each input cleanly: no crash, no
// exception of another type than the target's own, no endless loop, no runaway memory.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "fuzz/fuzz_target.h"

namespace kokuho::fuzz {
namespace {

namespace fs = std::filesystem;

#if defined(__SANITIZE_ADDRESS__)
constexpr bool kAsan = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool kAsan = true;
#else
constexpr bool kAsan = false;
#endif
#else
constexpr bool kAsan = false;
#endif

// Generous against a sanitizer build on a busy machine; the defects these inputs found ran
// for minutes or took gigabytes.
constexpr unsigned kSecondsPerInput = 30;
constexpr rlim_t kAddressSpace = rlim_t{4} << 30;

fs::path RegressionsDir() { return fs::path(KOKUHO_SOURCE_DIR) / "fuzz" / "regressions"; }

std::vector<std::string> TargetsWithRegressions() {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(RegressionsDir(), ec))
    if (entry.is_directory()) names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

std::string ReadAll(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

/// Runs `target` on `bytes` in a child; "" when it ended cleanly, else what went wrong.
std::string RunInChild(const Target& target, const std::string& bytes) {
  ScratchDir();  // made by the parent, which removes it
  std::fflush(nullptr);
  const pid_t pid = fork();
  if (pid < 0) return "fork failed";
  if (pid == 0) {
    alarm(kSecondsPerInput);  // SIGALRM ends the child
    if (!kAsan) {
      rlimit as{kAddressSpace, kAddressSpace};
      setrlimit(RLIMIT_AS, &as);
    }
    UseFuzzLimits();
    try {
      target.fn(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
    } catch (const std::exception& e) {
      std::fprintf(stderr, "unexpected exception: %s\n", e.what());
      std::fflush(stderr);
      _exit(3);
    } catch (...) {
      _exit(4);
    }
    _exit(0);
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
  }
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return "";
  if (WIFSIGNALED(status))
    return WTERMSIG(status) == SIGALRM
               ? "did not end within " + std::to_string(kSecondsPerInput) + " s"
               : "killed by signal " + std::to_string(WTERMSIG(status));
  return "exit status " + std::to_string(WEXITSTATUS(status)) +
         (WEXITSTATUS(status) == 3 ? " (an exception of an unexpected type)" : "");
}

class FuzzRegressions : public testing::TestWithParam<std::string> {};

TEST_P(FuzzRegressions, EveryInputEndsCleanly) {
  const Target* target = FindTarget(GetParam());
  ASSERT_NE(target, nullptr) << "fuzz/regressions/" << GetParam()
                             << " has no fuzz target of that name (fuzz/targets/)";
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(RegressionsDir() / GetParam()))
    if (entry.is_regular_file() && entry.path().filename().string().front() != '.')
      files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  ASSERT_FALSE(files.empty());
  for (const fs::path& file : files) {
    const auto start = std::chrono::steady_clock::now();
    const std::string problem = RunInChild(*target, ReadAll(file));
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    EXPECT_EQ(problem, "") << file.filename().string();
    EXPECT_LT(seconds, kSecondsPerInput) << file.filename().string();
  }
}

INSTANTIATE_TEST_SUITE_P(Targets, FuzzRegressions, testing::ValuesIn(TargetsWithRegressions()),
                         [](const testing::TestParamInfo<std::string>& info) {
                           return info.param;
                         });

// Every target has regression inputs, so that each runs in the normal suite.
TEST(FuzzTargets, EachHasRegressionInputs) {
  const std::vector<std::string> dirs = TargetsWithRegressions();
  for (const Target& t : Targets())
    EXPECT_TRUE(std::find(dirs.begin(), dirs.end(), t.name) != dirs.end())
        << "fuzz/regressions/" << t.name << "/ is missing";
}

}  // namespace
}  // namespace kokuho::fuzz
