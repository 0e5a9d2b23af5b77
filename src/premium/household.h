// Household: one 国保 household as a user describes it (a resident at the counter, a
// model household in a council paper, a row group of a population file): its members,
// their previous-year incomes by kind, and the facts that change the levy.
//
// Incomes are those of the calendar year before the fiscal year (FY2026 → 2025), in
// whole yen, never negative: a loss is given by its own field (business_loss …), which
// offsets the member's other income as 損益通算 does (所得税法 69条), never another member's.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/yen.h"
#include "premium/civil_date.h"

namespace kokuho::premium {

/// A member's previous-year incomes, by kind (所得 after the deductions of their own kind
/// unless the name says 収入).
struct IncomeItems {
  Yen salary_revenue = 0;  ///< 給与収入 (not 専従者給与)
  Yen family_salary = 0;  ///< 専従者給与 this member received (給与所得 for the 所得割;
                          ///< nil in the 軽減判定; does not make an earner)
  Yen pension_revenue = 0;  ///< 公的年金等収入
  Yen business = 0;         ///< 事業所得 (after 専従者給与/控除 paid)
  Yen family_salary_paid = 0;  ///< 専従者給与/控除 this owner paid (added back for 軽減判定)
  Yen real_estate = 0;         ///< 不動産所得
  Yen interest = 0;            ///< 利子所得
  Yen dividends = 0;           ///< 配当所得 (総合)
  Yen misc = 0;                ///< 雑所得 other than 公的年金等
  Yen occasional = 0;          ///< 一時所得 after the ½ (the amount in 総所得金額等)
  Yen forestry = 0;            ///< 山林所得
  Yen land_gains = 0;  ///< 分離長期・短期譲渡所得 (土地建物) before 特別控除
  Yen land_gains_deduction = 0;  ///< its 特別控除 (<= land_gains)
  Yen stocks = 0;   ///< 上場株式等の譲渡・配当 (declared; after 繰越損失)
  Yen futures = 0;  ///< 先物取引に係る雑所得等
  /// Losses (損失の金額, > 0), each offsetting the member's other 総所得 kinds (損益通算:
  /// 所得税法 69条 for 事業, 不動産, 山林), the 総所得 floored at 0; never the 分離 kinds
  /// (land_gains, stocks, futures: 租税特別措置法 31条 etc.). misc_loss (業務・その他の雑所得
  /// の損失) offsets only the 公的年金等所得 (雑所得 is one kind; 69条 does not list it).
  Yen business_loss = 0;
  Yen real_estate_loss = 0;
  Yen forestry_loss = 0;
  Yen misc_loss = 0;
  /// 給与所得 given directly (as on the 住民税 record: after 給与所得控除 and 所得金額調整控除)
  /// instead of salary_revenue; with total_income, the 給与所得 included in it. The
  /// 非自発的失業者 30/100 applies to it (国保法施行令 29条の7の2: 所得税法 28条1項の給与所得).
  std::optional<Yen> salary_income;
  /// 総所得金額等 given directly (e.g. from the 住民税 data): then the kinds above must be 0,
  /// and `reduction_income` gives the 軽減判定 figure (default: the same).
  std::optional<Yen> total_income;
  std::optional<Yen> reduction_income;
};

struct Person {
  CivilDate birth_date;  ///< loaders turn an `age` into a date (docs/household-format.md)
  bool insured = true;   ///< 国保 member (false: 擬制世帯主 or 特定同一世帯所属者)
  bool head = false;     ///< 世帯主 (納付義務者)
  bool tokutei_doitsu = false;  ///< 特定同一世帯所属者 (moved to 後期; counted in the 軽減判定)
  bool income_declared = true;      ///< 所得申告済; false for anyone counted: no 軽減
  std::optional<CivilDate> joined;  ///< 資格取得日 (during the year)
  std::optional<CivilDate> left;    ///< 資格喪失日 (the day after the last insured day)
  IncomeItems income;
  Yen fixed_asset_tax = 0;  ///< 固定資産税額 (土地・家屋) of this fiscal year, for 資産割
  std::optional<CivilDate> former_dependent_since;   ///< 旧被扶養者: 資格取得日
  std::optional<CivilDate> unemployment_separation;  ///< 非自発的失業者: 離職日
  std::string unemployment_reason;                   ///< 離職理由コード ("11" …)
  std::optional<int> birth_month;                    ///< 産前産後: 出産(予定)月 as yyyymm
  bool birth_multiple = false;                       ///< 多胎
};

/// Household type for the microsimulation's breakdown.
enum class HouseholdType : std::uint8_t {
  kSingle = 0,     ///< 単身 (under 65)
  kSingleElderly,  ///< 単身 65歳以上
  kCouple,         ///< 2人以上, no member under 18, not all 65+
  kElderly,        ///< 2人以上, all 65+
  kWithChildren,   ///< a member under 18
};
inline constexpr int kHouseholdTypeCount = 5;
/// "単身", "単身(65歳以上)", "夫婦等", "高齢者のみ", "子のいる世帯".
const char* HouseholdTypeLabel(HouseholdType t);
const char* HouseholdTypeKey(HouseholdType t);

struct Household {
  std::string id;             ///< 世帯番号 (no personal data)
  std::string municipality;   ///< 団体コード (6 digits, with check digit)
  SourcePos municipality_at;  ///< where `municipality` was read (empty when built in code)
  std::vector<Person> members;
  /// 特定世帯: the date the move of a member to 後期高齢者医療 left one 国保 member.
  std::optional<CivilDate> tokutei_since;
};

}  // namespace kokuho::premium
