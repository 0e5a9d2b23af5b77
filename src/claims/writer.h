// Writing レセ電 text: records (fields in UTF-8) out as CP932 (or UTF-8) lines with CRLF,
// optionally ended by X'1A' — the form the reader reads (parser.h).
//
//   UkeWriter w;
//   w.Add({"IR", "2", "10", "1", "1234567", "", "テスト医院", "202404", "00", ""});
//   w.Add({"RE", "1", "1112", "202403", …});
//   …
//   std::string bytes = w.Finish();          // CP932, CRLF
//
//   // A parsed file back to text (the round trip read → write → read):
//   std::string again = WriteUke(result.file, result.batch);
//
// Fields may not contain ',', CR or LF (レセ電 has no quoting) and must be encodable in
// CP932; the writer refuses them (std::invalid_argument) rather than write a file the
// reader would split differently.
#pragma once

#include <initializer_list>
#include <span>
#include <string>
#include <string_view>

#include "claims/model.h"

namespace kokuho::claims {

struct WriteOptions {
  Encoding encoding = Encoding::kCp932;  ///< kCp932 or kUtf8 (kAuto means kCp932)
  bool crlf = true;                      ///< CRLF line ends (else LF)
  bool eof_marker = false;               ///< end the file with X'1A'
};

class UkeWriter {
 public:
  explicit UkeWriter(WriteOptions options = {});

  /// Appends one record given its fields (field 0 = the record type).
  void Add(std::span<const std::string_view> fields);
  void Add(std::initializer_list<std::string_view> fields) {
    Add(std::span<const std::string_view>(fields.begin(), fields.size()));
  }
  /// Appends one record given as UTF-8 text with its fields joined by ','.
  void AddLine(std::string_view utf8_line);
  /// Lines written so far.
  std::size_t lines() const { return lines_; }
  /// The bytes so far, without the end marker; TakeBytes() empties them (for streaming).
  const std::string& bytes() const { return out_; }
  std::string TakeBytes();
  /// The bytes, with X'1A' appended when asked for; the writer is then empty.
  std::string Finish();

 private:
  WriteOptions options_;
  std::string out_;
  std::size_t lines_ = 0;
};

/// Writes a file as read: its header records, every record of every receipt of `batch`
/// (in order), and its trailer records.
std::string WriteUke(const FileSummary& file, const ClaimBatch& batch, WriteOptions options = {});

}  // namespace kokuho::claims
