// YamlMap: reads one YAML mapping of a user's file, key by key, and refuses keys it
// does not know (a typo such as "alfa" must not be silently ignored). Every error
// names file, line and column.
//
//   YamlMap root(node, "prefecture.yaml", "the top level");
//   Rational alpha = root.Rate("alpha", RateRange::kZeroToOne);
//   root.RejectUnknownKeys();
#pragma once

#include <yaml-cpp/yaml.h>

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/fiscal_year.h"
#include "core/rational.h"
#include "core/yen.h"
#include "io/value_parser.h"

namespace kokuho {

class YamlMap {
 public:
  /// Throws InputError unless `node` is a mapping. `where` names it in messages
  /// (e.g. "parts.iryo").
  YamlMap(const YAML::Node& node, std::string file, std::string where);

  bool Has(const std::string& key) const;
  /// The node at `key`; throws "missing key" at the map's position.
  YAML::Node Require(const std::string& key);
  std::optional<YAML::Node> Optional(const std::string& key);

  /// A scalar's text (throws unless the node is a scalar).
  std::string Text(const std::string& key);
  std::optional<std::string> OptionalText(const std::string& key);
  /// true / false (anything else: InputError at the value, "<where>.<key>: expected true
  /// or false").
  bool Bool(const std::string& key);
  std::optional<bool> OptionalBool(const std::string& key);
  Yen YenValue(const std::string& key, Yen min_value = 0);
  Rational Rate(const std::string& key, RateRange range);
  std::optional<Rational> OptionalRate(const std::string& key, RateRange range);
  int Integer(const std::string& key, int min_value, int max_value);

  SourcePos PosOf(const YAML::Node& node) const;
  SourcePos pos() const;
  const std::string& file() const { return file_; }
  const std::string& where() const { return where_; }
  /// The key nodes in document order (for maps of names → amounts).
  std::vector<std::pair<YAML::Node, YAML::Node>> Entries();

  /// Throws at the first key not in `keys`, naming the keys expected. Call it first, so
  /// that a misspelt required key is reported as unknown rather than as missing.
  void ExpectKeys(const std::vector<std::string>& keys) const;

  /// Throws at the first key that no getter asked for.
  void RejectUnknownKeys() const;

 private:
  YAML::Node node_;
  std::string file_;
  std::string where_;
  std::set<std::string> used_;
};

/// A scalar node's text, or an InputError naming what was expected.
std::string ScalarText(const YAML::Node& node, const SourcePos& pos, const std::string& what);

/// A fiscal year in a scalar node (R7, 2025, 令和7年度), or an InputError at `pos`.
FiscalYear FiscalYearAt(const YAML::Node& node, const SourcePos& pos, const std::string& what);

/// A percentage written with its sign ("93.58%", 全角 too) as a fraction (0.9358). A bare
/// number is refused, so that 60 and 0.6 cannot be confused.
Rational PercentWithSign(const YAML::Node& node, const SourcePos& pos, const std::string& what);

}  // namespace kokuho
