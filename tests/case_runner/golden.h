// Golden outputs of the sample cases (tests/golden/<name>/, docs/test-cases.md): what a
// case's run printed on stdout and wrote under out/, as text files compared byte for byte.
//
//   stdout            → stdout.txt
//   out/x.csv, x.json → x.csv, x.json (bytes as written)
//   out/x.xlsx        → x.xlsx.txt: every sheet's cells read back with the project's xlsx
//                       reader (io/xlsx_reader.h), not the zip bytes, whose metadata carries
//                       the time of writing
//
//   GoldenFiles got = CollectGolden(stdout_text, case_dir + "/out", repo, case_dir);
//   std::string diff = CompareGolden(got, repo + "/tests/golden/nofukin-gunma");  // "" = same
//   UpdateGolden(got, repo + "/tests/golden/nofukin-gunma");    // bash scripts/update-golden.sh
#pragma once

#include <map>
#include <string>

namespace kokuho::cases {

/// Golden file name → content.
using GoldenFiles = std::map<std::string, std::string>;

/// The run's outputs as golden files (paths made portable with Portable()).
GoldenFiles CollectGolden(const std::string& stdout_text, const std::string& out_dir,
                          const std::string& repo, const std::string& case_dir);

/// Every workbook sheet as text: "## <sheet>" then one line per non-empty row,
/// "<row>\t<A>\t<B>…" up to the last non-empty column (tabs and newlines in a cell as \t, \n).
std::string XlsxAsText(const std::string& path);

/// "" when `dir` holds exactly `files`; else a readable report: files missing or extra and,
/// for each differing file, its first differing lines.
std::string CompareGolden(const GoldenFiles& files, const std::string& dir);

/// Replaces the content of `dir` with `files`.
void UpdateGolden(const GoldenFiles& files, const std::string& dir);

/// The first differing lines of two texts (expected vs actual), with line numbers.
std::string FirstDifference(const std::string& expected, const std::string& actual);

}  // namespace kokuho::cases
