#include "scenario/compare.h"

#include <fmt/format.h>

#include <algorithm>

namespace kokuho::scenario {
namespace {

const YearResult* FindYear(const Run& r, FiscalYear y) {
  for (const auto& year : r.years)
    if (year.plan.year == y) return &year;
  return nullptr;
}

const MunicipalityYear* FindMunicipality(const YearResult& y, const MunicipalityCode& code) {
  for (const auto& m : y.municipalities)
    if (m.code == code) return &m;
  return nullptr;
}

}  // namespace

Comparison Compare(const Run& a, const Run& b) {
  Comparison c;
  c.name_a = a.name;
  c.name_b = b.name;
  for (const auto& ya : a.years) {
    const YearResult* yb = FindYear(b, ya.plan.year);
    if (!yb) {
      c.only_in_a.push_back(ya.plan.year.ToWareki());
      continue;
    }
    ComparisonRow total;
    total.year = ya.plan.year;
    total.name = "県計";
    Rational levy_a(0), levy_b(0);
    std::int64_t insured_a = 0, insured_b = 0;
    for (const auto& ma : ya.municipalities) {
      const MunicipalityYear* mb = FindMunicipality(*yb, ma.code);
      if (!mb) {
        c.only_in_a.push_back(
            fmt::format("{} {} {}", ya.plan.year.ToWareki(), ma.code.str(), ma.name));
        continue;
      }
      ComparisonRow row{ya.plan.year,
                        ma.code.str(),
                        ma.name,
                        ma.nofukin,
                        mb->nofukin,
                        ma.premium_per_capita,
                        mb->premium_per_capita,
                        ma.relief_granted,
                        mb->relief_granted};
      total.nofukin_a = AddYen(total.nofukin_a, row.nofukin_a, "県計 納付金 A");
      total.nofukin_b = AddYen(total.nofukin_b, row.nofukin_b, "県計 納付金 B");
      total.relief_a = AddYen(total.relief_a, row.relief_a, "県計 激変緩和額 A");
      total.relief_b = AddYen(total.relief_b, row.relief_b, "県計 激変緩和額 B");
      levy_a += ma.premium_per_capita * Rational(ma.insured);
      levy_b += mb->premium_per_capita * Rational(mb->insured);
      insured_a += ma.insured;
      insured_b += mb->insured;
      c.rows.push_back(std::move(row));
    }
    for (const auto& mb : yb->municipalities)
      if (!FindMunicipality(ya, mb.code))
        c.only_in_b.push_back(
            fmt::format("{} {} {}", ya.plan.year.ToWareki(), mb.code.str(), mb.name));
    // The prefecture's 1人当たり保険料: Σ levy / Σ insured (never an average of averages).
    if (insured_a > 0) total.premium_per_capita_a = levy_a / Rational(insured_a);
    if (insured_b > 0) total.premium_per_capita_b = levy_b / Rational(insured_b);
    c.rows.push_back(std::move(total));
  }
  for (const auto& yb : b.years)
    if (!FindYear(a, yb.plan.year)) c.only_in_b.push_back(yb.plan.year.ToWareki());
  return c;
}

}  // namespace kokuho::scenario
