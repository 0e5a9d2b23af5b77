// What `kokuho kpi` and the roadmap report read for the KPI figures: the definitions
// (--definitions; else DATA/definitions.yaml; else the bundled data/kpi/definitions.yaml)
// and the data table, evaluated (docs/kpi-format.md).
//
//   KpiEvaluation e = EvaluateKpiData("examples/gunma-kpi");
#pragma once

#include <string>
#include <vector>

#include "kpi/kpi.h"

namespace kokuho::cli {

/// A KPI data set read and evaluated as `kokuho kpi DATA` does. `result` points into
/// `definitions`: keep them together.
struct KpiEvaluation {
  std::vector<kpi::Definition> definitions;
  std::vector<kpi::Observation> observations;
  kpi::Result result;
  std::string definitions_file;  ///< the file the definitions came from
  std::string data_file;
};

/// `definitions` empty: DATA/definitions.yaml when DATA is a folder holding one, else the
/// bundled file.
KpiEvaluation EvaluateKpiData(const std::string& data, const std::string& definitions = "");

}  // namespace kokuho::cli
