// The parts of the Python module (_kokuho), each registered by PYBIND11_MODULE in
// module.cc. The public API is python/kokuho (docs/python.md), which calls these.
#pragma once

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

namespace kokuho::python {

namespace py = pybind11;

void RegisterErrors(py::module_& m);
void RegisterNofukin(py::module_& m);     ///< _nofukin, _explain
void RegisterLevy(py::module_& m);        ///< _levy_one, _levy_population, _microsim
void RegisterPopulation(py::module_& m);  ///< _read_population, _write_population, _synth
void RegisterScenario(py::module_& m);    ///< _scenario_run, _sweep
void RegisterClaims(py::module_& m);      ///< _claims_read, _claims_store

}  // namespace kokuho::python
