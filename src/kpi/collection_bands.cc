#include "kpi/collection_bands.h"

#include <algorithm>
#include <map>

namespace kokuho::kpi {

const BandClass* CollectionBands::ClassOf(std::int64_t insured) const {
  for (const auto& c : classes)
    if (c.Contains(insured)) return &c;
  return nullptr;
}

const char* BandName(int band) { return band == 1 ? "上位3割" : band == 2 ? "上位5割" : ""; }

namespace {

// 収納額 still to collect: threshold × (分母 − 除外額) − 分子, when below it.
std::optional<Rational> ToReach(const Observation& o, const std::optional<Rational>& threshold) {
  if (!threshold || !o.Base() || o.value >= *threshold) return std::nullopt;
  const Rational collected = o.numerator ? *o.numerator : o.value * *o.Base();
  return *threshold * *o.Base() - collected;
}

}  // namespace

std::vector<CollectionStanding> StandCollection(const CollectionBands& bands,
                                                const std::vector<Observation>& observations) {
  // Group by (year, band index).
  std::map<std::pair<int, size_t>, std::vector<const Observation*>> groups;
  for (const Observation& o : observations) {
    if (o.key != kCollectionCurrent || !o.insured) continue;
    const BandClass* c = bands.ClassOf(*o.insured);
    if (!c)
      throw CalculationError(fmt::format("{}: 被保険者数 {} はどの規模の区分にも入りません",
                                         o.code.str(), *o.insured));
    groups[{o.year.year(), static_cast<size_t>(c - bands.classes.data())}].push_back(&o);
  }
  std::vector<CollectionStanding> out;
  for (auto& [key, members] : groups) {
    const BandClass& c = bands.classes[key.second];
    const auto n = static_cast<std::int64_t>(members.size());
    std::vector<CollectionStanding> group;
    for (const Observation* o : members) {
      CollectionStanding s;
      s.observation = o;
      s.size_class = &c;
      s.in_class = n;
      // Competition ranking: 1 + the number strictly better (higher 収納率).
      s.rank = 1 + std::count_if(members.begin(), members.end(),
                                 [&](const Observation* p) { return p->value > o->value; });
      // 上位3割 / 上位5割 within the data: rank ≤ 0.3 n / 0.5 n (as the incentive's
      // percentile rule reads 上位X割, docs/incentive-format.md).
      s.data_band = Rational(s.rank) <= Rational(3, 10) * Rational(n)  ? 1
                    : Rational(s.rank) <= Rational(1, 2) * Rational(n) ? 2
                                                                       : 0;
      if (c.top30 || c.top50) {
        s.published_band = c.top30 && o->value >= *c.top30   ? 1
                           : c.top50 && o->value >= *c.top50 ? 2
                                                             : 0;
        s.points = s.published_band == 1   ? bands.points_top30
                   : s.published_band == 2 ? bands.points_top50
                                           : Rational(0);
      }
      s.to_top30 = ToReach(*o, c.top30);
      s.to_top50 = ToReach(*o, c.top50);
      group.push_back(s);
    }
    std::stable_sort(
        group.begin(), group.end(),
        [](const CollectionStanding& a, const CollectionStanding& b) { return a.rank < b.rank; });
    out.insert(out.end(), group.begin(), group.end());
  }
  return out;
}

}  // namespace kokuho::kpi
