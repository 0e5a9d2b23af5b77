// Tests as data: the model of a case file under tests/cases/ (docs/test-cases.md) and its
// reader.
//
// A case file holds `defaults:` (optional, merged into every case) and `cases:`, a list of
// cases. Each case says which files to lay out in a fresh temporary folder, which `kokuho`
// command line to run there, and what must come out: values at JSON paths, lines of stdout,
// or an error at file:line:column.
//
//   std::vector<CaseFile> files = ReadCaseTree("tests/cases");
//   for (const CaseFile& f : files)
//     for (const Case& c : f.cases) std::cout << f.area << "/" << f.stem << "." << c.name;
//
// Reading never throws for a bad case file: the problem is kept in CaseFile::load_error (or
// Case::spec_error) with the file's line, and the runner turns it into a failing test.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace kokuho::cases {

/// A file written into the temporary folder before the run.
struct FileSpec {
  std::string path;      ///< relative to the temporary folder
  std::string text;      ///< UTF-8 content (escapes {{bytes ..}} already expanded)
  std::string from;      ///< else: a repository file copied as it is
  std::string encoding;  ///< "" or "utf-8" (as written) or "cp932"
  bool bom = false;      ///< prepend the UTF-8 byte order mark
  bool crlf = false;     ///< line endings CR LF
};

/// One edit of a file already in the temporary folder (applied in order).
struct EditSpec {
  enum class Kind { kReplace, kSetCell, kDropColumn, kRemove, kEncode, kBom, kCrlf };
  Kind kind = Kind::kReplace;
  std::string file;
  std::string from;   ///< kReplace: the text (exactly once); kDropColumn: the column name
  std::string to;     ///< kReplace, kSetCell: the new text; kEncode: the encoding
  int line = 0;       ///< kSetCell: 1-based CSV line
  int field = 0;      ///< kSetCell: 1-based field number
  int yaml_line = 0;  ///< where the edit is written in the case file (for messages)
};

/// One expected value at a JSON path: `text` as written in the case file, `quoted` when it
/// was a quoted YAML scalar (then the JSON value must be a string).
struct JsonExpectation {
  std::string path;
  std::string text;
  bool quoted = false;
  int yaml_line = 0;
};

/// What a successful run must show.
struct SuccessSpec {
  int exit = 0;
  std::string json_from;  ///< "" = stdout, else a file in the temporary folder
  std::vector<JsonExpectation> json;
  std::vector<std::string> stdout_has;
  std::vector<std::string> stderr_has;
  std::vector<std::string> stdout_lacks;
  std::vector<std::string> files;  ///< must exist after the run
  std::string same_stdout_as;      ///< another case of the same file
};

/// What a refused input must show.
struct ErrorSpec {
  int exit = 1;
  std::string at;       ///< "file:line:column" ('*' = any number) or "file"; "" = not checked
  std::string message;  ///< words after the position (or anywhere, without `at`)
  bool one_line = true;
  std::vector<std::string> stderr_has;
};

struct Case {
  std::string name;
  std::string title;
  std::string source;
  std::string derivation;
  std::map<std::string, std::string> copy;  ///< temp path → repository path (file or folder)
  std::vector<FileSpec> files;
  std::vector<EditSpec> edits;
  std::vector<std::vector<std::string>> before;  ///< commands that must succeed first
  std::vector<std::string> run;                  ///< the command line (after `kokuho`)
  std::optional<SuccessSpec> expect;
  std::optional<ErrorSpec> error;
  std::vector<std::string> private_values;  ///< never in stdout/stderr of an error
  std::string pending;                      ///< non-empty: a documented known gap
  std::string golden;                       ///< tests/golden/<name>: stdout + out/ compared
  int yaml_line = 0;
  std::string spec_error;  ///< non-empty: the case is malformed (the test fails with this)
};

struct CaseFile {
  std::string path;  ///< absolute path of the YAML file
  std::string area;  ///< the folder under tests/cases (nofukin, levy, …)
  std::string stem;  ///< file name without .yaml
  std::vector<Case> cases;
  std::string load_error;  ///< non-empty: the file could not be read
};

/// Reads one case file (area and stem are set by the caller).
CaseFile ReadCaseFile(const std::string& path);

/// Every *.yaml file under `root` (one level of area folders), sorted by path.
std::vector<CaseFile> ReadCaseTree(const std::string& root);

/// Splits a command line into words: blanks separate, "double quotes" group (no escapes).
std::vector<std::string> SplitCommandLine(const std::string& line);

/// Expands {{bytes 82 ff}} into raw bytes. Returns false (with `why`) for a malformed one.
bool ExpandBytes(std::string& text, std::string* why);

}  // namespace kokuho::cases
