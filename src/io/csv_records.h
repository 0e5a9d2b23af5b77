// CsvRecords: a streaming, zero-copy reader of CSV records for files too large to hold
// as a Table (a population of millions of rows). Same dialect and errors as
// ParseCsvText (csv_reader.h): RFC 4180, LF or CRLF, quoted fields with "" escapes and
// embedded commas and newlines (CRLF inside quotes becomes LF).
//
//   CsvRecords in(utf8_text, "pop.csv");
//   while (in.Next())
//     for (size_t i = 0; i < in.size(); ++i) Use(in.field(i), in.line(i));
#pragma once

#include <cstddef>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

namespace kokuho {

class CsvRecords {
 public:
  /// `utf8` must outlive the reader; `file` names it in errors.
  CsvRecords(std::string_view utf8, const std::string& file);

  /// Reads the next record; false at the end of the text. Throws InputError for an
  /// unterminated quoted field, text after a closing quote, or more fields in a record than
  /// the column limit (KOKUHO_MAX_TABLE_COLUMNS, input_limits.h).
  bool Next();
  /// Fields of the current record (views valid until the next call to Next()).
  std::size_t size() const { return fields_.size(); }
  std::string_view field(std::size_t i) const { return fields_[i]; }
  /// Physical line (1-based) where field i starts.
  int line(std::size_t i) const { return lines_[i]; }
  /// Line where the record starts.
  int record_line() const { return record_line_; }
  /// Whether every field is blank (spaces, U+3000).
  bool Blank() const;

 private:
  std::string_view ReadQuoted(std::size_t field_index);

  std::string_view text_;
  const std::string& file_;
  std::size_t i_ = 0;
  int line_ = 1;
  int record_line_ = 0;
  std::vector<std::string_view> fields_;
  std::vector<int> lines_;
  std::deque<std::string> unescaped_;  // quoted fields that needed unescaping
  std::size_t used_ = 0;               // entries of unescaped_ in use
  std::size_t max_fields_;
};

}  // namespace kokuho
