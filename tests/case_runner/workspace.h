// The temporary folder of one data case: laid out from the case's copy:, files: and edit:
// (case_spec.h), the command run inside it, and its outputs made portable.
//
//   Workspace w;                                   // /tmp/kokuho-case-XXXXXX/{work,scratch}
//   std::string problem = Prepare(c, repo, w.dir());
//   CliRun r = RunKokuho(ExpandArgs(c.run, repo, w.dir()), w.scratch(), w.dir());
//   std::string err = Portable(r.err, repo, w.dir());   // "work/x.csv:3:4" → "x.csv:3:4"
#pragma once

#include <string>
#include <vector>

#include "case_spec.h"

namespace kokuho::cases {

/// A fresh folder /tmp/kokuho-case-XXXXXX holding work/ (where the command runs) and
/// scratch/ (stdout and stderr captures), removed with everything in it on destruction.
class Workspace {
 public:
  Workspace();
  ~Workspace();
  Workspace(const Workspace&) = delete;
  Workspace& operator=(const Workspace&) = delete;

  const std::string& dir() const { return work_; }
  const std::string& scratch() const { return scratch_; }

 private:
  std::string root_, work_, scratch_;
};

/// Lays out the case in `dir`: copies (from the repository at `repo`), files, then edits in
/// order. Returns "" or what went wrong (a missing repository file, a replace text that is
/// not there exactly once …).
std::string Prepare(const Case& c, const std::string& repo, const std::string& dir);

/// The words with {{repo}} and {{tmp}} replaced by the repository and the case folder.
std::vector<std::string> ExpandArgs(const std::vector<std::string>& words, const std::string& repo,
                                    const std::string& dir);

/// `text` with the case folder removed from paths ("<dir>/x.csv" → "x.csv") and the
/// repository path written {{repo}}, so that what a case expects holds on any machine.
std::string Portable(std::string text, const std::string& repo, const std::string& dir);

/// Every file and folder under `dir`, as sorted relative paths.
std::vector<std::string> ListTree(const std::string& dir);

/// The bytes of a file ("" when it cannot be read).
std::string ReadFileBytes(const std::string& path);

/// Writes `bytes` to `path`, creating its folders.
void WriteFileBytes(const std::string& path, const std::string& bytes);

}  // namespace kokuho::cases
