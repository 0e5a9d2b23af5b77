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

bool ParsePairUnit(std::string_view t, PairUnit& out) {
  // 背反テーブル 03-1 1日につき, 03-2 同一月内, 03-3 同時, 03-4 1週間につき; 補助マスター
  // テーブル 包括単位 01 1日につき, 02 同一月内, 03 同時 (docs/claims-checks.md).
  struct Row {
    std::string_view name;
    PairUnit unit;
  };
  static constexpr Row kRows[] = {
      {"日", PairUnit::kDay},
      {"1日", PairUnit::kDay},
      {"1日につき", PairUnit::kDay},
      {"01", PairUnit::kDay},
      {"1", PairUnit::kDay},
      {"月", PairUnit::kMonth},
      {"同一月", PairUnit::kMonth},
      {"同一月内", PairUnit::kMonth},
      {"02", PairUnit::kMonth},
      {"2", PairUnit::kMonth},
      {"同時", PairUnit::kSimultaneous},
      {"03", PairUnit::kSimultaneous},
      {"3", PairUnit::kSimultaneous},
      {"週", PairUnit::kWeek},
      {"1週間", PairUnit::kWeek},
      {"1週間につき", PairUnit::kWeek},
  };
  for (const Row& r : kRows)
    if (t == r.name) {
      out = r.unit;
      return true;
    }
  return false;
}

std::string_view PairUnitName(PairUnit u) {
  switch (u) {
    case PairUnit::kDay:
      return "1日";
    case PairUnit::kMonth:
      return "同一月";
    case PairUnit::kSimultaneous:
      return "同時";
    case PairUnit::kWeek:
      return "1週間";
  }
  return "";
}

void RuleTable::Index() {
  by_code_.clear();
  pairs_.clear();
  longest_months_ = 1;
  for (std::uint32_t i = 0; i < exclusive.size(); ++i) {
    const ExclusiveRule& r = exclusive[i];
    pairs_.push_back({r.code1, r.code2, r.unit, r.keep, r.special, false, i, 0});
  }
  for (std::uint32_t i = 0; i < inclusive.size(); ++i) {
    const InclusiveRule& r = inclusive[i];
    for (std::uint32_t k = 0; k < r.included.size(); ++k)
      pairs_.push_back({r.code, r.included[k].code, r.unit, KeepSide::kFirst,
                        r.special || r.included[k].special, true, i, k});
  }
  for (std::uint32_t i = 0; i < pairs_.size(); ++i) {
    by_code_[pairs_[i].first].pairs.push_back(i);
    by_code_[pairs_[i].second].pairs.push_back(i);
  }
  for (std::uint32_t i = 0; i < frequency.size(); ++i) {
    by_code_[frequency[i].code].frequency.push_back(i);
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

const RuleTable::CodeRules* RuleTable::RulesOf(std::uint32_t code) const {
  auto it = by_code_.find(code);
  return it == by_code_.end() ? nullptr : &it->second;
}

const std::vector<std::uint32_t>& RuleTable::FrequencyOf(std::uint32_t code) const {
  static const std::vector<std::uint32_t> kNone;
  const CodeRules* r = RulesOf(code);
  return r ? r->frequency : kNone;
}

const std::vector<std::uint32_t>& RuleTable::PairsOf(std::uint32_t code) const {
  static const std::vector<std::uint32_t> kNone;
  const CodeRules* r = RulesOf(code);
  return r ? r->pairs : kNone;
}

bool RuleTable::IsFirstVisit(std::uint32_t code) const {
  return std::binary_search(first_visit_codes_.begin(), first_visit_codes_.end(), code);
}

bool RuleTable::IsPrescriptionFee(std::uint32_t code) const {
  return std::binary_search(prescription_codes_.begin(), prescription_codes_.end(), code);
}

}  // namespace kokuho::claims
