// FiscalYear: a Japanese fiscal year (年度, April to March), in and out of 和暦.
//
// Users write years as 2027, "2027年度", "令和9年度", "令和９年度", "R9", "R09",
// "H30" or "平成30年度"; kokuho keeps the Gregorian year in which the fiscal year
// starts and prints 和暦 where users expect it:
//
//   FiscalYear fy = FiscalYear::Parse("令和9年度");   // fy.year() == 2027
//   fy.ToWareki();        // "令和9年度"
//   fy.ToShortWareki();   // "R9"
//
// Eras: 平成 (H) years 1989–2019 (平成元年 = 1989), 令和 (R) from 2019 (令和元年 = 2019).
// Fiscal year 2019 is written 令和元年度 (平成31年度 also parses: the era changed on
// 2019-05-01, inside that fiscal year).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace kokuho {

class FiscalYear {
 public:
  explicit constexpr FiscalYear(int gregorian_start_year) : year_(gregorian_start_year) {}

  /// Parses the forms listed above (全角 digits too). Returns nullopt if not a year in
  /// 1989..2200.
  static std::optional<FiscalYear> TryParse(std::string_view text);

  constexpr int year() const { return year_; }
  /// "令和9年度" (令和元年度 for 2019; 平成 for 1989–2018).
  std::string ToWareki() const;
  /// "R9" / "H30".
  std::string ToShortWareki() const;

  constexpr auto operator<=>(const FiscalYear&) const = default;

 private:
  int year_;
};

}  // namespace kokuho
