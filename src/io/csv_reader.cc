#include "io/csv_reader.h"

#include <fmt/format.h>

#include <algorithm>
#include <unordered_map>
#include <vector>

#include "core/error.h"
#include "core/text.h"
#include "io/encoding.h"
#include "io/input_limits.h"

namespace kokuho {
namespace {

// One parsed record: its fields and the physical line where it starts.
struct Record {
  std::vector<TableCell> fields;
  int line = 0;
};

// Splits CSV text into records (RFC 4180, LF or CRLF).
class CsvParser {
 public:
  CsvParser(std::string_view text, const std::string& file)
      : text_(text), file_(file), max_fields_(Limits().table_columns) {}

  // Reads the next record into `record`; returns false at the end of the text.
  bool Next(Record& record) {
    if (i_ >= text_.size()) return false;
    record.fields.clear();
    record.line = line_;
    while (true) {
      TableCell cell;
      cell.pos = SourcePos{file_, line_, static_cast<int>(record.fields.size()) + 1};
      bool end_of_record = ReadField(cell);
      record.fields.push_back(std::move(cell));
      if (record.fields.size() > max_fields_)
        CheckCount(record.fields.back().pos, record.fields.size(), max_fields_, "1行の列の数",
                   "KOKUHO_MAX_TABLE_COLUMNS");
      if (end_of_record) return true;
    }
  }

 private:
  enum class Delimiter { kNone, kField, kRecord };

  // Consumes a comma (end of field) or a line end, LF or CRLF (end of record), at i_ < size.
  Delimiter ConsumeDelimiter() {
    const char c = text_[i_];
    if (c == ',') {
      ++i_;
      return Delimiter::kField;
    }
    const size_t line_end = c == '\n'                                                       ? 1
                            : (c == '\r' && i_ + 1 < text_.size() && text_[i_ + 1] == '\n') ? 2
                                                                                            : 0;
    if (line_end == 0) return Delimiter::kNone;
    i_ += line_end;
    ++line_;
    return Delimiter::kRecord;
  }

  // Reads one field at i_; returns true when it ends the record (line end or EOF).
  bool ReadField(TableCell& cell) {
    if (i_ < text_.size() && text_[i_] == '"') return ReadQuotedField(cell);
    while (i_ < text_.size()) {
      Delimiter d = ConsumeDelimiter();
      if (d != Delimiter::kNone) return d == Delimiter::kRecord;
      cell.text += text_[i_++];
    }
    return true;
  }

  bool ReadQuotedField(TableCell& cell) {
    SourcePos quote_pos = cell.pos;
    ++i_;  // opening quote
    while (true) {
      if (i_ >= text_.size()) {
        throw InputError(quote_pos,
                         fmt::format("{}列目の値を始める引用符 '\"' が閉じていません。値の"
                                     "終わりに '\"' を書いてください",
                                     quote_pos.column));
      }
      char c = text_[i_];
      if (c == '"') {
        if (i_ + 1 < text_.size() && text_[i_ + 1] == '"') {
          cell.text += '"';
          i_ += 2;
          continue;
        }
        ++i_;  // closing quote
        break;
      }
      if (c == '\r' && i_ + 1 < text_.size() && text_[i_ + 1] == '\n') {
        cell.text += '\n';
        i_ += 2;
        ++line_;
        continue;
      }
      if (c == '\n') ++line_;
      cell.text += c;
      ++i_;
    }
    // After the closing quote: optional spaces, then a comma, a line end or the end.
    while (i_ < text_.size() && (text_[i_] == ' ' || text_[i_] == '\t')) ++i_;
    if (i_ >= text_.size()) return true;
    if (Delimiter d = ConsumeDelimiter(); d != Delimiter::kNone) return d == Delimiter::kRecord;
    throw InputError({file_, line_, cell.pos.column},
                     "引用符 '\"' で囲んだ値の後に文字があります。閉じる '\"' の後はカンマか"
                     "行の終わりにしてください (値の中の '\"' は \"\" と2つ重ねて書きます)");
  }

