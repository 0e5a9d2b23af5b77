#include "readers/case_loader.h"

#include <fmt/format.h>

#include <filesystem>

#include "core/text.h"
#include "io/table_reader.h"
#include "io/yaml_map.h"
#include "io/yaml_reader.h"
#include "readers/municipality_table.h"
#include "readers/part_rules.h"
#include "readers/relief_policy_reader.h"

namespace kokuho {
namespace {

namespace fs = std::filesystem;
using nofukin::Case;
using nofukin::LevyMethod;

LevyMethod ParseLevyMethod(const std::string& text, const SourcePos& pos, const std::string& what,
                           bool allow_four) {
  std::string t = NormalizeWidth(Trim(text));
  if (t == "2方式" || t == "2") return LevyMethod::kTwo;
  if (t == "3方式" || t == "3") return LevyMethod::kThree;
  if (allow_four && (t == "4方式" || t == "4")) return LevyMethod::kFour;
  throw InputError(pos,
                   fmt::format("{}: {}は算定方式として読めません。{}のどれかを書いてください", what,
                               Quoted(text), allow_four ? "2方式、3方式、4方式" : "2方式、3方式"));
}

RoundingMode ParseMode(YamlMap& m, const std::string& key, RoundingMode fallback) {
  auto text = m.OptionalText(key);
  if (!text) return fallback;
  auto mode = TryParseRoundingMode(*text);
  if (!mode)
    throw InputError(m.PosOf(m.Require(key)),
                     fmt::format("{}.{}: {}は端数処理として読めません。四捨五入、切り捨て、"
                                 "切り上げのどれかを書いてください",
                                 m.where(), key, Quoted(*text)));
  return *mode;
}

std::vector<nofukin::NamedAmount> ReadAmounts(YamlMap& parent, const std::string& key) {
  std::vector<nofukin::NamedAmount> out;
  auto node = parent.Optional(key);
  if (!node) return out;
  YamlMap m(*node, parent.file(), parent.where() + "." + key);
  Yen sum = 0;
  for (auto& [k, v] : m.Entries()) {
    std::string name = k.as<std::string>();
    SourcePos pos = m.PosOf(v);
    const Yen amount = ParseYen(ScalarText(v, pos, name), pos, m.where() + "." + name);
    // The running sum is checked here, so an overflow is reported at the amount that caused
    // it (never a wrap, which would give a plausible wrong 保険料収納必要総額).
    sum = AddYen(sum, amount, pos, fmt::format("{}.{}: Σ{}", m.where(), name, key));
    out.push_back({name, amount, pos});
  }
  return out;
}

void ReadRounding(YamlMap& root, Case& c) {
  auto node = root.Optional("rounding");
  if (!node) return;
  YamlMap m(*node, root.file(), "rounding");
  m.ExpectKeys({"share_decimals", "gamma_decimals", "nofukin", "income_rate_decimals",
                "income_rate_rounding", "per_capita_unit", "per_capita_rounding"});
  nofukin::RoundingPolicy& r = c.rounding;
  if (auto s = m.OptionalText("share_decimals"); s && *s != "exact")
    r.share_decimals = m.Integer("share_decimals", 1, 30);
  if (m.Has("gamma_decimals")) r.gamma_decimals = m.Integer("gamma_decimals", 1, 30);
  if (auto s = m.OptionalText("nofukin"); s && *s != "largest_remainder")
    throw InputError(m.PosOf(m.Require("nofukin")),
                     "rounding.nofukin: largest_remainder だけが使えます (切り捨てた後、残りの円を"
                     "端数の大きい順に配る方法。Σ納付金 = 総額 を保つ唯一の方法です)");
  if (m.Has("income_rate_decimals"))
    r.income_rate_decimals = m.Integer("income_rate_decimals", 0, 10);
  r.income_rate_mode = ParseMode(m, "income_rate_rounding", r.income_rate_mode);
  if (m.Has("per_capita_unit")) {
    int unit = m.Integer("per_capita_unit", 1, 1000);
    if (unit != 1 && unit != 10 && unit != 100 && unit != 1000)
      throw InputError(m.PosOf(m.Require("per_capita_unit")),
                       fmt::format("rounding.per_capita_unit: {}円は使えません。1、10、100、1000"
                                   " (円) のどれかを書いてください",
                                   unit));
    r.per_capita_unit = unit;
  }
  r.per_capita_mode = ParseMode(m, "per_capita_rounding", r.per_capita_mode);
  m.RejectUnknownKeys();
}

void ReadHighCost(YamlMap& root, Case& c) {
  auto node = root.Optional("high_cost_sharing");
  if (!node) return;
  YamlMap m(*node, root.file(), "high_cost_sharing");
  m.ExpectKeys({"mode", "threshold_yen", "shared_amount_yen"});
  std::string mode = m.Text("mode");
  if (mode == "none") {
    c.high_cost = nofukin::HighCostMode::kNone;
  } else if (mode == "index_exclusion") {
    c.high_cost = nofukin::HighCostMode::kIndexExclusion;
  } else if (mode == "base_split") {
    c.high_cost = nofukin::HighCostMode::kBaseSplit;
  } else {
    throw InputError(m.PosOf(m.Require("mode")),
                     fmt::format("high_cost_sharing.mode: {}は使えません。none、"
                                 "index_exclusion、base_split のどれかを書いてください",
                                 Quoted(mode)));
  }
  if (m.Has("threshold_yen")) c.high_cost_threshold = m.YenValue("threshold_yen", 1);
  if (c.high_cost == nofukin::HighCostMode::kBaseSplit)
    c.policy(Part::kIryo).high_cost_shared_amount = m.YenValue("shared_amount_yen", 0);
  m.RejectUnknownKeys();
}

void ReadPart(YamlMap& parts, Part p, Case& c) {
  YAML::Node node = parts.Require(PartKey(p));
  YamlMap m(node, parts.file(), "parts." + PartKey(p));
  m.ExpectKeys({"expenses", "public_funds", "alpha", "beta", "beta_prime", "equal_share_index",
                "standard_levy_method", "asset_share", "prefecture_collection_rate"});
  nofukin::PartPolicy& policy = c.policy(p);
  policy.expenses = ReadAmounts(m, "expenses");
  policy.public_funds = ReadAmounts(m, "public_funds");
  if (policy.expenses.empty())
    throw InputError(m.pos(), m.where() +
                                  ": expenses (保険給付費等) がありません。項目名と金額の組で"
                                  "書いてください");
  if (policy.RequiredPremiumTotal() <= 0)
    throw InputError(m.pos(), m.where() +
                                  ": Σ expenses − Σ public_funds (保険料収納必要総額) が0以下です。"
                                  "費用と公費の額を確かめてください");
  if (p == Part::kIryo) {
    policy.alpha = m.Rate("alpha", RateRange::kZeroToOne);  // 算定政令 第9条; 条例 0 ≤ α ≤ 1
  } else if (m.Has("alpha")) {
    throw InputError(m.PosOf(m.Require("alpha")),
                     m.where() +
                         ".alpha: α は医療分だけに使います (ガイドライン 4, 5: 支援金分・介護分は"
                         "所得だけを反映します)。この行を消してください");
  }
  policy.beta = m.Rate("beta", RateRange::kPositive);
  policy.beta_prime = m.OptionalRate("beta_prime", RateRange::kPositive).value_or(policy.beta);
  policy.standard_levy = LevyMethod::kThree;
  if (auto t = m.OptionalText("standard_levy_method"))
    policy.standard_levy = ParseLevyMethod(*t, m.PosOf(m.Require("standard_levy_method")),
                                           m.where() + ".standard_levy_method", true);
  const bool needs_e =
      c.allocation == LevyMethod::kThree || policy.standard_levy != LevyMethod::kTwo;
  if (needs_e) {
    policy.equal_share_index = m.Rate("equal_share_index", RateRange::kOpenInterval);
  } else if (auto e = m.OptionalRate("equal_share_index", RateRange::kOpenZeroToOne)) {
    if (*e != Rational(1))
      throw InputError(m.PosOf(m.Require("equal_share_index")),
                       m.where() + ".equal_share_index: 2方式 (平等割なし) では1にしてください");
    policy.equal_share_index = *e;
  }
  if (policy.standard_levy == LevyMethod::kFour) {
    policy.asset_share = m.Rate("asset_share", RateRange::kOpenInterval);
  } else if (m.Has("asset_share")) {
    throw InputError(m.PosOf(m.Require("asset_share")),
                     m.where() +
                         ".asset_share: 4方式のときだけ使います。この行を消すか、"
                         "standard_levy_method を 4方式 にしてください");
  }
  policy.prefecture_collection_rate =
      m.Rate("prefecture_collection_rate", RateRange::kOpenZeroToOne);
  m.RejectUnknownKeys();
}

void ReadItems(YamlMap& root, Case& c) {
  auto node = root.Optional("individual_items");
  if (!node) return;
  SourcePos list_pos = root.PosOf(*node);
  if (!node->IsSequence())
    throw InputError(list_pos, "individual_items: 項目のリスト (- name: …) で書いてください");
  for (const YAML::Node& entry : *node) {
    YamlMap m(entry, root.file(), "individual_items[]");
    m.ExpectKeys({"name", "column", "part", "sign", "stage"});
    nofukin::IndividualItem item;
    item.name = m.Text("name");
    item.column = NormalizeWidth(Trim(m.Text("column")));
    std::string part = m.Text("part");
    auto p = TryParsePart(part);
    if (!p || !c.HasPart(*p))
      throw InputError(m.PosOf(m.Require("part")), "individual_items[].part: " + Quoted(part) +
                                                       "はこの事例の分ではありません。" +
                                                       PartKeysText() +
                                                       " のどれかを書いてください");
    item.part = *p;
    std::string sign = m.Text("sign");
    if (sign == "加算" || sign == "add") {
      item.sign = +1;
    } else if (sign == "減算" || sign == "subtract") {
      item.sign = -1;
    } else {
      throw InputError(m.PosOf(m.Require("sign")), "individual_items[].sign: " + Quoted(sign) +
                                                       "は使えません。加算か減算を書いてください");
    }
    std::string stage = m.Text("stage");
    if (stage == "納付金" || stage == "nofukin") {
      item.stage = nofukin::ItemStage::kNofukin;
    } else if (stage == "標準保険料率" || stage == "standard_rate") {
      item.stage = nofukin::ItemStage::kStandardRate;
    } else {
      throw InputError(m.PosOf(m.Require("stage")),
                       "individual_items[].stage: " + Quoted(stage) +
                           "は使えません。納付金か標準保険料率を書いてください");
    }
    if (StandardColumns().count(item.column))
      throw InputError(m.PosOf(m.Require("column")),
                       "individual_items[].column: " + Quoted(item.column) +
                           "は市町村表の決まった列です。この項目のための列の名前を書いてください");
    for (const auto& other : c.items)
      if (other.column == item.column)
        throw InputError(m.PosOf(m.Require("column")),
                         "individual_items[].column: 列 " + Quoted(item.column) +
                             "が2回使われています。項目ごとに別の列にしてください");
    m.RejectUnknownKeys();
    c.items.push_back(std::move(item));
  }
}

void ReadRelief(YamlMap& root, Case& c) {
  if (auto node = root.Optional("transition_relief"))
    c.relief = ParseReliefPolicy(*node, root.file(), "transition_relief");
}

std::map<std::string, Rational> ReadNationalCosts(YamlMap& root, const std::string& key) {
  std::map<std::string, Rational> out;
  auto node = root.Optional(key);
  if (!node) return out;
  YamlMap m(*node, root.file(), key);
  for (auto& [k, v] : m.Entries()) {
    std::string band = NormalizeWidth(Trim(k.as<std::string>()));
    SourcePos pos = m.PosOf(v);
    out[band] = ParseRate(ScalarText(v, pos, band), pos, key + "." + band, RateRange::kPositive);
  }
  return out;
}

}  // namespace

nofukin::Case LoadCase(const std::string& path) {
  fs::path yaml_path = path;
  std::error_code ec;
  if (fs::is_directory(yaml_path, ec)) yaml_path /= "prefecture.yaml";
  const std::string file = yaml_path.string();
  if (!fs::exists(yaml_path, ec))
    throw InputError({file, 0, 0},
                     "ファイルがありません。事例は prefecture.yaml のあるフォルダです"
                     " (例: examples/gunma)。パスを確かめてください");
  // A table given where the case is expected (a common slip: the 市町村表 itself).
  const std::string ext = yaml_path.extension().string();
  if (ext == ".csv" || ext == ".CSV" || ext == ".xlsx" || ext == ".xlsm" || ext == ".txt")
    throw InputError(
        {file, 0, 0},
        fmt::format("これは表のファイルです。事例のフォルダ (prefecture.yaml のある"
                    "フォルダ、例: {}) か prefecture.yaml を指定してください",
                    yaml_path.parent_path().empty() ? std::string("examples/gunma")
                                                    : yaml_path.parent_path().string()));
  YAML::Node doc = LoadYamlStrict(file);
  YamlMap root(doc, file, "prefecture.yaml");
  root.ExpectKeys({"prefecture", "prefecture_code", "fiscal_year", "coefficients", "municipalities",
                   "municipalities_sheet", "age_bands", "allocation_method", "high_cost_sharing",
                   "rounding", "parts", "individual_items", "transition_relief",
                   "national_cost_per_capita", "national_cost_per_capita_excluding_high_cost",
                   "notice"});

  Case c;
  c.prefecture = root.Text("prefecture");
  c.prefecture_code = NormalizeWidth(Trim(root.Text("prefecture_code")));
  {
    const bool two_digits = c.prefecture_code.size() == 2 &&
                            std::isdigit(static_cast<unsigned char>(c.prefecture_code[0])) &&
                            std::isdigit(static_cast<unsigned char>(c.prefecture_code[1]));
    const int code = two_digits ? std::stoi(c.prefecture_code) : 0;
    if (code < 1 || code > 47)
      throw InputError(
          root.PosOf(root.Require("prefecture_code")),
          "prefecture_code: " + Quoted(c.prefecture_code) +
              "は都道府県コードではありません。01〜47の2桁で書いてください (例: 群馬県 "
              "10)");
  }
  {
    YAML::Node fy = root.Require("fiscal_year");
    auto year = FiscalYear::TryParse(ScalarText(fy, root.PosOf(fy), "fiscal_year"));
    if (!year || year->year() < 2018)
      throw InputError(
          root.PosOf(fy),
          "fiscal_year: " + Quoted(fy.Scalar()) +
              "は使えません。納付金の仕組みが始まった2018年度 (平成30年度) 以降の年度を 2027、"
              "令和9年度、R9 のように書いてください");
    c.fiscal_year = *year;
  }
  c.coefficients_label = root.OptionalText("coefficients").value_or("");
  c.notice = root.OptionalText("notice").value_or("");  // printed by kokuho handout
  if (auto t = root.OptionalText("allocation_method"))
    c.allocation = ParseLevyMethod(*t, root.PosOf(root.Require("allocation_method")),
                                   "allocation_method", false);
  ReadHighCost(root, c);
  ReadRounding(root, c);

  // The 分 in force this year (data/nofukin/parts.yaml): each must be given, no other.
  c.parts = PartsInForce(c.fiscal_year, c.parameter_notes);
  YAML::Node parts_node = root.Require("parts");
  YamlMap parts(parts_node, file, "parts");
  for (auto& [k, v] : parts.Entries()) {
    std::string key = k.as<std::string>();
    auto p = TryParsePart(key);
    if (!p)
      throw InputError(parts.PosOf(k), "parts: " + Quoted(key) + "という分はありません。" +
                                           PartKeysText() + " のどれかを書いてください");
    if (!c.HasPart(*p))
      throw InputError(parts.PosOf(k),
                       fmt::format("parts.{}: {}は{}には賦課されません。この分を消してください "
                                   "(分の一覧: data/nofukin/parts.yaml)",
                                   key, PartLabel(*p), c.fiscal_year.ToWareki()));
  }
  for (Part p : c.parts) {
    if (!parts.Has(PartKey(p))) {
      throw InputError(
          parts.pos(),
          fmt::format("parts: 分 {} ({}) がありません。{}からは賦課されるので、"
                      "parts に {}: を加えてください",
                      PartKey(p), PartLabel(p), FirstYearLevied(p).ToWareki(), PartKey(p)));
    }
    ReadPart(parts, p, c);
  }
  ReadItems(root, c);
  ReadRelief(root, c);
  c.national_cost_per_capita = ReadNationalCosts(root, "national_cost_per_capita");
  c.national_cost_per_capita_excluding_high_cost =
      ReadNationalCosts(root, "national_cost_per_capita_excluding_high_cost");

  const fs::path dir = yaml_path.parent_path();
  std::string table_name = root.Text("municipalities");
  std::string sheet = root.OptionalText("municipalities_sheet").value_or("");
  std::optional<std::string> bands_name = root.OptionalText("age_bands");
  root.RejectUnknownKeys();

  // A table named in the YAML but absent is reported where it is named.
  auto require_file = [&](const std::string& key, const std::string& name) {
    if (!fs::exists(dir / name, ec))
      throw InputError(root.PosOf(root.Require(key)),
                       fmt::format("{}: ファイル {}がこのファイルと同じフォルダにありません。"
                                   "ファイル名を確かめてください",
                                   key, Quoted(name)));
  };
  require_file("municipalities", table_name);
  if (bands_name) require_file("age_bands", *bands_name);
  Table table = ReadTable((dir / table_name).string(), sheet);
  ReadMunicipalityTable(table, c);
  if (bands_name) {
    if (c.national_cost_per_capita.empty())
      throw InputError(
          root.PosOf(root.Require("age_bands")),
          "age_bands: national_cost_per_capita (全国の年齢階級別1人当たり医療費) も書いてください");
    ReadAgeBands(ReadTable((dir / *bands_name).string()), c);
  }
  CheckEpsilonSources(table, c);
  return c;
}

}  // namespace kokuho
