// The rule tables of the 二次点検 (claims/check_rules.h) read from the dated rule files:
// data/claims/check_rules.yaml (compiled in) and the user's *.yaml files in --rules DIR, all
// in the format of docs/parameters.md with `period: month` (the tables change with the
// 点数表 改定, in force from a 診療年月).
//
//   ClaimsRuleBook book("my-rules/", YearPolicy{});
//   const claims::RuleTable& t = book.For(202407);   // the rows in force for 2024-07
//   book.notes().Lines();                            // unconfirmed rows, carried months
//
// A user's file adds rows to the series it names; a row with the same key (the code, or
// the 一般名コード prefix) as a row of an earlier file replaces it, so the user can correct
// or extend the bundled table without copying it. A month past a series' known_through is
// refused (the next 改定 may change the table) unless the policy carries values forward.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "claims/check_rules.h"
#include "claims/guidance_lists.h"
#include "core/parameter_notes.h"
#include "io/parameter_file.h"

namespace kokuho {

class ClaimsRuleBook : public claims::RuleSource {
 public:
  /// Reads the embedded file and, when `user_dir` is not empty, every *.yaml in it (in
  /// name order). Bad files are InputErrors at file:line:column.
  ClaimsRuleBook(const std::string& user_dir, YearPolicy policy);
  const claims::RuleTable& For(std::int32_t month) override;
  const ParameterNotes& notes() const { return notes_; }
  /// The files read, in order.
  std::vector<std::string> Files() const;
  /// One line (Japanese) per series that had no entry in force for some 診療年月 asked
  /// for: those months were checked without that series' rows (e.g. a month before the
  /// bundled table's first entry). Empty when every month was covered.
  std::vector<std::string> Gaps() const;

 private:
  std::vector<ParameterFile> files_;
  YearPolicy policy_;
  ParameterNotes notes_;
  std::map<std::int32_t, claims::RuleTable> cache_;
  std::map<std::string, std::set<std::int32_t>> gaps_;  // series → months without an entry
};

/// The embedded rule file's repository path.
inline constexpr const char* kClaimsRulesFile = "data/claims/check_rules.yaml";
/// The embedded list thresholds (period: fiscal_year).
inline constexpr const char* kClaimsListFile = "data/claims/guidance.yaml";

/// The list thresholds in force in fiscal year `year`: data/claims/guidance.yaml, each
/// series replaced by the same series of `user_file` when given. `sources` receives one line
/// per series ("重複受診: 下野市 … (guidance.yaml, from 2017)").
claims::ListParams LoadListParams(FiscalYear year, const std::string& user_file,
                                  const YearPolicy& policy, ParameterNotes& notes,
                                  std::vector<std::string>& sources);

}  // namespace kokuho
