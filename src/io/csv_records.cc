#include "io/csv_records.h"

#include <fmt/format.h>

#include "core/error.h"
#include "core/text.h"
#include "io/input_limits.h"

namespace kokuho {

CsvRecords::CsvRecords(std::string_view utf8, const std::string& file)
    : text_(utf8), file_(file), max_fields_(Limits().table_columns) {}

bool CsvRecords::Blank() const {
  for (std::string_view f : fields_)
    if (!Trim(f).empty()) return false;
  return true;
}

std::string_view CsvRecords::ReadQuoted(std::size_t field_index) {
  const int start_line = line_;
  ++i_;  // opening quote
  const std::size_t begin = i_;
  std::string* out = nullptr;  // set once the field needs unescaping
  std::size_t plain_end = begin;
  while (true) {
    if (i_ >= text_.size()) {
      throw InputError({file_, start_line, static_cast<int>(field_index) + 1},
                       fmt::format("{}列目の値を始める引用符 '\"' が閉じていません。値の終わりに "
                                   "'\"' を書いてください",
                                   field_index + 1));
    }
    const char c = text_[i_];
    if (c == '"' && i_ + 1 < text_.size() && text_[i_ + 1] == '"') {
      if (!out) {
        if (used_ == unescaped_.size()) unescaped_.emplace_back();
        out = &unescaped_[used_++];
        out->assign(text_.substr(begin, i_ - begin));
      }
      *out += '"';
      i_ += 2;
      continue;
    }
    if (c == '"') {
      plain_end = i_;
      ++i_;  // closing quote
      break;
    }
    if (c == '\r' && i_ + 1 < text_.size() && text_[i_ + 1] == '\n') {
      if (!out) {
        if (used_ == unescaped_.size()) unescaped_.emplace_back();
        out = &unescaped_[used_++];
        out->assign(text_.substr(begin, i_ - begin));
      }
      *out += '\n';
      i_ += 2;
      ++line_;
      continue;
    }
    if (c == '\n') ++line_;
    if (out) *out += c;
    ++i_;
  }
  // After the closing quote: optional spaces, then a comma, a line end or the end.
  while (i_ < text_.size() && (text_[i_] == ' ' || text_[i_] == '\t')) ++i_;
  if (i_ < text_.size() && text_[i_] != ',' && text_[i_] != '\n' &&
      !(text_[i_] == '\r' && i_ + 1 < text_.size() && text_[i_ + 1] == '\n')) {
    throw InputError({file_, line_, static_cast<int>(field_index) + 1},
                     "引用符 '\"' で囲んだ値の後に文字があります。閉じる '\"' の後はカンマか"
                     "行の終わりにしてください (値の中の '\"' は \"\" と2つ重ねて書きます)");
  }
  return out ? std::string_view(*out) : text_.substr(begin, plain_end - begin);
}

bool CsvRecords::Next() {
  if (i_ >= text_.size()) return false;
  fields_.clear();
  lines_.clear();
  used_ = 0;
  record_line_ = line_;
  while (true) {
    const int field_line = line_;
    std::string_view value;
    if (i_ < text_.size() && text_[i_] == '"') {
      value = ReadQuoted(fields_.size());
    } else {
      const std::size_t begin = i_;
      while (i_ < text_.size()) {
        const char c = text_[i_];
        if (c == ',' || c == '\n' || (c == '\r' && i_ + 1 < text_.size() && text_[i_ + 1] == '\n'))
          break;
        ++i_;
      }
      value = text_.substr(begin, i_ - begin);
    }
    fields_.push_back(value);
    lines_.push_back(field_line);
    if (fields_.size() > max_fields_)
      CheckCount({file_, field_line, static_cast<int>(fields_.size())}, fields_.size(), max_fields_,
                 "1行の列の数", "KOKUHO_MAX_TABLE_COLUMNS");
    if (i_ >= text_.size()) return true;
    const char c = text_[i_];
    if (c == ',') {
      ++i_;
      continue;
    }
    i_ += c == '\r' ? 2 : 1;  // LF or CRLF ends the record
    ++line_;
    return true;
  }
}

}  // namespace kokuho
