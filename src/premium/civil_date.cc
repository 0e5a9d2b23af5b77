#include "premium/civil_date.h"

#include <fmt/format.h>

#include <array>

#include "core/text.h"

namespace kokuho::premium {
namespace {

struct Era {
  std::string_view name, letter;
  int first_year;  // Gregorian year of 元年
};
constexpr std::array<Era, 4> kEras = {Era{"令和", "R", 2019}, Era{"平成", "H", 1989},
                                      Era{"昭和", "S", 1926}, Era{"大正", "T", 1912}};

bool ReadInt(std::string_view& s, int& out) {
  if (s.substr(0, 3) == "元") {  // 元年 (UTF-8 is 3 bytes)
    out = 1;
    s.remove_prefix(3);
    return true;
  }
  int v = 0, n = 0;
  while (!s.empty() && s[0] >= '0' && s[0] <= '9' && n < 5) {
    v = v * 10 + (s[0] - '0');
    s.remove_prefix(1);
    ++n;
  }
  if (n == 0) return false;
  out = v;
  return true;
}

bool ReadSeparator(std::string_view& s, std::string_view jp) {
  if (!s.empty() && (s[0] == '-' || s[0] == '/' || s[0] == '.')) {
    s.remove_prefix(1);
    return true;
  }
  if (s.substr(0, jp.size()) == jp) {
    s.remove_prefix(jp.size());
    return true;
  }
  return false;
}

}  // namespace

bool CivilDate::Valid(int y, int m, int d) {
  if (y < 1800 || y > 2200 || m < 1 || m > 12 || d < 1) return false;
  return d <= LastDayOfMonth(y, m).day;
}

std::optional<CivilDate> CivilDate::TryParse(std::string_view raw) {
  const std::string normalized = NormalizeWidth(raw);
  std::string_view s = Trim(normalized);
  int era_first = 0;
  for (const Era& e : kEras) {
    if (s.substr(0, e.name.size()) == e.name) {
      era_first = e.first_year;
      s.remove_prefix(e.name.size());
      break;
    }
    if (s.substr(0, 1) == e.letter) {
      era_first = e.first_year;
      s.remove_prefix(1);
      break;
    }
  }
  int y = 0, m = 0, d = 0;
  if (!ReadInt(s, y) || !ReadSeparator(s, "年") || !ReadInt(s, m) || !ReadSeparator(s, "月") ||
      !ReadInt(s, d))
    return std::nullopt;
  if (s == "日") s = {};
  if (!s.empty()) return std::nullopt;
  if (era_first) y = era_first + y - 1;
  if (!Valid(y, m, d)) return std::nullopt;
  return CivilDate{y, m, d};
}

// Days from civil (Howard Hinnant's algorithm, public domain description).
long CivilDate::DayNumber() const {
  const int y = month <= 2 ? year - 1 : year;
  const long era = (y >= 0 ? y : y - 399) / 400;
  const long yoe = y - era * 400;
  const long doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

CivilDate CivilDate::FromDayNumber(long z) {
  z += 719468;
  const long era = (z >= 0 ? z : z - 146096) / 146097;
  const long doe = z - era * 146097;
  const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const long mp = (5 * doy + 2) / 153;
  const int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  const int y = static_cast<int>(yoe + era * 400 + (m <= 2 ? 1 : 0));
  return {y, m, d};
}

CivilDate CivilDate::PlusYears(int years) const {
  if (month == 2 && day == 29 && !Valid(year + years, 2, 29)) return {year + years, 3, 1};
  return {year + years, month, day};
}

CivilDate CivilDate::PreviousDay() const {
  if (day > 1) return {year, month, day - 1};
  return month == 1 ? CivilDate{year - 1, 12, 31} : LastDayOfMonth(year, month - 1);
}

std::string CivilDate::ToString() const {
  return fmt::format("{:04}-{:02}-{:02}", year, month, day);
}

int FiscalMonthIndex(int fy, int year_month) {
  const int y = year_month / 100, m = year_month % 100;
  const int index = (y - fy) * 12 + (m - 4);
  return index >= 0 && index < 12 ? index : -1;
}

int FiscalMonthYearMonth(int fy, int index) {
  const int m0 = 3 + index;  // April = 3 (0-based month)
  return (fy + m0 / 12) * 100 + (m0 % 12) + 1;
}

CivilDate LastDayOfMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int d = kDays[month - 1];
  if (month == 2 && ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0)) d = 29;
  return {year, month, d};
}

}  // namespace kokuho::premium
