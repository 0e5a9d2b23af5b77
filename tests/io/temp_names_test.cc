// Temporaries a killed run left (temp_names.h): removed by the next run writing to the same
// place when made on this machine by a process that no longer exists; never otherwise.
#include "io/temp_names.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "io/atomic_file_writer.h"
#include "io/output_files.h"
#include "io_test_util.h"

namespace kokuho {
namespace {

namespace fs = std::filesystem;
using io_test::ListDir;
using io_test::TempDir;
using io_test::WriteBytes;

/// The id of a process that has ended (a child, reaped).
pid_t DeadPid() {
  const pid_t pid = fork();
  if (pid == 0) _exit(0);
  int status = 0;
  waitpid(pid, &status, 0);
  return pid;
}

/// This machine's host id, as TempNameInfix() writes it.
std::string HostId() {
  const std::string infix = TempNameInfix();  // kokuho-tmp-<host>-<pid>-
  return infix.substr(11, 8);
}

TEST(TempNames, InfixNamesHostAndProcess) {
  const std::string infix = TempNameInfix();
  EXPECT_EQ(infix, "kokuho-tmp-" + HostId() + "-" + std::to_string(getpid()) + "-");
  EXPECT_EQ(HostId().find_first_not_of("0123456789abcdef"), std::string::npos);
}

TEST(TempNames, FileWriterRemovesTheTemporariesOfDeadProcessesOnly) {
  TempDir dir;
  const std::string dead = std::to_string(DeadPid());
  const std::string host = HostId();
  const std::vector<std::string> stale = {".pop.kpop.kokuho-tmp-" + host + "-" + dead + "-Ab12Cd"};
  const std::vector<std::string> kept = {
      ".pop.kpop.kokuho-tmp-" + host + "-" + std::to_string(getppid()) + "-Ab12Cd",  // alive
      ".pop.kpop.kokuho-tmp-" + std::string(host == "00000000" ? "11111111" : "00000000") + "-" +
          dead + "-Ab12Cd",                                           // another machine
      ".pop.kpop.kokuho-tmp-Ab12Cd",                                  // the old form
      ".other.kpop.kokuho-tmp-" + host + "-" + dead + "-Ab12Cd",      // another target
      ".pop.kpop.kokuho-tmp-" + host + "-" + dead + "-Ab12Cd-extra",  // not the shape
      "pop.kpop.kokuho-tmp-" + host + "-" + dead + "-Ab12Cd"};        // not hidden
  for (const auto& n : stale) WriteBytes(dir.Path(n), "partial");
  for (const auto& n : kept) WriteBytes(dir.Path(n), "keep");
  // A directory of the right name is left to OutputStage (files only here).
  fs::create_directory(dir.Path(".pop.kpop.kokuho-tmp-" + host + "-" + dead + "-Zz99Zz"));

  AtomicFileWriter out(dir.Path("pop.kpop"));
  out.Write("new", 3);
  out.Commit();

  std::vector<std::string> expected = kept;
  expected.push_back(".pop.kpop.kokuho-tmp-" + host + "-" + dead + "-Zz99Zz");
  expected.push_back("pop.kpop");
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(ListDir(dir.path()), expected);
}

TEST(TempNames, OutputStageRemovesStaleStagingDirectories) {
  TempDir dir;
  const std::string host = HostId();
  const std::string stale = ".kokuho-tmp-" + host + "-" + std::to_string(DeadPid()) + "-Qw34Er";
  const std::string live = ".kokuho-tmp-" + host + "-" + std::to_string(getppid()) + "-Qw34Er";
  fs::create_directory(dir.Path(stale));
  WriteBytes(dir.Path(stale) + "/nofukin.csv", "partial");
  fs::create_directory(dir.Path(live));
  // A symbolic link of the stale shape is never followed nor removed.
  const std::string link = ".kokuho-tmp-" + host + "-" + std::to_string(DeadPid()) + "-Ln56Ky";
  fs::create_directory_symlink(dir.Path(live), dir.Path(link));
  {
    OutputStage stage(dir.path());
    WriteBytes(stage.PathFor("a.csv"), "x");
    stage.Commit();
  }
  std::vector<std::string> expected = {live, link, "a.csv"};
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(ListDir(dir.path()), expected);
}

TEST(TempNames, TemporaryOfAKilledWriterIsRemovedByTheNextRun) {
  // A child writes half a file and is killed with SIGKILL: its temporary stays.
  TempDir dir;
  const std::string target = dir.Path("out.kpop");
  const pid_t pid = fork();
  if (pid == 0) {
    AtomicFileWriter out(target);
    out.Write(std::string(2 << 20, 'x').data(), 2 << 20);
    raise(SIGKILL);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFSIGNALED(status));
  std::vector<std::string> names = ListDir(dir.path());
  ASSERT_EQ(names.size(), 1u);
  EXPECT_EQ(names[0].rfind(".out.kpop." + TempNameInfix().substr(0, 20), 0), 0u) << names[0];
  AtomicFileWriter next(target);
  next.Write("ok", 2);
  next.Commit();
  EXPECT_EQ(ListDir(dir.path()), std::vector<std::string>{"out.kpop"});
}

}  // namespace
}  // namespace kokuho
