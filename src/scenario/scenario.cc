#include "scenario/scenario.h"

namespace kokuho::scenario {

const char* StageLabel(Stage stage) {
  switch (stage) {
    case Stage::kCurrent:
      return "現行";
    case Stage::kNofukinBase:
      return "納付金ベース";
    case Stage::kSemiUnified:
      return "準統一";
    case Stage::kUnified:
      return "完全統一";
  }
  return "?";
}

bool AlphaApplies(Stage stage) { return stage == Stage::kCurrent || stage == Stage::kNofukinBase; }

}  // namespace kokuho::scenario
