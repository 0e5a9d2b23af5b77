// The 二次点検 engine: 縦覧 (the same patient across months), 横覧 (the receipts of one
// month) and 突合 (a 調剤 receipt against the prescribing 医療機関's receipt), over the
// check view (claims/check_view.h) and the rule tables (claims/check_rules.h).
//
// Months go in one at a time, in 請求 order; the engine keeps what later months need (the
// uses of codes with a frequency rule within their longest window, and of codes of a 背反
// pair or 包括 group for the next month (1週間 and 月遅れ claims), the last visit per
// patient and institution for 初診料) and nothing else, so a year runs in the memory of
// one month plus that history. Checking months together or one at a time with the earlier
// months read first as history gives the same findings (tests/claims/check_engine_test.cc).
//
//   CheckEngine e(rules, institutions, {&masters});
//   std::vector<Finding> f;
//   e.AddMonth(april, f, /*report=*/false);   // history only
//   e.AddMonth(may, f);                       // May's findings
//
// Rule codes (a stable list; docs/claims-checks.md explains each with an example):
//
//   T01 縦覧 算定回数の上限超過            frequency rules (日 … 12月, 5年, 年度)
//   T02 縦覧 初診料の再算定                 初診料 while the last visit < 1 月 ago left a 傷病 open
//   T03 縦覧 1回限りの項目の再算定          frequency rules per 患者当たり (生涯)
//   Y01 横覧 入院中の同一医療機関の外来算定   初診・再診 on a day of the same institution's stay
//   Y02 横覧 入院中の他医療機関受診・調剤    another institution's 外来 / a 調剤 on a stay day
//   Y03 横覧 同一項目の複数医療機関算定       a patient-wide limit exceeded across institutions
//   K01 突合 処方元の医科レセプトなし         no receipt of the prescriber that month
//   K02 突合 処方箋料なし                    the prescriber billed no 処方箋料 (that day)
//   K03 突合 投与日数の上限超過              drug_days
//   K04 突合 1日量の上限超過                 drug_dose
//   K05 突合 適応傷病名なし                  indication
//   H01 背反 併せて算定できない項目            exclusive (1日・同一月・同時・1週間, one
//   institution) H02 包括 包括される項目の別算定            inclusive (the group's code within
//   日・月・同時)
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "claims/check_rules.h"
#include "claims/check_view.h"
#include "claims/master_lookup.h"

namespace kokuho::claims {

/// A receipt a finding points at (the reviewer finds it by file and レセプト番号).
struct ReceiptRef {
  std::string file;
  std::uint32_t number = 0;  ///< レセプト番号
  std::uint32_t line = 0;    ///< RE line
  std::int32_t month = 0;    ///< 診療年月
  std::int32_t billing_month = 0;
  std::uint32_t institution = kNoIndex;
  bool operator==(const ReceiptRef&) const = default;
};

struct Finding {
  std::string rule;  ///< "T01" …
  CheckSeverity severity = CheckSeverity::kError;
  std::vector<ReceiptRef> receipts;  ///< [0] the receipt the finding is on, then the evidence
  std::vector<std::uint32_t> lines;  ///< lines of receipts[0] concerned, ascending
  std::int64_t points = 0;           ///< 点数 at stake (what a 査定 would take)
  std::uint32_t code = 0;            ///< the item or drug concerned, 0 none
  std::string reason;                ///< plain Japanese: what is wrong and what to do
  std::string source;                ///< the rule's source (law, notice, table row)
  bool operator==(const Finding&) const = default;
};

/// One rule code of the catalogue.
struct RuleInfo {
  std::string_view code;
  std::string_view kind;  ///< 縦覧 / 横覧 / 突合
  std::string_view name;
  CheckSeverity severity;  ///< default (a 特例 row turns エラー into 要確認)
  bool needs_masters;      ///< runs only with --masters (一般名コード, ICD-10)
};
std::span<const RuleInfo> CheckRuleCatalogue();
const RuleInfo* FindRuleInfo(std::string_view code);

struct CheckOptions {
  const MasterSet* masters = nullptr;
};

/// What was examined, for the summary ("n receipts checked by K03").
struct CheckCounts {
  std::uint64_t months = 0, receipts = 0, medical = 0, pharmacy = 0, persons = 0;
  std::uint64_t uses_tracked = 0;  ///< item uses kept for frequency rules
  std::uint64_t drug_lines = 0, drug_lines_without_master = 0;
};

class CheckEngine {
 public:
  CheckEngine(RuleSource& rules, const InstitutionTable& institutions, CheckOptions options = {});
  ~CheckEngine();
  CheckEngine(const CheckEngine&) = delete;
  CheckEngine& operator=(const CheckEngine&) = delete;

  /// Checks one month's receipts against the history and adds them to it. With
  /// `report` false the month is history only (its findings are not returned). Findings
  /// are appended in a fixed order (rule, file, レセプト番号, line).
  void AddMonth(const CheckMonth& month, std::vector<Finding>& out, bool report = true);

  const CheckCounts& counts() const { return counts_; }
  /// Items of history kept now (for the memory statement).
  std::uint64_t HistorySize() const;

 private:
  struct State;
  State* state_;
  RuleSource& rules_;
  const InstitutionTable& institutions_;
  MasterLookup lookup_;
  CheckCounts counts_;
};

/// Sorts findings in the output order: 請求年月, rule, file, レセプト番号, first line.
void SortFindings(std::vector<Finding>& findings);

}  // namespace kokuho::claims
