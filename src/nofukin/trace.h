// Trace: how every figure of a 納付金 calculation was made.
//
// When tracing is on, the engine records one TraceStep per figure: the step's
// Japanese name, the formula, the inputs with their values, the result, the
// rounding applied and the rule's source (guideline section or spec section).
// `kokuho explain` prints the steps of one municipality and 分.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/part.h"

namespace kokuho::nofukin {

struct TraceStep {
  std::string municipality;  ///< 団体コード, or empty for a prefecture-level step
  std::optional<Part> part;  ///< empty for steps over all 分 (e.g. 激変緩和)
  std::string step;          ///< e.g. "納付金算定基礎額 C"
  std::string formula;  ///< e.g. "C = 保険料収納必要総額 + Σ個別減算 − Σ個別加算"
  std::vector<std::pair<std::string, std::string>> inputs;
  std::string result;
  std::string rounding;  ///< empty when exact
  std::string source;    ///< e.g. "ガイドライン(R3.9) 3(2); docs/nofukin-rules.md 手順6"
};

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

}  // namespace kokuho::nofukin
