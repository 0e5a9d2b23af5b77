#include "io/part_rules.h"

#include <stdexcept>

#include "io/embedded_data.h"
#include "io/yaml_map.h"
#include "io/yaml_reader.h"

namespace kokuho {

const std::vector<PartRule>& PartRules() {
  static const std::vector<PartRule> rules = [] {
    const std::string file = "data/nofukin/parts.yaml";
    YAML::Node root = ParseYamlStrict(std::string(EmbeddedDataFile(file)), file);
    std::vector<PartRule> out;
    for (const YAML::Node& entry : root["parts"]) {
      YamlMap m(entry, file, "parts[]");
      std::string key = m.Text("key");
      auto part = TryParsePart(key);
      if (!part) throw InputError(m.PosOf(entry["key"]), "unknown 分 key " + key);
      out.push_back({*part, m.Integer("from_fiscal_year", 2018, 2200), m.Text("source")});
      m.Text("label");
      m.RejectUnknownKeys();
    }
    return out;
  }();
  return rules;
}

std::vector<Part> PartsInForce(FiscalYear year) {
  std::vector<Part> parts;
  for (Part p : kAllParts)
    for (const PartRule& r : PartRules())
      if (r.part == p && r.from_fiscal_year <= year.year()) parts.push_back(p);
  return parts;
}

}  // namespace kokuho
