#include "python/convert.h"

#include <fmt/format.h>

#include <cstring>

#include "core/error.h"
#include "readers/population_check.h"

namespace kokuho::python {
namespace {

using premium::Population;

/// Calls fn(name, vector&, household_level) for every column of a population, in the
/// order of the .kpop format (docs/population-format.md §2).
template <typename P, typename Fn>
void ForEachColumn(P& pop, Fn&& fn) {
  fn("household_id", pop.household_id, true);
  fn("municipality", pop.municipality, true);
  fn("tokutei_since", pop.tokutei_since, true);
  fn("member_offset", pop.member_offset, true);
  fn("birth_date", pop.birth_date, false);
  fn("flags", pop.flags, false);
  fn("joined", pop.joined, false);
  fn("left", pop.left, false);
  fn("salary_revenue", pop.salary_revenue, false);
  fn("family_salary", pop.family_salary, false);
  fn("pension_revenue", pop.pension_revenue, false);
  fn("business", pop.business, false);
  fn("family_salary_paid", pop.family_salary_paid, false);
  fn("other_income", pop.other_income, false);
  fn("land_gains", pop.land_gains, false);
  fn("land_gains_deduction", pop.land_gains_deduction, false);
  fn("total_income", pop.total_income, false);
  fn("reduction_income", pop.reduction_income, false);
  fn("fixed_asset_tax", pop.fixed_asset_tax, false);
  fn("former_dependent_since", pop.former_dependent_since, false);
  fn("unemployment_separation", pop.unemployment_separation, false);
  fn("unemployment_reason", pop.unemployment_reason, false);
  fn("birth_month", pop.birth_month, false);
}

[[noreturn]] void Wrong(const std::string& name, const std::string& column,
                        const std::string& what) {
  throw InputError({name, 0, 0}, fmt::format("{}: {}", column, what));
}

/// Copies a numpy column into `out` (a cast when its dtype differs: numpy's, which a
/// value outside the type would wrap, so integer columns are range-checked first).
template <typename T>
void CopyColumn(const py::handle& object, std::vector<T>& out, std::size_t expected,
                const std::string& name, const std::string& column) {
  py::array any = py::array::ensure(object);
  if (!any) Wrong(name, column, "expected an array of integers");
  if (any.ndim() != 1) Wrong(name, column, "expected a one-dimensional array");
  if (static_cast<std::size_t>(any.shape(0)) != expected)
    Wrong(name, column, fmt::format("expected {} values, got {}", expected, any.shape(0)));
  const char kind = any.dtype().kind();
  if (kind != 'i' && kind != 'u' && kind != 'b')
    Wrong(
        name, column,
        "expected integers (yen, yyyymmdd dates, flags), not " + std::string(py::str(any.dtype())));
  if (!any.dtype().is(py::dtype::of<T>()) && expected > 0) {
    // Values must fit T: checked on the values as int64 (numpy's min/max in C).
    py::object as64 = any.attr("astype")("int64");
    const auto lo = as64.attr("min")().cast<std::int64_t>();
    const auto hi = as64.attr("max")().cast<std::int64_t>();
    if (kind == 'u' && any.dtype().itemsize() == 8) {
      // uint64 above int64's range reads negative as int64.
      if (lo < 0) Wrong(name, column, "a value is too large");
    }
    if (lo < static_cast<std::int64_t>(std::numeric_limits<T>::min()) ||
        static_cast<std::uint64_t>(hi) > static_cast<std::uint64_t>(std::numeric_limits<T>::max()))
      Wrong(name, column,
            fmt::format("a value is outside {} … {}",
                        static_cast<std::int64_t>(std::numeric_limits<T>::min()),
                        static_cast<std::uint64_t>(std::numeric_limits<T>::max())));
  }
  auto a = py::array_t<T, py::array::c_style | py::array::forcecast>::ensure(any);
  out.resize(expected);
  if (expected > 0) std::memcpy(out.data(), a.data(), expected * sizeof(T));
}

}  // namespace

py::list NoteLines(const ParameterNotes& notes) {
  py::list out;
  for (const std::string& line : notes.Lines()) out.append(line);
  return out;
}

py::dict PopulationColumns(Population&& pop) {
  py::dict out;
  py::list codes;
  for (const std::string& c : pop.municipalities) codes.append(c);
  out["municipalities"] = codes;
  if (pop.member_offset.empty()) pop.member_offset.push_back(0);
  ForEachColumn(pop,
                [&](const char* column, auto& v, bool) { out[column] = ToArray(std::move(v)); });
  return out;
}

Population PopulationFromColumns(const py::dict& columns,
                                 const std::vector<std::string>& municipalities, int fiscal_year,
                                 const std::string& name) {
  Population pop;
  pop.municipalities = municipalities;
  auto get = [&](const char* column) -> py::object {
    return columns.contains(column) ? py::object(columns[column]) : py::object(py::none());
  };
  for (const auto& item : columns) {
    const std::string key = py::str(item.first);
    bool known = key == "age";
    ForEachColumn(pop, [&](const char* column, auto&, bool) { known |= key == column; });
    if (!known) Wrong(name, key, "unknown column (docs/population-format.md §2 names them)");
  }
  if (get("household_id").is_none()) Wrong(name, "household_id", "the column is required");
  if (get("member_offset").is_none()) Wrong(name, "member_offset", "the column is required");
  const std::size_t hh = static_cast<std::size_t>(py::len(get("household_id")));
  const std::size_t offsets = static_cast<std::size_t>(py::len(get("member_offset")));
  if (offsets != hh + 1)
    Wrong(name, "member_offset", fmt::format("expected households + 1 = {} values", hh + 1));
  CopyColumn(get("member_offset"), pop.member_offset, hh + 1, name, "member_offset");
  const std::size_t mm = pop.member_offset.empty() ? 0 : pop.member_offset.back();
  const py::object age = get("age");
  if (get("birth_date").is_none() && age.is_none())
    Wrong(name, "birth_date", "give birth_date (yyyymmdd) or age");
  if (get("flags").is_none()) Wrong(name, "flags", "the column is required");
  ForEachColumn(pop, [&](const char* column, auto& v, bool household) {
    if (std::string_view(column) == "member_offset") return;
    const py::object o = get(column);
    const std::size_t n = household ? hh : mm;
    if (o.is_none()) {
      v.assign(n, 0);
    } else {
      CopyColumn(o, v, n, name, column);
    }
  });
  if (!age.is_none()) {
    std::vector<std::int32_t> ages;
    CopyColumn(age, ages, mm, name, "age");
    // 年齢 (age on 4月1日) becomes the birth date 4月2日 of (fiscal year − age), that age all
    // year (docs/population-format.md §1, as the table reader).
    for (std::size_t i = 0; i < mm; ++i) {
      if (pop.birth_date[i] != 0) continue;
      if (ages[i] < 0 || ages[i] > 120)
        throw InputError({name, static_cast<int>(i + 1), 0},
                         "age: expected the age on 4月1日, a whole number from 0 to 120");
      pop.birth_date[i] = (fiscal_year - ages[i]) * 10000 + 402;
    }
  }
  CheckPopulation(pop, name);
  return pop;
}

}  // namespace kokuho::python
