#include "incentive/scoring.h"

#include <fmt/format.h>

#include <algorithm>

#include "core/largest_remainder.h"

namespace kokuho::incentive {
namespace {

const Rational& ValueOf(const Item& item, const Entity& e) {
  auto it = e.values.find(item.column);
  if (it == e.values.end())
    throw CalculationError(
        fmt::format("{}: 項目 {} に要る列 {} の値がありません", e.code, item.key, item.column));
  return it->second;
}

std::string ClassKey(const IncentiveRules& rules, const Entity& e) {
  const SizeClass* c = rules.ClassOf(e.insured);
  return c ? c->key : "";
}

// value is better than or equal to bound, in the rule's direction.
bool Meets(const Rational& value, const Rational& bound, bool lower_is_better) {
  return lower_is_better ? value <= bound : value >= bound;
}

// Rank within the size class among `peers`, competition ranking (ties share the better
// rank): r = 1 + the number of peers strictly better. Returns {r, peers in the class}.
std::pair<std::int64_t, std::int64_t> RankInClass(const IncentiveRules& rules, const Item& item,
                                                  const Entity& e,
                                                  const std::vector<const Entity*>& peers) {
  const Rational& v = ValueOf(item, e);
  const std::string cls = ClassKey(rules, e);
  std::int64_t n = 0, better = 0;
  for (const Entity* p : peers) {
    if (ClassKey(rules, *p) != cls) continue;
    ++n;
    const Rational& pv = ValueOf(item, *p);
    if (item.lower_is_better ? pv < v : pv > v) ++better;
  }
  return {better + 1, n};
}

}  // namespace

Rational ScoreItem(const IncentiveRules& rules, const Item& item, const Entity& e,
                   const std::vector<const Entity*>& peers) {
  switch (item.kind) {
    case RuleKind::kFlag:
      return ValueOf(item, e).IsZero() ? item.points_no : item.points_yes;
    case RuleKind::kThreshold: {
      const Rational& v = ValueOf(item, e);
      const std::string cls = ClassKey(rules, e);
      const ThresholdTable* table = nullptr;
      for (const auto& t : item.tables)
        if (t.size_class == cls) table = &t;
      if (!table)
        for (const auto& t : item.tables)
          if (t.size_class.empty()) table = &t;
      if (!table) return 0;
      // Steps are best first: the first step met gives its points.
      for (const auto& s : table->steps)
        if (Meets(v, s.bound, item.lower_is_better)) return s.points;
      return 0;
    }
    case RuleKind::kPercentile: {
      // Band met when r ≤ top × n (docs/incentive-format.md "上位3割"; kokuho's reading [K]).
      const auto [rank, n] = RankInClass(rules, item, e, peers);
      for (const auto& b : item.bands)
        if (Rational(rank) <= b.top * Rational(n)) return b.points;
      return 0;
    }
    case RuleKind::kRank: {
      const std::int64_t rank = RankInClass(rules, item, e, peers).first;
      for (const auto& b : item.ranks)
        if (rank <= b.at_most) return b.points;
      return 0;
    }
    case RuleKind::kShare: {
      // The share of the municipalities (peers) whose flag is yes, against the steps.
      const auto n = static_cast<std::int64_t>(peers.size());
      std::int64_t yes = 0;
      for (const Entity* p : peers)
        if (!ValueOf(item, *p).IsZero()) ++yes;
      if (n == 0 || item.tables.empty()) return 0;
      const Rational share = Rational(yes) / Rational(n);
      for (const auto& s : item.tables.front().steps)
        if (Meets(share, s.bound, false)) return s.points;
      return 0;
    }
  }
  return 0;
}

Rational PointRate(const Rational& points, const Rational& max) {
  if (max.Sign() <= 0) throw CalculationError("得点率: 満点は0より大きくしてください");
  return points / max;
}

ScoreResult Score(const IncentiveRules& rules, const std::vector<Entity>& entities) {
  std::vector<const Entity*> municipal_peers;
  for (const auto& e : entities)
    if (e.level == Level::kMunicipal) municipal_peers.push_back(&e);

  ScoreResult result;
  const LevelRules& mun = rules.municipal;
  result.municipal_average.assign(mun.indicators.size(), Rational(0));
  for (const auto& e : entities) {
    const LevelRules& lr = rules.Of(e.level);
    // Ranks (市町村分) and shares (都道府県分) are both taken over the municipalities.
    const std::vector<const Entity*>& peers = municipal_peers;
    EntityScore s;
    s.code = e.code;
    s.name = e.name;
    s.level = e.level;
    s.insured = e.insured;
    s.size_class = ClassKey(rules, e);
    for (const auto& ind : lr.indicators) {
      IndicatorScore is;
      for (const auto& item : ind.items) {
        Rational p = ScoreItem(rules, item, e, peers);
        is.items.push_back(p);
        is.points += p;
      }
      s.total += is.points;
      s.indicators.push_back(std::move(is));
    }
    s.rate = PointRate(s.total, lr.MaxPoints());
    if (e.level == Level::kPrefectural) {
      if (result.prefecture) throw CalculationError("データに都道府県の行が2つ以上あります");
      result.prefecture = std::move(s);
    } else {
      for (size_t k = 0; k < s.indicators.size(); ++k)
        result.municipal_average[k] += s.indicators[k].points;
      result.municipal_average_total += s.total;
      result.municipal.push_back(std::move(s));
    }
  }
  if (!result.municipal.empty()) {
    const Rational n(static_cast<std::int64_t>(result.municipal.size()));
    for (auto& a : result.municipal_average) a = a / n;
    result.municipal_average_total = result.municipal_average_total / n;
  }
  return result;
}

std::vector<Rational> GrantWeights(const std::vector<EntityScore>& scores) {
  std::vector<Rational> w;
  w.reserve(scores.size());
  for (const auto& s : scores) {
    // A negative total counts as 0 (docs/incentive-format.md [K]).
    const Rational points = s.total.Sign() < 0 ? Rational(0) : s.total;
    w.push_back(points * Rational(s.insured));
  }
  return w;
}

std::vector<Yen> AllocateGrant(Yen budget, const std::vector<EntityScore>& scores) {
  if (budget < 0) throw CalculationError("保険者努力支援: 予算は0以上にしてください");
  std::vector<Rational> w = GrantWeights(scores);
  Rational sum = 0;
  for (const auto& x : w) sum += x;
  if (sum.IsZero())
    throw CalculationError(
        "保険者努力支援: 点数 × 被保険者数 が0より大きい市町村がなく、配分できません");
  return AllocateProportionally(budget, w);
}

std::vector<Yen> AllocateWithCaps(Yen budget, const std::vector<Rational>& weights,
                                  const std::vector<Yen>& caps) {
  if (weights.size() != caps.size())
    throw CalculationError("事業費連動: weights and caps differ in length");
  if (budget < 0) throw CalculationError("事業費連動: 予算は0以上にしてください");
  Rational cap_sum = 0, weight_sum = 0;
  for (size_t i = 0; i < caps.size(); ++i) {
    if (caps[i] < 0 || weights[i].Sign() < 0)
      throw CalculationError("事業費連動: 上限と重みは0以上にしてください");
    cap_sum += Rational(caps[i]);
    weight_sum += weights[i];
  }
  if (weight_sum.IsZero()) throw CalculationError("事業費連動: 重みがすべて0で、配分できません");
  if (cap_sum < Rational(budget))
    throw CalculationError(
        "事業費連動: 上限 (2 × 事業費分) の合計が予算より少なく、予算を配り切れません");
  const size_t n = weights.size();
  std::vector<bool> capped(n, false);
  std::vector<Rational> share(n, Rational(0));
  // Each round shares what is left among the uncapped in proportion to their weights;
  // any share above its cap is fixed at the cap. At least one body is capped per round
  // that does not end the loop, so it ends within n rounds.
  for (size_t round = 0; round <= n; ++round) {
    Rational left = Rational(budget), w = 0;
    for (size_t i = 0; i < n; ++i) {
      if (capped[i])
        left -= Rational(caps[i]);
      else
        w += weights[i];
    }
    bool changed = false;
    for (size_t i = 0; i < n; ++i) {
      if (capped[i]) {
        share[i] = Rational(caps[i]);
        continue;
      }
      share[i] = w.IsZero() ? Rational(0) : left * weights[i] / w;
    }
    for (size_t i = 0; i < n; ++i)
      if (!capped[i] && share[i] > Rational(caps[i])) {
        capped[i] = true;
        changed = true;
      }
    if (!changed) break;
  }
  Rational shared = 0;
  for (const auto& x : share) shared += x;
  if (shared < Rational(budget))
    throw CalculationError(
        fmt::format("事業費連動: {}円を配分できません。上限に達していない団体の点数がすべて0です",
                    (Rational(budget) - shared).ToYen(RoundingMode::kCeil)));
  return AllocateLargestRemainder(share, budget);
}

}  // namespace kokuho::incentive
