#include "readers/model_households_loader.h"

#include <fmt/format.h>

#include <filesystem>
#include <set>

#include "core/error.h"
#include "core/text.h"
#include "io/embedded_data.h"
#include "io/encoding.h"
#include "io/yaml_map.h"
#include "io/yaml_reader.h"
#include "readers/household_loader.h"

namespace kokuho {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t kMaxLabelChars = 40;  // one cell of the page's table

std::size_t Utf8Chars(const std::string& s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

}  // namespace

std::string ModelHouseholdsPath(const std::string& case_path, const std::string& option) {
  if (!option.empty()) return option;
  std::error_code ec;
  const fs::path dir =
      fs::is_directory(case_path, ec) ? fs::path(case_path) : fs::path(case_path).parent_path();
  const fs::path own = dir / "model_households.yaml";
  if (fs::exists(own, ec)) return own.string();
  return kDefaultModelHouseholds;
}

std::vector<scenario::ModelHousehold> ParseModelHouseholds(const std::string& text,
                                                           const std::string& name,
                                                           int fiscal_year) {
  if (text.find_first_not_of(" \t\r\n") == std::string::npos)
    throw InputError({name, 1, 1},
                     "ファイルが空です。モデル世帯を households: のリストで書いてください");
  const YAML::Node doc = ParseYamlStrict(text, name);
  YamlMap root(doc, name, "最上位");
  root.ExpectKeys({"households"});
  const YAML::Node list = root.Require("households");
  if (!list.IsSequence() || list.size() == 0 || list.size() > kMaxModelHouseholds)
    throw InputError(root.PosOf(list),
                     fmt::format("households: モデル世帯は1世帯以上{}世帯以下のリストで入力して"
                                 "ください (説明資料は1枚です)",
                                 kMaxModelHouseholds));
  root.RejectUnknownKeys();
  std::vector<scenario::ModelHousehold> out;
  std::set<std::string> labels;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string where = fmt::format("households[{}]", i);
    YamlMap entry(list[i], name, where);
    // The household's own checks first (unknown keys, members …), then the label.
    scenario::ModelHousehold h;
    h.household = ReadHouseholdNode(list[i], name, fiscal_year, where, {"label"});
    if (!h.household.municipality.empty())
      throw InputError(h.household.municipality_at,
                       where +
                           ".municipality: モデル世帯には団体コードを書きません (同じ世帯を"
                           "すべての市町村で試算します)。municipality を消してください");
    const auto label_node = entry.Optional("label");
    if (!label_node)
      throw InputError(entry.pos(), where +
                                        ": label (説明資料に載せる世帯の説明、例: 「40代夫婦と"
                                        "子2人 (給与収入300万円)」) がありません");
    const SourcePos at = entry.PosOf(*label_node);
    h.label = std::string(Trim(ScalarText(*label_node, at, where + ".label")));
    if (h.label.empty() || Utf8Chars(h.label) > kMaxLabelChars)
      throw InputError(at, fmt::format("{}.label: 世帯の説明は1〜{}文字で入力してください", where,
                                       kMaxLabelChars));
    if (!labels.insert(h.label).second)
      throw InputError(at, fmt::format("{}.label: 「{}」はすでに使われています。世帯ごとに違う"
                                       "説明にしてください",
                                       where, h.label));
    // The id names the household in the levy's own messages; no personal data.
    h.household.id = where;
    out.push_back(std::move(h));
  }
  return out;
}

std::vector<scenario::ModelHousehold> LoadModelHouseholds(const std::string& path,
                                                          int fiscal_year) {
  if (path == kDefaultModelHouseholds)
    return ParseModelHouseholds(std::string(EmbeddedDataFile(path)), path, fiscal_year);
  return ParseModelHouseholds(ReadTextFile(path), path, fiscal_year);
}

}  // namespace kokuho
