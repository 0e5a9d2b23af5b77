#include "readers/population_check.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <vector>

#include "core/error.h"
#include "core/municipality_code.h"
#include "core/text.h"
#include "premium/civil_date.h"
#include "premium/member_age.h"

namespace kokuho {
namespace {

using premium::Population;
using premium::PopulationView;

// Amounts as the table reader bounds them (docs/population-format.md §1).
constexpr std::int64_t kMaxAmount = 10'000'000'000;
constexpr std::uint8_t kKnownFlags = premium::kInsured | premium::kHead | premium::kTokuteiDoitsu |
                                     premium::kIncomeDeclared | premium::kBirthMultiple |
                                     premium::kIncomeGiven;

bool ValidDate(std::int32_t v) {
  return v > 0 && premium::CivilDate::Valid(v / 10000, v / 100 % 100, v % 100);
}

class Checker {
 public:
  Checker(const PopulationView& pop, const std::string& name) : pop_(pop), name_(name) {}

  [[noreturn]] void Fail(std::size_t row, const std::string& column, const std::string& what,
                         std::int64_t household = -1) const {
    throw InputError({name_, static_cast<int>(std::min<std::size_t>(row + 1, 2'000'000'000)), 0},
                     household >= 0 ? fmt::format("{} (世帯 {}): {}", column, household, what)
                                    : fmt::format("{}: {}", column, what));
  }

  /// The column sizes of a Population (a view has one size per kind of column).
  static void Sizes(const Population& pop, const std::string& name) {
    const PopulationView view = pop.View();
    const Checker c(view, name);
    const std::size_t hh = pop.households(), mm = pop.members();
    if (pop.municipality.size() != hh || pop.tokutei_since.size() != hh)
      c.Fail(0, "municipality",
             fmt::format("世帯ごとの列 (municipality、tokutei_since) は世帯数と同じ {} 個の値に"
                         "してください",
                         hh));
    if (pop.member_offset.size() != hh + 1 && !(hh == 0 && pop.member_offset.empty()))
      c.Fail(0, "member_offset",
             fmt::format("member_offset は世帯数 + 1 = {} 個の値にしてください (いまは {} 個)",
                         hh + 1, pop.member_offset.size()));
    for (const std::size_t n :
         {pop.flags.size(), pop.joined.size(), pop.left.size(), pop.salary_revenue.size(),
          pop.family_salary.size(), pop.pension_revenue.size(), pop.business.size(),
          pop.family_salary_paid.size(), pop.other_income.size(), pop.land_gains.size(),
          pop.land_gains_deduction.size(), pop.total_income.size(), pop.reduction_income.size(),
          pop.fixed_asset_tax.size(), pop.former_dependent_since.size(),
          pop.unemployment_separation.size(), pop.unemployment_reason.size(),
          pop.birth_month.size()})
      if (n != mm)
        c.Fail(0, "members",
               fmt::format("世帯員ごとの列は世帯員数と同じ {} 個の値にしてください (いまは {} 個)",
                           mm, n));
  }

  void Structure() const {
    const std::size_t hh = pop_.households(), mm = pop_.members();
    if (hh == 0) return;
    const auto& off = pop_.member_offset;
    if (off[0] != 0)
      Fail(0, "member_offset",
           fmt::format("最初の値は 0 にしてください（「{}」）。最初の世帯は0行目から始まります",
                       off[0]));
    for (std::size_t h = 0; h < hh; ++h)
      if (off[h + 1] <= off[h])
        Fail(off[h], "member_offset",
             "どの世帯にも世帯員が1人以上必要です。member_offset は世帯ごとに増える値にして"
             "ください",
             pop_.household_id[h]);
    if (off[hh] != mm)
      Fail(mm, "member_offset",
           fmt::format("最後の値は世帯員数 {} にしてください（「{}」）", mm, off[hh]));
    for (const std::string& code : *pop_.municipalities) {
      const auto c = MunicipalityCode::TryParse(code);
      if (!c) Fail(0, "municipality", MunicipalityCodeProblem(code));
      if (c->str() != code)
        Fail(0, "municipality",
             fmt::format("{}は検査数字付きの6桁で書いてください (この団体コードなら {})",
                         Quoted(code), c->str()));
    }
    for (std::size_t h = 0; h < hh; ++h)
      if (pop_.municipality[h] >= pop_.municipalities->size())
        Fail(off[h], "municipality",
             fmt::format("市町村の番号{}が市町村表 ({} 市町村、番号は 0〜{}) の外です",
                         Quoted(std::to_string(pop_.municipality[h])), pop_.municipalities->size(),
                         static_cast<std::int64_t>(pop_.municipalities->size()) - 1),
             pop_.household_id[h]);
  }

  void Values(std::size_t h) const {
    const std::int64_t id = pop_.household_id[h];
    const std::size_t b = pop_.member_offset[h], e = pop_.member_offset[h + 1];
    if (pop_.tokutei_since[h] != 0 && !ValidDate(pop_.tokutei_since[h]))
      Fail(b, "tokutei_since",
           "特定世帯となった日を yyyymmdd の整数 (例: 20260401) で入力してください (なしは 0)", id);
    int heads = 0, insured = 0;
    for (std::size_t i = b; i < e; ++i) {
      Member(i, id);
      heads += (pop_.flags[i] & premium::kHead) != 0;
      insured += (pop_.flags[i] & premium::kInsured) != 0;
    }
    if (heads != 1)
      Fail(b, "head",
           fmt::format("世帯主は1世帯に1人だけにしてください (この世帯は{}人)。国保に加入して"
                       "いない世帯主は head = 1、insured = 0 の擬制世帯主として入力します",
                       heads),
           id);
    if (insured == 0)
      Fail(b, "insured", "国保に加入している人 (insured = 1) を1世帯に1人以上入力してください", id);
  }

 private:
  void Member(std::size_t i, std::int64_t id) const {
    if (!ValidDate(pop_.birth_date[i]))
      Fail(i, "birth_date", "生年月日を yyyymmdd の整数 (例: 19800401) で入力してください", id);
    const std::uint8_t f = pop_.flags[i];
    if (f & ~kKnownFlags)
      Fail(i, "flags",
           fmt::format("{}には使えないビットがあります。flags は 1, 2, 4, 8, 16, 32 の和にして"
                       "ください",
                       Quoted(std::to_string(f))),
           id);
    if ((f & premium::kTokuteiDoitsu) && (f & premium::kInsured))
      Fail(i, "tokutei_doitsu",
           "特定同一世帯所属者は後期高齢者医療に移った人です。この人は国保の加入 (insured) を 0 "
           "にしてください",
           id);
    const std::pair<const char*, const std::int32_t*> dates[] = {
        {"joined", pop_.joined},
        {"left", pop_.left},
        {"former_dependent_since", pop_.former_dependent_since},
        {"unemployment_separation", pop_.unemployment_separation}};
    for (const auto& [column, v] : dates)
      if (v[i] != 0 && !ValidDate(v[i]))
        Fail(i, column, "日付を yyyymmdd の整数 (例: 20260401) で入力してください (なしは 0)", id);
    if (pop_.joined[i] != 0 && pop_.left[i] != 0 && pop_.left[i] <= pop_.joined[i])
      Fail(i, "left",
           "資格喪失日 (left) は資格取得日 (joined) より後の日付にしてください (資格喪失日は"
           "加入最後の日の翌日です)",
           id);
    const std::int32_t month = pop_.birth_month[i];
    if (month != 0 && !(month / 100 >= 1900 && month % 100 >= 1 && month % 100 <= 12))
      Fail(i, "birth_month",
           "出産予定月を yyyymm の整数 (例: 202609) で入力してください (なしは 0)", id);
    if ((f & premium::kBirthMultiple) && month == 0)
      Fail(i, "birth_multiple",
           "多胎 (birth_multiple) の人には出産予定月 (birth_month) も入力"
           "してください",
           id);
    const std::pair<const char*, const std::int64_t*> amounts[] = {
        {"salary_revenue", pop_.salary_revenue},
        {"family_salary", pop_.family_salary},
        {"pension_revenue", pop_.pension_revenue},
        {"business", pop_.business},
        {"family_salary_paid", pop_.family_salary_paid},
        {"other_income", pop_.other_income},
        {"land_gains", pop_.land_gains},
        {"land_gains_deduction", pop_.land_gains_deduction},
        {"total_income", pop_.total_income},
        {"reduction_income", pop_.reduction_income},
        {"fixed_asset_tax", pop_.fixed_asset_tax}};
    for (const auto& [column, v] : amounts)
      if (v[i] < 0 || v[i] > kMaxAmount)
        Fail(i, column, "金額は0以上100億円以下の円単位の整数で入力してください (損失は0とします)",
             id);
    if (pop_.land_gains_deduction[i] > pop_.land_gains[i])
      Fail(i, "land_gains_deduction", "特別控除は分離譲渡所得 (land_gains) 以下の額にしてください",
           id);
    const std::uint8_t reason = pop_.unemployment_reason[i];
    const bool separation = pop_.unemployment_separation[i] != 0;
    if (reason != 0 && !premium::IsInvoluntaryReasonCode(reason))
      Fail(i, "unemployment_reason",
           fmt::format("離職理由コード{}は使えません。特定受給資格者 (11, 12, 21, 22, 31, 32) "
                       "か特定理由離職者 (23, 33, 34) のコードにしてください",
                       Quoted(std::to_string(reason))),
           id);
    if (separation && reason == 0)
      Fail(i, "unemployment_reason",
           "離職日 (unemployment_separation) を入力した人には離職理由コードも入力してください", id);
    if (!separation && reason != 0)
      Fail(i, "unemployment_separation",
           "離職理由コード (unemployment_reason) を入力した人には離職日も入力してください", id);
  }

  const PopulationView& pop_;
  const std::string& name_;
};

}  // namespace

void CheckPopulation(const premium::Population& pop, const std::string& name) {
  Checker::Sizes(pop, name);
  const PopulationView view = pop.View();
  CheckPopulationStructure(view, name);
  const Checker c(view, name);
  for (std::size_t h = 0; h < view.households(); ++h) c.Values(h);
}

void CheckPopulationStructure(const premium::PopulationView& pop, const std::string& name) {
  Checker(pop, name).Structure();
}

void CheckHousehold(const premium::PopulationView& pop, std::size_t h, const std::string& name) {
  Checker(pop, name).Values(h);
}

}  // namespace kokuho
