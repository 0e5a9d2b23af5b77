#include "io/premium_rules_loader.h"

#include <fmt/format.h>

#include <cstdio>
#include <optional>

#include "core/error.h"
#include "io/embedded_data.h"
#include "io/yaml_map.h"
#include "io/yaml_reader.h"

namespace kokuho {
namespace {

using premium::IncomeBand;
using premium::IncomeTable;
using premium::NationalRules;
using premium::PartSet;
using premium::Ppm;

constexpr const char* kDataFile = "data/premium/national.yaml";

struct Series {
  YamlMap entry;
  int from;
};

/// The entry of `series` in force in `fy` (the last with from <= fy). Checks that the
/// entries are in increasing order of `from`.
std::optional<Series> TryInForce(const YAML::Node& root, const std::string& file,
                                 const std::string& series, int fy) {
  const YAML::Node list = root[series];
  if (!list || !list.IsSequence())
    throw InputError(PosOf(root, file), "expected a list '" + series + "'");
  std::optional<YAML::Node> chosen;
  int last_from = 0, chosen_from = 0;
  for (const YAML::Node& e : list) {
    YamlMap m(e, file, series + "[]");
    const int from = m.Integer("from", 1989, 2200);
    if (from <= last_from)
      throw InputError(m.PosOf(e["from"]),
                       fmt::format("{}: entries must be in increasing order of 'from'", series));
    last_from = from;
    if (from <= fy) {
      chosen = e;
      chosen_from = from;
    }
  }
  if (!chosen) return std::nullopt;
  return Series{YamlMap(*chosen, file, series), chosen_from};
}

Series InForce(const YAML::Node& root, const std::string& file, const std::string& series, int fy) {
  auto s = TryInForce(root, file, series, fy);
  if (!s)
    throw CalculationError(
        fmt::format("{}: no entry in force in fiscal year {} ({})", series, fy, file));
  return std::move(*s);
}

Ppm Millionths(YamlMap& m, const std::string& key) {
  YAML::Node n = m.Require(key);
  return ParseMillionths(ScalarText(n, m.PosOf(n), key), m.PosOf(n), m.where() + "." + key);
}

PartSet Parts(YamlMap& m, const std::string& key) {
  PartSet set{};
  YAML::Node n = m.Require(key);
  if (!n.IsSequence()) throw InputError(m.PosOf(n), key + ": expected a list of 分 keys");
  for (const YAML::Node& item : n) {
    auto part = TryParsePart(ScalarText(item, m.PosOf(item), key));
    if (!part) throw InputError(m.PosOf(item), key + ": expected iryo, shien, kaigo or kodomo");
    set[static_cast<int>(*part)] = true;
  }
  return set;
}

IncomeTable Bands(const YAML::Node& list, const std::string& file, const std::string& where) {
  if (!list.IsSequence()) throw InputError(PosOf(list, file), where + ": expected a list of bands");
  IncomeTable t;
  Yen last = 0;
  for (const YAML::Node& b : list) {
    YamlMap m(b, file, where);
    m.ExpectKeys({"up_to", "zero", "minus", "fixed", "rate", "step", "offset"});
    IncomeBand band;
    band.up_to = m.Has("up_to") ? m.YenValue("up_to", 1) : premium::kNoLimit;
    if (band.up_to <= last)
      throw InputError(m.pos(), where + ": bands must be in increasing order of up_to");
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
      throw InputError(m.pos(), where + ": expected one of zero, minus, fixed, rate");
    }
    m.RejectUnknownKeys();
    t.bands.push_back(band);
  }
  if (t.bands.empty() || t.bands.back().up_to != premium::kNoLimit)
    throw InputError(PosOf(list, file), where + ": the last band must have no up_to");
  return t;
}

void Note(NationalRules& r, YamlMap& m, const std::string& series, int from) {
  m.Text("from");  // read by TryInForce
  const std::string confirmed = m.Text("confirmed");
  if (confirmed != "true" && confirmed != "false")
    throw InputError(m.PosOf(m.Require("confirmed")),
                     series + ".confirmed: expected true or false");
  if (confirmed == "false") r.unconfirmed.push_back(fmt::format("{} (from FY{})", series, from));
  r.sources.emplace_back(series, fmt::format("{} (data/premium/national.yaml {} from {})",
                                             m.Text("source"), series, from));
  m.RejectUnknownKeys();
}

}  // namespace

