// Populations for Python: a population file (.kpop, CSV, xlsx) to numpy columns and back
// (readers/population_io.h), and synthetic populations (premium/synth.h, `kokuho synth`) for a
// case's municipalities.
#include <fmt/format.h>

#include "core/error.h"
#include "core/text.h"
#include "premium/synth.h"
#include "python/bindings.h"
#include "python/convert.h"
#include "readers/case_loader.h"
#include "readers/population_io.h"

namespace kokuho::python {
namespace {

py::dict ReadColumns(const std::string& path, int year) {
  premium::Population pop;
  {
    py::gil_scoped_release release;
    pop = ReadPopulation(path, year);
  }
  return PopulationColumns(std::move(pop));
}

void WriteColumns(const std::string& path, const py::dict& columns,
                  const std::vector<std::string>& municipalities, int year,
                  const std::string& name) {
  const premium::Population pop = PopulationFromColumns(columns, municipalities, year, name);
  py::gil_scoped_release release;
  WritePopulation(path, pop);
}

/// 団体コード, 市町村名, 被保険者数 and 世帯数 (医療分) of a case, as `kokuho synth --case` reads
/// them from the case's 市町村表.
py::dict CaseMunicipalities(const std::string& path) {
  const nofukin::Case c = LoadCase(path);
  Columns out;
  for (const auto& m : c.municipalities) {
    out["code"].append(m.code.str());
    out["name"].append(m.name);
    out["insured"].append(m.part(Part::kIryo).insured);
    out["households"].append(m.part(Part::kIryo).households);
  }
  return out.ToDict();
}

py::dict Synth(const std::vector<std::string>& codes, const std::vector<std::string>& names,
               const std::vector<std::int64_t>& insured,
               const std::vector<std::int64_t>& households_of, std::int64_t households,
               std::uint64_t seed, int year) {
  if (households < 1 || households > 100'000'000)
    throw InputError({"households", 0, 0},
                     fmt::format("世帯数{}は作れません。1〜100,000,000 の整数にしてください",
                                 Quoted(std::to_string(households))));
  premium::SynthOptions options;
  options.fiscal_year = year;
  options.households = households;
  options.seed = seed;
  for (std::size_t i = 0; i < codes.size(); ++i) {
    if (insured.at(i) < households_of.at(i))
      throw InputError({"municipalities", static_cast<int>(i + 1), 0},
                       fmt::format("insured: 団体コード{}の被保険者数が世帯数より少なく"
                                   "なっています。被保険者数は世帯数以上にしてください (どの"
                                   "世帯にも国保の被保険者が1人以上います)",
                                   Quoted(codes[i])));
    options.municipalities.push_back({codes[i], names.at(i), insured[i], households_of[i]});
  }
  premium::Population pop;
  {
    py::gil_scoped_release release;
    pop = premium::Synthesize(options);
  }
  return PopulationColumns(std::move(pop));
}

}  // namespace

void RegisterPopulation(py::module_& m) {
  m.def("_read_population", &ReadColumns, py::arg("path"), py::arg("year"));
  m.def("_write_population", &WriteColumns, py::arg("path"), py::arg("columns"),
        py::arg("municipalities"), py::arg("year"), py::arg("name"));
  m.def("_case_municipalities", &CaseMunicipalities, py::arg("path"));
  m.def("_synth", &Synth, py::arg("codes"), py::arg("names"), py::arg("insured"),
        py::arg("households_of"), py::arg("households"), py::arg("seed"), py::arg("year"));
}

}  // namespace kokuho::python
