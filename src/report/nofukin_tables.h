// The result tables of a 納付金 calculation, in the order users read them:
// 納付金, 市町村標準保険料率, 都道府県標準保険料率, own-basis rates, 係数, 激変緩和.
#pragma once

#include <vector>

#include "nofukin/model.h"
#include "nofukin/result.h"
#include "report/report_table.h"

namespace kokuho {

std::vector<ReportTable> BuildNofukinTables(const nofukin::Case& c, const nofukin::Result& r);

}  // namespace kokuho
