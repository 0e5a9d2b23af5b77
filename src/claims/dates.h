// Dates in レセ電 files: 和暦 (GYYMM / GYYMMDD with a 元号 code) or 西暦 (YYYYMM /
// YYYYMMDD), told apart by their length, as the 記録条件仕様 令和4年4月版 writes 西暦 and
// older files 和暦 (docs/claims-format.md).
//
//   元号区分 (別表4 of the older specs): 1 明治, 2 大正, 3 昭和, 4 平成, 5 令和.
//
//   ClaimDate d;
//   ParseClaimMonth("43101", d);    // ok: 平成31年1月 → d.value == 201901
//   ParseClaimMonth("202111", d);   // ok: 2021-11    → d.value == 202111
//   ParseClaimDay("4070208", d);    // ok: 平成7年2月8日 → 19950208
//   ParseClaimMonth("43105", d);    // kImpossible: 平成31年5月 is 令和元年5月
//
// The raw text stays in the record; these give the calendar value and refuse dates
// that cannot exist (month 13, 2月30日, 平成32年, 令和元年4月, before 明治).
#pragma once

#include <cstdint>
#include <string_view>

namespace kokuho::claims {

/// Why a date field could not be read.
enum class DateIssue : std::uint8_t {
  kNone = 0,
  kLength,      ///< not 5/6 digits (month) or 7/8 digits (day)
  kNotDigits,   ///< a character other than 0–9
  kEra,         ///< 元号 code not 1–5
  kImpossible,  ///< no such month or day, or outside the 元号's span
  kBeforeMeiji  ///< before 明治 (1868-01-25)
};

/// A date read from a field: `value` is yyyymm (month) or yyyymmdd (day); `wareki` says
/// whether it was written in 和暦.
struct ClaimDate {
  std::int32_t value = 0;
  bool wareki = false;
};

/// Reads a year-month: 5 digits GYYMM (和暦) or 6 digits YYYYMM (西暦).
DateIssue ParseClaimMonth(std::string_view text, ClaimDate& out);
/// Reads a date: 7 digits GYYMMDD (和暦) or 8 digits YYYYMMDD (西暦).
DateIssue ParseClaimDay(std::string_view text, ClaimDate& out);

/// A short Japanese description of an issue, for messages ("日付として存在しません").
std::string_view DateIssueText(DateIssue issue);

/// Whether yyyymmdd is a real Gregorian date (no era rules).
bool IsCalendarDate(int year, int month, int day);

/// The last day of a month.
int DaysInMonth(int year, int month);

}  // namespace kokuho::claims
