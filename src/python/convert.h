// Helpers the Python module's bindings share: exact values as text Python's
// fractions.Fraction reads, the notes every result carries, vectors handed to numpy
// without a copy, and the columns of a population to and from numpy arrays.
//
// The bindings (src/python/*_binding.cc) only wire: they load with io/, call an engine and
// hand its typed results to Python as dicts of columns; python/kokuho builds the
// DataFrames.
#pragma once

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

#include "core/parameter_notes.h"
#include "core/rational.h"
#include "premium/population.h"

namespace kokuho::python {

namespace py = pybind11;

/// "p/q" or a finite decimal, exactly (fractions.Fraction(text) reads both).
inline std::string Exact(const Rational& r) { return r.ToString(); }

/// The notes as the CLI prints them after 「注意: 」 (carried-forward years first).
py::list NoteLines(const ParameterNotes& notes);

/// A numpy array that owns `v` (moved, no copy).
template <typename T>
py::array_t<T> ToArray(std::vector<T>&& v) {
  auto* owned = new std::vector<T>(std::move(v));
  py::capsule free(owned, [](void* p) { delete static_cast<std::vector<T>*>(p); });
  return py::array_t<T>({owned->size()}, {sizeof(T)}, owned->data(), free);
}

/// Every column of a population as numpy arrays (moved out of `pop`), with the
/// municipality codes as a list under "municipalities".
py::dict PopulationColumns(premium::Population&& pop);

/// A population from numpy columns named as in PopulationColumns (the .kpop column names,
/// docs/population-format.md §2): household_id, municipality (index), tokutei_since,
/// member_offset; birth_date, flags and the member columns, each optional but birth_date
/// and flags (absent: zeros); `age` (whole years on 4月1日) may stand for birth_date.
/// Checked with CheckPopulation (InputError at the row, `name` as the file).
premium::Population PopulationFromColumns(const py::dict& columns,
                                          const std::vector<std::string>& municipalities,
                                          int fiscal_year, const std::string& name);

}  // namespace kokuho::python

namespace kokuho::python {

/// Columns of a table built row by row: cols["code"].append(…); ToDict() keeps the order
/// the columns were first named in.
class Columns {
 public:
  Columns() = default;
  /// Columns that exist (empty) even when no row is added.
  explicit Columns(std::initializer_list<const char*> names) {
    for (const char* n : names) (*this)[n];
  }
  py::list& operator[](const std::string& name) {
    for (auto& [n, list] : columns_)
      if (n == name) return list;
    columns_.emplace_back(name, py::list());
    return columns_.back().second;
  }
  py::dict ToDict() const {
    py::dict d;
    for (const auto& [n, list] : columns_) d[py::str(n)] = list;
    return d;
  }

 private:
  std::vector<std::pair<std::string, py::list>> columns_;
};

}  // namespace kokuho::python
