// Roadmaps (src/scenario) for Python: `kokuho scenario run` (every year of a scenario file,
// with a household population from a file or from numpy columns) and `kokuho scenario
// sweep`, their figures as columns with exact values as text.
#include <fmt/format.h>

#include "core/error.h"
#include "core/text.h"
#include "python/bindings.h"
#include "python/convert.h"
#include "readers/scenario_households.h"
#include "readers/scenario_loader.h"
#include "scenario/household_panel.h"
#include "scenario/sweep.h"

namespace kokuho::python {
namespace {

py::object ExactOrNone(const std::optional<Rational>& v) {
  return v ? py::object(py::str(Exact(*v))) : py::object(py::none());
}

py::list Bands(const scenario::BandCounts& b) {
  py::list l;
  for (std::int64_t n : b) l.append(n);
  return l;
}

py::dict ScenarioRun(const std::string& path, const py::object& population,
                     const std::vector<std::string>& municipalities, const std::string& name,
                     bool carry_forward, unsigned threads) {
  scenario::Scenario s = LoadScenario(path);
  const YearPolicy policy{carry_forward};
  ScenarioHouseholds h;
  premium::Population columns_population;
  if (py::isinstance<py::str>(population)) {
    h = LoadScenarioHouseholds(s, population.cast<std::string>(), policy);
  } else if (!population.is_none()) {
    const int first = s.years.front().year.year();
    columns_population =
        PopulationFromColumns(population.cast<py::dict>(), municipalities, first, name);
    h = ScenarioHouseholdsFor(s, columns_population, name, policy);
  } else {
    h = LoadScenarioHouseholds(s, "", policy);  // the file's own households section, if any
  }
  scenario::Run run;
  {
    py::gil_scoped_release release;
    scenario::RunOptions options;
    options.threads = threads;
    options.households = h.inputs ? &*h.inputs : nullptr;
    run = scenario::RunScenario(s, options);
  }
  Columns years, munis, households;
  for (const auto& y : run.years) {
    const int fy = y.plan.year.year();
    years["fiscal_year"].append(fy);
    years["label"].append(y.plan.year.ToWareki());
    years["stage"].append(scenario::StageLabel(y.plan.stage));
    years["alpha"].append(Exact(y.input.policy(Part::kIryo).alpha));
    years["nofukin_total"].append(y.nofukin_total);
    years["relief_needed"].append(y.relief_needed);
    years["relief_granted"].append(y.relief_granted);
    years["tokurei_drawn"].append(y.tokurei_drawn);
    years["adjust_drawn"].append(y.adjust_drawn);
    for (std::size_t i = 0; i < y.municipalities.size(); ++i) {
      const auto& m = y.municipalities[i];
      munis["fiscal_year"].append(fy);
      munis["code"].append(m.code.str());
      munis["name"].append(m.name);
      munis["insured"].append(m.insured);
      munis["nofukin"].append(m.nofukin);
      munis["nofukin_per_capita"].append(Exact(m.nofukin_per_capita));
      munis["premium_per_capita"].append(Exact(m.premium_per_capita));
      munis["change_previous"].append(ExactOrNone(m.change_previous));
      munis["change_base"].append(ExactOrNone(m.change_base));
      munis["relief_needed"].append(m.relief_needed);
      munis["relief_granted"].append(m.relief_granted);
      munis["collection_rate"].append(Exact(m.collection_rate));
      for (Part p : kAllParts) {
        const std::string k = PartKey(p);
        if (y.input.HasPart(p)) {
          const auto& r = y.result.municipalities[i].part(p).municipal_standard;
          munis[k + "_income_rate_percent"].append(Exact(r.income_rate_percent));
          munis[k + "_per_capita"].append(r.per_capita);
          munis[k + "_per_household"].append(r.per_household);
        } else {
          munis[k + "_income_rate_percent"].append(py::none());
          munis[k + "_per_capita"].append(py::none());
          munis[k + "_per_household"].append(py::none());
        }
      }
    }
    if (y.households) {
      const auto& hy = *y.households;
      households["fiscal_year"].append(fy);
      households["households"].append(hy.households);
      households["levy_total"].append(hy.levy_total);
      households["change_previous"].append(Bands(hy.change_previous));
      households["change_base"].append(Bands(hy.change_base));
      py::list by_muni;
      for (Yen v : hy.levy_by_municipality) by_muni.append(v);
      households["levy_by_municipality"].append(by_muni);
      py::list by_decile, upper;
      for (int d = 0; d < 10; ++d) {
        by_decile.append(hy.levy_by_decile[d]);
        upper.append(hy.decile_upper[d]);
      }
      households["levy_by_decile"].append(by_decile);
      households["decile_upper"].append(upper);
    }
  }
  py::dict out;
  out["name"] = run.name;
  out["years"] = years.ToDict();
  out["municipalities"] = munis.ToDict();
  out["households"] = households.ToDict();
  py::list bands;
  for (int k = 0; k < scenario::kChangeBandCount; ++k) bands.append(scenario::ChangeBandLabel(k));
  out["bands"] = bands;
  py::list pop_codes;
  if (h.inputs && h.inputs->population)
    for (const auto& c : h.inputs->population->municipalities) pop_codes.append(c);
  out["population_municipalities"] = pop_codes;
  out["warnings"] = NoteLines(run.parameter_notes);
  return out;
}

/// "FROM:TO:STEP" or one value per element (exact decimals or "p/q").
std::vector<Rational> Axis(const std::vector<std::string>& values, const std::string& axis) {
  auto number = [&](const std::string& text) {
    auto v = Rational::TryParse(text);
    if (!v)
      throw InputError({axis, 0, 0},
                       fmt::format("{}は数として読めません。\"FROM:TO:STEP\" (例: \"0:1:0.05\") "
                                   "か数のリスト (例: [0.5, 0.75]) で指定してください",
                                   Quoted(text)));
    return *v;
  };
  if (values.size() == 1 && values[0].find(':') != std::string::npos) {
    const std::string& t = values[0];
    const auto a = t.find(':'), b = t.find(':', a + 1);
    if (b == std::string::npos || t.find(':', b + 1) != std::string::npos)
      throw InputError(
          {axis, 0, 0},
          fmt::format("{}は FROM:TO:STEP (例: \"0:1:0.05\") の形で書いてください", Quoted(t)));
    const Rational from = number(t.substr(0, a)), to = number(t.substr(a + 1, b - a - 1)),
                   step = number(t.substr(b + 1));
    if (step.Sign() <= 0 || to < from)
      throw InputError({axis, 0, 0},
                       fmt::format("{}: FROM ≤ TO、STEP は0より大きくしてください", Quoted(t)));
    return scenario::RangeValues(from, to, step);
  }
  std::vector<Rational> out;
  for (const auto& v : values) out.push_back(number(v));
  return out;
}

py::dict Sweep(const std::string& path, int year, const std::vector<std::string>& alpha,
               const std::vector<std::string>& collection,
               const std::vector<std::string>& beta_prime,
               const std::vector<std::string>& equal_share,
               const std::vector<std::string>& allowance, unsigned threads) {
  scenario::Scenario s = LoadScenario(path);
  FiscalYear fy = s.years.size() > 1 ? s.years[1].year : s.years.front().year;  // as the CLI
  if (year != 0) fy = FiscalYear(year);
  scenario::SweepGrid g;
  g.alpha = Axis(alpha, "alpha");
  g.collection_rate = Axis(collection, "collection");
  g.beta_prime = Axis(beta_prime, "beta_prime");
  g.equal_share_index = Axis(equal_share, "equal_share");
  g.allowance = Axis(allowance, "allowance");
  if (g.size() > 1'000'000)
    throw InputError(
        {"sweep", 0, 0},
        fmt::format("組み合わせが{}通りあります。1,000,000通り以下にしてください", g.size()));
  // As the CLI: an α axis where α is fixed is refused alone, dropped with a warning otherwise.
  if (!g.alpha.empty())
    if (const std::optional<std::string> why = scenario::AlphaFixedReason(s, fy)) {
      if (g.collection_rate.empty() && g.beta_prime.empty() && g.equal_share_index.empty() &&
          g.allowance.empty())
        throw InputError({"sweep", 0, 0}, "alpha: " + *why);
      const std::string note = *why + " alpha を外して計算します";
      if (PyErr_WarnEx(PyExc_UserWarning, note.c_str(), 1) != 0) throw py::error_already_set();
      g.alpha.clear();
    }
  std::vector<scenario::Variant> v;
  {
    py::gil_scoped_release release;
    v = scenario::Sweep(s, fy, g, threads);
  }
  Columns rows{"alpha",        "collection_rate",     "beta_prime",    "equal_share_index",
               "allowance",    "max_increase",        "max_code",      "max_name",
               "mean_change",  "municipalities_up_5", "relief_needed", "relief_granted",
               "nofukin_total"};
  for (const auto& x : v) {
    rows["alpha"].append(ExactOrNone(x.alpha));
    rows["collection_rate"].append(ExactOrNone(x.collection_rate));
    rows["beta_prime"].append(ExactOrNone(x.beta_prime));
    rows["equal_share_index"].append(ExactOrNone(x.equal_share_index));
    rows["allowance"].append(ExactOrNone(x.allowance));
    rows["max_increase"].append(Exact(x.max_increase));
    rows["max_code"].append(x.max_code);
    rows["max_name"].append(x.max_name);
    rows["mean_change"].append(Exact(x.mean_change));
    rows["municipalities_up_5"].append(x.municipalities_up_5);
    rows["relief_needed"].append(x.relief_needed);
    rows["relief_granted"].append(x.relief_granted);
    rows["nofukin_total"].append(x.nofukin_total);
  }
  py::dict out;
  out["fiscal_year"] = fy.year();
  out["variants"] = rows.ToDict();
  return out;
}

}  // namespace

void RegisterScenario(py::module_& m) {
  m.def("_scenario_run", &ScenarioRun, py::arg("path"), py::arg("population"),
        py::arg("municipalities"), py::arg("name"), py::arg("carry_forward"), py::arg("threads"));
  m.def("_sweep", &Sweep, py::arg("path"), py::arg("year"), py::arg("alpha"), py::arg("collection"),
        py::arg("beta_prime"), py::arg("equal_share"), py::arg("allowance"), py::arg("threads"));
}

}  // namespace kokuho::python
