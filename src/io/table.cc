#include "io/table.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <set>

namespace kokuho {

std::optional<size_t> Table::ColumnIndex(std::string_view name) const {
  for (size_t i = 0; i < header.size(); ++i)
    if (header[i].text == name) return i;
  return std::nullopt;
}

void CheckColumns(const Table& t, const std::vector<std::string>& known,
                  const std::vector<std::string>& required) {
  std::set<std::string> seen;
  for (const TableCell& h : t.header) {
    if (std::find(known.begin(), known.end(), h.text) == known.end())
      throw InputError(h.pos, fmt::format("見出し {} はこの表では使えません。使える見出し: {}",
                                          h.text, fmt::join(known, "、")));
    if (!seen.insert(h.text).second)
      throw InputError(h.pos, fmt::format("見出し {} が2回あります。1回にしてください", h.text));
  }
  for (const auto& name : required)
    if (!t.ColumnIndex(name))
      throw InputError({t.file, 1, 0},
                       fmt::format("列 {} がありません。見出し行に加えてください", name));
}

}  // namespace kokuho
