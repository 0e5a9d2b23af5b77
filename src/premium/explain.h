// ExplainLine: one step of a levy's explanation (`kokuho levy --explain`): what was
// computed, in Japanese, with the rule's source.
#pragma once

#include <string>
#include <vector>

namespace kokuho::premium {

struct ExplainLine {
  std::string step;  ///< short heading: "世帯員1 給与所得", "医療分 均等割"
  std::string text;  ///< the arithmetic: "給与収入 3,000,000円 → 別表第五 … = 2,020,000円"
  std::string source;  ///< the rule's source (law, notice, data file entry), may be empty
};
using Explanation = std::vector<ExplainLine>;

}  // namespace kokuho::premium
