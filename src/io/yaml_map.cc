#include "io/yaml_map.h"

#include <fmt/format.h>

#include <algorithm>

#include "core/text.h"
#include "io/yaml_reader.h"

namespace kokuho {

YamlMap::YamlMap(const YAML::Node& node, std::string file, std::string where)
    : node_(node), file_(std::move(file)), where_(std::move(where)) {
  if (!node_.IsMap())
    throw InputError(kokuho::PosOf(node_, file_),
                     fmt::format("{}: 項目名と値の組 (項目名: 値) で書いてください", where_));
}

SourcePos YamlMap::PosOf(const YAML::Node& node) const { return kokuho::PosOf(node, file_); }
SourcePos YamlMap::pos() const { return PosOf(node_); }

bool YamlMap::Has(const std::string& key) const { return static_cast<bool>(node_[key]); }

std::optional<YAML::Node> YamlMap::Optional(const std::string& key) {
  used_.insert(key);
  YAML::Node n = node_[key];
  if (!n || n.IsNull()) return std::nullopt;
  return n;
}

YAML::Node YamlMap::Require(const std::string& key) {
  auto n = Optional(key);
  if (!n)
    throw InputError(pos(), fmt::format("{}: 項目 {} がありません。{}: 値 の行を加えてください",
                                        where_, key, key));
  return *n;
}

std::string ScalarText(const YAML::Node& node, const SourcePos& pos, const std::string& what) {
  if (!node.IsScalar())
    throw InputError(
        pos, fmt::format("{}: 1つの値で書いてください (リストや項目の組は使えません)", what));
  return node.Scalar();
}

FiscalYear FiscalYearAt(const YAML::Node& node, const SourcePos& pos, const std::string& what) {
  auto y = FiscalYear::TryParse(ScalarText(node, pos, what));
  if (!y)
    throw InputError(pos, fmt::format("{}: {}は年度として読めません。R7、2025、令和7年度 のように"
                                      "書いてください",
                                      what, Quoted(node.Scalar())));
  return *y;
}

Rational PercentWithSign(const YAML::Node& node, const SourcePos& pos, const std::string& what) {
  const std::string t(Trim(NormalizeWidth(ScalarText(node, pos, what))));
  auto v = t.empty() || t.back() != '%' ? std::nullopt : Rational::TryParse(t);
  if (!v)
    throw InputError(pos, fmt::format("{}: {}は百分率として読めません。60% のように書いてください",
                                      what, Quoted(t)));
  return *v;
}

bool YamlMap::Bool(const std::string& key) {
  auto b = OptionalBool(key);
  if (!b) Require(key);  // throws "missing key"
  return *b;
}

std::optional<bool> YamlMap::OptionalBool(const std::string& key) {
  auto t = OptionalText(key);
  if (!t) return std::nullopt;
  if (*t == "true") return true;
  if (*t == "false") return false;
  throw InputError(PosOf(Require(key)), fmt::format("{}.{}: {}は true か false で書いてください",
                                                    where_, key, Quoted(*t)));
}

std::string YamlMap::Text(const std::string& key) {
  YAML::Node n = Require(key);
  return ScalarText(n, PosOf(n), where_ + "." + key);
}

std::optional<std::string> YamlMap::OptionalText(const std::string& key) {
  auto n = Optional(key);
  if (!n) return std::nullopt;
  return ScalarText(*n, PosOf(*n), where_ + "." + key);
}

Yen YamlMap::YenValue(const std::string& key, Yen min_value) {
  YAML::Node n = Require(key);
  return ParseYen(ScalarText(n, PosOf(n), key), PosOf(n), where_ + "." + key, min_value);
}

Rational YamlMap::Rate(const std::string& key, RateRange range) {
  YAML::Node n = Require(key);
  return ParseRate(ScalarText(n, PosOf(n), key), PosOf(n), where_ + "." + key, range);
}

std::optional<Rational> YamlMap::OptionalRate(const std::string& key, RateRange range) {
  if (!Optional(key)) return std::nullopt;
  return Rate(key, range);
}

int YamlMap::Integer(const std::string& key, int min_value, int max_value) {
  YAML::Node n = Require(key);
  auto v = TryParseNumber(ScalarText(n, PosOf(n), key));
  if (!v || v->raw().get_den() != 1 || *v < Rational(min_value) || *v > Rational(max_value))
    throw InputError(
        PosOf(n), fmt::format("{}.{}: {}は使えません。{}から{}までの整数で書いてください", where_,
                              key, Quoted(n.Scalar()), min_value, max_value));
  return static_cast<int>(v->Floor());
}

std::vector<std::pair<YAML::Node, YAML::Node>> YamlMap::Entries() {
  std::vector<std::pair<YAML::Node, YAML::Node>> out;
  for (auto it = node_.begin(); it != node_.end(); ++it) {
    used_.insert(it->first.as<std::string>());
    out.push_back({it->first, it->second});
  }
  return out;
}

void YamlMap::ExpectKeys(const std::vector<std::string>& keys) const {
  for (auto it = node_.begin(); it != node_.end(); ++it) {
    std::string key = it->first.as<std::string>();
    if (std::find(keys.begin(), keys.end(), key) != keys.end()) continue;
    std::string list;
    for (const auto& k : keys) list += (list.empty() ? "" : ", ") + k;
    throw InputError(PosOf(it->first),
                     fmt::format("{}: 項目 {} は使えません (使える項目: {})", where_, key, list));
  }
}

void YamlMap::RejectUnknownKeys() const {
  for (auto it = node_.begin(); it != node_.end(); ++it) {
    std::string key = it->first.as<std::string>();
    if (!used_.count(key))
      throw InputError(
          PosOf(it->first),
          fmt::format("{}: 項目 {} は使えません。綴りを確かめてください", where_, key));
  }
}

}  // namespace kokuho
