#include "core/error.h"

#include <fmt/format.h>

namespace kokuho {

std::string SourcePos::ToString() const {
  if (line <= 0) return file;
  if (column <= 0) return fmt::format("{}:{}", file, line);
  return fmt::format("{}:{}:{}", file, line, column);
}

InputError::InputError(SourcePos pos, const std::string& message)
    : std::runtime_error(pos.ToString() + ": " + message),
      pos_(std::move(pos)),
      message_(message) {}

}  // namespace kokuho
