#include "claims/dates.h"

namespace kokuho::claims {
namespace {

// The first day of each era (yyyymmdd) and the Gregorian year of its year 1.
// 明治: 1868-01-25 (慶応4年1月1日, from which 明治元年 counts under the 改元の詔);
// 大正 1912-07-30; 昭和 1926-12-25; 平成 1989-01-08 (元号を改める政令 昭和64年政令第1号);
// 令和 2019-05-01 (平成31年政令第143号). Dates of 明治1–5 (before the 1873 Gregorian
// switch) are taken as Gregorian: no receipt carries them.
struct Era {
  std::int32_t first_day;
  int year_one;
};
constexpr Era kEras[] = {
    {18680125, 1868}, {19120730, 1912}, {19261225, 1926}, {19890108, 1989}, {20190501, 2019}};
constexpr std::int32_t kMeijiStart = 18680125;

bool AllDigits(std::string_view s) {
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

int Num(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

// The last day of the era with code g (1-based), or a far-future day for the current one.
std::int32_t EraLastDay(int g) {
  if (g >= 5) return 99991231;
  const std::int32_t next = kEras[g].first_day;  // kEras[g] is era g+1
  const int y = next / 10000, m = next / 100 % 100, d = next % 100;
  if (d > 1) return next - 1;
  if (m > 1) return y * 10000 + (m - 1) * 100 + DaysInMonth(y, m - 1);
  return (y - 1) * 10000 + 1231;
}

}  // namespace

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  if (month == 2 && ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0)) return 29;
  return kDays[month - 1];
}

bool IsCalendarDate(int year, int month, int day) {
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= DaysInMonth(year, month);
}

DateIssue ParseClaimMonth(std::string_view text, ClaimDate& out) {
  if (text.size() != 5 && text.size() != 6) return DateIssue::kLength;
  if (!AllDigits(text)) return DateIssue::kNotDigits;
  int year = 0, month = 0;
  if (text.size() == 5) {
    const int g = text[0] - '0';
    if (g < 1 || g > 5) return DateIssue::kEra;
    const int yy = Num(text.substr(1, 2));
    month = Num(text.substr(3, 2));
    if (yy < 1 || month < 1 || month > 12) return DateIssue::kImpossible;
    year = kEras[g - 1].year_one + yy - 1;
    // The month must overlap the era: its first day ≤ the era's last day and its last day
    // ≥ the era's first day (平成31年4月 exists, 平成31年5月 does not; 令和元年5月 does).
    const std::int32_t first = year * 10000 + month * 100 + 1;
    const std::int32_t last = year * 10000 + month * 100 + DaysInMonth(year, month);
    if (first > EraLastDay(g) || last < kEras[g - 1].first_day) return DateIssue::kImpossible;
    out.wareki = true;
  } else {
    year = Num(text.substr(0, 4));
    month = Num(text.substr(4, 2));
    if (month < 1 || month > 12) return DateIssue::kImpossible;
    if (year * 100 + month < kMeijiStart / 100) return DateIssue::kBeforeMeiji;
    out.wareki = false;
  }
  out.value = year * 100 + month;
  return DateIssue::kNone;
}

DateIssue ParseClaimDay(std::string_view text, ClaimDate& out) {
  if (text.size() != 7 && text.size() != 8) return DateIssue::kLength;
  if (!AllDigits(text)) return DateIssue::kNotDigits;
  int year = 0, month = 0, day = 0;
  if (text.size() == 7) {
    const int g = text[0] - '0';
    if (g < 1 || g > 5) return DateIssue::kEra;
    const int yy = Num(text.substr(1, 2));
    month = Num(text.substr(3, 2));
    day = Num(text.substr(5, 2));
    if (yy < 1) return DateIssue::kImpossible;
    year = kEras[g - 1].year_one + yy - 1;
    if (!IsCalendarDate(year, month, day)) return DateIssue::kImpossible;
    const std::int32_t v = year * 10000 + month * 100 + day;
    if (v < kEras[g - 1].first_day || v > EraLastDay(g)) return DateIssue::kImpossible;
    out.wareki = true;
  } else {
    year = Num(text.substr(0, 4));
    month = Num(text.substr(4, 2));
    day = Num(text.substr(6, 2));
    if (!IsCalendarDate(year, month, day)) return DateIssue::kImpossible;
    if (year * 10000 + month * 100 + day < kMeijiStart) return DateIssue::kBeforeMeiji;
    out.wareki = false;
  }
  out.value = year * 10000 + month * 100 + day;
  return DateIssue::kNone;
}

std::string_view DateIssueText(DateIssue issue) {
  switch (issue) {
    case DateIssue::kNone:
      return "";
    case DateIssue::kLength:
      return "桁数が日付の形式ではありません (年月は和暦5桁 GYYMM か西暦6桁 YYYYMM、"
             "年月日は和暦7桁 GYYMMDD か西暦8桁 YYYYMMDD)";
    case DateIssue::kNotDigits:
      return "数字以外の文字があります";
    case DateIssue::kEra:
      return "元号区分が 1 (明治)〜5 (令和) ではありません";
    case DateIssue::kImpossible:
      return "日付として存在しません (月・日の範囲、または元号の期間の外)";
    case DateIssue::kBeforeMeiji:
      return "明治 (1868年1月25日) より前の日付です";
  }
  return "";
}

}  // namespace kokuho::claims
