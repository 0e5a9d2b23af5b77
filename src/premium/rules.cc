#include "premium/rules.h"

namespace kokuho::premium {

Yen IncomeTable::Apply(Yen revenue) const {
  for (const IncomeBand& b : bands) {
    if (revenue >= b.up_to) continue;
    switch (b.kind) {
      case IncomeBand::kZero:
        return 0;
      case IncomeBand::kMinus:
        return revenue > b.amount ? revenue - b.amount : 0;
      case IncomeBand::kFixed:
        return b.amount;
      case IncomeBand::kRate: {
        // 所得税法 別表第五: 収入 rounded down to the step (4,000円) before the rate; the
        // product is truncated to the yen (円未満切捨て).
        const Yen rounded = revenue / b.step * b.step;
        const Yen v =
            static_cast<Yen>((static_cast<__int128>(rounded) * b.rate) / kPpmOne) + b.offset;
        return v > 0 ? v : 0;
      }
    }
  }
  return 0;
}

Yen NationalRules::BasicDeduction(Yen total_income) const {
  for (const DeductionBand& b : basic_deduction)
    if (total_income <= b.up_to) return b.amount;
  return 0;
}

Yen NationalRules::PensionIncome(Yen revenue, bool aged65, Yen other_total_income) const {
  for (const PensionClass& c : pension)
    if (c.aged65 == aged65 && other_total_income <= c.other_up_to) return c.table.Apply(revenue);
  return 0;
}

const std::string& NationalRules::SourceOf(const std::string& series) const {
  static const std::string kNone;
  for (const auto& [name, text] : sources)
    if (name == series) return text;
  return kNone;
}

}  // namespace kokuho::premium
