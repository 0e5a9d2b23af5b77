#include "claims/check_rules.h"

#include <algorithm>

namespace kokuho::claims {

std::string_view SeverityName(CheckSeverity s) {
  return s == CheckSeverity::kError ? "エラー" : "要確認";
}

bool ParsePeriod(std::string_view t, Period& out) {
  // 算定単位コード of the 電子点数表 算定回数テーブル as public implementations use them
  // (docs/claims-checks.md): 121 日, 131 月, 138 週, 142 2週, 143 2月, 144 3月, 145 4月,
  // 146 6月, 147 12月, 148 5年, 53 患者当たり, 162 年度. "週" is 日曜–土曜 and "月" the
  // calendar month (医科点数表 第2章 通則).
  struct Row {
    std::string_view name;
    std::uint16_t code;
    PeriodKind kind;
    int months;
  };
  static constexpr Row kRows[] = {
      {"日", 121, PeriodKind::kDay, 0},          {"週", 138, PeriodKind::kWeek, 0},
      {"2週", 142, PeriodKind::kTwoWeeks, 0},    {"月", 131, PeriodKind::kMonths, 1},
      {"2月", 143, PeriodKind::kMonths, 2},      {"3月", 144, PeriodKind::kMonths, 3},
      {"4月", 145, PeriodKind::kMonths, 4},      {"6月", 146, PeriodKind::kMonths, 6},
      {"12月", 147, PeriodKind::kMonths, 12},    {"5年", 148, PeriodKind::kMonths, 60},
      {"年度", 162, PeriodKind::kFiscalYear, 0}, {"患者当たり", 53, PeriodKind::kLifetime, 0},
      {"生涯", 53, PeriodKind::kLifetime, 0},
  };
  for (const Row& r : kRows) {
    const std::string code = std::to_string(r.code);
    if (t == r.name || t == code) {
      out.kind = r.kind;
      out.months = r.months;
      out.unit_code = r.code;
      out.name =
          std::string(r.kind == PeriodKind::kLifetime ? std::string_view("患者当たり") : r.name);
      return true;
    }
  }
  return false;
}

void RuleTable::Index() {
  by_code_.clear();
  longest_months_ = 1;
  for (std::uint32_t i = 0; i < frequency.size(); ++i) {
    by_code_[frequency[i].code].push_back(i);
    const Period& p = frequency[i].period;
    if (p.kind == PeriodKind::kMonths) longest_months_ = std::max(longest_months_, p.months);
    if (p.kind == PeriodKind::kFiscalYear) longest_months_ = std::max(longest_months_, 12);
  }
  first_visit_codes_.clear();
  for (const CodeRule& r : first_visit) first_visit_codes_.push_back(r.code);
  std::sort(first_visit_codes_.begin(), first_visit_codes_.end());
  prescription_codes_.clear();
  for (const CodeRule& r : prescription_fee) prescription_codes_.push_back(r.code);
  std::sort(prescription_codes_.begin(), prescription_codes_.end());
}

const std::vector<std::uint32_t>& RuleTable::FrequencyOf(std::uint32_t code) const {
  static const std::vector<std::uint32_t> kNone;
  auto it = by_code_.find(code);
  return it == by_code_.end() ? kNone : it->second;
}

bool RuleTable::IsFirstVisit(std::uint32_t code) const {
  return std::binary_search(first_visit_codes_.begin(), first_visit_codes_.end(), code);
}

bool RuleTable::IsPrescriptionFee(std::uint32_t code) const {
  return std::binary_search(prescription_codes_.begin(), prescription_codes_.end(), code);
}

}  // namespace kokuho::claims
