#include "readers/population_check.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <vector>

#include "core/error.h"
#include "core/municipality_code.h"
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
                     household >= 0 ? fmt::format("{}: {} (household {})", column, what, household)
                                    : fmt::format("{}: {}", column, what));
  }

  /// The column sizes of a Population (a view has one size per kind of column).
  static void Sizes(const Population& pop, const std::string& name) {
    const PopulationView view = pop.View();
    const Checker c(view, name);
    const std::size_t hh = pop.households(), mm = pop.members();
    if (pop.municipality.size() != hh || pop.tokutei_since.size() != hh)
      c.Fail(0, "municipality", fmt::format("expected one value per household ({})", hh));
    if (pop.member_offset.size() != hh + 1 && !(hh == 0 && pop.member_offset.empty()))
      c.Fail(0, "member_offset", fmt::format("expected households + 1 = {} values", hh + 1));
    for (const std::size_t n :
         {pop.flags.size(), pop.joined.size(), pop.left.size(), pop.salary_revenue.size(),
          pop.family_salary.size(), pop.pension_revenue.size(), pop.business.size(),
          pop.family_salary_paid.size(), pop.other_income.size(), pop.land_gains.size(),
          pop.land_gains_deduction.size(), pop.total_income.size(), pop.reduction_income.size(),
          pop.fixed_asset_tax.size(), pop.former_dependent_since.size(),
          pop.unemployment_separation.size(), pop.unemployment_reason.size(),
          pop.birth_month.size()})
      if (n != mm) c.Fail(0, "members", fmt::format("every member column needs {} values", mm));
  }

  void Structure() const {
    const std::size_t hh = pop_.households(), mm = pop_.members();
    if (hh == 0) return;
    const auto& off = pop_.member_offset;
    if (off[0] != 0) Fail(0, "member_offset", "expected the first household to start at row 0");
    for (std::size_t h = 0; h < hh; ++h)
      if (off[h + 1] <= off[h])
        Fail(off[h], "member_offset",
             "expected every household to have at least one member (offsets increasing)",
             pop_.household_id[h]);
    if (off[hh] != mm)
      Fail(mm, "member_offset",
           fmt::format("expected the offsets to end at the member count {}", mm));
    for (const std::string& code : *pop_.municipalities) {
      const auto c = MunicipalityCode::TryParse(code);
      if (!c || c->str() != code)
        Fail(0, "municipality",
             "expected 6-digit 団体コード with a valid check digit (e.g. 102016)");
    }
    for (std::size_t h = 0; h < hh; ++h)
      if (pop_.municipality[h] >= pop_.municipalities->size())
        Fail(off[h], "municipality",
             fmt::format("index outside the table of {} municipalities",
                         pop_.municipalities->size()),
             pop_.household_id[h]);
  }

  void Values(std::size_t h) const {
    const std::int64_t id = pop_.household_id[h];
    const std::size_t b = pop_.member_offset[h], e = pop_.member_offset[h + 1];
    if (pop_.tokutei_since[h] != 0 && !ValidDate(pop_.tokutei_since[h]))
      Fail(b, "tokutei_since", "expected a date as yyyymmdd (0 = none)", id);
    int heads = 0, insured = 0;
    for (std::size_t i = b; i < e; ++i) {
      Member(i, id);
      heads += (pop_.flags[i] & premium::kHead) != 0;
      insured += (pop_.flags[i] & premium::kInsured) != 0;
    }
    if (heads != 1)
      Fail(b, "head", "expected exactly one 世帯主 per household (擬制世帯主: head, not insured)",
           id);
    if (insured == 0) Fail(b, "insured", "expected at least one 国保 member", id);
  }

 private:
  void Member(std::size_t i, std::int64_t id) const {
    if (!ValidDate(pop_.birth_date[i]))
      Fail(i, "birth_date", "expected a birth date as yyyymmdd", id);
    const std::uint8_t f = pop_.flags[i];
    if (f & ~kKnownFlags) Fail(i, "flags", "expected only the bits 1, 2, 4, 8, 16, 32", id);
    if ((f & premium::kTokuteiDoitsu) && (f & premium::kInsured))
      Fail(i, "tokutei_doitsu", "a 特定同一世帯所属者 is not insured (国保 = 0)", id);
    const std::pair<const char*, const std::int32_t*> dates[] = {
        {"joined", pop_.joined},
        {"left", pop_.left},
        {"former_dependent_since", pop_.former_dependent_since},
        {"unemployment_separation", pop_.unemployment_separation}};
    for (const auto& [column, v] : dates)
      if (v[i] != 0 && !ValidDate(v[i]))
        Fail(i, column, "expected a date as yyyymmdd (0 = none)", id);
    if (pop_.joined[i] != 0 && pop_.left[i] != 0 && pop_.left[i] <= pop_.joined[i])
      Fail(i, "left", "expected a 資格喪失日 after the 資格取得日", id);
    const std::int32_t month = pop_.birth_month[i];
    if (month != 0 && !(month / 100 >= 1900 && month % 100 >= 1 && month % 100 <= 12))
      Fail(i, "birth_month", "expected a month as yyyymm (0 = none)", id);
    if ((f & premium::kBirthMultiple) && month == 0)
      Fail(i, "birth_multiple", "a multiple birth needs its birth_month", id);
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
        Fail(i, column, "expected an amount of 0 to 10,000,000,000 yen (give a loss as 0)", id);
    if (pop_.land_gains_deduction[i] > pop_.land_gains[i])
      Fail(i, "land_gains_deduction", "expected at most land_gains", id);
    const std::uint8_t reason = pop_.unemployment_reason[i];
    const bool separation = pop_.unemployment_separation[i] != 0;
    if (reason != 0 && !premium::IsInvoluntaryReasonCode(reason))
      Fail(i, "unemployment_reason", "expected 11, 12, 21, 22, 31, 32, 23, 33 or 34", id);
    if (separation != (reason != 0))
      Fail(i, separation ? "unemployment_reason" : "unemployment_separation",
           "a 離職日 and its 離職理由コード go together", id);
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