  std::string_view text_;
  const std::string& file_;
  size_t i_ = 0;
  int line_ = 1;
  size_t max_fields_;
};

bool IsBlank(const Record& record) {
  for (const TableCell& cell : record.fields)
    if (!Trim(cell.text).empty()) return false;
  return true;
}

}  // namespace

Table ParseCsvText(std::string_view utf8, const std::string& file) {
  Table table;
  table.file = file;
  if (Trim(utf8).empty())
    throw InputError({file, 0, 0}, "ファイルが空です。1行目に見出し行を書いてください");

  CsvParser parser(utf8, file);
  Record record;
  bool have_header = false;
  const InputLimits& limits = Limits();
  std::uint64_t cells = 0;
  while (parser.Next(record)) {
    if (IsBlank(record)) continue;
    if (!have_header) {
      std::unordered_map<std::string, int> seen;  // name -> 1-based column
      for (TableCell& cell : record.fields) {
        cell.text = std::string(Trim(NormalizeWidth(cell.text)));
        if (cell.text.empty()) {
          throw InputError(cell.pos,
                           "見出し行 (1行目) に名前のない列があります。すべての列に見出しを"
                           "書いてください");
        }
        auto [it, inserted] = seen.emplace(cell.text, cell.pos.column);
        if (!inserted) {
          throw InputError(cell.pos,
                           fmt::format("見出し {} が2回あります (最初は{}列目)。列の見出しは"
                                       "1回ずつにしてください",
                                       cell.text, it->second));
        }
      }
      cells = record.fields.size();
      table.header = std::move(record.fields);
      have_header = true;
      continue;
    }
    // Bounds (input_limits.h), checked per row: the row count, and the cells held so far.
    cells += record.fields.size();
    if (table.rows.size() >= limits.table_rows)
      CheckCount({file, record.line, 0}, table.rows.size() + 1, limits.table_rows,
                 "表のデータ行の数", "KOKUHO_MAX_TABLE_ROWS");
    if (cells > limits.table_cells)
      CheckCount({file, record.line, 0}, cells, limits.table_cells, "表のセルの数",
                 "KOKUHO_MAX_TABLE_CELLS");
    if (record.fields.size() != table.header.size()) {
      // The column is the first field that is missing or extra.
      const int column = static_cast<int>(std::min(record.fields.size(), table.header.size())) + 1;
      throw InputError({file, record.line, column},
                       fmt::format("この行は{}列ありますが、見出し行は{}列です。列の数を見出し"
                                   "行にそろえてください",
                                   record.fields.size(), table.header.size()));
    }
    table.rows.push_back(TableRow{std::move(record.fields), SourcePos{file, record.line, 0}});
  }
  if (!have_header)
    throw InputError({file, 0, 0}, "ファイルが空です。1行目に見出し行を書いてください");
  if (table.rows.empty())
    throw InputError({file, 0, 0},
                     "見出し行の後にデータの行がありません。見出し行の下に1件1行で"
                     "書いてください");
  return table;
}

namespace {

// The CSV field (1-based) in which byte `offset` lies, counting commas outside quotes
// since the last record end. ',', '"' and '\n' are ASCII in UTF-8 and never appear as
// CP932 trail bytes, so the count is right in either encoding.
int FieldNumberAt(std::string_view bytes, size_t offset) {
  int field = 1;
  bool quoted = false;
  for (size_t i = 0; i < offset && i < bytes.size(); ++i) {
    if (bytes[i] == '"') quoted = !quoted;
    if (quoted) continue;
    if (bytes[i] == ',') ++field;
    if (bytes[i] == '\n') field = 1;
  }
  return field;
}

}  // namespace

Table ReadCsv(const std::string& path) {
  return ParseCsvBytes(ReadFileBytes(path, Limits().table_bytes, "表 (CSV)", "KOKUHO_MAX_TABLE_MB"),
                       path);
}

Table ParseCsvBytes(std::string_view bytes, const std::string& path) {
  std::string text;
  DecodeFailure failure;
  if (!TryDecodeToUtf8(bytes, text, failure)) {
    // Like every CSV position, the column is the field number.
    SourcePos pos = DecodeFailurePos(bytes, failure, path);
    pos.column = FieldNumberAt(bytes, failure.offset);
    throw InputError(pos, failure.message);
  }
  return ParseCsvText(text, path);
}

}  // namespace kokuho
