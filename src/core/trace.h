// TraceStep and Trace: how a figure was made, one type for every explanation kokuho gives
// (`kokuho explain` for 納付金 and 標準保険料率, `kokuho levy --explain` for a household's
// premium, the web app's 算定過程 and the Python API).
//
// An explanation is built from an engine's results after the computation (nofukin/explain.h,
// premium/levy.cc), never interleaved with the arithmetic. Each step names what was computed,
// the rule as a formula or the worked arithmetic, the inputs with their values, the result,
// the rounding applied and the rule's source (law, guideline, notice or docs/ page) — only the
// fields that apply are filled.
//
//   Trace t(/*enabled=*/true);
//   t.Add({.subject = "102016", .part = Part::kIryo, .step = "納付金算定基礎額 C",
//          .formula = "C = 保険料収納必要総額 + Σ個別減算 − Σ個別加算",
//          .result = "1,234,567円", .source = "ガイドライン 3(2)"});
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/part.h"

namespace kokuho {

struct TraceStep {
  /// Whose figure: a municipality's 団体コード in a 納付金 step; empty for a prefecture-level
  /// step and in a household's levy (whose steps name the member in `step`).
  std::string subject;
  std::optional<Part> part;  ///< empty for steps over all 分 (e.g. 激変緩和)
  std::string step;          ///< heading: "納付金算定基礎額 C", "世帯員1 給与所得"
  /// The rule as a formula ("C = 保険料収納必要総額 + …"), or for a levy line the worked
  /// arithmetic ("給与収入 3,000,000円 → 別表第五 … = 2,020,000円").
  std::string formula;
  std::vector<std::pair<std::string, std::string>> inputs;  ///< name → value as shown
  std::string result;
  std::string rounding;  ///< empty when exact
  std::string source;    ///< e.g. "ガイドライン(R3.9) 3(2); docs/nofukin-rules.md 手順6"
};

/// The steps of one explanation, in the order of the calculation; Add() does nothing when the
/// trace is off, so callers need not test.
class Trace {
 public:
  explicit Trace(bool enabled = false) : enabled_(enabled) {}
  bool enabled() const { return enabled_; }
  void Add(TraceStep step) {
    if (enabled_) steps_.push_back(std::move(step));
  }
  const std::vector<TraceStep>& steps() const { return steps_; }

 private:
  bool enabled_;
  std::vector<TraceStep> steps_;
};

}  // namespace kokuho
