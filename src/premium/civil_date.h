// CivilDate: a calendar date (birth dates, 資格取得日, 離職日), in and out of text.
//
// Accepts "2026-04-01", "2026/4/1", "2026.4.1", 和暦 "令和8年4月1日", "R8.4.1",
// "昭和45年1月2日" (元年 and 全角 digits too).
//
//   CivilDate d = *CivilDate::TryParse("令和8年4月1日");  // 2026-04-01
#pragma once

#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace kokuho::premium {

struct CivilDate {
  int year = 0, month = 0, day = 0;
  static std::optional<CivilDate> TryParse(std::string_view text);
  static bool Valid(int y, int m, int d);
  /// Days since 1970-01-01.
  long DayNumber() const;
  static CivilDate FromDayNumber(long days);
  CivilDate PlusYears(int years) const;  ///< 2/29 + 1 year = 3/1
  CivilDate PreviousDay() const;
  int YearMonth() const { return year * 100 + month; }  ///< 202604
  std::string ToString() const;                         ///< "2026-04-01"
  auto operator<=>(const CivilDate&) const = default;
};

/// The index 0..11 of a month in fiscal year `fy` (April = 0 … March = 11), or -1.
int FiscalMonthIndex(int fy, int year_month);
/// The calendar yyyymm of fiscal month index i (0 = April of fy).
int FiscalMonthYearMonth(int fy, int index);
/// The last day of a calendar month.
CivilDate LastDayOfMonth(int year, int month);

}  // namespace kokuho::premium
