// Loads the inputs of `kokuho age-index` (docs/ageindex-format.md): a long table of
// age-band counts per municipality, and the standard (national rates by band and/or
// a standard population) as CSV, xlsx or YAML. Every error names file, line, column.
//
//   ageindex::Standard s = LoadAgeStandard("examples/ageindex-sample/standard_cases.csv");
//   AgeIndexData d = LoadAgeIndexData("examples/ageindex-sample/data_cases.csv", s);
//   // d.measure == AgeMeasure::kCases (the table has a 患者数 column)
//
// Data columns: 団体コード, 年齢階級, one population column (被保険者数 or 人口), one
// observed column (医療費 in yen, or 件数 or 患者数), optionally 市町村名.
// Standard columns (CSV/xlsx): 年齢階級, 基準率 and/or 基準人口.
#pragma once

#include <string>
#include <vector>

#include "ageindex/standardise.h"
#include "core/municipality_code.h"

namespace kokuho {

enum class AgeMeasure { kCost, kCases };

struct AgeIndexMunicipality {
  MunicipalityCode code;
  std::string name;                        ///< empty when the table has no 市町村名 column
  std::vector<ageindex::BandCount> bands;  ///< in the standard's band order
};

struct AgeIndexData {
  std::string file;
  AgeMeasure measure = AgeMeasure::kCost;
  std::string population_column;                     ///< "被保険者数" or "人口"
  std::string observed_column;                       ///< "医療費", "件数" or "患者数"
  std::vector<AgeIndexMunicipality> municipalities;  ///< in order of first appearance
};

/// Reads the standard (.csv/.txt/.xlsx/.xlsm via ReadTable, .yaml/.yml as a mapping
/// {bands: [{年齢階級, 基準率, 基準人口}, …]}). Throws InputError.
ageindex::Standard LoadAgeStandard(const std::string& path);

/// Reads the data table and checks it against the standard's bands: every band must be
/// one of the standard's, given once per municipality, and every municipality must
/// have every band. Throws InputError.
AgeIndexData LoadAgeIndexData(const std::string& path, const ageindex::Standard& standard);

}  // namespace kokuho
