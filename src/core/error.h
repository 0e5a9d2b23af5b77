// Errors shared by every part of kokuho.
//
// InputError is what a user sees when a file is wrong: it names the file, the
// line and column (1-based; 0 when not applicable) and what was expected.
// Messages never carry personal figures (incomes, claims): at most a row number.
//
//   throw InputError({"cases/gunma/prefecture.yaml", 12, 7}, "α must be in [0, 1]");
//   // -> cases/gunma/prefecture.yaml:12:7: α must be in [0, 1]
#pragma once

#include <stdexcept>
#include <string>

namespace kokuho {

/// A place in a user's file. line and column are 1-based; 0 means "whole file/line". In an
/// Excel sheet (file "book.xlsx[シート]") line is the row and column the column (A = 1), and
/// ToString adds the cell as Excel names it: "book.xlsx[シート]:9:6 (F9セル)".
struct SourcePos {
  std::string file;
  int line = 0;
  int column = 0;

  std::string ToString() const;
};

/// Excel's letters of a 1-based column: 1 → "A", 26 → "Z", 27 → "AA".
std::string ExcelColumnLetters(int column);

/// Bad input from a user's file: ends the command with a non-zero exit and no output.
class InputError : public std::runtime_error {
 public:
  InputError(SourcePos pos, const std::string& message);
  const SourcePos& pos() const { return pos_; }
  const std::string& message() const { return message_; }

 private:
  SourcePos pos_;
  std::string message_;
};

/// A rule of the calculation cannot be satisfied by otherwise well-formed input
/// (e.g. a total that cannot be allocated). Names the step that failed.
class CalculationError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace kokuho
