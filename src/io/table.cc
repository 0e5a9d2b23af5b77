#include "io/table.h"

namespace kokuho {

std::optional<size_t> Table::ColumnIndex(std::string_view name) const {
  for (size_t i = 0; i < header.size(); ++i)
    if (header[i].text == name) return i;
  return std::nullopt;
}

}  // namespace kokuho
