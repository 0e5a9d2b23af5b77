#include "nofukin/model.h"

#include <fmt/format.h>

#include <algorithm>

namespace kokuho::nofukin {

namespace {

Yen SumAmounts(const std::vector<NamedAmount>& amounts, const char* what) {
  Yen total = 0;
  for (const auto& a : amounts) {
    const std::string w = fmt::format("{} ({} までの合計)", what, a.name);
    total = a.pos.file.empty() ? AddYen(total, a.amount, w) : AddYen(total, a.amount, a.pos, w);
  }
  return total;
}

}  // namespace

Yen PartPolicy::RequiredPremiumTotal() const {
  const Yen spent = SumAmounts(expenses, "Σ歳出 (保険給付費等)");
  const Yen funds = SumAmounts(public_funds, "Σ歳入 (公費等)");
  // Both sums are checked; their difference overflows only with negative amounts.
  return SubYen(spent, funds, "保険料収納必要総額 = Σ歳出 − Σ公費");
}

Rational MunicipalityPartInput::Income() const {
  if (income_years.empty()) return Rational(0);
  // 直近3年間の平均 (ガイドライン H29 改正; docs/nofukin-rules.md): the plain average of the years
  // given.
  Yen sum = 0;
  for (Yen y : income_years) {
    if (__builtin_add_overflow(sum, y, &sum)) {  // beyond int64: sum exactly instead
      Rational exact(0);
      for (Yen z : income_years) exact += Rational(z);
      return exact / Rational(static_cast<std::int64_t>(income_years.size()));
    }
  }
  return Rational(sum, static_cast<std::int64_t>(income_years.size()));
}

bool Case::HasPart(Part p) const { return std::find(parts.begin(), parts.end(), p) != parts.end(); }

std::string LevyMethodLabel(LevyMethod method) {
  switch (method) {
    case LevyMethod::kTwo:
      return "2方式";
    case LevyMethod::kThree:
      return "3方式";
    case LevyMethod::kFour:
      return "4方式";
  }
  return "?";
}

namespace {

struct AccountName {
  ReliefAccount account;
  const char* key;
  const char* label;
};
constexpr AccountName kAccountNames[] = {
    {ReliefAccount::kOther, "other", "その他"},
    {ReliefAccount::kPrefectureTransfer, "prefecture_transfer", "県繰入金"},
    {ReliefAccount::kSpecialFund, "special_fund", "特例基金"},
    {ReliefAccount::kAdjustmentFund, "adjustment_fund", "財政調整事業"},
    {ReliefAccount::kNational, "national", "国の暫定措置"},
};

}  // namespace

const char* ReliefAccountKey(ReliefAccount a) {
  for (const auto& n : kAccountNames)
    if (n.account == a) return n.key;
  return "";
}

const char* ReliefAccountLabel(ReliefAccount a) {
  for (const auto& n : kAccountNames)
    if (n.account == a) return n.label;
  return "";
}

std::optional<ReliefAccount> TryParseReliefAccount(std::string_view key) {
  for (const auto& n : kAccountNames)
    if (key == n.key || key == n.label) return n.account;
  return std::nullopt;
}

}  // namespace kokuho::nofukin
