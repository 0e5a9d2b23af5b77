#include "core/fiscal_year.h"

#include <fmt/format.h>

#include "core/text.h"

namespace kokuho {
namespace {

constexpr int kHeiseiStart = 1989;  // 平成元年
constexpr int kReiwaStart = 2019;   // 令和元年
constexpr int kMinYear = 1989, kMaxYear = 2200;

bool ParseInt(std::string_view s, int& out) {
  if (s.empty() || s.size() > 4) return false;
  int v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  out = v;
  return true;
}

bool StripPrefix(std::string_view& s, std::string_view prefix) {
  if (s.substr(0, prefix.size()) != prefix) return false;
  s.remove_prefix(prefix.size());
  return true;
}

bool StripSuffix(std::string_view& s, std::string_view suffix) {
  if (s.size() < suffix.size() || s.substr(s.size() - suffix.size()) != suffix) return false;
  s.remove_suffix(suffix.size());
  return true;
}

}  // namespace

std::optional<FiscalYear> FiscalYear::TryParse(std::string_view raw) {
  std::string normalized = NormalizeWidth(Trim(raw));
  std::string_view s = normalized;
  StripSuffix(s, "年度") || StripSuffix(s, "年");
  int base = 0;
  if (StripPrefix(s, "令和") || StripPrefix(s, "R") || StripPrefix(s, "r")) {
    base = kReiwaStart - 1;
  } else if (StripPrefix(s, "平成") || StripPrefix(s, "H") || StripPrefix(s, "h")) {
    base = kHeiseiStart - 1;
  }
  int n = 0;
  if (base != 0 && s == "元") {
    n = 1;
  } else if (!ParseInt(s, n)) {
    return std::nullopt;
  }
  int year = base + n;
  if (base != 0 && n == 0) return std::nullopt;
  // 平成 ended in its 31st year (2019); later 平成 numbers are not real dates.
  if (base == kHeiseiStart - 1 && n > 31) return std::nullopt;
  if (year < kMinYear || year > kMaxYear) return std::nullopt;
  return FiscalYear(year);
}

std::string FiscalYear::ToWareki() const {
  if (year_ >= kReiwaStart) {
    int n = year_ - kReiwaStart + 1;
    return n == 1 ? "令和元年度" : fmt::format("令和{}年度", n);
  }
  int n = year_ - kHeiseiStart + 1;
  return n == 1 ? "平成元年度" : fmt::format("平成{}年度", n);
}

std::string FiscalYear::ToShortWareki() const {
  if (year_ >= kReiwaStart) return fmt::format("R{}", year_ - kReiwaStart + 1);
  return fmt::format("H{}", year_ - kHeiseiStart + 1);
}

}  // namespace kokuho
