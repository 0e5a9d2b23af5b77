#include "kpi/kpi.h"

#include <fmt/format.h>

#include <map>
#include <tuple>

namespace kokuho::kpi {

const char* StatusLabel(Status s) {
  switch (s) {
    case Status::kAchieved:
      return "達成";
    case Status::kNotAchieved:
      return "未達成";
    case Status::kImproved:
      return "改善";
    case Status::kWorsened:
      return "悪化";
    case Status::kFlat:
      return "横ばい";
    case Status::kNone:
      return "—";
  }
  return "—";
}

Assessment Assess(const Definition& d, FiscalYear year, const Rational& actual,
                  const std::optional<Rational>& previous) {
  Assessment a;
  a.target = d.TargetFor(year);
  const bool higher = d.direction == Direction::kHigherIsBetter;
  bool met = false;
  if (a.target) {
    a.gap = actual - a.target->value;
    met = higher ? a.gap->Sign() >= 0 : a.gap->Sign() <= 0;
  }
  if (previous) a.change = actual - *previous;
  if (met) {
    a.status = Status::kAchieved;
  } else if (a.change && a.change->Sign() != 0) {
    const bool better = higher ? a.change->Sign() > 0 : a.change->Sign() < 0;
    a.status = better ? Status::kImproved : Status::kWorsened;
  } else if (a.target) {
    a.status = Status::kNotAchieved;
  } else if (a.change) {
    a.status = Status::kFlat;
  } else {
    a.status = Status::kNone;
  }
  return a;
}

PrefectureEvaluation Total(const Definition& d, FiscalYear year,
                           const std::vector<const Observation*>& obs) {
  PrefectureEvaluation p;
  p.definition = &d;
  p.year = year;
  p.municipalities = static_cast<int>(obs.size());
  if (d.kind != Kind::kRatio) {
    Rational sum;
    for (const Observation* o : obs) sum += o->value;
    p.actual = sum;
    return p;
  }
  int without = 0;
  Rational num, den;
  for (const Observation* o : obs) {
    auto base = o->Base();
    if (!base) {
      ++without;
      continue;
    }
    num += o->numerator ? *o->numerator : o->value * *base;
    den += *base;
  }
  if (without > 0) {
    p.note = fmt::format("算出不可: {}市町村に分母がない (率の単純平均は用いない)", without);
    return p;
  }
  if (den.Sign() <= 0) {
    p.note = "算出不可: 分母の合計が0";
    return p;
  }
  p.numerator = num;
  p.denominator = den;
  p.actual = num / den;
  return p;
}

Result Evaluate(const std::vector<Definition>& definitions,
                const std::vector<Observation>& observations) {
  std::map<std::string, size_t> order;
  for (size_t i = 0; i < definitions.size(); ++i) order[definitions[i].key] = i;
  using Key = std::tuple<size_t, std::string, int>;  // KPI order, code, year
  std::map<Key, const Observation*> by_key;
  for (const Observation& o : observations) {
    auto it = order.find(o.key);
    if (it == order.end()) throw CalculationError("KPI: key「" + o.key + "」は定義にありません");
    if (!by_key.emplace(Key{it->second, o.code.str(), o.year.year()}, &o).second)
      throw CalculationError(
          fmt::format("KPI: {} {}年度 {} の値が2つあります", o.code.str(), o.year.year(), o.key));
  }
  Result r;
  std::map<std::pair<size_t, int>, std::vector<const Observation*>> groups;
  for (const auto& [k, o] : by_key) {
    const auto& [idx, code, year] = k;
    const Definition& d = definitions[idx];
    std::optional<Rational> previous;
    if (auto prev = by_key.find(Key{idx, code, year - 1}); prev != by_key.end())
      previous = prev->second->value;
    MunicipalityEvaluation e{&d, *o, Assess(d, o->year, o->value, previous), std::nullopt};
    const auto base = o->Base();
    if (d.kind == Kind::kRatio && base && e.assessment.target &&
        e.assessment.status != Status::kAchieved && e.assessment.gap &&
        e.assessment.gap->Sign() != 0) {
      const Rational numerator = o->numerator ? *o->numerator : o->value * *base;
      e.to_target = e.assessment.target->value * *base - numerator;
    }
    r.municipalities.push_back(std::move(e));
    groups[{idx, year}].push_back(o);
  }
  std::map<std::pair<size_t, int>, std::optional<Rational>> totals;
  for (const auto& [k, obs] : groups) {
    PrefectureEvaluation p = Total(definitions[k.first], FiscalYear(k.second), obs);
    totals[k] = p.actual;
    r.prefecture.push_back(std::move(p));
  }
  for (PrefectureEvaluation& p : r.prefecture) {
    if (!p.actual) continue;
    size_t idx = order[p.definition->key];
    std::optional<Rational> previous;
    if (auto it = totals.find({idx, p.year.year() - 1}); it != totals.end()) previous = it->second;
    p.assessment = Assess(*p.definition, p.year, *p.actual, previous);
  }
  return r;
}

}  // namespace kokuho::kpi