premium::NationalRules LoadNationalRules(int fy, const std::string& path) {
  const std::string file = path.empty() ? kDataFile : path;
  const YAML::Node root = path.empty() ? ParseYamlStrict(std::string(EmbeddedDataFile(file)), file)
                                       : LoadYamlStrict(path);
  YamlMap top(root, file, "the top level");
  top.ExpectKeys({"first_fiscal_year", "caps", "keigen_thresholds", "keigen_ratios",
                  "basic_deduction", "earner_thresholds", "elderly_pension_deduction", "preschool",
                  "child_part_under18", "birth_exemption", "involuntary_unemployment",
                  "former_dependent", "tokutei_setai", "salary_income", "pension_income",
                  "income_adjustment"});
  const int first = top.Integer("first_fiscal_year", 1989, 2200);
  if (fy < first)
    throw CalculationError(fmt::format(
        "fiscal year {}: the levy rules start in fiscal year {} ({})", fy, first, file));
  NationalRules r;
  r.fiscal_year = fy;
  {
    auto [m, from] = InForce(root, file, "caps", fy);
    m.ExpectKeys({"from", "iryo", "shien", "kaigo", "kodomo", "confirmed", "source"});
    for (Part p : kAllParts)
      if (m.Has(PartKey(p))) {
        r.levied[static_cast<int>(p)] = true;
        r.caps[static_cast<int>(p)] = m.YenValue(PartKey(p), 1);
      }
    Note(r, m, "caps", from);
  }
  {
    auto [m, from] = InForce(root, file, "keigen_thresholds", fy);
    r.keigen_base = m.YenValue("base");
    r.keigen_earner_add = m.YenValue("earner_add");
    r.keigen_five_per_person = m.YenValue("five_per_person");
    r.keigen_two_per_person = m.YenValue("two_per_person");
    Note(r, m, "keigen_thresholds", from);
  }
  {
    auto [m, from] = InForce(root, file, "keigen_ratios", fy);
    r.keigen_seven = Millionths(m, "seven");
    r.keigen_five = Millionths(m, "five");
    r.keigen_two = Millionths(m, "two");
    Note(r, m, "keigen_ratios", from);
  }
  {
    auto [m, from] = InForce(root, file, "basic_deduction", fy);
    YAML::Node bands = m.Require("bands");
    Yen last = -1;
    for (const YAML::Node& b : bands) {
      YamlMap bm(b, file, "basic_deduction.bands[]");
      premium::DeductionBand d;
      d.up_to = bm.Has("up_to") ? bm.YenValue("up_to") : premium::kNoLimit;
      d.amount = bm.YenValue("amount");
      bm.RejectUnknownKeys();
      if (d.up_to <= last) throw InputError(bm.pos(), "basic_deduction: bands out of order");
      last = d.up_to;
      r.basic_deduction.push_back(d);
    }
    if (r.basic_deduction.empty() || r.basic_deduction.back().up_to != premium::kNoLimit)
      throw InputError(m.PosOf(bands), "basic_deduction: the last band must have no up_to");
    Note(r, m, "basic_deduction", from);
  }
  {
    auto [m, from] = InForce(root, file, "earner_thresholds", fy);
    r.earner_salary_over = m.YenValue("salary_over");
    r.earner_pension_over_under65 = m.YenValue("pension_over_under65");
    r.earner_pension_over_65 = m.YenValue("pension_over_65");
    Note(r, m, "earner_thresholds", from);
  }
  {
    auto [m, from] = InForce(root, file, "elderly_pension_deduction", fy);
    r.elderly_pension_deduction = m.YenValue("amount");
    Note(r, m, "elderly_pension_deduction", from);
  }
  if (auto found = TryInForce(root, file, "preschool", fy)) {
    auto& [m, from] = *found;
    r.preschool_in_force = true;
    r.preschool_ratio = Millionths(m, "ratio");
    r.preschool_parts = Parts(m, "parts");
    Note(r, m, "preschool", from);
  }
  if (auto found = TryInForce(root, file, "child_part_under18", fy)) {
    auto& [m, from] = *found;
    r.child_part_under18_in_force = true;
    r.child_part_under18_ratio = Millionths(m, "ratio");
    Note(r, m, "child_part_under18", from);
  }
  if (auto found = TryInForce(root, file, "birth_exemption", fy)) {
    auto& [m, from] = *found;
    r.birth_in_force = true;
    const std::string first_month = m.Text("first_month");
    int y = 0, mo = 0;
    if (std::sscanf(first_month.c_str(), "%d-%d", &y, &mo) != 2 || mo < 1 || mo > 12)
      throw InputError(m.PosOf(m.Require("first_month")), "first_month: expected YYYY-MM");
    r.birth_first_month = y * 100 + mo;
    r.birth_single_months = m.Integer("single_months", 1, 12);
    r.birth_single_offset = m.Integer("single_start_offset", 0, 12);
    r.birth_multiple_months = m.Integer("multiple_months", 1, 12);
    r.birth_multiple_offset = m.Integer("multiple_start_offset", 0, 12);
    Note(r, m, "birth_exemption", from);
  }
  {
    auto [m, from] = InForce(root, file, "involuntary_unemployment", fy);
    r.unemployment_ratio = Millionths(m, "ratio");
    YAML::Node codes = m.Require("reason_codes");
    for (const YAML::Node& c : codes)
      r.unemployment_reason_codes.push_back(ScalarText(c, m.PosOf(c), "reason_codes"));
    Note(r, m, "involuntary_unemployment", from);
  }
  {
    auto [m, from] = InForce(root, file, "former_dependent", fy);
    r.former_per_capita_ratio = Millionths(m, "per_capita_ratio");
    r.former_household_ratio = Millionths(m, "household_ratio");
    r.former_months = m.Integer("months", 1, 120);
    r.former_parts = Parts(m, "parts");
    Note(r, m, "former_dependent", from);
  }
  {
    auto [m, from] = InForce(root, file, "tokutei_setai", fy);
    r.tokutei_half_ratio = Millionths(m, "half_ratio");
    r.tokutei_half_years = m.Integer("half_years", 0, 20);
    r.tokutei_quarter_ratio = Millionths(m, "quarter_ratio");
    r.tokutei_quarter_years = m.Integer("quarter_years", 0, 20);
    r.tokutei_parts = Parts(m, "parts");
    Note(r, m, "tokutei_setai", from);
  }
  {
    auto [m, from] = InForce(root, file, "salary_income", fy - 1);  // income year
    r.salary = Bands(m.Require("bands"), file, "salary_income.bands");
    Note(r, m, "salary_income", from);
  }
  {
    auto [m, from] = InForce(root, file, "pension_income", fy - 1);
    YAML::Node classes = m.Require("classes");
    for (const YAML::Node& c : classes) {
      YamlMap cm(c, file, "pension_income.classes[]");
      premium::PensionClass pc;
      const std::string age = cm.Text("age");
      if (age != "under65" && age != "65")
        throw InputError(cm.PosOf(c["age"]), "age: expected under65 or 65");
      pc.aged65 = age == "65";
      pc.other_up_to = cm.Has("other_up_to") ? cm.YenValue("other_up_to") : premium::kNoLimit;
      pc.table = Bands(cm.Require("bands"), file, "pension_income.bands");
      cm.RejectUnknownKeys();
      r.pension.push_back(std::move(pc));
    }
    Note(r, m, "pension_income", from);
  }
  if (auto found = TryInForce(root, file, "income_adjustment", fy - 1)) {
    auto& [m, from] = *found;
    r.income_adjustment_cap = m.YenValue("cap");
    Note(r, m, "income_adjustment", from);
  }
  return r;
}

}  // namespace kokuho
