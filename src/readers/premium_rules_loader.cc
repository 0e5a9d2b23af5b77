#include "readers/premium_rules_loader.h"

#include <fmt/format.h>

#include <cstdio>
#include <optional>
#include <set>

#include "core/error.h"
#include "core/text.h"
#include "io/parameter_file.h"
#include "io/yaml_map.h"
#include "io/yaml_reader.h"

namespace kokuho {
namespace {

// The series of data/premium/national.yaml (a typo in a series name must not pass).
const std::set<std::string>& KnownSeries() {
  static const std::set<std::string> names = {"caps",
                                              "keigen_thresholds",
                                              "keigen_ratios",
                                              "basic_deduction",
                                              "earner_thresholds",
                                              "elderly_pension_deduction",
                                              "preschool",
                                              "child_part_under18",
                                              "birth_exemption",
                                              "involuntary_unemployment",
                                              "former_dependent",
                                              "tokutei_setai",
                                              "salary_income",
                                              "pension_income",
                                              "income_adjustment"};
  return names;
}

using premium::IncomeBand;
using premium::IncomeTable;
using premium::NationalRules;
using premium::PartSet;
using premium::Ppm;

constexpr const char* kDataFile = "data/premium/national.yaml";

Ppm Millionths(YamlMap& m, const std::string& key) {
  YAML::Node n = m.Require(key);
  return ParseMillionths(ScalarText(n, m.PosOf(n), key), m.PosOf(n), m.where() + "." + key);
}

PartSet Parts(YamlMap& m, const std::string& key) {
  PartSet set{};
  YAML::Node n = m.Require(key);
  if (!n.IsSequence())
    throw InputError(m.PosOf(n), key + ": 分のリスト (- iryo など) で書いてください");
  for (const YAML::Node& item : n) {
    auto part = TryParsePart(ScalarText(item, m.PosOf(item), key));
    if (!part)
      throw InputError(m.PosOf(item),
                       key + ": " + PartKeysText("、") + " のどれかを書いてください");
    set[static_cast<int>(*part)] = true;
  }
  return set;
}

IncomeTable Bands(const YAML::Node& list, const std::string& file, const std::string& where) {
  if (!list.IsSequence())
    throw InputError(PosOf(list, file), where + ": 区分のリストで書いてください");
  IncomeTable t;
  Yen last = 0;
  for (const YAML::Node& b : list) {
    YamlMap m(b, file, where);
    m.ExpectKeys({"up_to", "zero", "minus", "fixed", "rate", "step", "offset"});
    IncomeBand band;
    band.up_to = m.Has("up_to") ? m.YenValue("up_to", 1) : premium::kNoLimit;
    if (band.up_to <= last)
      throw InputError(m.pos(), where + ": 区分は up_to の小さい順に書いてください");
    last = band.up_to;
    if (m.Has("zero")) {
      m.Text("zero");
      band.kind = IncomeBand::kZero;
    } else if (m.Has("minus")) {
      band.kind = IncomeBand::kMinus;
      band.amount = m.YenValue("minus");
    } else if (m.Has("fixed")) {
      band.kind = IncomeBand::kFixed;
      band.amount = m.YenValue("fixed");
    } else if (m.Has("rate")) {
      band.kind = IncomeBand::kRate;
      band.rate = Millionths(m, "rate");
      band.step = m.YenValue("step", 1);
      band.offset = m.YenValue("offset", -100'000'000);
    } else {
      throw InputError(m.pos(), where + ": zero、minus、fixed、rate のどれかを書いてください");
    }
    m.RejectUnknownKeys();
    t.bands.push_back(band);
  }
  if (t.bands.empty() || t.bands.back().up_to != premium::kNoLimit)
    throw InputError(PosOf(list, file), where + ": 最後の区分には up_to を書かないでください");
  return t;
}

// Records where the value came from (for --explain) and checks the entry's keys.
void Note(NationalRules& r, ResolvedEntry& e) {
  if (!e.confirmed && !e.carried_forward)
    // Shown to users (the household page, microsim's 注意事項): the value's Japanese name.
    r.unconfirmed.push_back(fmt::format(
        "{} ({}から)", e.description.empty() ? e.series : e.description, e.from.ToWareki()));
  r.sources.emplace_back(
      e.series, fmt::format("{} ({} {} from {})", e.source, e.file, e.series, e.from.year()));
  e.map.RejectUnknownKeys();
}

}  // namespace

FiscalYear LastKnownLevyYear() {
  const ParameterFile f = ParameterFile::Embedded(kDataFile);
  std::optional<FiscalYear> last;
  for (const ParameterSeries* s : f.AllSeries())
    if (s->known_through && (!last || *s->known_through < *last)) last = s->known_through;
  if (!last) throw CalculationError(std::string(kDataFile) + ": no series has a known_through");
  return *last;
}

premium::NationalRules LoadNationalRules(int fy, const std::string& path,
                                         const YearPolicy& policy) {
  const ParameterFile f =
      path.empty() ? ParameterFile::Embedded(kDataFile) : ParameterFile::FromPath(path);
  for (const ParameterSeries* s : f.AllSeries())
    if (!KnownSeries().count(s->name))
      throw InputError(s->pos, fmt::format("系列 {}は使えません", Quoted(s->name)));
  const FiscalYear year(fy);
  ParameterNotes scratch;  // the caps are resolved again below, with their note
  if (!f.TryResolve("caps", year, policy, scratch))
    throw CalculationError(
        fmt::format("{}: 保険料の規則は{}からです ({})。{}以降の年度を指定してください",
                    FiscalYear(fy).ToWareki(),
                    FiscalYear(f.Series("caps").entries.front().from.year()).ToWareki(), f.file(),
                    FiscalYear(f.Series("caps").entries.front().from.year()).ToWareki()));
  NationalRules r;
  r.fiscal_year = fy;
  {
    ResolvedEntry e = f.Resolve("caps", year, policy, r.notes);
    YamlMap& m = e.map;
    m.ExpectKeys(ResolvedEntry::Fields({"iryo", "shien", "kaigo", "kodomo"}));
    for (Part p : kAllParts)
      if (m.Has(PartKey(p))) {
        r.levied[static_cast<int>(p)] = true;
        r.caps[static_cast<int>(p)] = m.YenValue(PartKey(p), 1);
      }
    Note(r, e);
  }
  {
    ResolvedEntry e = f.Resolve("keigen_thresholds", year, policy, r.notes);
    YamlMap& m = e.map;
    r.keigen_base = m.YenValue("base");
    r.keigen_earner_add = m.YenValue("earner_add");
    r.keigen_five_per_person = m.YenValue("five_per_person");
    r.keigen_two_per_person = m.YenValue("two_per_person");
    Note(r, e);
  }
  {
    ResolvedEntry e = f.Resolve("keigen_ratios", year, policy, r.notes);
    YamlMap& m = e.map;
    r.keigen_seven = Millionths(m, "seven");
    r.keigen_five = Millionths(m, "five");
    r.keigen_two = Millionths(m, "two");
    Note(r, e);
  }
  {
    ResolvedEntry e = f.Resolve("basic_deduction", year, policy, r.notes);
    YamlMap& m = e.map;
    YAML::Node bands = m.Require("bands");
    Yen last = -1;
    for (const YAML::Node& b : bands) {
      YamlMap bm(b, f.file(), "basic_deduction.bands[]");
      premium::DeductionBand d;
      d.up_to = bm.Has("up_to") ? bm.YenValue("up_to") : premium::kNoLimit;
      d.amount = bm.YenValue("amount");
      bm.RejectUnknownKeys();
      if (d.up_to <= last)
        throw InputError(bm.pos(), "basic_deduction: 区分は up_to の小さい順に書いてください");
      last = d.up_to;
      r.basic_deduction.push_back(d);
    }
    if (r.basic_deduction.empty() || r.basic_deduction.back().up_to != premium::kNoLimit)
      throw InputError(m.PosOf(bands),
                       "basic_deduction: 最後の区分には up_to を書かないでください");
    Note(r, e);
  }
  {
    ResolvedEntry e = f.Resolve("earner_thresholds", year, policy, r.notes);
    YamlMap& m = e.map;
    r.earner_salary_over = m.YenValue("salary_over");
    r.earner_pension_over_under65 = m.YenValue("pension_over_under65");
    r.earner_pension_over_65 = m.YenValue("pension_over_65");
    Note(r, e);
  }
  {
    ResolvedEntry e = f.Resolve("elderly_pension_deduction", year, policy, r.notes);
    YamlMap& m = e.map;
    r.elderly_pension_deduction = m.YenValue("amount");
    Note(r, e);
  }
  if (auto found = f.TryResolve("preschool", year, policy, r.notes)) {
    ResolvedEntry& e = *found;
    YamlMap& m = e.map;
    r.preschool_in_force = true;
    r.preschool_ratio = Millionths(m, "ratio");
    r.preschool_parts = Parts(m, "parts");
    Note(r, e);
  }
  if (auto found = f.TryResolve("child_part_under18", year, policy, r.notes)) {
    ResolvedEntry& e = *found;
    YamlMap& m = e.map;
    r.child_part_under18_in_force = true;
    r.child_part_under18_ratio = Millionths(m, "ratio");
    Note(r, e);
  }
  if (auto found = f.TryResolve("birth_exemption", year, policy, r.notes)) {
    ResolvedEntry& e = *found;
    YamlMap& m = e.map;
    r.birth_in_force = true;
    const std::string first_month = m.Text("first_month");
    int y = 0, mo = 0;
    if (std::sscanf(first_month.c_str(), "%d-%d", &y, &mo) != 2 || mo < 1 || mo > 12)
      throw InputError(m.PosOf(m.Require("first_month")),
                       "first_month: 年月を YYYY-MM で書いてください");
    r.birth_first_month = y * 100 + mo;
    r.birth_single_months = m.Integer("single_months", 1, 12);
    r.birth_single_offset = m.Integer("single_start_offset", 0, 12);
    r.birth_multiple_months = m.Integer("multiple_months", 1, 12);
    r.birth_multiple_offset = m.Integer("multiple_start_offset", 0, 12);
    Note(r, e);
  }
  {
    ResolvedEntry e = f.Resolve("involuntary_unemployment", year, policy, r.notes);
    YamlMap& m = e.map;
    r.unemployment_ratio = Millionths(m, "ratio");
    YAML::Node codes = m.Require("reason_codes");
    for (const YAML::Node& c : codes)
      r.unemployment_reason_codes.push_back(ScalarText(c, m.PosOf(c), "reason_codes"));
    Note(r, e);
  }
  {
    ResolvedEntry e = f.Resolve("former_dependent", year, policy, r.notes);
    YamlMap& m = e.map;
    r.former_per_capita_ratio = Millionths(m, "per_capita_ratio");
    r.former_household_ratio = Millionths(m, "household_ratio");
    r.former_months = m.Integer("months", 1, 120);
    r.former_parts = Parts(m, "parts");
    Note(r, e);
  }
  {
    ResolvedEntry e = f.Resolve("tokutei_setai", year, policy, r.notes);
    YamlMap& m = e.map;
    r.tokutei_half_ratio = Millionths(m, "half_ratio");
    r.tokutei_half_years = m.Integer("half_years", 0, 20);
    r.tokutei_quarter_ratio = Millionths(m, "quarter_ratio");
    r.tokutei_quarter_years = m.Integer("quarter_years", 0, 20);
    r.tokutei_parts = Parts(m, "parts");
    Note(r, e);
  }
  {
    ResolvedEntry e = f.Resolve("salary_income", year, policy, r.notes);
    YamlMap& m = e.map;
    r.salary = Bands(m.Require("bands"), f.file(), "salary_income.bands");
    Note(r, e);
  }
  {
    ResolvedEntry e = f.Resolve("pension_income", year, policy, r.notes);
    YamlMap& m = e.map;
    YAML::Node classes = m.Require("classes");
    for (const YAML::Node& c : classes) {
      YamlMap cm(c, f.file(), "pension_income.classes[]");
      premium::PensionClass pc;
      const std::string age = cm.Text("age");
      if (age != "under65" && age != "65")
        throw InputError(cm.PosOf(c["age"]), "age: under65 か 65 を書いてください");
      pc.aged65 = age == "65";
      pc.other_up_to = cm.Has("other_up_to") ? cm.YenValue("other_up_to") : premium::kNoLimit;
      pc.table = Bands(cm.Require("bands"), f.file(), "pension_income.bands");
      cm.RejectUnknownKeys();
      r.pension.push_back(std::move(pc));
    }
    Note(r, e);
  }
  if (auto found = f.TryResolve("income_adjustment", year, policy, r.notes)) {
    ResolvedEntry& e = *found;
    YamlMap& m = e.map;
    r.income_adjustment_cap = m.YenValue("cap");
    Note(r, e);
  }
  return r;
}

}  // namespace kokuho
