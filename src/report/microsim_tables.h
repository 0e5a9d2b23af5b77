// The result tables of `kokuho microsim`: per municipality 調定額 by 分, 軽減 by tier (the
// 保険基盤安定 amounts), amounts above the caps, and the breakdowns by income decile and
// household type; JSON schema kokuho.microsim/1 (docs/microsim-output.md).
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "premium/batch.h"
#include "report/report_table.h"

namespace kokuho {

struct MicrosimReport {
  int fiscal_year = 0;
  std::vector<std::string> codes;  ///< 団体コード by municipality index
  std::vector<std::string> names;  ///< 市町村名 by index
  std::array<bool, kPartCount> levied{};
  std::array<Yen, 10> decile_upper{};  ///< the highest 軽減判定所得 in each decile
  premium::LevyAllResult result;
  std::vector<std::string> unconfirmed;
  std::vector<std::string> warnings;  ///< ParameterNotes::Lines() of the rules used
};

std::vector<ReportTable> BuildMicrosimTables(const MicrosimReport& r);
nlohmann::ordered_json MicrosimJson(const MicrosimReport& r);

}  // namespace kokuho
