// The rule tables of the 二次点検 (縦覧・横覧・突合): the values the rule kinds of
// claims/check_engine.h apply. The kinds are code; the values are data, dated by 診療年月
// (data/claims/check_rules.yaml in the format of docs/parameters.md, `period: month`,
// extended by the user's files with --rules DIR; readers/claims/check_rules_loader.h reads them).
//
//   frequency        算定回数: a code may be billed `limit` times per period (日, 週, 2週,
//                    月, 2月 … 12月, 5年, 年度, 患者当たり) for one patient at one institution
//                    (or across institutions); the 電子点数表 算定回数テーブル's content.
//   first_visit      初診料 codes (縦覧: 初診料 again while an earlier 傷病 is still open).
//   prescription_fee 処方箋料 codes (突合: the prescribing 医療機関 billed the 処方箋).
//   drug_days        投与日数の上限 by 一般名コード prefix or drug code (療担規則 第20条).
//   drug_dose        1日量の上限 (添付文書の用法・用量; 要確認 only).
//   indication       a drug needs a 傷病名 whose ICD-10 starts with one of the prefixes
//                    (適応病名; no open table exists: a rule pack, 要確認 only).
//   exclusive        背反: two codes that may not both be billed for one patient at one
//                    institution within a unit (1日 / 同一月 / 同時 / 1週間), with the
//                    背反区分 saying which one stays; the 電子点数表 背反テーブル 03-1..4.
//   inclusive        包括: the codes of a group that a main code includes when billed within
//                    the same unit (日 / 月 / 同時); the 電子点数表 包括テーブル 02 with the
//                    包括単位 and グループ番号 of the 補助マスターテーブル 01.
//
// Each row keeps its own source; `special` (特例条件 of the 電子点数表) turns an エラー into
// 要確認 (docs/claims-checks.md).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace kokuho::claims {

/// Severity of a finding: エラー (the rule decides) or 要確認 (a reviewer must look).
enum class CheckSeverity : std::uint8_t { kError = 0, kReview = 1 };
/// "エラー" / "要確認".
std::string_view SeverityName(CheckSeverity s);

/// The period of a frequency rule (算定単位).
enum class PeriodKind : std::uint8_t {
  kDay,         ///< 121 日
  kWeek,        ///< 138 週 (日曜から土曜; 点数表 第2章 通則)
  kTwoWeeks,    ///< 142 2週 (any 14 consecutive days)
  kMonths,      ///< 131 月, 143 2月, 144 3月, 145 4月, 146 6月, 147 12月, 148 5年 (60月)
  kFiscalYear,  ///< 162 年度
  kLifetime,    ///< 53 患者当たり / 生涯1回
};

struct Period {
  PeriodKind kind = PeriodKind::kMonths;
  int months = 1;               ///< kMonths: the window in calendar months (月 = 1)
  std::uint16_t unit_code = 0;  ///< the 電子点数表 算定単位コード
  std::string name;             ///< "3月", "患者当たり" …
};

/// Reads a period: a name ("日", "週", "2週", "月", "2月", "3月", "4月", "6月", "12月",
/// "5年", "年度", "患者当たり", "生涯") or a 算定単位コード (121, 138, 142, 131, 143–148, 162,
/// 53). False when it is none of them.
bool ParsePeriod(std::string_view text, Period& out);

struct FrequencyRule {
  std::uint32_t code = 0;  ///< 9-digit 診療行為コード
  std::string name;
  Period period;
  int limit = 1;                     ///< 算定回数
  bool across_institutions = false;  ///< counted over all institutions of the patient
  bool special = false;              ///< 特例条件: 要確認, not エラー
  std::string source;
};

struct CodeRule {
  std::uint32_t code = 0;
  std::string name;
  std::string source;
};

struct DrugDaysRule {
  std::string generic_prefix;  ///< 一般名コード prefix (7 = 成分), or empty
  std::uint32_t code = 0;      ///< or a 医薬品コード (9 digits), 0 when by prefix
  std::string name;
  int max_days = 0;
  bool special = false;
  std::string source;
};

struct DrugDoseRule {
  std::string generic_prefix;
  std::uint32_t code = 0;
  std::string name;
  std::int64_t max_daily = 0;  ///< × 100000, in the drug's 単位
  std::string source;
};

struct IndicationRule {
  std::string generic_prefix;  ///< 一般名コード prefix, or a 薬効 (3 digits)
  std::uint32_t code = 0;
  std::string name;
  std::vector<std::string> icd10;  ///< ICD-10 prefixes of the 傷病名 that indicate it
  std::string source;
};

/// The unit of a 背反 pair or a 包括 group: within it the two codes may not both be billed
/// (one patient, one institution).
enum class PairUnit : std::uint8_t {
  kDay,           ///< 1日につき (背反 03-1; 包括単位 01): the same 実施日
  kMonth,         ///< 同一月内 (背反 03-2; 包括単位 02): the same calendar month, every
                  ///< receipt of the institution (入院 and 入院外)
  kSimultaneous,  ///< 同時 (背反 03-3; 包括単位 03): the same receipt and the same 実施日
  kWeek,  ///< 1週間につき (背反 03-4): the same week, 日曜–土曜 (点数表 第2章 通則)
};
/// Reads a unit: 日 (1日, 1日につき), 月 (同一月, 同一月内), 同時, 週 (1週間, 1週間につき), or a
/// 包括単位 code of the 補助マスターテーブル (01 日, 02 月, 03 同時). False when none.
bool ParsePairUnit(std::string_view text, PairUnit& out);
/// "1日", "同一月", "同時", "1週間".
std::string_view PairUnitName(PairUnit u);

