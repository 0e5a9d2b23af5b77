#include "io/yaml_reader.h"

#include <fmt/format.h>

#include <algorithm>
#include <unordered_map>
#include <vector>

#include "io/encoding.h"

namespace kokuho {
namespace {

// Deeper nesting than any case file needs; also stops runaway recursion through aliases.
constexpr int kMaxDepth = 64;

// The lines of every YAML text parsed, by file name: yaml-cpp counts columns in bytes,
// users count characters (an editor shows 前期高齢者納付金等: as 10 columns, not 28).
std::unordered_map<std::string, std::vector<std::string>>& LinesByFile() {
  static std::unordered_map<std::string, std::vector<std::string>> lines;
  return lines;
}

SourcePos PosOfMark(const YAML::Mark& mark, const std::string& file) {
  if (mark.is_null() || mark.line < 0) return SourcePos{file, 0, 0};
  int column = mark.column + 1;
  auto it = LinesByFile().find(file);
  if (it != LinesByFile().end() && static_cast<size_t>(mark.line) < it->second.size()) {
    const std::string& line = it->second[static_cast<size_t>(mark.line)];
    const size_t bytes = std::min(line.size(), static_cast<size_t>(std::max(mark.column, 0)));
    column = 1;
    for (size_t i = 0; i < bytes; ++i)
      column += (static_cast<unsigned char>(line[i]) & 0xC0) != 0x80 ? 1 : 0;
  }
  return SourcePos{file, mark.line + 1, column};
}

// kokuho's YAML files never continue a quoted value onto the next line; yaml-cpp would
// read an unclosed quote as a value running to the end of the file and report a
// confusing "missing key" instead. A quote opens a quoted value only where a value
// starts (after ': ', '- ', '[', '{', ',' or at the start of a line).
void CheckQuotesClosed(const std::vector<std::string>& lines, const std::string& file) {
  for (size_t n = 0; n < lines.size(); ++n) {
    const std::string& line = lines[n];
    char open = 0;
    size_t open_at = 0;
    char prev = ' ';  // last non-space character outside quotes (start of line counts)
    for (size_t i = 0; i < line.size(); ++i) {
      const char c = line[i];
      if (open) {
        if (open == '"' && c == '\\') {
          ++i;
        } else if (c == open) {
          if (open == '\'' && i + 1 < line.size() && line[i + 1] == '\'') {
            ++i;  // '' inside single quotes
          } else {
            open = 0;
            prev = c;
          }
        }
        continue;
      }
      if (c == '#' && (i == 0 || line[i - 1] == ' ' || line[i - 1] == '\t')) break;
      if ((c == '"' || c == '\'') && (prev == ' ' || prev == ':' || prev == '-' || prev == '[' ||
                                      prev == '{' || prev == ',')) {
        const bool at_value = i == 0 || line[i - 1] == ' ' || line[i - 1] == '\t' || prev == '[' ||
                              prev == '{' || prev == ',';
        if (at_value) {
          open = c;
          open_at = i;
          continue;
        }
      }
      if (c != ' ' && c != '\t') prev = c;
    }
    if (open) {
      int column = 1;
      for (size_t i = 0; i < open_at; ++i)
        column += (static_cast<unsigned char>(line[i]) & 0xC0) != 0x80 ? 1 : 0;
      throw InputError({file, static_cast<int>(n) + 1, column},
                       fmt::format("invalid YAML: the quote {} opened here is not closed on this "
                                   "line; expected a closing {}",
                                   open, open));
    }
  }
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
  std::vector<std::string>& lines = LinesByFile()[file];
  lines.clear();
  for (size_t start = 0; start <= utf8.size();) {
    size_t end = utf8.find('\n', start);
    if (end == std::string::npos) end = utf8.size();
    std::string line = utf8.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(std::move(line));
    start = end + 1;
  }
  CheckQuotesClosed(lines, file);
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
