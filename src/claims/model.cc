#include "claims/model.h"

#include <fmt/format.h>

namespace kokuho::claims {

std::string Diagnostic::ToString() const {
  std::string where = file;
  if (line > 0) where += fmt::format(":{}", line);
  if (line > 0 && column > 0) where += fmt::format(":{}", column);
  return fmt::format("{}: {}: {}", where, severity == Severity::kError ? "エラー" : "警告",
                     message);
}

std::string_view ClaimBatch::Field(const Record& r, std::size_t index) const {
  std::string_view t = RecordText(r);
  std::size_t skip = index + r.prefix_fields;
  std::size_t start = 0;
  while (skip > 0) {
    const std::size_t comma = t.find(',', start);
    if (comma == std::string_view::npos) return {};
    start = comma + 1;
    --skip;
  }
  const std::size_t end = t.find(',', start);
  return t.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
}

std::size_t ClaimBatch::Fields(const Record& r, std::span<std::string_view> out) const {
  std::string_view t = RecordText(r);
  std::size_t n = 0, index = 0, start = 0;
  while (true) {
    const std::size_t comma = t.find(',', start);
    const std::string_view f =
        t.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
    if (index >= r.prefix_fields) {
      if (n < out.size()) out[n] = f;
      ++n;
    }
    ++index;
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return n;
}

std::size_t ClaimBatch::LeadingFields(const Record& r, std::span<std::string_view> out) const {
  const std::string_view t = RecordText(r);
  std::size_t n = 0, index = 0, start = 0;
  for (std::size_t i = 0; i <= t.size() && n < out.size(); ++i) {
    if (i < t.size() && t[i] != ',') continue;
    if (index++ >= r.prefix_fields) out[n++] = t.substr(start, i - start);
    start = i + 1;
  }
  return n;
}

void ClaimBatch::Clear() {
  text.clear();
  records.clear();
  receipts.clear();
  items.clear();
  days.clear();
  diagnoses.clear();
  quarantine.clear();
  quarantine_bytes.clear();
}

}  // namespace kokuho::claims
