#include "report/warnings_table.h"

namespace kokuho {

void AddWarnings(const std::vector<std::string>& warnings, std::vector<ReportTable>& tables,
                 nlohmann::ordered_json& json) {
  if (warnings.empty()) return;
  ReportTable t;
  t.key = "注意事項";
  t.title = "注意事項 (この結果に使った値について)";
  t.sheet = "注意事項";
  t.header = {"注意"};
  for (const std::string& w : warnings) t.rows.push_back({ReportCell::Text(w)});
  tables.insert(tables.begin(), std::move(t));
  if (json.is_object()) json["warnings"] = warnings;
}

}  // namespace kokuho
