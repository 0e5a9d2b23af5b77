#include "python/convert.h"

#include <fmt/format.h>

#include <cstring>
#include <limits>
#include <string_view>
#include <type_traits>

#include "core/error.h"
#include "core/text.h"
#include "premium/batch.h"
#include "readers/population_check.h"
#include "readers/population_io.h"

namespace kokuho::python {
namespace {

using premium::Population;
using premium::PopulationView;

/// Calls fn(name, vector member, view member, household_level) for every column of a
/// population, in the order of the .kpop format (docs/population-format.md §2).
template <typename Fn>
void ForEachField(Fn&& fn) {
  fn("household_id", &Population::household_id, &PopulationView::household_id, true);
  fn("municipality", &Population::municipality, &PopulationView::municipality, true);
  fn("tokutei_since", &Population::tokutei_since, &PopulationView::tokutei_since, true);
  fn("member_offset", &Population::member_offset, &PopulationView::member_offset, true);
  fn("birth_date", &Population::birth_date, &PopulationView::birth_date, false);
  fn("flags", &Population::flags, &PopulationView::flags, false);
  fn("joined", &Population::joined, &PopulationView::joined, false);
  fn("left", &Population::left, &PopulationView::left, false);
  fn("salary_revenue", &Population::salary_revenue, &PopulationView::salary_revenue, false);
  fn("family_salary", &Population::family_salary, &PopulationView::family_salary, false);
  fn("pension_revenue", &Population::pension_revenue, &PopulationView::pension_revenue, false);
  fn("business", &Population::business, &PopulationView::business, false);
  fn("family_salary_paid", &Population::family_salary_paid, &PopulationView::family_salary_paid,
     false);
  fn("other_income", &Population::other_income, &PopulationView::other_income, false);
  fn("land_gains", &Population::land_gains, &PopulationView::land_gains, false);
  fn("land_gains_deduction", &Population::land_gains_deduction,
     &PopulationView::land_gains_deduction, false);
  fn("total_income", &Population::total_income, &PopulationView::total_income, false);
  fn("reduction_income", &Population::reduction_income, &PopulationView::reduction_income, false);
  fn("fixed_asset_tax", &Population::fixed_asset_tax, &PopulationView::fixed_asset_tax, false);
  fn("former_dependent_since", &Population::former_dependent_since,
     &PopulationView::former_dependent_since, false);
  fn("unemployment_separation", &Population::unemployment_separation,
     &PopulationView::unemployment_separation, false);
  fn("unemployment_reason", &Population::unemployment_reason, &PopulationView::unemployment_reason,
     false);
  fn("birth_month", &Population::birth_month, &PopulationView::birth_month, false);
}

constexpr const char* kRequired = "この列は必須です。列を加えてください";

[[noreturn]] void Wrong(const std::string& name, const std::string& column,
                        const std::string& what) {
  throw InputError({name, 0, 0}, fmt::format("{}: {}", column, what));
}

/// A numpy column as `expected` values of T: the array itself when its dtype is T's
/// (C-contiguous and aligned; kept alive in `keep`), else numpy's cast of it (which a value
/// outside T would wrap, so integer columns are range-checked first), kept the same way.
template <typename T>
const T* ReadColumn(const py::handle& object, std::size_t expected, const std::string& name,
                    const std::string& column, std::vector<py::object>& keep) {
  py::array any = py::array::ensure(object);
  if (!any) Wrong(name, column, "整数の配列 (numpy の配列か list) を渡してください");
  if (any.ndim() != 1)
    Wrong(name, column, fmt::format("1次元の配列を渡してください ({}次元です)", any.ndim()));
  if (static_cast<std::size_t>(any.shape(0)) != expected)
    Wrong(name, column,
          fmt::format("値の数が合いません ({} 個です)。{} 個の値にしてください", any.shape(0),
                      expected));
  const char kind = any.dtype().kind();
  if (kind != 'i' && kind != 'u' && kind != 'b')
    Wrong(name, column,
          fmt::format("整数の列にしてください (型{})。金額は円単位、日付は yyyymmdd、フラグは "
                      "0/1 の整数です",
                      Quoted(std::string(py::str(any.dtype())))));
  if (py::array_t<T, py::array::c_style>::check_(any) &&
      (any.flags() & py::detail::npy_api::NPY_ARRAY_ALIGNED_)) {
    keep.push_back(any);
    return static_cast<const T*>(any.data());
  }
  if (!any.dtype().is(py::dtype::of<T>()) && expected > 0) {
    // Values must fit T: checked on the values as int64 (numpy's min/max in C).
    py::object as64 = any.attr("astype")("int64");
    const auto lo = as64.attr("min")().cast<std::int64_t>();
    const auto hi = as64.attr("max")().cast<std::int64_t>();
    if (kind == 'u' && any.dtype().itemsize() == 8) {
      // uint64 above int64's range reads negative as int64.
      if (lo < 0) Wrong(name, column, "大きすぎる値があります");
    }
    if (lo < static_cast<std::int64_t>(std::numeric_limits<T>::min()) ||
        static_cast<std::uint64_t>(hi) > static_cast<std::uint64_t>(std::numeric_limits<T>::max()))
      Wrong(name, column,
            fmt::format("この列の値は {} 〜 {} の範囲にしてください (範囲外の値があります)",
                        static_cast<std::int64_t>(std::numeric_limits<T>::min()),
                        static_cast<std::uint64_t>(std::numeric_limits<T>::max())));
  }
  auto a = py::array_t<T, py::array::c_style | py::array::forcecast>::ensure(any);
  keep.push_back(a);
  return a.data();
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
  ForEachField([&](const char* column, auto vector, auto, bool) {
    out[column] = ToArray(std::move(pop.*vector));
  });
  return out;
}

std::unique_ptr<InputPopulation> InputFromColumns(const py::dict& columns,
                                                  const std::vector<std::string>& municipalities,
                                                  int fiscal_year, const std::string& name) {
  auto in = std::make_unique<InputPopulation>(name);
  Population& owned = in->owned;
  PopulationView& view = in->view;
  owned.municipalities = municipalities;
  view.municipalities = &owned.municipalities;
  auto get = [&](const char* column) -> py::object {
    return columns.contains(column) ? py::object(columns[column]) : py::object(py::none());
  };
  for (const auto& item : columns) {
    const std::string key = py::str(item.first);
    bool known = key == "age";
    ForEachField([&](const char* column, auto, auto, bool) { known |= key == column; });
    if (!known)
      Wrong(name, key,
            "この名前の列はありません。列の名前は docs/population-format.md §2 の表のとおりに"
            "してください");
  }
  if (get("household_id").is_none()) Wrong(name, "household_id", kRequired);
  if (get("member_offset").is_none()) Wrong(name, "member_offset", kRequired);
  const std::size_t hh = static_cast<std::size_t>(py::len(get("household_id")));
  const std::size_t offsets = static_cast<std::size_t>(py::len(get("member_offset")));
  if (offsets != hh + 1)
    Wrong(name, "member_offset",
          fmt::format("member_offset は世帯数 + 1 = {} 個の値にしてください (いまは {} 個)", hh + 1,
                      offsets));
  view.member_offset =
      ReadColumn<std::uint32_t>(get("member_offset"), hh + 1, name, "member_offset", in->arrays);
  const std::size_t mm = view.member_offset[hh];
  view.household_count = hh;
  view.member_count = mm;
  const py::object age = get("age");
  if (get("birth_date").is_none() && age.is_none())
    Wrong(name, "birth_date", "生年月日 (birth_date、yyyymmdd) か年齢 (age) の列を渡してください");
  if (get("flags").is_none()) Wrong(name, "flags", kRequired);
  ForEachField([&](const char* column, auto vector, auto pointer, bool household) {
    if (std::string_view(column) == "member_offset") return;
    using T = typename std::remove_reference_t<decltype(owned.*vector)>::value_type;
    const py::object o = get(column);
    const std::size_t n = household ? hh : mm;
    if (o.is_none()) {
      (owned.*vector).assign(n, 0);
      view.*pointer = (owned.*vector).data();
    } else {
      view.*pointer = ReadColumn<T>(o, n, name, column, in->arrays);
    }
  });
  if (!age.is_none()) {
    const std::int32_t* ages = ReadColumn<std::int32_t>(age, mm, name, "age", in->arrays);
    // 年齢 (age on 4月1日) becomes the birth date 4月2日 of (fiscal year − age), that age all
    // year (docs/population-format.md §1, as the table reader): birth_date becomes a column
    // of its own (the given one, 0 where the age stands for it).
    if (view.birth_date != owned.birth_date.data())
      owned.birth_date.assign(view.birth_date, view.birth_date + mm);
    for (std::size_t i = 0; i < mm; ++i) {
      if (owned.birth_date[i] != 0) continue;
      if (ages[i] < 0 || ages[i] > 120)
        throw InputError({name, static_cast<int>(i + 1), 0},
                         "age: 年齢 (4月1日現在) を0から120までの整数で入力してください");
      owned.birth_date[i] = (fiscal_year - ages[i]) * 10000 + 402;
    }
    view.birth_date = owned.birth_date.data();
  }
  CheckPopulationStructure(view, name);
  return in;
}

std::unique_ptr<InputPopulation> InputFromFile(const std::string& path, int fiscal_year) {
  auto in = std::make_unique<InputPopulation>(path);
  {
    py::gil_scoped_release release;
    in->owned = ReadPopulation(path, fiscal_year);
  }
  in->view = in->owned.View();
  in->values_checked = true;
  return in;
}

std::vector<premium::PreparedHousehold> PrepareInput(const InputPopulation& input,
                                                     const premium::NationalRules& rules,
                                                     unsigned threads) {
  premium::HouseholdCheck check;
  if (!input.values_checked)
    check = [&](std::size_t h) { CheckHousehold(input.view, h, input.name); };
  py::gil_scoped_release release;
  return premium::PrepareAll(input.view, rules, threads, {}, check);
}

void CheckValues(const InputPopulation& input) {
  if (input.values_checked) return;
  for (std::size_t h = 0; h < input.view.households(); ++h)
    CheckHousehold(input.view, h, input.name);
}

Population PopulationFromColumns(const py::dict& columns,
                                 const std::vector<std::string>& municipalities, int fiscal_year,
                                 const std::string& name) {
  const auto in = InputFromColumns(columns, municipalities, fiscal_year, name);
  CheckValues(*in);
  const PopulationView& view = in->view;
  Population pop;
  pop.municipalities = municipalities;
  ForEachField([&](const char* column, auto vector, auto pointer, bool household) {
    std::size_t n = household ? view.households() : view.members();
    if (std::string_view(column) == "member_offset") ++n;
    const auto* data = view.*pointer;
    (pop.*vector).assign(data, data + n);
  });
  return pop;
}

}  // namespace kokuho::python
