// Exceptions to Python: an InputError becomes kokuho.InputError (a ValueError) with the
// file, line, column and message the CLI prints ("kokuho: error: file:line:column:
// message"); YearNotKnownError its subclass kokuho.YearNotKnownError; CalculationError
// kokuho.CalculationError. Classes live in python/kokuho/_errors.py.
#include <pybind11/pybind11.h>

#include "core/error.h"
#include "core/parameter_notes.h"
#include "python/bindings.h"

namespace kokuho::python {
namespace {

void Raise(const char* class_name, py::tuple args) {
  py::object cls = py::module_::import("kokuho._errors").attr(class_name);
  py::object error = cls(*args);
  PyErr_SetObject(cls.ptr(), error.ptr());
}

}  // namespace

void RegisterErrors(py::module_& m) {
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const YearNotKnownError& e) {
      Raise("YearNotKnownError",
            py::make_tuple(e.pos().file, e.pos().line, e.pos().column, e.message()));
    } catch (const InputError& e) {
      Raise("InputError", py::make_tuple(e.pos().file, e.pos().line, e.pos().column, e.message()));
    } catch (const CalculationError& e) {
      Raise("CalculationError", py::make_tuple(std::string(e.what())));
    }
  });
}

}  // namespace kokuho::python
