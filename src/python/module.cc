// The compiled half of `import kokuho` (python/kokuho/__init__.py imports it as
// kokuho._kokuho). Built with pybind11 by the same CMake build as the CLI.
#include <pybind11/pybind11.h>

#include "python/bindings.h"

PYBIND11_MODULE(_kokuho, m) {
  m.doc() = "kokuho engines (納付金, 保険料, ロードマップ, レセプト) for Python";
  kokuho::python::RegisterErrors(m);
  kokuho::python::RegisterNofukin(m);
  kokuho::python::RegisterLevy(m);
  kokuho::python::RegisterPopulation(m);
  kokuho::python::RegisterScenario(m);
  kokuho::python::RegisterClaims(m);
}
