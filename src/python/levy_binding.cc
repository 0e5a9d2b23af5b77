// The household levy (src/premium) for Python: one household (the household file's
// schema, parsed by readers/household_loader, levied by premium::LevyOne as `kokuho levy`), and
// a population from a file or from numpy columns, prepared and levied on all cores by the
// batch (premium/batch.h: PrepareAll, then LevyEach into numpy arrays, or LevyAll for the
// municipality totals of `kokuho microsim`). No Python runs per household.
#include <fmt/format.h>

#include <cstdlib>
#include <memory>

#include "core/error.h"
#include "core/fiscal_year.h"
#include "core/municipality_code.h"
#include "premium/batch.h"
#include "premium/levy.h"
#include "python/bindings.h"
#include "python/convert.h"
#include "readers/household_loader.h"
#include "readers/population_io.h"
#include "readers/premium_rules_loader.h"
#include "readers/rate_schedule_loader.h"

namespace kokuho::python {
namespace {

using premium::Population;

std::string ExamplesDir() {
  if (const char* env = std::getenv("KOKUHO_EXAMPLES"); env && *env) return env;
  return KOKUHO_EXAMPLES_DIR;
}

/// The --rates default: the bundled synthetic rates of the sample prefecture.
std::string RatesPath(const std::string& given) {
  return given.empty() ? ExamplesDir() + "/levy/rates-gunma-sample.csv" : given;
}

/// The year's national rules and each municipality's compiled schedule, as `kokuho
/// microsim` loads them.
struct LevyInputs {
  premium::NationalRules rules;
  std::vector<premium::CompiledSchedule> compiled;
  std::vector<std::string> names;
};

LevyInputs LoadInputs(premium::NationalRules rules, const std::vector<std::string>& municipalities,
                      const std::string& rates_given, int year) {
  const std::string rates_path = RatesPath(rates_given);
  LevyInputs in;
  in.rules = std::move(rules);
  const auto schedules = LoadRateSchedules(rates_path, year);
  for (const std::string& code : municipalities) {
    const premium::RateSchedule& s = FindRateSchedule(schedules, code, rates_path, year);
    in.compiled.push_back(CompileRateSchedule(s, in.rules, rates_path));
    in.names.push_back(s.name);
  }
  return in;
}

/// The population of `source`: a file path (str) or a dict of numpy columns (read in place
/// where they have the engine's types).
std::unique_ptr<InputPopulation> GetPopulation(const py::object& source,
                                               const std::vector<std::string>& municipalities,
                                               int year, const std::string& name) {
  if (py::isinstance<py::str>(source)) return InputFromFile(source.cast<std::string>(), year);
  return InputFromColumns(source.cast<py::dict>(), municipalities, year, name);
}

py::dict LevyOneHousehold(const std::string& text, const std::string& name,
                          const std::string& municipality, const std::string& rates_given, int year,
                          bool carry_forward, bool explain) {
  const std::string rates_path = RatesPath(rates_given);
  const premium::NationalRules rules = LoadNationalRules(year, "", YearPolicy{carry_forward});
  const auto schedules = LoadRateSchedules(rates_path, year);
  const premium::Household household = ParseHousehold(text, name, year);
  std::string code = municipality;
  if (code.empty()) code = household.municipality;
  if (code.empty())
    throw InputError({name, 0, 0},
                     "municipality: 市町村がわかりません。levy(…, municipality=\"102016\") か"
                     "世帯の municipality に団体コードを指定してください");
  if (auto c = MunicipalityCode::TryParse(code)) {
    code = c->str();
  } else {
    throw InputError({name, 0, 0}, "municipality: " + MunicipalityCodeProblem(code));
  }
  if (!household.municipality.empty() && household.municipality != code)
    throw InputError(household.municipality_at,
                     fmt::format("municipality: 世帯の団体コード「{}」と municipality= の"
                                 "「{}」が違います。同じ団体コードにするか、どちらか一方だけを"
                                 "指定してください",
                                 household.municipality, code));
  const premium::RateSchedule& schedule = FindRateSchedule(schedules, code, rates_path, year);
  CompileRateSchedule(schedule, rules, rates_path);  // refuses incomplete rates at the file
  const premium::HouseholdLevy levy = premium::LevyOne(household, schedule, rules, explain);
  const auto& res = levy.result;
  py::dict out;
  out["municipality"] = schedule.municipality;
  out["municipality_name"] = schedule.name;
  out["fiscal_year"] = rules.fiscal_year;
  out["levy_kind"] = schedule.kind == premium::LevyKind::kZei ? "zei" : "ryo";
  py::dict keigen;
  keigen["tier"] = premium::TierLabel(res.tier);
  keigen["judged_income"] = levy.prepared.keigen_income;
  keigen["persons_counted"] = levy.prepared.keigen_count;
  keigen["earners"] = levy.prepared.earners;
  out["keigen"] = keigen;
  py::dict parts;
  for (Part p : kAllParts) {
    if (!rules.levied[static_cast<int>(p)]) continue;
    const premium::PartLevy& l = res.parts[static_cast<int>(p)];
    py::dict d;
    d["months"] = l.months;
    d["income"] = l.income;
    d["asset"] = l.asset;
    d["per_capita"] = l.per_capita;
    d["household"] = l.household;
    d["child"] = l.child;
    d["tokutei"] = l.tokutei;
    d["keigen"] = l.keigen;
    d["preschool"] = l.preschool;
    d["former_dependent"] = l.former;
    d["birth"] = l.birth;
    d["municipal"] = l.municipal;
    d["subtotal"] = l.subtotal;
    d["cap"] = l.cap;
    d["over_cap"] = l.over_cap;
    d["rounding"] = l.rounding;
    d["amount"] = l.amount;
    parts[py::str(PartKey(p))] = d;
  }
  out["parts"] = parts;
  out["rounding_total"] = res.rounding_total;
  out["total"] = res.total;
  py::list unconfirmed;
  for (const auto& u : rules.unconfirmed) unconfirmed.append(u);
  out["unconfirmed_rules"] = unconfirmed;
  py::list steps;
  for (const auto& e : levy.explanation) {
    py::dict s;
    s["step"] = e.step;
    s["text"] = e.formula;
    s["source"] = e.source;
    steps.append(s);
  }
  out["explanation"] = steps;
  out["warnings"] = NoteLines(rules.notes);
  return out;
}

/// A population prepared once under a year's national rules (premium::PrepareAll), to be
/// levied under any number of rate tables (kokuho.prepare; the rate solver's loop).
struct PreparedPopulation {
  premium::NationalRules rules;
  std::vector<premium::PreparedHousehold> prepared;
  std::vector<std::string> municipalities;
  std::vector<std::int64_t> household_id;
  std::vector<std::uint16_t> municipality;
};

std::unique_ptr<PreparedPopulation> PrepareWith(premium::NationalRules rules,
                                                const py::object& source,
                                                const std::vector<std::string>& municipalities,
                                                const std::string& name, int year,
                                                unsigned threads) {
  auto out = std::make_unique<PreparedPopulation>();
  out->rules = std::move(rules);
  const auto input = GetPopulation(source, municipalities, year, name);
  out->prepared = PrepareInput(*input, out->rules, threads);
  const premium::PopulationView& v = input->view;
  out->municipalities = input->municipalities();
  out->household_id.assign(v.household_id, v.household_id + v.households());
  out->municipality.assign(v.municipality, v.municipality + v.households());
  return out;
}

std::unique_ptr<PreparedPopulation> Prepare(const py::object& source,
                                            const std::vector<std::string>& municipalities,
                                            const std::string& name, int year, bool carry_forward,
                                            unsigned threads) {
  return PrepareWith(LoadNationalRules(year, "", YearPolicy{carry_forward}), source, municipalities,
                     name, year, threads);
}

/// Every prepared household's levy as numpy arrays (household i at [i]): total and tier,
/// each 分's 賦課額 (`parts`), its 軽減 and 限度超過額 (`detail`).
py::dict LevyPreparedUnder(const PreparedPopulation& p,
                           const std::vector<premium::RateSchedule>& schedules,
                           const std::string& rates_path, bool parts, bool detail,
                           unsigned threads) {
  const int year = p.rules.fiscal_year;
  std::vector<premium::CompiledSchedule> compiled;
  py::list codes, names;
  for (const std::string& code : p.municipalities) {
    const premium::RateSchedule& s = FindRateSchedule(schedules, code, rates_path, year);
    compiled.push_back(CompileRateSchedule(s, p.rules, rates_path));
    codes.append(code);
    names.append(s.name);
  }
  const std::size_t n = p.prepared.size();
  py::dict out;
  premium::HouseholdColumns cols;
  auto column = [&](const std::string& key) {
    py::array_t<Yen> a(static_cast<py::ssize_t>(n));
    out[py::str(key)] = a;
    return a.mutable_data();
  };
  cols.total = column("total");
  py::array_t<std::uint8_t> tier(static_cast<py::ssize_t>(n));
  cols.tier = tier.mutable_data();
  for (Part part : kAllParts) {
    const int i = static_cast<int>(part);
    if (!p.rules.levied[i]) continue;
    if (parts || detail) cols.amount[i] = column(PartKey(part));
    if (detail) {
      cols.keigen[i] = column("keigen_" + PartKey(part));
      cols.over_cap[i] = column("over_cap_" + PartKey(part));
    }
  }
  {
    py::gil_scoped_release release;
    premium::LevyEach(p.prepared, compiled, cols, threads);
  }
  out["tier"] = tier;
  out["municipalities"] = codes;
  out["municipality_names"] = names;
  // Views of the prepared population's own columns (read-only; they live as long as it does).
  py::object owner = py::cast(&p, py::return_value_policy::reference);
  py::array_t<std::uint16_t> municipality({n}, {sizeof(std::uint16_t)}, p.municipality.data(),
                                          owner);
  py::array_t<std::int64_t> ids({n}, {sizeof(std::int64_t)}, p.household_id.data(), owner);
  municipality.attr("setflags")(py::arg("write") = false);
  ids.attr("setflags")(py::arg("write") = false);
  out["municipality"] = municipality;
  out["household_id"] = ids;
  out["warnings"] = NoteLines(p.rules.notes);
  return out;
}

py::dict LevyPrepared(const PreparedPopulation& p, const std::string& rates_given, bool parts,
                      bool detail, unsigned threads) {
  const std::string rates_path = RatesPath(rates_given);
  return LevyPreparedUnder(p, LoadRateSchedules(rates_path, p.rules.fiscal_year), rates_path, parts,
                           detail, threads);
}

/// Every household's levy as numpy arrays (household i at [i]).
py::dict LevyPopulation(const py::object& source, const std::vector<std::string>& municipalities,
                        const std::string& name, const std::string& rates, int year,
                        bool carry_forward, bool detail, unsigned threads) {
  // The rules, then the rates, then the population: the order `kokuho microsim` reads them
  // (each read once).
  premium::NationalRules rules = LoadNationalRules(year, "", YearPolicy{carry_forward});
  const std::string rates_path = RatesPath(rates);
  const auto schedules = LoadRateSchedules(rates_path, year);
  const auto p = PrepareWith(std::move(rules), source, municipalities, name, year, threads);
  py::dict out = LevyPreparedUnder(*p, schedules, rates_path, true, detail, threads);
  // The ids and municipality indexes as arrays of their own (the prepared population goes;
  // moving a vector keeps its buffer, so the views in `out` stay valid until replaced).
  out["municipality"] = ToArray(std::move(p->municipality));
  out["household_id"] = ToArray(std::move(p->household_id));
  return out;
}

/// The municipality totals of `kokuho microsim` (premium::LevyAll), as columns.
py::dict Microsim(const py::object& source, const std::vector<std::string>& municipalities,
                  const std::string& name, const std::string& rates, int year, bool carry_forward,
                  unsigned threads) {
  // The population, then the rules, then the rates (a wrong value in the population is
  // reported before a wrong year or rate table, as when the population was checked whole
  // first).
  const auto input = GetPopulation(source, municipalities, year, name);
  const std::vector<std::string>& codes = input->municipalities();
  premium::NationalRules rules;
  try {
    rules = LoadNationalRules(year, "", YearPolicy{carry_forward});
  } catch (...) {
    CheckValues(*input);
    throw;
  }
  const auto prepared = PrepareInput(*input, rules, threads);
  const LevyInputs in = LoadInputs(std::move(rules), codes, rates, year);
  premium::LevyAllResult result;
  premium::Deciles deciles;
  {
    py::gil_scoped_release release;
    deciles = premium::AssignDeciles(prepared);
    result = premium::LevyAll(prepared, in.compiled, deciles, false, threads);
  }
  Columns munis;
  static constexpr const char* kTierKeys[] = {"none", "two", "five", "seven"};
  for (std::size_t m = 0; m < codes.size(); ++m) {
    const premium::MunicipalityTotals& t = result.municipalities[m];
    munis["code"].append(codes[m]);
    munis["name"].append(in.names[m]);
    munis["households"].append(t.households);
    munis["members"].append(t.members);
    for (int k = 3; k >= 0; --k)
      munis[fmt::format("households_{}", kTierKeys[k])].append(t.households_by_tier[k]);
    for (Part p : kAllParts) {
      if (!in.rules.levied[static_cast<int>(p)]) continue;
      const premium::PartTotals& pt = t.parts[static_cast<int>(p)];
      const std::string k = PartKey(p) + "_";
      munis[k + "amount"].append(pt.amount);
      munis[k + "income"].append(pt.income);
      munis[k + "asset"].append(pt.asset);
      munis[k + "per_capita"].append(pt.per_capita);
      munis[k + "household"].append(pt.household);
      for (int tier = 3; tier >= 1; --tier)
        munis[fmt::format("{}keigen_{}", k, kTierKeys[tier])].append(pt.keigen[tier]);
      munis[k + "child"].append(pt.child);
      munis[k + "tokutei"].append(pt.tokutei);
      munis[k + "preschool"].append(pt.preschool);
      munis[k + "former_dependent"].append(pt.former);
      munis[k + "birth"].append(pt.birth);
      munis[k + "municipal"].append(pt.municipal);
      munis[k + "over_cap"].append(pt.over_cap);
      munis[k + "capped_households"].append(pt.capped_households);
      munis[k + "rounding"].append(pt.rounding);
    }
    munis["rounding_total"].append(t.rounding_total);
    munis["total"].append(t.total);
  }
  premium::MunicipalityTotals all;
  for (const auto& t : result.municipalities) all.Add(t);
  auto groups = [](const auto& list) {
    Columns g;
    for (const premium::GroupTotals& x : list) {
      g["households"].append(x.households);
      g["members"].append(x.members);
      g["keigen_income"].append(x.keigen_income);
      g["levy"].append(x.levy);
    }
    return g.ToDict();
  };
  py::dict out;
  out["municipalities"] = munis.ToDict();
  py::dict by_decile = groups(all.by_decile);
  py::list upper;
  for (Yen u : deciles.upper) upper.append(u);
  by_decile["upper"] = upper;
  out["by_decile"] = by_decile;
  py::dict by_type = groups(all.by_type);
  py::list keys;
  for (int k = 0; k < premium::kHouseholdTypeCount; ++k)
    keys.append(premium::HouseholdTypeKey(static_cast<premium::HouseholdType>(k)));
  by_type["type"] = keys;
  out["by_type"] = by_type;
  out["fiscal_year"] = year;
  out["warnings"] = NoteLines(in.rules.notes);
  return out;
}

}  // namespace

/// A fiscal year as users write it (2026, "R8", "令和8年度", 全角 digits too); 0 when unreadable.
int ParseYear(const std::string& text) {
  const auto fy = FiscalYear::TryParse(text);
  return fy ? fy->year() : 0;
}

void RegisterLevy(py::module_& m) {
  m.def("_examples_dir", &ExamplesDir);
  m.def("_parse_year", &ParseYear, py::arg("text"));
  m.def("_last_known_levy_year", [] { return LastKnownLevyYear().year(); });
  // The notes and the 分 levied of a year's national rules (for Dask's lazy results).
  m.def("_rule_notes", [](int year, bool carry_forward) {
    return NoteLines(LoadNationalRules(year, "", YearPolicy{carry_forward}).notes);
  });
  m.def("_levied_parts", [](int year, bool carry_forward) {
    const auto rules = LoadNationalRules(year, "", YearPolicy{carry_forward});
    py::list parts;
    for (Part p : kAllParts)
      if (rules.levied[static_cast<int>(p)]) parts.append(PartKey(p));
    return parts;
  });
  m.def("_levy_one", &LevyOneHousehold, py::arg("text"), py::arg("name"), py::arg("municipality"),
        py::arg("rates"), py::arg("year"), py::arg("carry_forward"), py::arg("explain"));
  m.def("_levy_population", &LevyPopulation, py::arg("source"), py::arg("municipalities"),
        py::arg("name"), py::arg("rates"), py::arg("year"), py::arg("carry_forward"),
        py::arg("detail"), py::arg("threads"));
  py::class_<PreparedPopulation>(m, "_Prepared")
      .def_property_readonly("households",
                             [](const PreparedPopulation& p) { return p.prepared.size(); })
      .def_property_readonly("fiscal_year",
                             [](const PreparedPopulation& p) { return p.rules.fiscal_year; })
      .def_property_readonly("municipalities",
                             [](const PreparedPopulation& p) { return p.municipalities; })
      .def_property_readonly("warnings",
                             [](const PreparedPopulation& p) { return NoteLines(p.rules.notes); })
      .def("levy", &LevyPrepared, py::arg("rates"), py::arg("parts"), py::arg("detail"),
           py::arg("threads"));
  m.def("_prepare", &Prepare, py::arg("source"), py::arg("municipalities"), py::arg("name"),
        py::arg("year"), py::arg("carry_forward"), py::arg("threads"));
  m.def("_microsim", &Microsim, py::arg("source"), py::arg("municipalities"), py::arg("name"),
        py::arg("rates"), py::arg("year"), py::arg("carry_forward"), py::arg("threads"));
}

}  // namespace kokuho::python
