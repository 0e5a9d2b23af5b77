#include "incentive/rules.h"

#include <algorithm>

namespace kokuho::incentive {

std::string LevelName(Level level) {
  return level == Level::kMunicipal ? "市町村分" : "都道府県分";
}

std::string RuleKindName(RuleKind kind) {
  switch (kind) {
    case RuleKind::kThreshold:
      return "threshold";
    case RuleKind::kPercentile:
      return "percentile";
    case RuleKind::kRank:
      return "rank";
    case RuleKind::kFlag:
      return "flag";
    case RuleKind::kShare:
      return "share";
  }
  return "";
}

Rational Item::MaxPoints() const {
  Rational best = 0;  // a step not met gives 0
  switch (kind) {
    case RuleKind::kThreshold:
    case RuleKind::kShare:
      for (const auto& t : tables)
        for (const auto& s : t.steps) best = std::max(best, s.points);
      return best;
    case RuleKind::kPercentile:
      for (const auto& b : bands) best = std::max(best, b.points);
      return best;
    case RuleKind::kRank:
      for (const auto& b : ranks) best = std::max(best, b.points);
      return best;
    case RuleKind::kFlag:
      return std::max(points_yes, points_no);
  }
  return best;
}

Rational Item::MinPoints() const {
  Rational worst = 0;
  switch (kind) {
    case RuleKind::kThreshold:
    case RuleKind::kShare:
      for (const auto& t : tables)
        for (const auto& s : t.steps) worst = std::min(worst, s.points);
      return worst;
    case RuleKind::kPercentile:
      for (const auto& b : bands) worst = std::min(worst, b.points);
      return worst;
    case RuleKind::kRank:
      for (const auto& b : ranks) worst = std::min(worst, b.points);
      return worst;
    case RuleKind::kFlag:
      return std::min(points_yes, points_no);
  }
  return worst;
}

Rational LevelRules::MaxPoints() const {
  Rational sum = 0;
  for (const auto& ind : indicators) sum += ind.max_points;
  return sum;
}

const SizeClass* IncentiveRules::FindClass(const std::string& key) const {
  for (const auto& c : size_classes)
    if (c.key == key) return &c;
  return nullptr;
}

const SizeClass* IncentiveRules::ClassOf(std::int64_t insured) const {
  for (const auto& c : size_classes)
    if (c.Contains(insured)) return &c;
  return nullptr;
}

int IncentiveRules::UnconfirmedCount() const {
  int n = 0;
  for (const LevelRules* l : {&municipal, &prefectural}) {
    if (!l->total_provenance.confirmed) ++n;
    for (const auto& ind : l->indicators) {
      if (!ind.max_provenance.confirmed) ++n;
      for (const auto& item : ind.items) {
        if (item.kind == RuleKind::kFlag && !item.provenance.confirmed) ++n;
        for (const auto& t : item.tables)
          for (const auto& s : t.steps)
            if (!s.provenance.confirmed) ++n;
        for (const auto& b : item.bands)
          if (!b.provenance.confirmed) ++n;
        for (const auto& b : item.ranks)
          if (!b.provenance.confirmed) ++n;
      }
    }
  }
  return n;
}

}  // namespace kokuho::incentive
