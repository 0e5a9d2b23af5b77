// Two runs side by side: per year and municipality (matched by 団体コード), each run's
// 納付金, 1人当たり保険料 and 激変緩和額 and the difference B − A of each; years or municipalities
// present in only one run are listed as such, never silently dropped.
#pragma once

#include <string>
#include <vector>

#include "core/yen.h"
#include "scenario/run.h"

namespace kokuho::scenario {

struct ComparisonRow {
  FiscalYear year{2027};
  std::string code, name;  ///< empty code: the prefecture's total
  Yen nofukin_a = 0, nofukin_b = 0;
  Rational premium_per_capita_a, premium_per_capita_b;
  Yen relief_a = 0, relief_b = 0;  ///< 激変緩和額 granted
  /// B − A; a difference beyond int64 is a CalculationError (never a wrap).
  Yen nofukin_diff() const { return SubYen(nofukin_b, nofukin_a, "納付金 B − A"); }
  Rational premium_per_capita_diff() const { return premium_per_capita_b - premium_per_capita_a; }
  Yen relief_diff() const { return SubYen(relief_b, relief_a, "激変緩和額 B − A"); }
};

struct Comparison {
  std::string name_a, name_b;
  std::vector<ComparisonRow> rows;                ///< per year: the municipalities, then the total
  std::vector<std::string> only_in_a, only_in_b;  ///< "令和9年度" or "令和9年度 102016 前橋市"
};

Comparison Compare(const Run& a, const Run& b);

}  // namespace kokuho::scenario
