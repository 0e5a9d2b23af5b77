#include "premium/population.h"

#include <algorithm>
#include <stdexcept>

namespace kokuho::premium {
namespace {

std::int32_t Pack(const std::optional<CivilDate>& d) {
  return d ? d->year * 10000 + d->month * 100 + d->day : 0;
}
std::int32_t Pack(const CivilDate& d) { return d.year * 10000 + d.month * 100 + d.day; }
std::optional<CivilDate> Unpack(std::int32_t v) {
  if (v == 0) return std::nullopt;
  return CivilDate{v / 10000, v / 100 % 100, v % 100};
}

}  // namespace

std::uint16_t Population::MunicipalityIndex(const std::string& code) {
  auto it = std::find(municipalities.begin(), municipalities.end(), code);
  if (it != municipalities.end()) return static_cast<std::uint16_t>(it - municipalities.begin());
  if (municipalities.size() >= 65535) throw std::length_error("too many municipalities");
  municipalities.push_back(code);
  return static_cast<std::uint16_t>(municipalities.size() - 1);
}

void Population::Reserve(std::size_t hh, std::size_t mm) {
  household_id.reserve(hh);
  municipality.reserve(hh);
  tokutei_since.reserve(hh);
  member_offset.reserve(hh + 1);
  for (auto* v : {&birth_date, &joined, &left, &former_dependent_since, &unemployment_separation,
                  &birth_month})
    v->reserve(mm);
  for (auto* v : {&salary_revenue, &family_salary, &pension_revenue, &business, &family_salary_paid,
                  &other_income, &land_gains, &land_gains_deduction, &total_income,
                  &reduction_income, &fixed_asset_tax})
    v->reserve(mm);
  flags.reserve(mm);
  unemployment_reason.reserve(mm);
}

void Population::Add(const Household& h, std::uint16_t municipality_index, std::int64_t id) {
  if (member_offset.empty()) member_offset.push_back(0);
  household_id.push_back(id);
  municipality.push_back(municipality_index);
  tokutei_since.push_back(Pack(h.tokutei_since));
  for (const Person& p : h.members) {
    birth_date.push_back(Pack(p.birth_date));
    std::uint8_t f = 0;
    if (p.insured) f |= kInsured;
    if (p.head) f |= kHead;
    if (p.tokutei_doitsu) f |= kTokuteiDoitsu;
    if (p.income_declared) f |= kIncomeDeclared;
    if (p.birth_multiple) f |= kBirthMultiple;
    if (p.income.total_income) f |= kIncomeGiven;
    flags.push_back(f);
    joined.push_back(Pack(p.joined));
    left.push_back(Pack(p.left));
    const IncomeItems& in = p.income;
    salary_revenue.push_back(in.salary_revenue);
    family_salary.push_back(in.family_salary);
    pension_revenue.push_back(in.pension_revenue);
    business.push_back(in.business);
    family_salary_paid.push_back(in.family_salary_paid);
    other_income.push_back(in.real_estate + in.interest + in.dividends + in.misc + in.occasional +
                           in.forestry + in.stocks + in.futures);
    land_gains.push_back(in.land_gains);
    land_gains_deduction.push_back(in.land_gains_deduction);
    total_income.push_back(in.total_income.value_or(0));
    reduction_income.push_back(in.reduction_income.value_or(in.total_income.value_or(0)));
    fixed_asset_tax.push_back(p.fixed_asset_tax);
    former_dependent_since.push_back(Pack(p.former_dependent_since));
    unemployment_separation.push_back(Pack(p.unemployment_separation));
    int reason = 0;
    for (char c : p.unemployment_reason)
      if (c >= '0' && c <= '9') reason = reason * 10 + (c - '0');
    unemployment_reason.push_back(static_cast<std::uint8_t>(std::min(reason, 255)));
    birth_month.push_back(p.birth_month.value_or(0));
  }
  member_offset.push_back(static_cast<std::uint32_t>(birth_date.size()));
}

Household Population::Get(std::size_t h) const {
  Household out;
  Fill(h, out);
  return out;
}

void Population::Fill(std::size_t h, Household& out) const { View().Fill(h, out); }

PopulationView Population::View() const {
  PopulationView v;
  v.municipalities = &municipalities;
  v.household_count = households();
  v.member_count = members();
  v.household_id = household_id.data();
  v.municipality = municipality.data();
  v.tokutei_since = tokutei_since.data();
  v.member_offset = member_offset.data();
  v.birth_date = birth_date.data();
  v.flags = flags.data();
  v.joined = joined.data();
  v.left = left.data();
  v.salary_revenue = salary_revenue.data();
  v.family_salary = family_salary.data();
  v.pension_revenue = pension_revenue.data();
  v.business = business.data();
  v.family_salary_paid = family_salary_paid.data();
  v.other_income = other_income.data();
  v.land_gains = land_gains.data();
  v.land_gains_deduction = land_gains_deduction.data();
  v.total_income = total_income.data();
  v.reduction_income = reduction_income.data();
  v.fixed_asset_tax = fixed_asset_tax.data();
  v.former_dependent_since = former_dependent_since.data();
  v.unemployment_separation = unemployment_separation.data();
  v.unemployment_reason = unemployment_reason.data();
  v.birth_month = birth_month.data();
  return v;
}

void PopulationView::Fill(std::size_t h, Household& out) const {
  out.id = std::to_string(household_id[h]);
  out.municipality = (*municipalities)[municipality[h]];
  out.tokutei_since = Unpack(tokutei_since[h]);
  const std::uint32_t begin = member_offset[h], end = member_offset[h + 1];
  out.members.resize(end - begin);
  for (std::uint32_t i = begin; i < end; ++i) {
    Person& p = out.members[i - begin];
    p = Person{};
    p.birth_date = *Unpack(birth_date[i]);
    const std::uint8_t f = flags[i];
    p.insured = f & kInsured;
    p.head = f & kHead;
    p.tokutei_doitsu = f & kTokuteiDoitsu;
    p.income_declared = f & kIncomeDeclared;
    p.birth_multiple = f & kBirthMultiple;
    p.joined = Unpack(joined[i]);
    p.left = Unpack(left[i]);
    IncomeItems& in = p.income;
    in.salary_revenue = salary_revenue[i];
    in.family_salary = family_salary[i];
    in.pension_revenue = pension_revenue[i];
    in.business = business[i];
    in.family_salary_paid = family_salary_paid[i];
    in.misc = other_income[i];
    in.land_gains = land_gains[i];
    in.land_gains_deduction = land_gains_deduction[i];
    if (f & kIncomeGiven) {
      in.total_income = total_income[i];
      in.reduction_income = reduction_income[i];
    }
    p.fixed_asset_tax = fixed_asset_tax[i];
    p.former_dependent_since = Unpack(former_dependent_since[i]);
    p.unemployment_separation = Unpack(unemployment_separation[i]);
    if (unemployment_reason[i]) p.unemployment_reason = std::to_string(unemployment_reason[i]);
    if (birth_month[i]) p.birth_month = birth_month[i];
  }
}

}  // namespace kokuho::premium
