#include "io/yaml_reader.h"

#include <fmt/format.h>

#include <unordered_map>
#include <vector>

#include "io/encoding.h"

namespace kokuho {
namespace {

// Deeper nesting than any case file needs; also stops runaway recursion through aliases.
constexpr int kMaxDepth = 64;

SourcePos PosOfMark(const YAML::Mark& mark, const std::string& file) {
  if (mark.is_null() || mark.line < 0) return SourcePos{file, 0, 0};
  return SourcePos{file, mark.line + 1, mark.column + 1};
}

// Rejects a key repeated within one mapping, anywhere under `node`.
void CheckDuplicateKeys(const YAML::Node& node, const std::string& file, int depth) {
  if (depth > kMaxDepth) {
    throw InputError(PosOf(node, file),
                     fmt::format("YAML nested more than {} levels deep; expected a case file's "
                                 "structure of a few levels",
                                 kMaxDepth));
  }
  if (node.IsMap()) {
    std::unordered_map<std::string, int> first_line;  // key -> 1-based line
    for (const auto& entry : node) {
      const YAML::Node& key = entry.first;
      if (key.IsScalar()) {
        SourcePos pos = PosOf(key, file);
        auto [it, inserted] = first_line.emplace(key.Scalar(), pos.line);
        if (!inserted) {
          throw InputError(pos, fmt::format("duplicate key '{}' (first at line {}); expected each "
                                            "key once in a mapping",
                                            key.Scalar(), it->second));
        }
      } else {
        CheckDuplicateKeys(key, file, depth + 1);
      }
      CheckDuplicateKeys(entry.second, file, depth + 1);
    }
  } else if (node.IsSequence()) {
    for (const YAML::Node& item : node) CheckDuplicateKeys(item, file, depth + 1);
  }
}

}  // namespace

SourcePos PosOf(const YAML::Node& node, const std::string& file) {
  if (!node.IsDefined()) return SourcePos{file, 0, 0};
  return PosOfMark(node.Mark(), file);
}

YAML::Node ParseYamlStrict(const std::string& utf8, const std::string& file) {
  std::vector<YAML::Node> documents;
  try {
    documents = YAML::LoadAll(utf8);
  } catch (const YAML::Exception& e) {
    throw InputError(PosOfMark(e.mark, file),
                     fmt::format("invalid YAML: {}; expected 'key: value' lines with consistent "
                                 "indentation (spaces, not tabs)",
                                 e.msg));
  }
  if (documents.empty() || documents.front().IsNull())
    throw InputError({file, 0, 0}, "the YAML file is empty; expected keys and values");
  // yaml-cpp starts a new document at '---' and also where a top-level structure ends
  // and another begins (e.g. a list followed by a mapping); an empty one is harmless.
  for (size_t i = 1; i < documents.size(); ++i) {
    if (documents[i].IsNull()) continue;
    throw InputError(PosOf(documents[i], file),
                     "unexpected second YAML document (after '---' or a change of top-level "
                     "structure); expected a single document with one top-level mapping");
  }
  CheckDuplicateKeys(documents.front(), file, 0);
  return documents.front();
}

YAML::Node LoadYamlStrict(const std::string& path) {
  return ParseYamlStrict(ReadTextFile(path), path);
}

}  // namespace kokuho
