#include "readers/scenario_loader.h"

#include <fmt/format.h>

#include <filesystem>

#include "core/text.h"
#include "io/yaml_map.h"
#include "io/yaml_reader.h"
#include "readers/case_loader.h"
#include "readers/relief_policy_reader.h"

namespace kokuho {
namespace {

namespace fs = std::filesystem;
using scenario::Scenario;
using scenario::Stage;
using scenario::YearPlan;

std::string Resolve(const std::string& file, const std::string& relative) {
  fs::path p(relative);
  if (p.is_absolute()) return p.string();
  return (fs::path(file).parent_path() / p).lexically_normal().string();
}

Stage ParseStage(const std::string& text, const SourcePos& pos, const std::string& where) {
  const std::string t = NormalizeWidth(Trim(text));
  if (t == "現行" || t == "current") return Stage::kCurrent;
  if (t == "納付金ベース" || t == "納付金ベースの統一" || t == "nofukin_base")
    return Stage::kNofukinBase;
  if (t == "準統一" || t == "semi_unified") return Stage::kSemiUnified;
  if (t == "完全統一" || t == "unified") return Stage::kUnified;
  throw InputError(pos, where + ": " + Quoted(text) +
                            "は使えません。現行、納付金ベース、準統一、完全統一のどれかを書いて"
                            "ください");
}

void ReadGrowth(YamlMap& root, Scenario& s) {
  auto node = root.Optional("growth");
  if (!node) return;
  YamlMap m(*node, root.file(), "growth");
  m.ExpectKeys({"cost_per_capita", "insured", "income_per_capita"});
  if (auto v = m.OptionalRate("cost_per_capita", RateRange::kAny)) {
    if (*v <= Rational(-1))
      throw InputError(
          m.PosOf(m.Require("cost_per_capita")),
          "growth.cost_per_capita: 伸び率は −1 より大きい値で書いてください (例: +2% なら "
          "0.02)");
    s.growth.cost_per_capita = *v;
  }
  if (auto v = m.OptionalRate("insured", RateRange::kPositive)) s.growth.insured = *v;
  if (auto v = m.OptionalRate("income_per_capita", RateRange::kAny)) {
    if (*v <= Rational(-1))
      throw InputError(
          m.PosOf(m.Require("income_per_capita")),
          "growth.income_per_capita: 伸び率は −1 より大きい値で書いてください (例: +2% なら "
          "0.02)");
    s.growth.income_per_capita = *v;
  }
  m.RejectUnknownKeys();
}

void ReadCollection(YamlMap& m, YearPlan& y, const std::string& where) {
  auto node = m.Optional("collection_rate");
  if (!node) return;
  YamlMap c(*node, m.file(), where + ".collection_rate");
  c.ExpectKeys({"uniform", "change"});
  y.collection.uniform = c.OptionalRate("uniform", RateRange::kOpenZeroToOne);
  if (auto d = c.OptionalRate("change", RateRange::kAny)) {
    if (*d < Rational(-1, 5) || *d > Rational(1, 5))
      throw InputError(c.PosOf(c.Require("change")),
                       where + ".collection_rate.change: " + d->ToDecimalString(4) +
                           " は範囲外です。−0.2〜0.2 の変化を書いてください");
    y.collection.change = d;
  }
  c.RejectUnknownKeys();
}

/// A coefficient of every 分 (`beta_prime: 0.9`) or per 分 (`beta_prime: {医療分: 0.9,
/// 支援金分: 1}`, keys as in prefecture.yaml's parts); a 分 the case does not compute is refused.
void ReadPerPart(YamlMap& m, const std::string& key, RateRange range, const Scenario& s,
                 std::array<std::optional<Rational>, kPartCount>& out) {
  auto node = m.Optional(key);
  if (!node) return;
  if (!node->IsMap()) {
    const Rational v = m.Rate(key, range);
    for (Part p : s.base.parts) out[static_cast<int>(p)] = v;
    return;
  }
  YamlMap per_part(*node, m.file(), m.where() + "." + key);
  for (const auto& [k, v] : per_part.Entries()) {
    const SourcePos pos = per_part.PosOf(k);
    const auto part = TryParsePart(k.as<std::string>());
    if (!part || !s.base.HasPart(*part))
      throw InputError(
          pos, fmt::format("{}.{}: {}は計算する分ではありません。{} のどれかを書いてください",
                           m.where(), key, Quoted(k.as<std::string>()), PartShortLabelsText("、")));
    out[static_cast<int>(*part)] = per_part.Rate(k.as<std::string>(), range);
  }
}

YearPlan ReadYear(const YAML::Node& node, const std::string& file, std::size_t index,
                  const Scenario& s) {
  const std::string where = fmt::format("years[{}]", index + 1);
  YamlMap m(node, file, where);
  m.ExpectKeys({"year", "stage", "alpha", "beta_prime", "equal_share_index", "collection_rate",
                "relief", "note"});
  YearPlan y;
  y.pos = m.pos();
  YAML::Node yn = m.Require("year");
  auto fy = FiscalYear::TryParse(ScalarText(yn, m.PosOf(yn), where + ".year"));
  if (!fy)
    throw InputError(m.PosOf(yn), where + ".year: " + Quoted(yn.Scalar()) +
                                      "は年度として読めません。令和9年度、R9、2027 のように"
                                      "書いてください");
  y.year = *fy;
  y.pos = m.PosOf(yn);
  Stage previous = s.years.empty() ? Stage::kCurrent : s.years.back().stage;
  y.stage = previous;
  if (auto st = m.Optional("stage"))
    y.stage =
        ParseStage(ScalarText(*st, m.PosOf(*st), where + ".stage"), m.PosOf(*st), where + ".stage");
  if (y.stage < previous)
    throw InputError(
        m.PosOf(m.Require("stage")),
        fmt::format("{}.stage: 前の年の{}から{}には戻れません (統一の道のりは後戻りしません)",
                    where, scenario::StageLabel(previous), scenario::StageLabel(y.stage)));
  y.alpha = m.OptionalRate("alpha", RateRange::kZeroToOne);
  if (y.alpha && !y.alpha->IsZero() && y.stage >= Stage::kNofukinBase)
    throw InputError(
        m.PosOf(m.Require("alpha")),
        fmt::format("{}.alpha: {}では α = 0 です ({} が書かれています)。この行を消すか 0 に"
                    "してください",
                    where, scenario::StageLabel(y.stage), y.alpha->ToString()));
  ReadPerPart(m, "beta_prime", RateRange::kPositive, s, y.beta_prime);
  ReadPerPart(m, "equal_share_index", RateRange::kOpenZeroToOne, s, y.equal_share_index);
  ReadCollection(m, y, where);
  if (auto r = m.Optional("relief")) {
    if (r->IsScalar()) {
      const std::string t(Trim(r->as<std::string>()));
      if (t != "なし" && t != "none")
        throw InputError(m.PosOf(*r),
                         where +
                             ".relief: なし か、激変緩和の設定 (項目名: 値 の組) を書いて"
                             "ください");
      y.relief = nofukin::ReliefPolicy{};
    } else {
      y.relief = ParseReliefPolicy(*r, file, where + ".relief");
    }
  }
  m.Optional("note");  // free text for the reader of the file
  m.RejectUnknownKeys();
  return y;
}

void ReadYears(YamlMap& root, Scenario& s) {
  YAML::Node years = root.Require("years");
  if (!years.IsSequence() || years.size() == 0)
    throw InputError(root.PosOf(years), "years: 年度のリスト (- year: …) で書いてください");
  for (std::size_t i = 0; i < years.size(); ++i) {
    YearPlan y = ReadYear(years[i], s.file, i, s);
    if (s.years.empty() && y.year != s.base.fiscal_year)
      throw InputError(y.pos,
                       fmt::format("years[1].year: 最初の年度は事例の年度 ({}) にしてください "
                                   "({} が書かれています)",
                                   s.base.fiscal_year.ToWareki(), y.year.ToWareki()));
    if (!s.years.empty() && y.year.year() != s.years.back().year.year() + 1)
      throw InputError(y.pos,
                       fmt::format("years[{0}].year: {2}の次は{1}です。年度は1年ずつ順に書いて"
                                   "ください ({3} が書かれています)",
                                   i + 1, FiscalYear(s.years.back().year.year() + 1).ToWareki(),
                                   s.years.back().year.ToWareki(), y.year.ToWareki()));
    s.years.push_back(std::move(y));
  }
}

void ReadMunicipalItems(YamlMap& root, Scenario& s) {
  auto node = root.Optional("municipal_items");
  if (!node) return;
  if (!node->IsSequence())
    throw InputError(root.PosOf(*node),
                     "municipal_items: 項目名のリスト (- 名前) で書いてください");
  for (const YAML::Node& n : *node) {
    const SourcePos pos = root.PosOf(n);
    const std::string raw = ScalarText(n, pos, "municipal_items[]");
    const std::string name(Trim(raw));
    bool known = false;
    for (const auto& item : s.base.items) known = known || item.name == name;
    if (!known)
      throw InputError(
          pos,
          fmt::format("municipal_items: {}は事例の individual_items にない名前です", Quoted(name)));
    s.municipal_items.insert(name);
  }
}

void ReadIncentive(YamlMap& root, Scenario& s) {
  auto node = root.Optional("incentive");
  if (!node) return;
  YamlMap m(*node, root.file(), "incentive");
  m.ExpectKeys({"data", "year", "rules", "budget", "national_average"});
  scenario::IncentivePlan p;
  p.data = Resolve(s.file, m.Text("data"));
  p.year = m.Text("year");
  if (!FiscalYear::TryParse(p.year))
    throw InputError(m.PosOf(m.Require("year")),
                     "incentive.year: " + Quoted(p.year) +
                         "は年度として読めません。R3、2021、令和3年度 のように書いてください");
  if (auto r = m.OptionalText("rules")) p.rules = Resolve(s.file, *r);
  if (m.Has("budget")) p.budget = std::to_string(m.YenValue("budget", 0));
  if (auto n = m.OptionalText("national_average")) p.national = Resolve(s.file, *n);
  m.RejectUnknownKeys();
  s.incentive = std::move(p);
}

void ReadHouseholds(YamlMap& root, Scenario& s) {
  auto node = root.Optional("households");
  if (!node) return;
  YamlMap m(*node, root.file(), "households");
  m.ExpectKeys({"population", "rates"});
  scenario::HouseholdPlan h;
  h.population = Resolve(s.file, m.Text("population"));
  const std::string rates = m.OptionalText("rates").value_or("standard");
  if (rates == "standard" || rates == "標準保険料率") {
    h.rule = scenario::RatesRule::kStandard;
  } else {
    h.rule = scenario::RatesRule::kGiven;
    h.rates = Resolve(s.file, rates);
  }
  m.RejectUnknownKeys();
  s.households = h;
}

}  // namespace

scenario::Scenario LoadScenario(const std::string& path) {
  YAML::Node doc = LoadYamlStrict(path);
  YamlMap root(doc, path, "the top level");
  root.ExpectKeys({"scenario", "notice", "case", "growth", "municipal_items", "households", "fund",
                   "deficits", "kpi", "incentive", "years"});
  Scenario s;
  s.file = path;
  s.name = root.Text("scenario");
  s.notice = root.OptionalText("notice").value_or("");
  YAML::Node case_node = root.Require("case");
  const std::string case_path = Resolve(path, ScalarText(case_node, root.PosOf(case_node), "case"));
  // The error_code form: a name the system refuses (too long, ENAMETOOLONG) is a missing
  // case, not a filesystem_error escaping the loader (fuzzing finding 10, docs/fuzzing.md).
  std::error_code ec;
  if (!fs::exists(case_path, ec))
    throw InputError(root.PosOf(case_node),
                     "case: 事例のフォルダかファイルがありません (" + case_path +
                         ")。パスはこのファイルのあるフォルダからの相対パスで書きます");
  s.base = LoadCase(case_path);
  ReadGrowth(root, s);
  ReadMunicipalItems(root, s);
  ReadHouseholds(root, s);
  if (auto f = root.OptionalText("fund")) s.fund = Resolve(path, *f);
  if (auto d = root.OptionalText("deficits")) s.deficits = Resolve(path, *d);
  if (auto k = root.OptionalText("kpi")) s.kpi = Resolve(path, *k);
  ReadIncentive(root, s);
  ReadYears(root, s);
  root.RejectUnknownKeys();
  return s;
}

}  // namespace kokuho
