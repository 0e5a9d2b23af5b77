#include "readers/part_rules.h"

#include <array>

#include "core/error.h"
#include "core/part.h"
#include "core/text.h"
#include "io/parameter_file.h"

namespace kokuho {

namespace {

const ParameterFile& PartsFile() {
  static const ParameterFile file = ParameterFile::Embedded("data/nofukin/parts.yaml");
  return file;
}

}  // namespace

std::vector<Part> PartsInForce(FiscalYear year, ParameterNotes& notes) {
  const ParameterFile& file = PartsFile();
  std::optional<ResolvedEntry> e = file.TryResolve("levied_parts", year, YearPolicy{}, notes);
  if (!e) return {};
  e->map.ExpectKeys(ResolvedEntry::Fields({"parts"}));
  YAML::Node list = e->map.Require("parts");
  std::array<bool, kPartCount> levied{};
  for (const YAML::Node& item : list) {
    const std::string text = ScalarText(item, e->map.PosOf(item), "parts");
    auto part = TryParsePart(text);
    if (!part)
      throw InputError(e->map.PosOf(item), "parts: " + Quoted(text) + "は分ではありません。" +
                                               PartKeysText() + " のどれかを書いてください");
    levied[static_cast<int>(*part)] = true;
  }
  e->map.RejectUnknownKeys();
  std::vector<Part> parts;
  for (Part p : kAllParts)
    if (levied[static_cast<int>(p)]) parts.push_back(p);
  return parts;
}

FiscalYear FirstYearLevied(Part p) {
  for (const ParameterEntry& e : PartsFile().Series("levied_parts").entries) {
    ParameterNotes ignored;
    for (Part q : PartsInForce(e.from, ignored))
      if (q == p) return e.from;
  }
  return FiscalYear(2200);
}

}  // namespace kokuho