/// 背反区分 of the 背反テーブル: 1 コード①を算定する, 2 コード②を算定する, 3 何れか一方を
/// 算定する (the layout's field notes as public implementations quote them; docs/claims-checks.md).
enum class KeepSide : std::uint8_t { kFirst = 1, kSecond = 2, kEither = 3 };

/// A 背反 pair (背反テーブル row).
struct ExclusiveRule {
  std::uint32_t code1 = 0, code2 = 0;  ///< 診療行為コード① and ②
  std::string name1, name2;
  PairUnit unit = PairUnit::kDay;
  KeepSide keep = KeepSide::kEither;  ///< 背反区分
  bool special = false;               ///< 特例条件: 要確認, not エラー
  std::string source;
};

/// A 包括 group: `code` (the main item; 補助マスターテーブル 包括単位 + グループ番号) includes
/// the `included` codes (包括テーブル rows of the group) billed within `unit`.
struct InclusiveRule {
  struct Member {
    std::uint32_t code = 0;
    std::string name;
    bool special = false;  ///< 特例条件 of the 包括テーブル row
  };
  std::uint32_t code = 0;
  std::string name;
  std::string group;  ///< グループ番号 (for the reviewer; not used by the check)
  PairUnit unit = PairUnit::kMonth;
  std::vector<Member> included;
  bool special = false;
  std::string source;
};

/// A 背反 pair or one included code of a 包括 group as the engine applies it: `first` and
/// `second` with `keep` saying which stays (包括: first = the main code, kept).
struct PairRule {
  std::uint32_t first = 0, second = 0;
  PairUnit unit = PairUnit::kDay;
  KeepSide keep = KeepSide::kEither;
  bool special = false;
  bool inclusive = false;    ///< 包括 (H02) rather than 背反 (H01)
  std::uint32_t rule = 0;    ///< index into `exclusive` or `inclusive`
  std::uint32_t member = 0;  ///< inclusive: index into `included`
};

/// The rules in force for one 診療年月.
struct RuleTable {
  std::int32_t from_month = 0;  ///< the month the table applies from (the latest entry's)
  std::vector<FrequencyRule> frequency;
  std::vector<CodeRule> first_visit;
  int first_visit_gap_months = 1;  ///< 初診 again only after this many months without visits
  std::string first_visit_source;
  std::vector<CodeRule> prescription_fee;
  std::vector<DrugDaysRule> drug_days;
  std::vector<DrugDoseRule> drug_dose;
  std::vector<IndicationRule> indication;
  std::vector<ExclusiveRule> exclusive;
  std::vector<InclusiveRule> inclusive;

  /// The rules that follow a code's uses (縦覧 and 背反・包括): one lookup per 摘要 line.
  struct CodeRules {
    std::vector<std::uint32_t> frequency;  ///< indexes into `frequency`
    std::vector<std::uint32_t> pairs;      ///< indexes into Pairs()
  };

  /// Builds the lookups below; call after filling the vectors.
  void Index();
  /// The rules of a code, nullptr when it has none.
  const CodeRules* RulesOf(std::uint32_t code) const;
  /// The frequency rules of a code (indexes into `frequency`), empty when none.
  const std::vector<std::uint32_t>& FrequencyOf(std::uint32_t code) const;
  /// The 背反 pairs and 包括 members of a code (indexes into Pairs()), empty when none.
  const std::vector<std::uint32_t>& PairsOf(std::uint32_t code) const;
  /// `exclusive` and every member of `inclusive`, flattened.
  const std::vector<PairRule>& Pairs() const { return pairs_; }
  bool IsFirstVisit(std::uint32_t code) const;
  bool IsPrescriptionFee(std::uint32_t code) const;
  /// The longest window of the frequency rules, in months (60 for 5年), for trimming
  /// history; lifetime rules keep a count only.
  int LongestWindowMonths() const { return longest_months_; }

 private:
  std::unordered_map<std::uint32_t, CodeRules> by_code_;
  std::vector<PairRule> pairs_;
  std::vector<std::uint32_t> first_visit_codes_, prescription_codes_;  // sorted
  int longest_months_ = 1;
};

/// Gives the rule table in force for a 診療年月 (the loader resolves dated files; tests
/// give a fixed table). Must return a reference that stays valid for the source's life.
class RuleSource {
 public:
  virtual ~RuleSource() = default;
  virtual const RuleTable& For(std::int32_t month) = 0;
};

/// A RuleSource with one table for every month (tests, tools).
class FixedRules : public RuleSource {
 public:
  explicit FixedRules(RuleTable t) : table_(std::move(t)) { table_.Index(); }
  const RuleTable& For(std::int32_t) override { return table_; }

 private:
  RuleTable table_;
};

}  // namespace kokuho::claims
