// Helpers the Python module's bindings share: exact values as text Python's
// fractions.Fraction reads, the notes every result carries, vectors handed to numpy
// without a copy, and the columns of a population to and from numpy arrays (read in
// place when they already have the engine's types).
//
// The bindings (src/python/*_binding.cc) only wire: they load with io/, call an engine and
// hand its typed results to Python as dicts of columns; python/kokuho builds the
// DataFrames.
#pragma once

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <initializer_list>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/parameter_notes.h"
#include "core/rational.h"
#include "premium/population.h"
#include "premium/prepared.h"
#include "premium/rules.h"

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

/// A population for the engine from numpy columns (or a file), with what keeps its storage
/// alive: columns whose dtype is already the engine's (C-contiguous, aligned) are read in
/// place, without a copy; the others are converted once (numpy's cast, after a range
/// check), absent ones are zeros. `view` is what PrepareAll reads; the arrays must not be
/// changed while it is read. Not movable (the view points into it).
struct InputPopulation {
  premium::Population owned;       ///< municipalities; a file's columns, or the converted ones
  std::vector<py::object> arrays;  ///< numpy arrays read in place (kept alive)
  premium::PopulationView view;    ///< every column, wherever it lives
  bool values_checked = false;     ///< false: CheckHousehold each household while preparing
  const std::string name;          ///< the source as errors name it

  explicit InputPopulation(std::string source) : name(std::move(source)) {}
  InputPopulation(const InputPopulation&) = delete;
  InputPopulation& operator=(const InputPopulation&) = delete;
  const std::vector<std::string>& municipalities() const { return owned.municipalities; }
};

/// The columns named as in PopulationColumns (the .kpop column names,
/// docs/population-format.md §2): household_id, municipality (index), tokutei_since,
/// member_offset; birth_date, flags and the member columns, each optional but birth_date
/// and flags (absent: zeros); `age` (whole years on 4月1日) may stand for birth_date.
/// Column errors (type, length, range) and the structure (CheckPopulationStructure) are
/// checked here, InputError with `name` as the file; the values are left to the
/// preparation (values_checked false: PrepareInput checks each household beside it).
std::unique_ptr<InputPopulation> InputFromColumns(const py::dict& columns,
                                                  const std::vector<std::string>& municipalities,
                                                  int fiscal_year, const std::string& name);

/// A population file read into memory (values checked by the reader).
std::unique_ptr<InputPopulation> InputFromFile(const std::string& path, int fiscal_year);

/// PrepareAll on the input with the GIL released, each household's values checked first
/// when they were not (CheckHousehold, the first error in row order, messages as
/// CheckPopulation's).
std::vector<premium::PreparedHousehold> PrepareInput(const InputPopulation& input,
                                                     const premium::NationalRules& rules,
                                                     unsigned threads);

/// Every household's values checked in row order (CheckHousehold), unless they were.
void CheckValues(const InputPopulation& input);

/// A population copied from numpy columns (as InputFromColumns) and checked whole with
/// CheckPopulation, for what needs a Population of its own (writing a .kpop, a scenario).
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
