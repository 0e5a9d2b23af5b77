// 納付金 and 標準保険料率 (src/nofukin) for Python: the case read by readers/case_loader, the
// engine's result as columns (per 分, per municipality × 分, per municipality) with every
// exact value as "p/q" or decimal text (python/kokuho turns them into fractions.Fraction),
// and the trace of one municipality (`kokuho explain`).
#include <fmt/format.h>

#include <algorithm>

#include "core/error.h"
#include "core/part.h"
#include "core/text.h"
#include "nofukin/engine.h"
#include "python/bindings.h"
#include "python/convert.h"
#include "readers/case_loader.h"

namespace kokuho::python {
namespace {

/// One RateSet as columns prefixed with `prefix` (e.g. "municipal_").
void AddRates(Columns& c, const std::string& prefix, const nofukin::RateSet& r) {
  c[prefix + "method"].append(nofukin::LevyMethodLabel(r.method));
  c[prefix + "income_rate_percent"].append(Exact(r.income_rate_percent));
  c[prefix + "asset_rate_percent"].append(r.asset_rate_percent
                                              ? py::object(py::str(Exact(*r.asset_rate_percent)))
                                              : py::object(py::none()));
  c[prefix + "per_capita"].append(r.per_capita);
  c[prefix + "per_household"].append(r.per_household);
  c[prefix + "income_rate_exact"].append(Exact(r.income_rate_exact));
  c[prefix + "per_capita_exact"].append(Exact(r.per_capita_exact));
  c[prefix + "per_household_exact"].append(Exact(r.per_household_exact));
}

py::dict Nofukin(const std::string& path) {
  nofukin::Case c = LoadCase(path);
  nofukin::Result r;
  {
    py::gil_scoped_release release;
    r = nofukin::Compute(c);
  }
  py::dict out;
  out["prefecture"] = r.prefecture;
  out["prefecture_code"] = c.prefecture_code;
  out["fiscal_year"] = r.fiscal_year.year();
  out["fiscal_year_wareki"] = r.fiscal_year.ToWareki();
  out["coefficients"] = r.coefficients_label;
  out["warnings"] = NoteLines(c.parameter_notes);

  Columns parts;
  for (const auto& pr : r.parts) {
    const auto& pol = c.policy(pr.part);
    parts["part"].append(PartKey(pr.part));
    parts["label"].append(PartLabel(pr.part));
    parts["alpha"].append(Exact(pol.alpha));
    parts["beta"].append(Exact(pol.beta));
    parts["beta_prime"].append(Exact(pol.beta_prime));
    parts["equal_share_index"].append(Exact(pol.equal_share_index));
    parts["gamma"].append(Exact(pr.gamma));
    parts["gamma_exact"].append(Exact(pr.gamma_exact));
    parts["gamma_difference"].append(Exact(pr.gamma_difference));
    parts["weight_sum"].append(Exact(pr.weight_sum));
    parts["required_premium_total"].append(pr.required_total);
    parts["individual_add"].append(pr.individual_add);
    parts["individual_sub"].append(pr.individual_sub);
    parts["base_total"].append(pr.base_total);
    parts["floor_sum"].append(pr.floor_sum);
    parts["residual_yen"].append(pr.residual);
    parts["total"].append(pr.nofukin_total);
    parts["insured"].append(pr.insured);
    parts["households"].append(pr.households);
    parts["income"].append(Exact(pr.income));
    AddRates(parts, "prefecture_", pr.prefecture_standard);
  }
  out["parts"] = parts.ToDict();

  Columns munis, totals;
  for (const auto& m : r.municipalities) {
    totals["code"].append(m.code.str());
    totals["name"].append(m.name);
    totals["insured"].append(m.insured);
    totals["nofukin_total"].append(m.nofukin_total);
    totals["retiree_nofukin"].append(m.retiree_nofukin);
    totals["relief"].append(m.relief_total);
    totals["relief_needed"].append(m.relief_needed);
    totals["metric_before"].append(Exact(m.metric_before));
    totals["metric_after"].append(Exact(m.metric_after));
    totals["metric_limit"].append(m.metric_limit ? py::object(py::str(Exact(*m.metric_limit)))
                                                 : py::object(py::none()));
    for (const auto& pr : r.parts) {
      const auto& mp = m.part(pr.part);
      munis["code"].append(m.code.str());
      munis["name"].append(m.name);
      munis["part"].append(PartKey(pr.part));
      munis["epsilon"].append(Exact(mp.epsilon));
      munis["income"].append(Exact(mp.income));
      munis["share_insured"].append(Exact(mp.share_insured));
      munis["share_households"].append(Exact(mp.share_households));
      munis["share_income"].append(Exact(mp.share_income));
      munis["weight"].append(Exact(mp.weight));
      munis["base_exact"].append(Exact(mp.base_exact));
      munis["base_closed"].append(Exact(mp.base_closed));
      munis["base"].append(mp.base);
      munis["individual_add"].append(mp.individual_add);
      munis["individual_sub"].append(mp.individual_sub);
      munis["before_relief"].append(mp.before_relief);
      munis["relief"].append(mp.relief);
      munis["relief_contribution"].append(mp.relief_contribution);
      munis["nofukin"].append(mp.nofukin);
      munis["rate_add"].append(mp.rate_add);
      munis["rate_sub"].append(mp.rate_sub);
      munis["premium_need"].append(mp.premium_need);
      munis["levy_total"].append(Exact(mp.levy_total));
      AddRates(munis, "municipal_", mp.municipal_standard);
      AddRates(munis, "own_basis_", mp.own_basis);
    }
  }
  out["municipalities"] = munis.ToDict();
  out["totals"] = totals.ToDict();

  py::dict relief;
  relief["enabled"] = r.relief.enabled;
  relief["needed"] = r.relief.needed;
  relief["contributions"] = r.relief.contributions;
  relief["granted"] = r.relief.granted;
  relief["short_of_funds"] = r.relief.short_of_funds;
  relief["pro_rata"] = Exact(r.relief.pro_rata);
  relief["municipalities_relieved"] = r.relief.municipalities_relieved;
  py::list pools;
  for (const auto& d : r.relief.pools) {
    py::dict pool;
    pool["name"] = d.name;
    pool["budget"] = d.budget;
    pool["drawn"] = d.drawn;
    pools.append(pool);
  }
  relief["pools"] = pools;
  out["relief"] = relief;
  return out;
}

/// The trace steps of one municipality (and of one 分 when `part` is not empty), in the
/// order `kokuho explain` prints them.
py::dict Explain(const std::string& path, const std::string& code_text, const std::string& part) {
  nofukin::Case c = LoadCase(path);
  const auto code = MunicipalityCode::TryParse(code_text);
  const bool known = code && std::any_of(c.municipalities.begin(), c.municipalities.end(),
                                         [&](const auto& m) { return m.code == *code; });
  if (!known)
    throw InputError({path, 0, 0},
                     fmt::format("municipality: 団体コード{}の市町村はこの事例にありません。"
                                 "事例の6桁の団体コード (例: {}) を指定してください",
                                 Quoted(code_text), c.municipalities.front().code.str()));
  std::optional<Part> only;
  if (!part.empty()) {
    only = TryParsePart(part);
    if (!only || !c.HasPart(*only))
      throw InputError({path, 0, 0},
                       fmt::format("part: {}はこの事例の分ではありません。{} のどれかを指定"
                                   "してください",
                                   Quoted(part), PartKeysText()));
  }
  nofukin::Result r;
  {
    py::gil_scoped_release release;
    r = nofukin::Compute(c, {.trace = true});
  }
  const auto& m = *std::find_if(r.municipalities.begin(), r.municipalities.end(),
                                [&](const auto& x) { return x.code == *code; });
  Columns steps{"step",   "part",   "part_label", "municipality", "formula",
                "inputs", "result", "rounding",   "source"};
  auto add = [&](const TraceStep& s) {
    steps["step"].append(s.step);
    steps["part"].append(s.part ? py::object(py::str(PartKey(*s.part))) : py::object(py::none()));
    steps["part_label"].append(s.part ? py::object(py::str(PartLabel(*s.part)))
                                      : py::object(py::none()));
    steps["municipality"].append(s.subject);
    steps["formula"].append(s.formula);
    py::list inputs;
    for (const auto& [name, value] : s.inputs) inputs.append(py::make_tuple(name, value));
    steps["inputs"].append(inputs);
    steps["result"].append(s.result);
    steps["rounding"].append(s.rounding);
    steps["source"].append(s.source);
  };
  for (Part p : c.parts) {
    if (only && p != *only) continue;
    for (const auto& s : r.trace.steps())
      if (s.part == p && (s.subject.empty() || s.subject == m.code.str())) add(s);
  }
  for (const auto& s : r.trace.steps())
    if (!s.part && (s.subject == m.code.str() || s.subject.empty())) add(s);
  py::dict out;
  out["steps"] = steps.ToDict();
  out["title"] = fmt::format("{} {} ({}) — {} 納付金・標準保険料率の算定過程 ({})", c.prefecture,
                             m.name, m.code.str(), c.fiscal_year.ToWareki(), c.coefficients_label);
  out["code"] = m.code.str();
  out["name"] = m.name;
  out["nofukin_total"] = m.nofukin_total;
  out["retiree_nofukin"] = m.retiree_nofukin;
  out["warnings"] = NoteLines(c.parameter_notes);
  return out;
}

}  // namespace

void RegisterNofukin(py::module_& m) {
  m.def("_nofukin", &Nofukin, py::arg("path"));
  m.def("_explain", &Explain, py::arg("path"), py::arg("code"), py::arg("part") = "");
}

}  // namespace kokuho::python
