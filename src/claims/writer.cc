#include "claims/writer.h"

#include <fmt/format.h>

#include <stdexcept>

#include "claims/cp932.h"
#include "core/text.h"

namespace kokuho::claims {

UkeWriter::UkeWriter(WriteOptions options) : options_(options) {}

void UkeWriter::Add(std::span<const std::string_view> fields) {
  std::string line;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (fields[i].find_first_of(",\r\n") != std::string_view::npos)
      throw std::invalid_argument(
          fmt::format("UkeWriter: field {} of a record contains ',', CR or LF", i));
    if (i > 0) line.push_back(',');
    line.append(fields[i]);
  }
  AddLine(line);
}

void UkeWriter::AddLine(std::string_view utf8_line) {
  if (utf8_line.find_first_of("\r\n") != std::string_view::npos)
    throw std::invalid_argument("UkeWriter: a record contains CR or LF");
  if (options_.encoding == Encoding::kUtf8) {
    if (!IsValidUtf8(utf8_line)) throw std::invalid_argument("UkeWriter: a record is not UTF-8");
    out_.append(utf8_line);
  } else {
    std::size_t bad = 0;
    if (!AppendUtf8AsCp932(utf8_line, out_, bad))
      throw std::invalid_argument(fmt::format(
          "UkeWriter: character at byte {} of a record cannot be written in CP932", bad));
  }
  out_.append(options_.crlf ? "\r\n" : "\n");
  ++lines_;
}

std::string UkeWriter::TakeBytes() {
  std::string s;
  s.swap(out_);
  return s;
}

std::string UkeWriter::Finish() {
  if (options_.eof_marker) out_.push_back('\x1A');
  return TakeBytes();
}

std::string WriteUke(const FileSummary& file, const ClaimBatch& batch, WriteOptions options) {
  UkeWriter w(options);
  for (const std::string& h : file.header_records) w.AddLine(h);
  for (const Receipt& rc : batch.receipts)
    for (const Record& r : batch.RecordsOf(rc)) w.AddLine(batch.RecordText(r));
  for (const std::string& t : file.trailer_records) w.AddLine(t);
  return w.Finish();
}

}  // namespace kokuho::claims
