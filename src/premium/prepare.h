// Prepare: from a Household to the PreparedHousehold the levy kernel reads — each
// member's incomes converted (給与所得, 年金所得, 所得金額調整控除, 非自発的失業者), the
// 所得割 base (旧ただし書き所得), the 軽減判定所得 and the tier, and the months of every
// member and category (docs/premium-rules.md).
//
//   PreparedHousehold p = Prepare(household, rules, /*municipality index*/ 0);
#pragma once

#include "premium/explain.h"
#include "premium/household.h"
#include "premium/prepared.h"
#include "premium/rules.h"

namespace kokuho::premium {

/// One member's incomes as the levy sees them.
struct MemberIncome {
  Yen salary_income = 0;   ///< 給与所得 (after 所得金額調整控除)
  Yen pension_income = 0;  ///< 公的年金等所得
  Yen total_income = 0;    ///< 総所得金額等
  Yen gokei = 0;           ///< 合計所得金額 (for the 基礎控除 band)
  Yen basic_deduction = 0;
  Yen base = 0;              ///< 所得割 base = max(0, 総所得金額等 − 基礎控除)
  Yen reduction_income = 0;  ///< contribution to the 軽減判定所得
  bool earner = false;       ///< 給与所得者等
  bool aged65 = false;       ///< 65+ on 12/31 of the income year
};

/// `unemployed`: apply the 非自発的失業者 factor to 給与所得.
MemberIncome ComputeMemberIncome(const Person& p, const NationalRules& rules, bool unemployed);

/// Throws CalculationError only for facts the rules cannot place (e.g. 産前産後 for a
/// member under 18); loaders check everything else.
PreparedHousehold Prepare(const Household& h, const NationalRules& rules,
                          std::uint16_t municipality_index, Explanation* explain = nullptr);

}  // namespace kokuho::premium
