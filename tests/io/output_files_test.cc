#include "io/output_files.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>

#include "io_test_util.h"

namespace kokuho {
namespace {

namespace fs = std::filesystem;

TEST(OutputStage, FilesAppearOnlyAfterCommit) {
  io_test::TempDir dir;
  std::string target = dir.Path("out");
  {
    OutputStage stage(target);
    EXPECT_TRUE(fs::is_directory(target));
    std::string a = stage.PathFor("a.csv");
    std::string b = stage.PathFor("b.xlsx");
    EXPECT_EQ(fs::path(a).parent_path().parent_path(), fs::path(target));
    EXPECT_EQ(fs::path(a).parent_path().filename().string().rfind(".kokuho-tmp-", 0), 0u);
    io_test::WriteBytes(a, "A");
    io_test::WriteBytes(b, "B");
    // Only the hidden staging directory is there before Commit.
    std::vector<std::string> before = io_test::ListDir(target);
    ASSERT_EQ(before.size(), 1u);
    EXPECT_EQ(before[0].rfind(".kokuho-tmp-", 0), 0u);
    stage.Commit();
    EXPECT_EQ(io_test::ListDir(target), (std::vector<std::string>{"a.csv", "b.xlsx"}));
    EXPECT_FALSE(fs::exists(stage.temp_dir()));
  }
  EXPECT_EQ(io_test::ReadBytes(target + "/a.csv"), "A");
  EXPECT_EQ(io_test::ReadBytes(target + "/b.xlsx"), "B");
}

TEST(OutputStage, NothingLeftWithoutCommit) {
  io_test::TempDir dir;
  io_test::WriteBytes(dir.Path("keep.csv"), "old");
  try {
    OutputStage stage(dir.path());
    io_test::WriteBytes(stage.PathFor("keep.csv"), "new");
    io_test::WriteBytes(stage.PathFor("other.csv"), "x");
    throw std::runtime_error("the calculation failed");
  } catch (const std::runtime_error&) {
  }
  EXPECT_EQ(io_test::ListDir(dir.path()), std::vector<std::string>{"keep.csv"});
  EXPECT_EQ(io_test::ReadBytes(dir.Path("keep.csv")), "old");
}

TEST(OutputStage, CommitReplacesExistingFiles) {
  io_test::TempDir dir;
  io_test::WriteBytes(dir.Path("r.csv"), "old");
  OutputStage stage(dir.path());
  io_test::WriteBytes(stage.PathFor("r.csv"), "new");
  stage.Commit();
  EXPECT_EQ(io_test::ReadBytes(dir.Path("r.csv")), "new");
  EXPECT_EQ(io_test::ListDir(dir.path()), std::vector<std::string>{"r.csv"});
  EXPECT_THROW(stage.PathFor("x.csv"), std::logic_error);
}

TEST(OutputStage, CreatesNestedTargetDirectory) {
  io_test::TempDir dir;
  OutputStage stage(dir.Path("a/b/c"));
  io_test::WriteBytes(stage.PathFor("x.csv"), "x");
  stage.Commit();
  EXPECT_EQ(io_test::ReadBytes(dir.Path("a/b/c/x.csv")), "x");
}

TEST(OutputStage, RejectsPathsAndUnwrittenFiles) {
  io_test::TempDir dir;
  OutputStage stage(dir.path());
  EXPECT_THROW(stage.PathFor("sub/x.csv"), std::invalid_argument);
  EXPECT_THROW(stage.PathFor(".."), std::invalid_argument);
  EXPECT_THROW(stage.PathFor(""), std::invalid_argument);
  io_test::WriteBytes(stage.PathFor("written.csv"), "w");
  stage.PathFor("never.csv");
  EXPECT_THROW(stage.Commit(), std::runtime_error);
  // Nothing was moved.
  std::vector<std::string> names = io_test::ListDir(dir.path());
  ASSERT_EQ(names.size(), 1u);
  EXPECT_EQ(names[0].rfind(".kokuho-tmp-", 0), 0u);
}

TEST(OutputStage, TargetIsAFile) {
  io_test::TempDir dir;
  io_test::WriteBytes(dir.Path("f"), "");
  EXPECT_THROW(OutputStage stage(dir.Path("f")), std::runtime_error);
}

TEST(WriteFileAtomic, WritesAndReplaces) {
  io_test::TempDir dir;
  WriteFileAtomic(dir.Path("a.txt"), "one");
  EXPECT_EQ(io_test::ReadBytes(dir.Path("a.txt")), "one");
  chmod(dir.Path("a.txt").c_str(), 0640);
  WriteFileAtomic(dir.Path("a.txt"), std::string(100000, 'x'));
  EXPECT_EQ(io_test::ReadBytes(dir.Path("a.txt")), std::string(100000, 'x'));
  struct stat st;
  ASSERT_EQ(stat(dir.Path("a.txt").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0640u);
  EXPECT_EQ(io_test::ListDir(dir.path()), std::vector<std::string>{"a.txt"});
  EXPECT_THROW(WriteFileAtomic("/nonexistent/kokuho/a.txt", "x"), std::runtime_error);
}

}  // namespace
}  // namespace kokuho
