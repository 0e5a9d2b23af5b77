// Output without partial results: a command either writes all its files or none.
//
// OutputStage collects a command's files in a hidden temporary directory next to
// the target directory (same filesystem), and moves them into place only on
// Commit(). If the command fails first (an exception unwinds the stage), the
// temporary directory and everything in it are removed and the target directory
// is left as it was.
//
//   OutputStage stage("out/gunma");
//   WriteCsv(stage.PathFor("nofukin.csv"), rows);
//   WriteXlsx(stage.PathFor("nofukin.xlsx"), sheets);
//   stage.Commit();  // both files appear in out/gunma
//
// WriteFileAtomic writes one file so that readers see the old or the new content,
// never a half-written file.
#pragma once

#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace kokuho {

/// Stages output files in DIR/.kokuho-tmp-<host>-<pid>-XXXXXX (temp_names.h) and moves them
/// into DIR on Commit().
/// Errors of the filesystem are thrown as std::runtime_error naming the path and the
/// system's reason.
class OutputStage {
 public:
  /// Creates `target_dir` (and parents) when missing, and the temporary directory in it,
  /// after removing the staging directories that killed runs left there (temp_names.h).
  explicit OutputStage(const std::string& target_dir);
  /// Removes the temporary directory and its files unless Commit() succeeded.
  ~OutputStage();
  OutputStage(const OutputStage&) = delete;
  OutputStage& operator=(const OutputStage&) = delete;

  /// The path at which to write the output file `name` (a plain file name such as
  /// "nofukin.csv", no directories). Throws std::invalid_argument for a name with a
  /// '/' or "." / "..", and std::logic_error after Commit().
  std::string PathFor(const std::string& name);

  /// Renames every staged file into the target directory (replacing files of the
  /// same name) and removes the temporary directory. Throws std::runtime_error when
  /// a staged file was never written or a rename fails.
  void Commit();

  /// The target directory as given.
  const std::string& target_dir() const { return target_dir_; }
  /// The temporary directory (inside the target directory).
  const std::string& temp_dir() const { return temp_dir_; }

 private:
  std::string target_dir_;
  std::string temp_dir_;
  std::vector<std::string> names_;          // in the order staged (Commit moves them so)
  std::unordered_set<std::string> staged_;  // the same names, for O(1) look-up (thousands of pages)
  bool committed_ = false;
};

/// Writes `bytes` to `path` through a temporary file in the same directory and
/// rename(2), so `path` never holds partial content. The new file keeps the mode
/// of the file it replaces, else gets 0666 less the umask. Throws std::runtime_error.
void WriteFileAtomic(const std::string& path, std::string_view bytes);

}  // namespace kokuho
