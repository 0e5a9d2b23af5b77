#include "report/incentive_tables.h"

#include <fmt/format.h>

namespace kokuho {
namespace {

using incentive::EntityScore;
using incentive::Level;
using incentive::LevelRules;

ReportCell Points(const Rational& p) { return ReportCell::Decimal(p, 2); }
ReportCell Percent(const Rational& rate) { return ReportCell::Decimal(RatePercent(rate), 1); }

std::string SizeLabel(const incentive::IncentiveRules& rules, const std::string& key) {
  const incentive::SizeClass* c = rules.FindClass(key);
  return c ? c->label : "";
}

std::optional<Rational> Find(const std::map<std::string, Rational>& m, const std::string& k) {
  auto it = m.find(k);
  if (it == m.end()) return std::nullopt;
  return it->second;
}

}  // namespace

std::string ShortLabel(const incentive::Indicator& ind) {
  auto sp = ind.label.find(' ');
  return sp == std::string::npos ? ind.label : ind.label.substr(0, sp);
}

Rational RatePercent(const Rational& rate) {
  return (rate * Rational(100)).RoundToDecimals(1, RoundingMode::kHalfUp);
}

std::vector<ReportTable> BuildIncentiveTables(const IncentiveReport& rep) {
  const auto& rules = rep.rules;
  const auto& s = rep.scores;
  const LevelRules& mun = rules.municipal;
  const bool grants = !rep.grants.empty();
  std::vector<ReportTable> out;

  ReportTable m;
  m.key = "incentive_municipal";
  m.title = fmt::format("{} 保険者努力支援制度 市町村分 (満点 {}点)", rules.year.ToWareki(),
                        mun.MaxPoints().ToGroupedString(0));
  m.sheet = "市町村分の得点";
  m.header = {"団体コード", "名称", "被保険者数", "規模"};
  for (const auto& ind : mun.indicators) m.header.push_back(ShortLabel(ind));
  m.header.insert(m.header.end(), {"合計", "得点率(%)"});
  if (grants) m.header.push_back("交付額(円)");
  for (size_t i = 0; i < s.municipal.size(); ++i) {
    const EntityScore& e = s.municipal[i];
    std::vector<ReportCell> row = {ReportCell::Text(e.code), ReportCell::Text(e.name),
                                   ReportCell::Integer(e.insured),
                                   ReportCell::Text(SizeLabel(rules, e.size_class))};
    for (const auto& is : e.indicators) row.push_back(Points(is.points));
    row.push_back(Points(e.total));
    row.push_back(Percent(e.rate));
    if (grants) row.push_back(ReportCell::Integer(rep.grants[i]));
    m.rows.push_back(std::move(row));
  }
  if (!s.municipal.empty()) {
    std::vector<ReportCell> avg = {ReportCell::Text(""), ReportCell::Text("市町村平均"),
                                   ReportCell::Empty(), ReportCell::Empty()};
    for (const auto& a : s.municipal_average) avg.push_back(Points(a));
    avg.push_back(Points(s.municipal_average_total));
    avg.push_back(Percent(incentive::PointRate(s.municipal_average_total, mun.MaxPoints())));
    if (grants) avg.push_back(ReportCell::Empty());  // Σ = the budget, printed below
    m.rows.push_back(std::move(avg));
  }
  out.push_back(std::move(m));

  // Per indicator, as in the MHLW analysis table: 満点, 県 (or 市町村平均), 得点率, 全国.
  ReportTable t;
  t.key = "incentive_indicators";
  t.title = fmt::format("{} 保険者努力支援制度 指標別 (都道府県分: 県の得点; 市町村分: 市町村平均)",
                        rules.year.ToWareki());
  t.sheet = "指標別の得点";
  t.header = {"区分", "指標", "満点", "得点", "得点率(%)"};
  if (rep.national) t.header.insert(t.header.end(), {"全国平均", "全国得点率(%)", "差"});
  t.header.push_back("満点の出典");
  auto add = [&](const std::string& level, const std::string& label, const Rational& max,
                 const std::optional<Rational>& points, const std::optional<Rational>& national,
                 const std::string& source) {
    std::vector<ReportCell> row = {ReportCell::Text(level), ReportCell::Text(label), Points(max),
                                   points ? Points(*points) : ReportCell::Empty(),
                                   points ? Percent(*points / max) : ReportCell::Empty()};
    if (rep.national) {
      row.push_back(national ? Points(*national) : ReportCell::Empty());
      row.push_back(national ? Percent(*national / max) : ReportCell::Empty());
      row.push_back(national && points ? Points(*points - *national) : ReportCell::Empty());
    }
    row.push_back(ReportCell::Text(source));
    t.rows.push_back(std::move(row));
  };
  const LevelRules& pref = rules.prefectural;
  for (size_t k = 0; k < pref.indicators.size(); ++k) {
    const auto& ind = pref.indicators[k];
    std::optional<Rational> p;
    if (s.prefecture) p = s.prefecture->indicators[k].points;
    add("都道府県分", ind.label, ind.max_points, p,
        rep.national ? Find(rep.national->prefectural, ind.key) : std::nullopt,
        ind.max_provenance.source);
  }
  add("都道府県分", "合計", pref.MaxPoints(),
      s.prefecture ? std::optional<Rational>(s.prefecture->total) : std::nullopt,
      rep.national ? rep.national->prefectural_total : std::nullopt, pref.total_provenance.source);
  const bool have_mun = !s.municipal.empty();
  for (size_t k = 0; k < mun.indicators.size(); ++k) {
    const auto& ind = mun.indicators[k];
    add("市町村分", ind.label, ind.max_points,
        have_mun ? std::optional<Rational>(s.municipal_average[k]) : std::nullopt,
        rep.national ? Find(rep.national->municipal, ind.key) : std::nullopt,
        ind.max_provenance.source);
  }
  add("市町村分", "合計", mun.MaxPoints(),
      have_mun ? std::optional<Rational>(s.municipal_average_total) : std::nullopt,
      rep.national ? rep.national->municipal_total : std::nullopt, mun.total_provenance.source);
  out.push_back(std::move(t));

  // Every item's points, to see where each total comes from.
  ReportTable it;
  it.key = "incentive_items";
  it.title = fmt::format("{} 保険者努力支援制度 項目別の得点 (確認済みでない配点を含む)",
                         rules.year.ToWareki());
  it.sheet = "項目別の得点";
  it.header = {"団体コード", "名称", "指標", "項目", "規則", "点"};
  auto items = [&](const EntityScore& e) {
    const LevelRules& lr = rules.Of(e.level);
    for (size_t k = 0; k < lr.indicators.size(); ++k)
      for (size_t j = 0; j < lr.indicators[k].items.size(); ++j) {
        const auto& item = lr.indicators[k].items[j];
        it.rows.push_back({ReportCell::Text(e.code), ReportCell::Text(e.name),
                           ReportCell::Text(ShortLabel(lr.indicators[k])),
                           ReportCell::Text(item.label),
                           ReportCell::Text(incentive::RuleKindName(item.kind)),
                           Points(e.indicators[k].items[j])});
      }
  };
  if (s.prefecture) items(*s.prefecture);
  for (const auto& e : s.municipal) items(e);
  out.push_back(std::move(it));
  return out;
}

nlohmann::ordered_json IncentiveJson(const IncentiveReport& rep) {
  using nlohmann::ordered_json;
  const auto& rules = rep.rules;
  auto entity = [&](const EntityScore& e, std::optional<Yen> grant) {
    const LevelRules& lr = rules.Of(e.level);
    ordered_json j;
    j["code"] = e.code;
    j["name"] = e.name;
    j["insured"] = e.insured;
    if (e.level == Level::kMunicipal) j["size_class"] = e.size_class;
    ordered_json inds = ordered_json::object();
    for (size_t k = 0; k < lr.indicators.size(); ++k)
      inds[lr.indicators[k].key] = e.indicators[k].points.ToString();
    j["indicators"] = inds;
    j["total"] = e.total.ToString();
    j["rate_percent"] = RatePercent(e.rate).ToDecimalString(1);
    if (grant) j["grant_yen"] = *grant;
    return j;
  };
  ordered_json j;
  j["fiscal_year"] = rules.year.ToShortWareki();
  j["definitions"] = rules.file;
  j["unconfirmed_values"] = rules.UnconfirmedCount();
  j["municipal_max"] = rules.municipal.MaxPoints().ToString();
  j["prefectural_max"] = rules.prefectural.MaxPoints().ToString();
  ordered_json mun = ordered_json::array();
  for (size_t i = 0; i < rep.scores.municipal.size(); ++i)
    mun.push_back(entity(rep.scores.municipal[i],
                         rep.grants.empty() ? std::nullopt : std::optional<Yen>(rep.grants[i])));
  j["municipalities"] = mun;
  if (rep.scores.prefecture)
    j["prefecture"] = entity(*rep.scores.prefecture, std::nullopt);
  else
    j["prefecture"] = nullptr;
  ordered_json avg = ordered_json::object();
  for (size_t k = 0; k < rules.municipal.indicators.size() && !rep.scores.municipal.empty(); ++k)
    avg[rules.municipal.indicators[k].key] = rep.scores.municipal_average[k].ToDecimalString(2);
  j["municipal_average"] = {{"indicators", avg},
                            {"total", rep.scores.municipal_average_total.ToDecimalString(2)}};
  if (rep.budget) j["budget_yen"] = *rep.budget;
  if (rep.national) {
    ordered_json n;
    n["source"] = rep.national->source;
    ordered_json nm = ordered_json::object(), np = ordered_json::object();
    for (const auto& [k, v] : rep.national->municipal) nm[k] = v.ToString();
    for (const auto& [k, v] : rep.national->prefectural) np[k] = v.ToString();
    n["municipal"] = nm;
    n["municipal_total"] = rep.national->municipal_total
                               ? ordered_json(rep.national->municipal_total->ToString())
                               : ordered_json(nullptr);
    n["prefectural"] = np;
    n["prefectural_total"] = rep.national->prefectural_total
                                 ? ordered_json(rep.national->prefectural_total->ToString())
                                 : ordered_json(nullptr);
    j["national_average"] = n;
  }
  return j;
}

}  // namespace kokuho
